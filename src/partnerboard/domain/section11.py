"""Section 11 (Children Act 2004) self-assessment: rating scales, return statuses and the rules
a return must meet, whether it arrives by workbook or is typed into a form.

A round chooses its rating scale. Each option of a scale has a `level` between 0 and 1 (1 is
best) so that rounds rated on different scales can still be compared year on year, and a
colour for the heatmap. "Not applicable" has no level: it is left out of averages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerboard.domain import palette
from partnerboard.domain.choices import Choice
from partnerboard.domain.palette import Swatch
from partnerboard.errors import FieldError

# The app palette's colours (same on screen and paper, text contrast checked there).
GREEN = palette.GREEN
LIGHT_GREEN = palette.GOOD
AMBER = palette.AMBER
RED = palette.RED
GREY = palette.GREY

EVIDENCE_MAX = 4000
ACTION_MAX = 4000
OWNER_MAX = 200
NAME_MAX = 200


@dataclass(frozen=True)
class Rating:
    value: str  # stored
    label: str  # shown and offered in the workbook's drop-down
    swatch: Swatch  # fill and text colour, for the heatmap, the export and the letter
    level: float | None  # 1.0 best .. 0.0 worst; None = not applicable

    @property
    def applicable(self) -> bool:
        return self.level is not None

    @property
    def colour(self) -> str:
        """The fill as '#RRGGBB'."""
        return self.swatch.fill

    @property
    def text_colour(self) -> str:
        return self.swatch.text


@dataclass(frozen=True)
class RatingScale:
    key: str
    name: str
    options: tuple[Rating, ...]

    def parse(self, text: object) -> Rating | None:
        """The option whose value or label matches `text` (ignoring case and spaces), or None.

        A score typed as a number comes back from a workbook as a float (3.0): it matches "3".
        """
        if text is None:
            return None
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        wanted = " ".join(str(text).split()).casefold()
        if not wanted:
            return None
        for option in self.options:
            if wanted in (option.value.casefold(), option.label.casefold()):
                return option
        return None

    def get(self, value: str | None) -> Rating | None:
        return next((o for o in self.options if o.value == value), None)

    def labels(self) -> list[str]:
        return [o.label for o in self.options]

    @property
    def best(self) -> Rating:
        return max((o for o in self.options if o.applicable), key=lambda o: o.level or 0)

    def nearest(self, level: float | None) -> Rating | None:
        """The applicable option whose level is closest to `level` (for averages and other scales)."""
        if level is None:
            return None
        applicable = [o for o in self.options if o.applicable]
        return min(applicable, key=lambda o: (abs((o.level or 0) - level), -(o.level or 0)))

    def needs_action(self, rating: Rating) -> bool:
        """A rating below the best (and applicable) calls for a planned action."""
        return rating.applicable and (rating.level or 0) < 1.0


_NA = Rating("not_applicable", "Not applicable", GREY, None)

SCALES: dict[str, RatingScale] = {
    scale.key: scale
    for scale in (
        RatingScale(
            "fpn",
            "Fully met / Partially met / Not met",
            (
                Rating("fully_met", "Fully met", GREEN, 1.0),
                Rating("partially_met", "Partially met", AMBER, 0.5),
                Rating("not_met", "Not met", RED, 0.0),
                _NA,
            ),
        ),
        RatingScale(
            "rag",
            "Green / Amber / Red",
            (
                Rating("green", "Green", GREEN, 1.0),
                Rating("amber", "Amber", AMBER, 0.5),
                Rating("red", "Red", RED, 0.0),
                _NA,
            ),
        ),
        RatingScale(
            "fmpn",
            "Fully / Mostly / Partially / Not met",
            (
                Rating("fully_met", "Fully met", GREEN, 1.0),
                Rating("mostly_met", "Mostly met", LIGHT_GREEN, 2 / 3),
                Rating("partially_met", "Partially met", AMBER, 1 / 3),
                Rating("not_met", "Not met", RED, 0.0),
                _NA,
            ),
        ),
        RatingScale(
            "score",
            "Score 0-3",
            (
                Rating("3", "3", GREEN, 1.0),
                Rating("2", "2", LIGHT_GREEN, 2 / 3),
                Rating("1", "1", AMBER, 1 / 3),
                Rating("0", "0", RED, 0.0),
                _NA,
            ),
        ),
    )
}
DEFAULT_SCALE = "fpn"


def scale(key: str | None) -> RatingScale:
    """The scale stored under `key`; an unknown key (a newer version's) falls back to the default."""
    return SCALES.get(key or DEFAULT_SCALE, SCALES[DEFAULT_SCALE])


class ReturnStatus(Choice):
    NOT_ISSUED = "not_issued", "Not issued"
    ISSUED = "issued", "Issued"
    RETURNED = "returned", "Returned"
    VALIDATED = "validated", "Validated"
    CHALLENGED = "challenged", "Challenged"
    FEEDBACK_SENT = "feedback_sent", "Feedback sent"

    @property
    def rank(self) -> int:
        return list(ReturnStatus).index(self)

    @property
    def awaiting_return(self) -> bool:
        return self in (ReturnStatus.NOT_ISSUED, ReturnStatus.ISSUED)


# Where business support may move a return by hand. Returning happens by import; a challenge
# session may be skipped for an agency (validated -> feedback sent); each step can be undone.
ALLOWED_MOVES: dict[ReturnStatus, frozenset[ReturnStatus]] = {
    ReturnStatus.NOT_ISSUED: frozenset({ReturnStatus.ISSUED}),
    ReturnStatus.ISSUED: frozenset({ReturnStatus.NOT_ISSUED, ReturnStatus.RETURNED}),
    ReturnStatus.RETURNED: frozenset({ReturnStatus.ISSUED, ReturnStatus.VALIDATED}),
    ReturnStatus.VALIDATED: frozenset(
        {ReturnStatus.RETURNED, ReturnStatus.CHALLENGED, ReturnStatus.FEEDBACK_SENT}
    ),
    ReturnStatus.CHALLENGED: frozenset({ReturnStatus.VALIDATED, ReturnStatus.FEEDBACK_SENT}),
    ReturnStatus.FEEDBACK_SENT: frozenset({ReturnStatus.CHALLENGED, ReturnStatus.VALIDATED}),
}


def check_move(current: ReturnStatus, wanted: ReturnStatus) -> list[FieldError]:
    if wanted == current or wanted in ALLOWED_MOVES[current]:
        return []
    return [
        FieldError(
            "status", f"A return that is “{current.label}” cannot be marked “{wanted.label}”."
        )
    ]


class RoundStatus(Choice):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"


def is_overdue(status: ReturnStatus, deadline: date | None, today: date) -> bool:
    """Issued, not yet returned and past the deadline."""
    return status == ReturnStatus.ISSUED and deadline is not None and today > deadline


class Change(Choice):
    """How a rating moved from one round to the next."""

    IMPROVED = "improved", "Improved"
    SAME = "same", "No change"
    DECLINED = "declined", "Declined"
    NEW = "new", "New"
    NONE = "none", "Not rated"


def change_between(before: float | None, after: float | None) -> Change:
    if after is None:
        return Change.NONE
    if before is None:
        return Change.NEW
    if after > before + 1e-9:
        return Change.IMPROVED
    if after < before - 1e-9:
        return Change.DECLINED
    return Change.SAME


def average_level(levels: list[float | None]) -> float | None:
    """The mean level of the applicable ratings, or None when none is applicable."""
    rated = [level for level in levels if level is not None]
    return sum(rated) / len(rated) if rated else None


@dataclass(frozen=True)
class AnswerInput:
    """One criterion's answer as typed (workbook cell values or form fields)."""

    rating: object = None
    evidence: object = None
    planned_action: object = None
    action_owner: object = None
    target_date: object = None


def check_text(field: str, value: str | None, label: str, limit: int) -> list[FieldError]:
    if value is not None and len(value) > limit:
        return [FieldError(field, f"{label} is {len(value)} characters long; at most {limit} fit.")]
    return []


def check_answer_rules(
    rating_scale: RatingScale,
    required: bool,
    rating: Rating | None,
    rating_text: str | None,
    evidence: str | None,
    planned_action: str | None,
) -> list[FieldError]:
    """The rules of one answer, once the cell values are text (the field names are columns)."""
    errors: list[FieldError] = []
    if rating_text and rating is None:
        errors.append(
            FieldError(
                "rating",
                f"“{rating_text}” is not one of this round's ratings: "
                + ", ".join(rating_scale.labels())
                + ". Choose one from the list.",
            )
        )
    elif rating is None and required:
        errors.append(FieldError("rating", "A rating is required: choose one from the list."))
    if rating is not None and rating.applicable and required and not evidence:
        errors.append(FieldError("evidence", "Evidence is required for this rating."))
    if rating is not None and rating_scale.needs_action(rating) and not planned_action:
        errors.append(
            FieldError(
                "planned_action",
                f"A planned action is required when the rating is “{rating.label}”.",
            )
        )
    return errors
