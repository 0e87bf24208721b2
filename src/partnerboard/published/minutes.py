"""The public minutes of a meeting, for the partnership's website.

Content comes from `services.meetings.documents.minutes_document(public=True)`, which leaves
every restricted item and the actions raised at it out, each withheld item keeping its number
as a "Not published" row (the rule of every version, `agenda.visible_items`), and classifies
the document (`domain.marking`); `services.publication` says in words what was left out.
Minutes the chair has not approved say "Draft" in their title, first heading and file name.
"""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import AgendaItemKind
from partnerboard.published.framing import framing
from partnerboard.published.meeting_parts import (
    board_short,
    meeting_facts,
    not_published,
    open_actions,
)
from partnerboard.published.model import (
    Notice,
    PublishedDocument,
    Strong,
    heading,
    para,
    paragraphs,
    short,
    table,
)
from partnerboard.services.meetings.documents import Attendee, MinutesDocument, minutes_document
from partnerboard.services.meetings.rows import AgendaItemRow
from partnerboard.services.publication import PublicVersion, minutes_version


def _status(document: MinutesDocument) -> str:
    meeting = document.meeting
    if document.draft:
        return "Draft: these minutes have not yet been approved by the chair."
    by = f" by {meeting.minutes_approved_by}" if meeting.minutes_approved_by else ""
    return f"Approved{by} on {format_date(meeting.minutes_approved_on)}."


def _people(caption: str, people: list[Attendee], note: str | None) -> list[Any]:
    if not people:
        return []
    if note is None:
        return [
            table(
                caption,
                ("Name", "Role and organisation"),
                [(p.name, p.described) for p in people],
                (2.2, 7.2),
            )
        ]
    return [
        table(
            caption,
            ("Name", "Role and organisation", note),
            [(p.name, p.described, p.note) for p in people],
            (2.2, 5.0, 2.2),
        )
    ]


def _item(document: MinutesDocument, item: AgendaItemRow) -> list[Any]:
    if item.withheld:
        return not_published(item, 3)
    parts: list[Any] = [heading(3, f"{item.number}. {item.title}")]
    said = " · ".join(
        p for p in (
            f"Presented by {item.presenter}" if item.presenter else "",
            f"Paper {item.paper_ref}" if item.paper_ref else "",
        ) if p
    )  # fmt: skip
    if said:
        parts.append(para(said, tone="note"))
    if item.carried_from:
        parts.append(para(f"{item.carried_from}.", tone="note"))
    if item.not_reached:
        where = (
            f" It was carried forward to the meeting on {format_date(item.carried_to)}."
            if item.carried_to
            else " It is carried forward to the next meeting."
        )
        return [*parts, para(f"This item was not reached.{where}")]
    if item.kind == AgendaItemKind.PREVIOUS_MINUTES and item.previous_minutes_approved_on:
        parts.append(
            para(
                f"The minutes of the meeting held on {format_date(item.previous_meeting_on)} "
                f"were approved on {format_date(item.previous_minutes_approved_on)}."
            )
        )
    parts += paragraphs(item.discussion)
    if item.kind == AgendaItemKind.MATTERS_ARISING:
        parts.append(open_actions(document))
    if item.decisions:
        parts.append(para(Strong("Decisions:"), " ", item.decisions))
    for action in document.actions_for(item):
        due = f"due {format_date(action.due_on)}" if action.due_on else ""
        who = ", ".join(p for p in (action.lead, due) if p)
        parts.append(
            para(
                Strong(f"Action {action.reference}:"), " ", action.text, f" ({who})" if who else ""
            )
        )
    minuted = item.discussion or item.decisions or document.actions_for(item)
    if not minuted and item.kind != AgendaItemKind.MATTERS_ARISING:
        parts.append(para("Nothing was minuted.", tone="note"))
    return parts


def build(document: MinutesDocument, version: PublicVersion, **frame: Any) -> PublishedDocument:
    """The public minutes from their content and what the public version leaves out."""
    meeting = document.meeting
    draft = "Draft minutes" if document.draft else "Minutes"
    quorum = document.quorum.summary if document.quorum else "Not recorded"
    blocks: list[Any] = [
        heading(1, f"{draft} of the {meeting.board_name}, {format_date(meeting.starts_at)}"),
        Notice(version.statement, version.left_out),
        para(_status(document), tone="note"),
        meeting_facts(
            document,
            [("Minutes by", meeting.minute_taker_name or "Not recorded"), ("Quorum", quorum)],
        ),
        heading(2, "Attendance"),
        *_people("Present", document.present, "Attended"),
        *_people("In attendance", document.in_attendance, None),
        *_people("Apologies", document.apologies, "Reason"),
        *_people("Absent", document.absent, None),
        heading(2, "Items"),
    ]
    for item in document.items:
        blocks += _item(document, item)
    blocks.append(heading(2, "Actions arising"))
    if document.actions:
        blocks.append(
            table(
                "Actions arising",
                ("Ref.", "Action", "Lead", "Due", "Item"),
                [(a.reference, a.text, a.lead, a.due_on, a.item_number) for a in document.actions],
                (0.9, 5.0, 2.6, 1.3, 0.7),
            )
        )
    else:
        blocks.append(para("No actions arose at this meeting."))
    return PublishedDocument(
        kind="draft-minutes" if document.draft else "minutes",
        title=f"{draft}: {document.title} (public version)",
        short_title=short(f"{draft}: {board_short(meeting)}, {format_date(meeting.starts_at)}"),
        version=version,
        blocks=tuple(blocks),
        draft=document.draft,
        subject=f"Minutes of the {meeting.board_name}",
        keywords=("minutes", meeting.board_name, "public version"),
        **frame,
    )


def public_minutes(db: Database, meeting_id: int) -> PublishedDocument:
    """The public minutes of one meeting, as the signed-in user may publish them."""
    document = minutes_document(db, meeting_id, public=True)
    return build(document, minutes_version(document), **framing(db))
