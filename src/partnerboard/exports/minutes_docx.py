"""Minutes as a Word document, to circulate the draft for comments (python-docx).

The same content as the PDF, from the same document model (`services.meetings.documents`):
the same words in every cell ("Overdue", "Not rated", "No update yet"), restricted rows
labelled, withheld items as "Not published". The page (`exports.word`): A4, the marking and
the partnership's name in the header, title, marking and "Page X of Y" in the footer, "DRAFT"
until the chair approves the minutes, the notice of what it holds (or that it is the public
version) first, real heading styles, English (UK), this partnership's document properties.
"""

from __future__ import annotations

import io
import os
from datetime import datetime, time
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import WITHHELD_TEXT, AgendaItemKind
from partnerboard.exports.text import plain
from partnerboard.exports.word import start_document, table
from partnerboard.services.meetings.documents import Attendee, MinutesDocument, minutes_document


def minutes_docx(
    db: Database, meeting_id: int, target: str | os.PathLike[str], *, public: bool = False
) -> Path:
    """Write the minutes to `target` as .docx; returns the path written."""
    document = minutes_document(db, meeting_id, public=public)
    return write_minutes_docx(document, target, made_at=db.clock.now_utc())


def write_minutes_docx(
    document: MinutesDocument, target: str | os.PathLike[str], made_at: datetime | None = None
) -> Path:
    meeting = document.meeting
    title = (
        f"{'Draft minutes' if document.draft else 'Minutes'}: {document.title}{document.version}"
    )
    word = start_document(
        title=title,
        subject=f"Minutes of the {meeting.board_name}",
        partnership=document.partnership_name,
        classification=document.classification,
        made_at=made_at or datetime.combine(document.generated_on, time()),
        draft=document.draft,
    )
    word.add_heading(
        plain(f"{'Draft minutes' if document.draft else 'Minutes'}{document.version}"), 0
    )
    word.add_paragraph(plain(meeting.board_name), style="Subtitle")
    facts = [
        ("Date", f"{meeting.starts_at:%A} {format_date(meeting.starts_at)}"),
        ("Time", meeting.time_text),
        ("Where", meeting.where),
        ("Chair", meeting.chair_name or "Not recorded"),
        ("Minutes by", meeting.minute_taker_name or "Not recorded"),
        ("Quorum", document.quorum.summary if document.quorum else ""),
    ]
    table(word, ("", ""), facts, (0.22, 0.78), header_row=False)
    if document.draft:
        word.add_paragraph("DRAFT: not yet approved by the chair. Comments to the minute taker.")
    else:
        word.add_paragraph(
            plain(
                f"Approved by {meeting.minutes_approved_by or 'the chair'} on "
                f"{format_date(meeting.minutes_approved_on)}."
            )
        )
    word.add_heading("Attendance", 1)
    for heading, people, note in (
        ("Present", document.present, "Attended"),
        ("In attendance", document.in_attendance, None),
        ("Apologies", document.apologies, "Reason"),
        ("Absent", document.absent, None),
    ):
        _people(word, heading, people, note)
    word.add_heading("Items", 1)
    for item in document.items:
        word.add_heading(plain(item.heading), 2)
        if item.withheld:
            word.add_paragraph(WITHHELD_TEXT)
            continue
        if item.presenter or item.paper_ref:
            word.add_paragraph(
                plain(
                    " · ".join(
                        p
                        for p in (
                            item.presenter and f"Presented by {item.presenter}",
                            item.paper_ref and f"Paper {item.paper_ref}",
                        )
                        if p
                    )
                )
            )
        if item.carried_from:
            word.add_paragraph(plain(f"{item.carried_from}."))
        if item.not_reached:
            word.add_paragraph("This item was not reached and is carried forward.")
            continue
        if item.kind == AgendaItemKind.PREVIOUS_MINUTES and item.previous_minutes_approved_on:
            word.add_paragraph(
                f"The minutes of the meeting held on {format_date(item.previous_meeting_on)} "
                f"were approved on {format_date(item.previous_minutes_approved_on)}."
            )
        for block in plain(item.discussion).split("\n\n"):
            if block.strip():
                word.add_paragraph(block.strip())
        if item.kind == AgendaItemKind.MATTERS_ARISING:
            word.add_heading("Open actions", 3)
            word.add_paragraph(
                f"As at {format_date(document.matters_as_at)}: overdue means past its due date "
                "on that day and not complete (an action rated Green is complete)."
            )
            if document.matters_arising:
                table(
                    word,
                    ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
                    [
                        (m.reference, m.action_text, m.lead, m.due_text, m.rag_text, m.update_text)
                        for m in document.matters_arising
                    ],
                    (0.7, 3.1, 1.8, 1.3, 1.1, 3.1),
                )
            else:
                word.add_paragraph("No open actions to report.")
        if item.decisions:
            paragraph = word.add_paragraph()
            paragraph.add_run("Decisions: ").bold = True
            paragraph.add_run(plain(item.decisions))
        for action in document.actions_for(item):
            paragraph = word.add_paragraph()
            paragraph.add_run(plain(f"Action {action.reference}: ")).bold = True
            due = f", due {format_date(action.due_on)}" if action.due_on else ""
            lead = action.lead or "lead to be named"
            paragraph.add_run(plain(f"{action.action_text} ({lead}{due})"))
    word.add_heading("Actions arising", 1)
    if document.actions:
        table(
            word,
            ("Item", "Ref.", "Action", "Lead", "Due"),
            [
                (a.item_number or "", a.reference, a.action_text, a.lead, format_date(a.due_on))
                for a in document.actions
            ],
            (0.7, 0.8, 5, 2.6, 1.3),
        )
    else:
        word.add_paragraph("No actions arose at this meeting.")
    if document.corrections:
        word.add_heading("Corrections after approval", 1)
        table(
            word,
            ("When", "By", "Reason", "What changed"),
            [(c.made_at, c.corrected_by, c.reason, c.detail) for c in document.corrections],
            (1.6, 1.8, 2.8, 4.2),
        )
    word.add_heading("Signed as a true record", 1)
    word.add_paragraph("Signed: ______________________________    Date: ______________")
    word.add_paragraph(plain(f"{meeting.chair_name or ''}, Chair, {meeting.board_name}"))
    path = Path(target)
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _people(word: Any, title: str, people: list[Attendee], note: str | None) -> None:
    if not people:
        return
    word.add_heading(title, 2)
    if note is None:
        rows: list[tuple[object, ...]] = [(p.name, p.described) for p in people]
        table(word, ("Name", "Role and organisation"), rows, (2.2, 7.2))
    else:
        rows = [(p.name, p.described, p.note) for p in people]
        table(word, ("Name", "Role and organisation", note), rows, (2.2, 4.8, 2.4))
