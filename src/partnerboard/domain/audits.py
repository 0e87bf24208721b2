"""Multi-agency thematic audits: grades, statuses, kinds of finding, and how the figures count.

The figures a board reports ("63% graded Requires improvement or better", "82% the same grading
after moderation") are defined here, once, over plain values, so that the screen, the PDF
report and the Excel export count the same way:

- only an agency's *current* return on a case counts: a re-submission that changed a case
  supersedes the earlier return (kept as history, never counted);
- a return's *final grade* is the grade of its latest moderation (by date, then entry) where it
  has been moderated, else the agency's own grade;
- **share graded Requires improvement or better** = current returns whose final grade is
  Outstanding, Good or Requires improvement ÷ current returns with a grade;
- **moderation agreement rate** = current returns whose latest moderation agreed with the
  agency's grade ÷ current returns that have been moderated. A moderator who agrees keeps the
  agency's grade and one who disagrees gives another, so "agreed" is "the same grading after
  moderation".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerboard.domain import palette
from partnerboard.domain.choices import Choice
from partnerboard.domain.palette import Swatch
from partnerboard.errors import FieldError

THEME_MAX = 200
TITLE_MAX = 300
QUESTION_MAX = 1000
NOTES_MAX = 2000
INVOLVEMENT_MAX = 4000
REFLECTION_MAX = 4000
LEARNING_MAX = 4000
MODERATOR_MAX = 200
FINDING_MAX = 4000
TAG_MAX = 100


class Grade(Choice):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    REQUIRES_IMPROVEMENT = "requires_improvement", "Requires improvement"
    INADEQUATE = "inadequate", "Inadequate"

    @property
    def rank(self) -> int:
        """4 (Outstanding) to 1 (Inadequate): higher is better."""
        return {"outstanding": 4, "good": 3, "requires_improvement": 2, "inadequate": 1}[self.value]

    @property
    def ri_or_better(self) -> bool:
        return self is not Grade.INADEQUATE

    @property
    def swatch(self) -> Swatch:
        return palette.named_swatch(self.value) or palette.GREY

    @classmethod
    def read(cls, text: object) -> Grade | None:
        """A grade as a partner may type it: the label or value in any case, or "RI"."""
        found = cls.parse(text)
        if found is None and text is not None and str(text).strip().casefold() == "ri":
            return cls.REQUIRES_IMPROVEMENT
        return found


class AuditStatus(Choice):
    PLANNED = "planned", "Planned"
    IN_PROGRESS = "in_progress", "In progress"
    MODERATION = "moderation", "Moderation"
    REPORTED = "reported", "Reported"
    CLOSED = "closed", "Closed"

    @property
    def rank(self) -> int:
        return list(AuditStatus).index(self)

    @property
    def takes_returns(self) -> bool:
        """Agencies' returns are imported until the audit has been reported."""
        return self.rank < AuditStatus.REPORTED.rank

    @property
    def takes_moderation(self) -> bool:
        return self in (AuditStatus.IN_PROGRESS, AuditStatus.MODERATION)

    @property
    def complete(self) -> bool:
        return self in (AuditStatus.REPORTED, AuditStatus.CLOSED)


def check_move(old: AuditStatus, new: AuditStatus) -> str | None:
    """Why an audit cannot move from `old` to `new` (None: it can).

    An audit moves one step at a time, forwards (planned → in progress → moderation →
    reported → closed) or one step back to correct a mistake or reopen it.
    """
    if abs(new.rank - old.rank) <= 1:
        return None
    step = list(AuditStatus)[old.rank + (1 if new.rank > old.rank else -1)]
    return (
        f"An audit moves one step at a time: from {old.label} it can go to {step.label} "
        f"next, not straight to {new.label}."
    )


class FindingKind(Choice):
    STRENGTH = "strength", "Strength"
    AREA_FOR_DEVELOPMENT = "area_for_development", "Area for development"
    LEARNING = "learning", "Learning"


# ---------------------------------------------------------------- rules shared by forms and workbooks


