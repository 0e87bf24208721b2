"""Minutes as a Word document, to circulate the draft for comments (python-docx).

A4, the partnership's name in the header, "Page X of Y" in the footer, "DRAFT" in the header
and title until the chair approves the minutes, real heading styles (a navigation pane and
screen readers follow them), the document language set to English (UK).
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import AgendaItemKind
from partnerboard.exports.text import plain
from partnerboard.services.meetings.documents import Attendee, MinutesDocument, minutes_document


def minutes_docx(
    db: Database, meeting_id: int, target: str | os.PathLike[str], *, public: bool = False
) -> Path:
    """Write the minutes to `target` as .docx; returns the path written."""
    return write_minutes_docx(minutes_document(db, meeting_id, public=public), target)


def write_minutes_docx(document: MinutesDocument, target: str | os.PathLike[str]) -> Path:
    import docx  # noqa: PLC0415  (python-docx: only when a Word file is wanted)
    from docx.shared import Mm, Pt  # noqa: PLC0415

    word = docx.Document()
    section = word.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(20))
    normal = word.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(11)
    _language(word)
    meeting = document.meeting
    word.core_properties.title = plain(f"Minutes: {document.title}")
    word.core_properties.language = "en-GB"
    word.core_properties.author = plain(document.partnership_name)
    header = section.header.paragraphs[0]
    header.text = plain(document.partnership_name) + ("   DRAFT" if document.draft else "")
    _page_x_of_y(section.footer.paragraphs[0])

    word.add_heading(plain(f"{'Draft minutes' if document.draft else 'Minutes'}"), 0)
    word.add_paragraph(plain(meeting.board_name), style="Subtitle")
    facts = [
        ("Date", f"{meeting.starts_at:%A} {format_date(meeting.starts_at)}"),
        ("Time", meeting.time_text),
        ("Where", meeting.where),
        ("Chair", meeting.chair_name or "Not recorded"),
        ("Minutes by", meeting.minute_taker_name or "Not recorded"),
        ("Quorum", document.quorum.summary if document.quorum else ""),
    ]
    _table(word, ("", ""), facts, header_row=False)
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
    for title, people, note in (
        ("Present", document.present, "Attended"),
        ("In attendance", document.in_attendance, None),
        ("Apologies", document.apologies, "Reason"),
        ("Absent", document.absent, None),
    ):
        _people(word, title, people, note)
    word.add_heading("Items", 1)
    for item in document.items:
        word.add_heading(plain(item.heading), 2)
        if item.presenter or item.paper_ref:
            word.add_paragraph(
                plain(
                    " · ".join(
                        p
                        for p in (item.presenter, item.paper_ref and f"Paper {item.paper_ref}")
                        if p
                    )
                )
            )
        if item.carried_from:
            word.add_paragraph(plain(f"{item.carried_from}."))
        if item.not_reached:
            word.add_paragraph("This item was not reached and is carried forward.")
            continue
        for block in plain(item.discussion).split("\n\n"):
            if block.strip():
                word.add_paragraph(block.strip())
        if item.kind == AgendaItemKind.MATTERS_ARISING and document.matters_arising:
            _table(
                word,
                ("Ref.", "Action", "Lead", "Due", "RAG", "Latest update"),
                [
                    (
                        m.reference,
                        m.text,
                        m.lead,
                        format_date(m.due_on),
                        (m.rag or "").title(),
                        m.latest_update or "",
                    )
                    for m in document.matters_arising
                ],
            )
        if item.decisions:
            paragraph = word.add_paragraph()
            paragraph.add_run("Decisions: ").bold = True
            paragraph.add_run(plain(item.decisions))
        for action in document.actions_for(item):
            paragraph = word.add_paragraph()
            paragraph.add_run(plain(f"Action {action.reference}: ")).bold = True
            due = f", due {format_date(action.due_on)}" if action.due_on else ""
            paragraph.add_run(plain(f"{action.text} ({action.lead or 'lead to be named'}{due})"))
    word.add_heading("Actions arising", 1)
    if document.actions:
        _table(
            word,
            ("Item", "Ref.", "Action", "Lead", "Due"),
            [
                (a.item_number or "", a.reference, a.text, a.lead, format_date(a.due_on))
                for a in document.actions
            ],
        )
    else:
        word.add_paragraph("No actions arose at this meeting.")
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
        _table(word, ("Name", "Role and organisation"), [(p.name, p.described) for p in people])
    else:
        _table(
            word,
            ("Name", "Role and organisation", note),
            [(p.name, p.described, p.note) for p in people],
        )


def _table(
    word: Any, header: tuple[str, ...], rows: list[tuple[object, ...]], header_row: bool = True
) -> None:
    table = word.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    if header_row:
        cells = table.add_row().cells
        for cell, title in zip(cells, header, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(title).bold = True
        _repeat_header(table.rows[0])
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=True):
            cell.text = plain(value)
    word.add_paragraph()


def _repeat_header(row: Any) -> None:
    from docx.oxml import OxmlElement  # noqa: PLC0415

    properties = row._tr.get_or_add_trPr()
    marker = OxmlElement("w:tblHeader")
    properties.append(marker)


def _page_x_of_y(paragraph: Any) -> None:
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    def field(code: str) -> None:
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), code)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "1"
        run.append(text)
        simple.append(run)
        paragraph._p.append(simple)

    paragraph.add_run("Page ")
    field("PAGE")
    paragraph.add_run(" of ")
    field("NUMPAGES")


def _language(word: Any) -> None:
    from docx.oxml import OxmlElement  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415

    run_properties = word.styles["Normal"].element.get_or_add_rPr()
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "en-GB")
    run_properties.append(language)
