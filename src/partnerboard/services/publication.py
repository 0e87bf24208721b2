"""What a published document says about itself: that it is the public version, and what was
left out of it.

Stated here, as data, for every document that `partnerboard.published` writes (the public
agenda and minutes, a learning briefing, the threshold document and its sign-up summary, the
yearly report), so that no template decides it. Nothing here decides what a public version
holds or its marking:

- what is *in* a public agenda or minutes is decided once, where the meeting's content is
  gathered (`services.meetings.documents`, with `agenda.visible_items`: every item keeps its
  number, a restricted one is a "Not published" row), for the board papers, the Word minutes,
  members' screens and the published documents alike;
- the marking and what was left out come from that document's classification
  (`domain.marking.classify(public=True, …)`): a public version carries no marking.

This module turns the classification into the words a reader of the website sees first.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.domain.marking import Classification, classify
from partnerboard.services.meetings.documents import MeetingDocument, MinutesDocument
from partnerboard.services.review_briefing import BriefingContent


@dataclass(frozen=True)
class PublicVersion:
    # The document's classification (`domain.marking`): for everything published here a public
    # one, so no marking; the writers print whatever marking it gives, top and foot of each page.
    classification: Classification
    statement: str  # "This is the public version of the minutes …"
    left_out: tuple[str, ...]  # one line per kind of thing left out, in plain words

    @property
    def marking(self) -> str:
        """Printed at the top and foot of every page: '' for a public version."""
        return self.classification.marking


def public(author: str) -> Classification:
    """The classification of a public document whose content holds nothing restricted."""
    return classify(author=author, public=True)


def _items_line(classification: Classification, *, with_actions: bool) -> str:
    actions = " and the actions raised at them" if with_actions else ""
    where = classification.left_out_detail  # "item 5", "items 3 and 7": the withheld numbers
    if not where:  # none, or none the viewer can know of: never claim there were none
        return f"Any items restricted to the board{actions}."
    return f"Items restricted to the board ({where}){actions}."


def _meeting_version(document: MeetingDocument, what: str, *others: str) -> PublicVersion:
    if not document.public:
        raise ValueError("only the public version of a meeting's papers is published")
    classification = document.classification
    return PublicVersion(
        classification=classification,
        statement=f"This is the public version of the {what}, for publication.",
        left_out=(
            _items_line(classification, with_actions=what == "minutes"),
            "Actions restricted to the board, from the table of open actions.",
            *others,
        ),
    )


def minutes_version(document: MinutesDocument) -> PublicVersion:
    return _meeting_version(
        document,
        "minutes",
        "Corrections recorded after the minutes were approved, and the chair's signature.",
    )


def agenda_version(document: MeetingDocument) -> PublicVersion:
    return _meeting_version(document, "agenda", "The link to join the meeting online.")


def briefing_version(content: BriefingContent) -> PublicVersion:
    """A briefing holds only what is meant for circulation (`services.review_briefing`)."""
    return PublicVersion(
        classification=public(content.classification.author),
        statement="This is the public version of the learning briefing, for practitioners.",
        left_out=(
            "Anything that could identify a child or family: names, dates and places.",
            "The review's confidential notes and who made its decisions.",
            "Actions restricted to the board.",
        ),
    )


def threshold_document_version(author: str) -> PublicVersion:
    return PublicVersion(
        classification=public(author),
        statement="This is the public version of the threshold document.",
        left_out=("The board's notes on this version.",),
    )


def signup_summary_version(author: str) -> PublicVersion:
    return PublicVersion(
        classification=public(author),
        statement="This is the public version of the threshold sign-up summary.",
        left_out=("Notes recorded with each agency's answer, and who signed for it.",),
    )


def yearly_report_version(author: str) -> PublicVersion:
    return PublicVersion(
        classification=public(author),
        statement="This is the public version of the yearly report, for publication.",
        left_out=(
            "Records restricted to the board (for example reviews of individual cases still "
            "under way), from every figure and table.",
            "The team's working notes: the evidence the registers do not hold, and the prompts "
            "for what to write.",
        ),
    )
