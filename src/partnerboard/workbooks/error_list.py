"""The list of what is wrong with a rejected file, as a workbook to send back to the partner."""

from __future__ import annotations

from pathlib import Path

from partnerboard.domain.dates import format_datetime
from partnerboard.domain.marking import classify
from partnerboard.domain.safe_text import partner_file_name
from partnerboard.spreadsheets.cells import put
from partnerboard.workbooks.importer import FileResult
from partnerboard.workbooks.printing import finish_workbook

SHEET = "Corrections needed"


def error_list_file_name(result: FileResult) -> str:
    """ "<the partner's file name, made safe> - corrections.xlsx" (never a path elsewhere)."""
    return partner_file_name(f"{Path(result.name).stem} - corrections.xlsx")


def write_error_list(result: FileResult, path: Path, partnership: str | None = None) -> Path:
    """Write every error of `result` (sheet, cell, what to correct) to a new workbook at `path`."""
    from openpyxl import Workbook  # noqa: PLC0415  (costly import; only when writing)
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    put(sheet["A1"], "Your return could not be imported")
    sheet["A1"].font = Font(bold=True, size=14)
    facts = [
        ("File", result.name),
        ("Form", result.kind_title or "not recognised (the file could not be read as a template)"),
        ("Agency", result.agency or ""),
        ("Return for", result.context or ""),
        (
            "Checked",
            format_datetime(result.checked_at.replace(microsecond=0)) if result.checked_at else "",
        ),
    ]
    if partnership:
        facts.insert(0, ("Partnership", partnership))
    row = 3
    for label, value in facts:
        put(sheet.cell(row, 1), label)
        sheet.cell(row, 1).font = Font(bold=True)
        put(sheet.cell(row, 2), value)
        row += 1
    row += 1
    put(
        sheet.cell(row, 1),
        "Please correct each point below in the file you sent, save it as an Excel Workbook "
        "(.xlsx) and send it again. Nothing from this file has been recorded yet.",
    )
    sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=3)
    sheet.cell(row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.row_dimensions[row].height = 32
    row += 2
    for column, title in enumerate(("Sheet", "Cell", "What to correct"), start=1):
        cell = sheet.cell(row, column)
        put(cell, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
    sheet.freeze_panes = sheet.cell(row + 1, 1)
    for error in result.errors:
        row += 1
        put(sheet.cell(row, 1), error.sheet or "(whole file)")
        put(sheet.cell(row, 2), error.cell)
        put(sheet.cell(row, 3), error.message)
        sheet.cell(row, 3).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 20
    sheet.column_dimensions["B"].width = 10
    sheet.column_dimensions["C"].width = 100
    path.parent.mkdir(parents=True, exist_ok=True)
    # A list of cells to correct holds nothing restricted: OFFICIAL.
    finish_workbook(book, "Corrections needed", classify(author=partnership or ""))
    temporary = path.with_name(path.name + ".part")
    book.save(temporary)
    temporary.replace(path)
    return path
