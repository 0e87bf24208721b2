"""What a published document says about itself: its marking, that it is the public version,
and what was left out of it.

Decided here, as data, for every document that `partnerboard.published` writes (the public
agenda and minutes, a learning briefing, the threshold document and its sign-up summary, the
yearly report), so that no template decides it. What is *in* a public version is decided where
its content is gathered (`services.meetings.documents`, `services.review_briefing`,
`services.yearly_report` read as the public); this module only states it for the reader.

A published document holds nothing restricted, so it carries no protective marking
(`PUBLIC_MARKING`). The partnership's one classification step for every output (planned) is
meant to set `marking` here; the writers print whatever they are given.
"""

from __future__ import annotations

from dataclasses import dataclass

from partnerboard.db.database import Database
from partnerboard.domain.meetings import shown_in_version
from partnerboard.services.meetings.agenda import item_rows
from partnerboard.services.meetings.records import meeting_of

PUBLIC_MARKING = ""


@dataclass(frozen=True)
class PublicVersion:
    marking: str  # printed at the top and foot of every page; "" for none
    statement: str  # "This is the public version of the minutes …"
    left_out: tuple[str, ...]  # one line per kind of thing left out, in plain words
    # Agenda items left out, by number, so that a reader sees "5. Not published" rather than a
    # gap in the numbering; numbers only, never titles.
    withheld_items: tuple[int, ...] = ()


def withheld_item_numbers(db: Database, meeting_id: int) -> tuple[int, ...]:
    """Numbers of the meeting's items that a public version leaves out.

    Those the viewer may see are counted from the items; for anyone else, restricted items are
    not loaded at all, so a gap in the numbering is all there is to tell, and it is told too.
    """
    with db.reader() as session:
        items = item_rows(session, meeting_of(session, meeting_id))
    public = {i.number for i in items if shown_in_version(i.restricted, public=True)}
    seen = {i.number for i in items}
    gaps = set(range(1, max(seen, default=0) + 1)) - seen
    return tuple(sorted((seen - public) | gaps))


def _items_line(numbers: tuple[int, ...], *, with_actions: bool) -> str:
    actions = " and the actions raised at them" if with_actions else ""
    if not numbers:  # none, or none the viewer can know of: never claim there were none
        return f"Any items restricted to the board{actions}."
    listed = ", ".join(str(n) for n in numbers)
    which = f"item {listed}" if len(numbers) == 1 else f"items {listed}"
    return f"Items restricted to the board ({which}){actions}."


def _meeting_version(db: Database, meeting_id: int, what: str, *others: str) -> PublicVersion:
    withheld = withheld_item_numbers(db, meeting_id)
    return PublicVersion(
        marking=PUBLIC_MARKING,
        statement=f"This is the public version of the {what}, for publication.",
        left_out=(
            _items_line(withheld, with_actions=what == "minutes"),
            "Actions restricted to the board, from the table of open actions.",
            *others,
        ),
        withheld_items=withheld,
    )


def minutes_version(db: Database, meeting_id: int) -> PublicVersion:
    return _meeting_version(
        db,
        meeting_id,
        "minutes",
        "Corrections recorded after the minutes were approved, and the chair's signature.",
    )


def agenda_version(db: Database, meeting_id: int) -> PublicVersion:
    return _meeting_version(db, meeting_id, "agenda", "The link to join the meeting online.")


def briefing_version() -> PublicVersion:
    return PublicVersion(
        marking=PUBLIC_MARKING,
        statement="This is the public version of the learning briefing, for practitioners.",
        left_out=(
            "Anything that could identify a child or family: names, dates and places.",
            "The review's confidential notes and who made its decisions.",
            "Actions restricted to the board.",
        ),
    )


def threshold_document_version() -> PublicVersion:
    return PublicVersion(
        marking=PUBLIC_MARKING,
        statement="This is the public version of the threshold document.",
        left_out=("The board's notes on this version.",),
    )


def signup_summary_version() -> PublicVersion:
    return PublicVersion(
        marking=PUBLIC_MARKING,
        statement="This is the public version of the threshold sign-up summary.",
        left_out=("Notes recorded with each agency's answer, and who signed for it.",),
    )


def yearly_report_version() -> PublicVersion:
    return PublicVersion(
        marking=PUBLIC_MARKING,
        statement="This is the public version of the yearly report, for publication.",
        left_out=(
            "Records restricted to the board (for example reviews of individual cases still "
            "under way), from every figure and table.",
            "The team's working notes: the evidence the registers do not hold, and the prompts "
            "for what to write.",
        ),
    )
