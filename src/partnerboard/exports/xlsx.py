"""What every register export to Excel shares: a styled header, widths, the About sheet, saving.

Cells are written with `spreadsheets.cells.put`, so that a spreadsheet never runs text (a value
starting with =, +, -, @, tab or CR is a text cell with the quote prefix) and dates are real
dates shown dd/mm/yyyy.

openpyxl is imported inside the functions (≈0.2 s): callers import this module freely.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from partnerboard.domain import palette
from partnerboard.domain.marking import Classification
from partnerboard.spreadsheets.cells import put
from partnerboard.workbooks.printing import finish_workbook, marking_facts


def new_workbook() -> Any:
    from openpyxl import Workbook  # noqa: PLC0415  (≈0.2 s; only when exporting)

    workbook = Workbook()
    workbook.remove(workbook.active)
    return workbook


def write_table(
    sheet: Any,
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[int] | None = None,
    first_row: int = 1,
) -> int:
    """A header row (bold, white on the palette's header blue, frozen, filterable) and rows.

    Returns the number of the last row written.
    """
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    fill = PatternFill("solid", fgColor=palette.HEADER_FILL.lstrip("#"))
    for column, title in enumerate(header, start=1):
        cell = sheet.cell(row=first_row, column=column)
        put(cell, title)
        cell.font = Font(bold=True, color=palette.WHITE.lstrip("#"))
        cell.fill = fill
        cell.alignment = Alignment(vertical="top", wrap_text=True)
    last = first_row
    for last, values in enumerate(rows, start=first_row + 1):
        for column, value in enumerate(values, start=1):
            cell = sheet.cell(row=last, column=column)
            put(cell, value)
            # Rows get their heights when the workbook is saved (`printing.fit_row_heights`).
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
    sheet.freeze_panes = sheet.cell(row=first_row + 1, column=1)
    end = get_column_letter(max(len(header), 1))
    sheet.auto_filter.ref = f"A{first_row}:{end}{max(last, first_row)}"
    for column, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    return last


def colour_cell(cell: Any, fill: str, text: str) -> None:
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

    cell.fill = PatternFill("solid", fgColor=fill.lstrip("#"))
    cell.font = Font(color=text.lstrip("#"))


def about_sheet(
    workbook: Any,
    title: str,
    facts: Sequence[tuple[str, object]],
    classification: Classification,
) -> None:
    """A first sheet saying what the workbook is, what it holds (its protective marking, from
    `classification`), from where, when and for whom."""
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415

    sheet = workbook.create_sheet("About", 0)
    put(sheet.cell(row=1, column=1), title)
    sheet.cell(row=1, column=1).font = Font(bold=True, size=14)
    rows = [*marking_facts(classification), *facts]
    for row, (label, value) in enumerate(rows, start=3):
        put(sheet.cell(row=row, column=1), label)
        sheet.cell(row=row, column=1).font = Font(bold=True)
        sheet.cell(row=row, column=1).alignment = Alignment(vertical="top")
        put(sheet.cell(row=row, column=2), value)
        sheet.cell(row=row, column=2).alignment = Alignment(
            horizontal="left", vertical="top", wrap_text=True
        )
    sheet.column_dimensions["A"].width = 28
    sheet.column_dimensions["B"].width = 70


def save_workbook(workbook: Any, path: Path, *, title: str, classification: Classification) -> Path:
    """Save atomically: a failed save never leaves half a workbook where the old one was.

    Every sheet is set to print first (`printing.finish_workbook`: A4, one page wide, heading
    row repeated, marking in header and footer, row heights for wrapped text).
    """
    path = Path(path)
    finish_workbook(workbook, title, classification)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    try:
        workbook.save(temporary)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
