"""The draft yearly report as an editable Word document, for the team to write and sign off.

The first page lists the evidence the registers do not hold for the year, then what the report
must contain and whether each requirement has evidence and narrative. Each section follows with
the requirement as the guidance words it, the team's narrative (or a highlighted "To be written"
paragraph saying what to write), and the figures and tables drawn from the registers.

So that the edited file can be read back (`exports.yearly_report_narrative`), every heading the
team writes under carries a bookmark naming its slot, and what the app drew is in styles of its
own ("Report figure", "Report note", "Evidence gap", tables); anything else under a heading is
the team's.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import placeholder
from partnerboard.exports.text import plain
from partnerboard.exports.word import (
    DocumentProperties,
    add_table,
    bookmark,
    new_document,
    notice,
    page_x_of_y,
    paragraph_style,
)
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.yearly_report import build_report
from partnerboard.services.yearly_report.document import (
    Bullets,
    Figures,
    ReportDocument,
    ReportSection,
    Table,
    Text,
)

# Styles of what the app draws (read back as "not the team's").
FIGURE, NOTE, GAP, TO_WRITE, CELL = (
    "Report figure",
    "Report note",
    "Evidence gap",
    "To be written",
    "Table text",
)
GENERATED_STYLES = frozenset({FIGURE, NOTE, GAP, TO_WRITE, CELL, "Caption", "Title", "Subtitle"})
BOOKMARK_PREFIX = "pb_"
YEAR_BOOKMARK = "pb_year_"  # + "2025_26" on the title
IDENTIFIER = "partnerboard yearly report "  # + "2025/26" (document property)


def yearly_report_docx(
    db: Database,
    year: Period,
    target: str | os.PathLike[str],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ReportDocument:
    """Draw the draft for `year` and write it to `target`; returns what it holds."""
    document = build_report(db, year, progress=progress, cancel=cancel)
    write_report_docx(document, target, db.clock.now_utc())
    return document


def write_report_docx(document: ReportDocument, target: str | os.PathLike[str], now) -> Path:
    year = document.year
    word = new_document(
        DocumentProperties(
            title=f"{document.title} (draft)",
            author=document.classification.author,
            subject=f"Yearly report of the {document.partnership} for {year.label}",
            keywords=f"yearly report; safeguarding partnership; {year.label}",
            category="Yearly report",
            status="Draft",
            identifier=IDENTIFIER + year.label,
            comments=f"Drafted from the registers on {format_date(document.made_on)}; "
            f"figures as they stood on {format_date(document.as_at)}.",
            created=now,
        )
    )
    _styles(word)
    _furniture(word, document)
    counter = iter(range(1, 10_000))
    title = word.add_paragraph(plain(document.title), style="Title")
    bookmark(title, YEAR_BOOKMARK + year.slug.replace("-", "_"), next(counter))
    word.add_paragraph(plain(document.partnership), style="Subtitle")
    if document.classification.notice:  # what it holds, on its first page
        notice(word, document.classification.notice)
    word.add_paragraph(
        f"Draft for the team to edit, drawn from the registers on {format_date(document.made_on)}"
        f". Figures and tables are as the records stood on {format_date(document.as_at)}.",
        style=FIGURE,
    )
    _first_page(word, document)
    for section in document.sections:
        _section(word, section, counter)
    word.add_heading("About this report", 1)
    for line in document.about:
        word.add_paragraph(plain(line), style=NOTE)
    path = Path(target)
    buffer = io.BytesIO()
    word.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def _styles(word: Any) -> None:
    from docx.shared import Pt  # noqa: PLC0415

    paragraph_style(word, FIGURE)
    paragraph_style(word, NOTE, size=9.5, colour="505A5F")
    paragraph_style(word, GAP, bold=True, colour="8A1F11", fill="FDECEA", border="B00020")
    to_write = paragraph_style(word, TO_WRITE, italic=True, fill="FFF2CC", border="F5A623")
    to_write.paragraph_format.keep_with_next = True
    cell = paragraph_style(word, CELL, size=9)
    cell.paragraph_format.space_after = Pt(0)


def _furniture(word: Any, document: ReportDocument) -> None:
    """Header: the partnership, the draft and the marking; footer: the marking and the page."""
    section = word.sections[0]
    marking = document.marking
    header = section.header.paragraphs[0]
    header.text = plain(f"{document.partnership} · {document.title} · DRAFT")
    if marking:
        header.add_run(f"\t{marking}").bold = True
    footer = section.footer.paragraphs[0]
    if marking:
        footer.add_run(marking).bold = True
    footer.add_run("\t")
    page_x_of_y(footer)


def _first_page(word: Any, document: ReportDocument) -> None:
    year = document.year.label
    word.add_heading("Before publication: evidence the registers do not hold", 1)
    empty = [c for c in document.checks if not c.evidence]
    if empty:
        word.add_paragraph(
            f"The registers hold no evidence for {year} for: "
            + "; ".join(c.requirement.heading for c in empty)
            + ".",
            style=GAP,
        )
    if document.gaps:
        word.add_paragraph(
            f"For {year} the registers hold no record of the following. Fill each gap before "
            "publishing: record the evidence in the app, or explain it in the section's "
            "narrative.",
            style=FIGURE,
        )
        for check in document.checks:
            if check.gaps:
                paragraph = word.add_paragraph(style="List Bullet")
                paragraph.add_run(f"{check.requirement.heading}: ").bold = True
                paragraph.add_run(plain("; ".join(check.gaps)) + ".")
    else:
        word.add_paragraph(
            f"The registers hold evidence for every part of the report for {year}.", style=FIGURE
        )
    word.add_heading("What the report must contain", 2)
    written = {s.slot.key for s in document.sections if s.written}
    rows = []
    for check in document.checks:
        evidence = "None" if not check.evidence else ("Yes" if not check.gaps else "Partly")
        rows.append(
            (
                f"{check.requirement.heading}. {check.requirement.statutory}",
                evidence + (f" ({len(check.gaps)} gap{'s' * (len(check.gaps) != 1)})" if check.gaps else ""),
                "Written" if check.requirement.value in written else "To be written",
            )
        )  # fmt: skip
    add_table(
        word,
        "The five requirements of Working Together 2023, checked against the registers",
        ("Requirement", "Evidence in the registers", "Section narrative"),
        rows,
        (64, 20, 16),
        cell_style=CELL,
    )
    word.add_heading("How to edit this draft", 2)
    for line in (
        "Write over each highlighted “To be written” paragraph; add as many paragraphs, lists "
        "and subheadings (Heading 3) as you need under a heading.",
        "Keep the section headings: the app finds your text by them when it takes the "
        "narrative back for publication.",
        "Figures and tables come from the registers and are drawn again for publication, as "
        "the public may see them: correct a figure in the app, not in this document.",
        "Rows marked “Restricted” are records restricted to the board; the published version "
        "leaves them out.",
    ):
        word.add_paragraph(line, style="List Bullet")


def _section(word: Any, section: ReportSection, counter: Any) -> None:
    heading = word.add_heading(plain(section.slot.title), section.level)
    # Each section on a new page (a break in the heading, not an empty paragraph that could
    # land alone on a page of its own).
    heading.paragraph_format.page_break_before = section.level == 1
    bookmark(heading, BOOKMARK_PREFIX + section.slot.key, next(counter))
    if section.statutory:
        asks = word.add_paragraph(
            f"Working Together 2023 asks for: {section.statutory}", style=NOTE
        )
        asks.paragraph_format.keep_with_next = True
    if section.narrative:
        for block in section.narrative:
            _narrative(word, block)
    else:
        word.add_paragraph(placeholder(section.slot), style=TO_WRITE)
    for gap in section.gaps:
        word.add_paragraph(_gap(gap), style=GAP)
    for content in section.content:
        _content(word, content)


def _narrative(word: Any, block: Text | Bullets) -> None:
    if isinstance(block, Bullets):
        for item in block.items:
            word.add_paragraph(plain(item), style="List Bullet")
    elif block.kind == "subheading":
        word.add_heading(plain(block.text), 3)
    else:
        word.add_paragraph(plain(block.text))


def _content(word: Any, content: Figures | Table | Text | Bullets) -> None:
    if isinstance(content, Figures):
        add_table(
            word,
            content.caption,
            ("What", "Figure"),
            [(f.label, f.value) for f in content.rows],
            (62, 38),
            cell_style=CELL,
        )
    elif isinstance(content, Table):
        add_table(
            word,
            content.caption,
            content.header,
            [tuple(plain(v) for v in row) for row in content.rows],
            content.widths,
            total=content.total,
            cell_style=CELL,
        )
    elif isinstance(content, Bullets):  # drawn, so not in the team's list style
        for item in content.items:
            word.add_paragraph(_bullet(item), style=FIGURE)
    else:
        word.add_paragraph(plain(content.text), style=NOTE if content.kind == "note" else FIGURE)


def _asks(section: ReportSection) -> str:
    return f"Working Together 2023 asks for: {section.statutory}"


def _gap(gap: str) -> str:
    return f"Evidence gap: {plain(gap)}."


def _bullet(item: str) -> str:
    return f"• {plain(item)}"


def drawn_texts(document: ReportDocument) -> dict[str, set[str]]:
    """Slot key -> the paragraphs the draft draws under its heading (not tables), as written;
    what the team's edited file is compared with."""
    found: dict[str, set[str]] = {}
    for section in document.sections:
        texts = {_gap(g) for g in section.gaps}
        if section.statutory:
            texts.add(_asks(section))
        for content in section.content:
            if isinstance(content, Text):
                texts.add(plain(content.text))
            elif isinstance(content, Bullets):
                texts |= {_bullet(i) for i in content.items}
        found[section.slot.key] = {t.strip() for t in texts}
    return found
