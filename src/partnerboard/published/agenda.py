"""The public agenda of a meeting: numbered items with times, presenters and papers, and the
board's open actions for matters arising. Restricted items keep their number as "Not
published" (`agenda.visible_items`, the rule of every version); restricted actions and the
online link are left out, and the first page says so (`services.publication`)."""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import WITHHELD_TEXT, AgendaItemKind
from partnerboard.published.framing import framing
from partnerboard.published.meeting_parts import (
    board_short,
    meeting_facts,
    open_actions,
)
from partnerboard.published.model import Notice, PublishedDocument, heading, para, short, table
from partnerboard.services.meetings.documents import MeetingDocument, agenda_document
from partnerboard.services.publication import PublicVersion, agenda_version


def build(document: MeetingDocument, version: PublicVersion, **frame: Any) -> PublishedDocument:
    meeting = document.meeting
    rows: list[tuple[object, ...]] = []
    for item in document.items:
        if item.withheld:
            rows.append((item.number, "", WITHHELD_TEXT, "", ""))
            continue
        title = f"{item.title}\n{item.carried_from}" if item.carried_from else item.title
        time = item.starts_at.strftime("%H:%M") if item.starts_at else ""
        rows.append((item.number, time, title, item.presenter, item.paper_ref))
    blocks: list[Any] = [
        heading(1, f"Agenda of the {meeting.board_name}, {format_date(meeting.starts_at)}"),
        Notice(version.statement, version.left_out),
        meeting_facts(document, []),
        heading(2, "Items"),
    ]
    if rows:
        blocks.append(
            table(
                "Agenda items",
                ("No.", "Time", "Item", "Presenter", "Paper"),
                rows,
                (0.6, 0.9, 5.4, 2.4, 1.2),
            )
        )
    else:
        blocks.append(para("No items yet."))
    if any(item.kind == AgendaItemKind.MATTERS_ARISING for item in document.items):
        blocks += [
            heading(2, "Matters arising: open actions"),
            para(
                "The board's open actions with their latest update, for review under matters "
                "arising.",
                tone="note",
            ),
            open_actions(document),
        ]
    return PublishedDocument(
        kind="agenda",
        title=f"Agenda: {document.title} (public version)",
        short_title=short(f"Agenda: {board_short(meeting)}, {format_date(meeting.starts_at)}"),
        version=version,
        blocks=tuple(blocks),
        subject=f"Agenda of the {meeting.board_name}",
        keywords=("agenda", meeting.board_name, "public version"),
        **frame,
    )


def public_agenda(db: Database, meeting_id: int) -> PublishedDocument:
    """The public agenda of one meeting."""
    document = agenda_document(db, meeting_id, public=True)
    return build(document, agenda_version(document), **framing(db))
