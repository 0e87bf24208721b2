"""What the yearly report must contain, and where the team's narrative goes (no database).

Working Together to Safeguard Children (2023) asks the safeguarding partners to publish, at
least once in every 12 months, a report setting out five things (`Requirement`). Each is a
section of the report; each section draws on one or more registers (`Part`s, filled by the
providers in `services.yearly_report`); each part and each section has a slot for narrative
that the team writes (`SLOTS`), marked "to be written" in the draft until they do.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.domain.choices import Choice

PLACEHOLDER_PREFIX = "To be written: "


class Requirement(Choice):
    """The five things a yearly report must set out (Working Together 2023), in order."""

    ACTIVITY = "activity", "What the partners did and how effective the arrangements were"
    IMPACT = "impact", "Evidence of impact on outcomes for children and families"
    LITTLE_PROGRESS = "little_progress", "Areas with little or no evidence of progress"
    REVIEWS = "reviews", "Decisions and actions on review recommendations"
    FEEDBACK = "feedback", "Feedback from children and families"

    @property
    def statutory(self) -> str:
        """The requirement as the guidance words it."""
        return {
            "activity": "What the safeguarding partners have done as a result of the "
            "arrangements, including on child safeguarding practice reviews, and how effective "
            "these arrangements have been in practice.",
            "impact": "Evidence of the impact of the work of the safeguarding partners and "
            "relevant agencies, including training, on outcomes for children and families.",
            "little_progress": "An analysis of any areas where there has been little or no "
            "evidence of progress on agreed priorities.",
            "reviews": "A record of decisions and actions taken by the partners in the report's "
            "period (or planned to be taken) to implement the recommendations of any local and "
            "national child safeguarding practice reviews, including any resulting improvements.",
            "feedback": "Ways in which the partners have sought and used feedback from children "
            "and families to inform their work and influence service provision.",
        }[self.value]

    @property
    def number(self) -> int:
        return list(Requirement).index(self) + 1

    @property
    def heading(self) -> str:
        return f"{self.number}. {self.label}"


@dataclass(frozen=True)
class Part:
    """A part of a section drawn from one register by one provider."""

    key: str
    title: str
    requirement: Requirement
    prompt: str  # what the team is asked to write about it


# In the order they appear, section by section.
PARTS: tuple[Part, ...] = (
    Part("priorities", "Priorities and the action log", Requirement.ACTIVITY,
         "what the partners did on each priority this year and what changed as a result."),
    Part("practice_reviews", "Practice reviews", Requirement.ACTIVITY,
         "the reviews held this year, what the partners learnt and whether the statutory "
         "deadlines were met (and why not where they were missed)."),
    Part("section11", "Section 11 audits", Requirement.ACTIVITY,
         "what the Section 11 round showed about agencies' arrangements and what changed "
         "since the last round."),
    Part("thresholds", "Threshold agreement and escalations", Requirement.ACTIVITY,
         "how well partners apply the threshold document, and what the escalations show."),
    Part("attendance", "Board attendance by agency", Requirement.ACTIVITY,
         "how well agencies took part in the board, and what is done where attendance was low."),
    Part("audits", "Multi-agency audits", Requirement.IMPACT,
         "what the audits found about practice and what changed for children as a result."),
    Part("dataset", "Performance dataset", Requirement.IMPACT,
         "the headline trends in the dataset and what they say about outcomes."),
    Part("training", "Multi-agency training", Requirement.IMPACT,
         "who the training reached, how it was evaluated and what changed in practice."),
    Part("behind", "Priorities with little or no progress", Requirement.LITTLE_PROGRESS,
         "why these actions are behind and what the partners will do about them."),
    Part("recommendations", "Recommendations of local and national reviews", Requirement.REVIEWS,
         "the decisions taken on each recommendation and the improvements that resulted."),
    Part("engagement", "Engagement with children and families", Requirement.FEEDBACK,
         "how the partners sought the views of children and families and what they changed "
         "as a result."),
)  # fmt: skip

PARTS_BY_KEY = {part.key: part for part in PARTS}


@dataclass(frozen=True)
class Slot:
    """Where the team writes: before the sections, at the head of a section, or in a part."""

    key: str
    title: str
    prompt: str
    requirement: Requirement | None  # the section it belongs to (None: foreword, looking ahead)


FOREWORD = Slot(
    "foreword",
    "Foreword",
    "a foreword from the chairs or the independent scrutineer: the year in brief, what the "
    "partners are proudest of and what concerns them most.",
    None,
)
AHEAD = Slot(
    "ahead",
    "Looking ahead",
    "the partnership's priorities for next year and how it will know they have been achieved.",
    None,
)


def _section_slot(requirement: Requirement) -> Slot:
    return Slot(
        requirement.value,
        requirement.heading,
        "an overview of this section for readers: what the evidence below shows, in plain words.",
        requirement,
    )


def _part_slot(part: Part) -> Slot:
    return Slot(part.key, part.title, part.prompt, part.requirement)


SLOTS: tuple[Slot, ...] = (
    FOREWORD,
    *(
        slot
        for requirement in Requirement
        for slot in (
            _section_slot(requirement),
            *(_part_slot(p) for p in PARTS if p.requirement is requirement),
        )
    ),
    AHEAD,
)
SLOTS_BY_KEY = {slot.key: slot for slot in SLOTS}
assert len(SLOTS_BY_KEY) == len(SLOTS), "slot keys must be unique"


def placeholder(slot: Slot) -> str:
    return PLACEHOLDER_PREFIX + slot.prompt


def is_placeholder(text: str) -> bool:
    """A paragraph that still holds the draft's prompt (the team has not written over it)."""
    return text.strip().startswith(PLACEHOLDER_PREFIX.strip())
