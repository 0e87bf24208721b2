"""What the public agenda and the public minutes share: the meeting's facts, the board's open
actions under matters arising, and the line standing for an item that is not published (the
rule is `services.meetings.agenda.visible_items`; the words are `domain.meetings`')."""

from __future__ import annotations

from typing import Any

from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import WITHHELD_TEXT
from partnerboard.published.model import Facts, Paragraph, Table, badge, facts, heading, para, table
from partnerboard.services.meetings.documents import MeetingDocument
from partnerboard.services.meetings.rows import AgendaItemRow, MeetingRow


def board_short(meeting: MeetingRow) -> str:
    """The board's short name ("Executive") for a browser tab, its full name if it has none."""
    return meeting.board_short_name or meeting.board_name


def meeting_facts(document: MeetingDocument, extra: list[tuple[str, object]]) -> Facts:
    """Date, time, place and chair; never the online link (public versions leave it out)."""
    meeting = document.meeting
    pairs: list[tuple[str, object]] = [
        ("Date", f"{meeting.starts_at:%A} {format_date(meeting.starts_at)}"),
        ("Time", meeting.time_text),
        ("Where", meeting.where or "To be confirmed"),
        ("Chair", meeting.chair_name or "Not recorded"),
        *extra,
    ]
    return facts("The meeting", pairs)


def open_actions(document: MeetingDocument) -> Table | Paragraph:
    """The board's open actions as they stood on the meeting day, with their latest update."""
    if not document.matters_arising:
        return para("No open actions to report.", tone="note")
    return table(
        "Open actions",
        ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
        [
            (row.reference, row.text, row.lead, row.due_text, badge(row.rag), row.update_text)
            for row in document.matters_arising
        ],
        widths=(0.8, 3.1, 1.8, 1.3, 1.0, 3.1),
    )


def not_published(item: AgendaItemRow, level: int) -> list[Any]:
    """A withheld item keeps its number ('5. Not published'), with a neutral line instead of
    its content: no title, time, presenter, paper or minutes."""
    return [heading(level, item.heading), para(WITHHELD_TEXT, tone="note")]
