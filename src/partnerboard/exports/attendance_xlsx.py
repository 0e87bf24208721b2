"""Attendance figures as an Excel workbook, for the partnership's yearly report.

Three sheets: by agency, by member, and a note of what was counted. Rates are real numbers
formatted as percentages (so that the report writer can chart and sort them); names are
written so that nothing a partner typed can become a formula.
"""

from __future__ import annotations

import os
from pathlib import Path

from partnerboard.domain.marking import Classification, classify
from partnerboard.services.meetings.figures import AttendanceFigures, Tally
from partnerboard.spreadsheets.cells import put
from partnerboard.spreadsheets.formats import PERCENT
from partnerboard.workbooks.printing import finish_workbook, marking_facts

COLUMNS = (
    ("Meetings expected", 12),
    ("Attended in person", 12),
    ("Attended online", 12),
    ("Deputy attended", 12),
    ("Apologies", 11),
    ("Absent", 9),
    ("Attended themselves", 13),
    ("Seat filled (incl. deputies)", 15),
)


def _numbers(tally: Tally) -> list[object]:
    return [
        tally.expected,
        tally.present,
        tally.online,
        tally.deputy,
        tally.apologies,
        tally.absent,
        tally.rate,
        tally.rate_with_deputies,
    ]


def write_attendance_xlsx(
    figures: AttendanceFigures,
    target: str | os.PathLike[str],
    classification: Classification | None = None,
) -> Path:
    """Write the figures to `target` (.xlsx); returns the path written.

    Attendance holds nothing restricted: OFFICIAL unless `classification` says otherwise."""
    classification = classification or classify(author="")
    from openpyxl import Workbook  # noqa: PLC0415  (openpyxl: only when a workbook is wanted)
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    book = Workbook()
    bold = Font(bold=True, color="FFFFFF")
    fill = PatternFill("solid", fgColor="24466B")

    def sheet(title: str, first: list[tuple[str, int]], rows: list[list[object]]) -> None:
        ws = book.create_sheet(title)
        header = [*first, *COLUMNS]
        for column, (text, width) in enumerate(header, start=1):
            cell = ws.cell(row=1, column=column)
            put(cell, text)
            cell.font, cell.fill = bold, fill
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.column_dimensions[cell.column_letter].width = width
        for r, values in enumerate(rows, start=2):
            for column, value in enumerate(values, start=1):
                cell = ws.cell(row=r, column=column)
                put(cell, value)
                if column > len(header) - 2:
                    PERCENT.show(cell)
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = f"A1:{ws.cell(row=1, column=len(header)).column_letter}{len(rows) + 1}"

    sheet(
        "By agency",
        [("Agency", 40)],
        [[t.name, *_numbers(t)] for t in figures.agencies],
    )
    sheet(
        "By member",
        [("Member", 26), ("Agency", 36)],
        [[t.name, t.detail, *_numbers(t)] for t in figures.members],
    )
    about = book.active
    about.title = "About"
    notes = [
        ("Attendance figures", None),
        ("Period", figures.period),
        ("Boards", figures.board_name or "All boards and sub-groups"),
        ("Meetings held", figures.meetings),
        (
            "Counted",
            "Meetings that took place. Cancelled and planned meetings are not counted. A deputy "
            "who attended is counted apart from the member attending; guests are not counted.",
        ),
        *marking_facts(classification),
    ]
    for r, (label, value) in enumerate(notes, start=1):
        put(about.cell(row=r, column=1), label)
        put(about.cell(row=r, column=2), value)
        about.cell(row=r, column=1).font = Font(bold=True)
    about.column_dimensions["A"].width = 20
    about.column_dimensions["B"].width = 90
    path = Path(target)
    finish_workbook(book, "Attendance figures", classification)
    book.save(path)
    return path