def check_length(field: str, value: str | None, label: str, limit: int) -> list[FieldError]:
    if value is not None and len(value) > limit:
        return [FieldError(field, f"{label} is {len(value)} characters; at most {limit} fit.")]
    return []


def check_case_return(
    involvement: str | None,
    reflection: str | None,
    grade: Grade | None,
    grade_text: str | None,
) -> list[FieldError]:
    """What is missing or wrong in one agency's return on one case (learning is optional)."""
    errors: list[FieldError] = []
    if not involvement:
        errors.append(FieldError("involvement", "Describe your agency's involvement."))
    if not reflection:
        errors.append(FieldError("reflection", "Reflect on your agency's practice in this case."))
    if grade is None:
        choices = ", ".join(Grade.labels())
        errors.append(
            FieldError(
                "grade",
                f"“{grade_text}” is not a grade: choose one of {choices}."
                if grade_text
                else f"Choose a grade: {choices}.",
            )
        )
    return errors


def check_period(start: date | None, end: date | None) -> list[FieldError]:
    if start and end and end < start:
        return [FieldError("period_end", "The period cannot end before it starts.")]
    return []


# ---------------------------------------------------------------- figures


@dataclass(frozen=True)
class GradedReturn:
    """One current return as the figures see it: the agency's grade and its latest moderation."""

    grade: Grade | None
    moderated_grade: Grade | None = None
    agreed: bool | None = None  # None: not moderated

    @property
    def moderated(self) -> bool:
        return self.agreed is not None

    @property
    def final(self) -> Grade | None:
        return self.moderated_grade or self.grade


@dataclass(frozen=True)
class Share:
    part: int
    whole: int

    @property
    def percent(self) -> int | None:
        """Whole percent, halves rounded up (19 of 30 is 63%); None when there is nothing to count."""
        if not self.whole:
            return None
        return (200 * self.part + self.whole) // (2 * self.whole)

    def __str__(self) -> str:
        if not self.whole:
            return "– (none yet)"
        return f"{self.percent}% ({self.part} of {self.whole})"


@dataclass(frozen=True)
class AuditFigures:
    returns: int
    own_counts: tuple[int, ...]  # per Grade, in Grade order: the agencies' own grades
    final_counts: tuple[int, ...]  # per Grade: moderated where moderated, else own
    ri_or_better: Share
    agreement: Share

    @property
    def graded(self) -> int:
        return sum(self.final_counts)

    def final_count(self, grade: Grade) -> int:
        return self.final_counts[list(Grade).index(grade)]


def audit_figures(returns: Iterable[GradedReturn]) -> AuditFigures:
    """The figures over current returns (see the module docstring for the definitions)."""
    grades = list(Grade)
    own = [0] * len(grades)
    final = [0] * len(grades)
    count = moderated = agreed = 0
    for r in returns:
        count += 1
        if r.grade is not None:
            own[grades.index(r.grade)] += 1
        if r.final is not None:
            final[grades.index(r.final)] += 1
        if r.moderated:
            moderated += 1
            agreed += bool(r.agreed)
    graded = sum(final)
    better = graded - final[grades.index(Grade.INADEQUATE)]
    return AuditFigures(
        count, tuple(own), tuple(final), Share(better, graded), Share(agreed, moderated)
    )


SHARE_RULE = (
    "Share graded Requires improvement or better: of the agencies' current returns with a "
    "grade, those whose grade is Outstanding, Good or Requires improvement. A return's grade "
    "is the moderated grade where it has been moderated (its latest moderation), else the "
    "agency's own. Returns replaced by a re-submission are not counted."
)
AGREEMENT_RULE = (
    "Moderation agreement rate: of the current returns that have been moderated, those where "
    "the moderator agreed with the agency's grade (the same grading after moderation), by each "
    "return's latest moderation. Returns not yet moderated are not counted."
)
REAUDIT_RULE = (
    "A case is flagged for re-audit when any agency's current return on it has the final "
    "grade Inadequate; the flag is cleared once a re-audit of the case is linked to it."
)
