"""`partnerboard export s11`: a round's compliance matrix as an Excel workbook.

Sheets: Standards (agencies × standards, coloured by the board's moderated rating where there is
one), Criteria (one row per agency and criterion: the agency's rating, the board's rating and
reason, evidence and planned action, ready for filtering), Status (each agency's return) and
Year on year (every agency together, per standard and round). All text goes through
`cells.put`, so nothing a partner typed can become a live formula.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.section11 import RED
from partnerboard.exports.xlsx import save_workbook
from partnerboard.services import partnership
from partnerboard.services import section11 as s11
from partnerboard.spreadsheets.cells import put
from partnerboard.spreadsheets.formats import DATE
from partnerboard.workbooks.printing import marking_facts


def _fill(cell: Any, colour: str | None) -> None:
    """Fill a cell, with the palette's readable text colour on it (white on the dark fills)."""
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

    from partnerboard.domain.palette import swatch_for_fill  # noqa: PLC0415

    if not colour:
        return
    swatch = swatch_for_fill(colour)
    cell.fill = PatternFill("solid", fgColor=swatch.fill.lstrip("#"))
    cell.font = Font(color=swatch.text.lstrip("#").upper(), bold=True)


def _header(sheet: Any, row: int, titles: list[str], widths: list[float] | None = None) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill  # noqa: PLC0415

    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row, column)
        put(cell, title)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E1F2")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for column, width in enumerate(widths or [], start=1):
        sheet.column_dimensions[_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row + 1, 2)


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    return get_column_letter(column)


def _standards_sheet(
    sheet: Any, matrix: s11.ComplianceMatrix, title: str, marking_line: str
) -> None:
    from openpyxl.styles import Font  # noqa: PLC0415

    put(sheet["A1"], title)
    sheet["A1"].font = Font(bold=True, size=14)
    put(sheet["A3"], marking_line)
    sheet["A3"].font = Font(bold=True)
    put(
        sheet["A2"],
        "Each cell: the mean of the criteria ratings of that standard (the board's moderated "
        "rating where there is one); every rating is on the Criteria sheet.",
    )
    titles = ["Agency", "Status"] + [f"{n}. {t}" for n, t in matrix.standards] + ["Overall"]
    _header(sheet, 4, titles, [44, 16] + [18] * len(matrix.standards) + [14])
    sheet.row_dimensions[4].height = 90
    row = 4
    for matrix_row in matrix.rows:
        row += 1
        put(sheet.cell(row, 1), matrix_row.agency_name)
        status = matrix_row.status.label + (" (overdue)" if matrix_row.overdue else "")
        put(sheet.cell(row, 2), status)
        for index, cell_data in enumerate((*matrix_row.cells, matrix_row.overall), start=3):
            cell = sheet.cell(row, index)
            if cell_data is not None and cell_data.rating is not None:
                put(cell, cell_data.rating.label)
                _fill(cell, cell_data.colour)
    row += 1
    put(sheet.cell(row, 1), "All agencies")
    sheet.cell(row, 1).font = Font(bold=True)
    for index, cell_data in enumerate(matrix.by_standard, start=3):
        if cell_data is not None and cell_data.rating is not None:
            put(sheet.cell(row, index), cell_data.rating.label)
            _fill(sheet.cell(row, index), cell_data.colour)
    row += 2
    put(sheet.cell(row, 1), "Key")
    sheet.cell(row, 1).font = Font(bold=True)
    for option in matrix.round.scale.options:
        row += 1
        put(sheet.cell(row, 1), option.label)
        _fill(sheet.cell(row, 1), option.colour)


def _criteria_sheet(db: Database, sheet: Any, matrix: s11.ComplianceMatrix) -> None:
    from openpyxl.styles import Alignment  # noqa: PLC0415

    titles = [
        "Agency", "Standard", "Ref", "Criterion", "Agency rating", "Board rating", "Reason",
        "Evidence", "Planned action", "Action owner", "Target date",
    ]  # fmt: skip
    _header(sheet, 1, titles, [36, 9, 7, 50, 16, 16, 30, 50, 40, 20, 12])
    wrapped = Alignment(wrap_text=True, vertical="top")
    scale = matrix.round.scale
    row = 1
    for matrix_row in matrix.rows:
        for answer in s11.return_answers(db, matrix_row.return_id):
            if answer.rating is None and answer.evidence is None:
                continue
            row += 1
            values = [
                matrix_row.agency_name, answer.standard_number, answer.code, answer.text,
                answer.rating_label, answer.moderated_label, answer.moderation_reason,
                answer.evidence, answer.planned_action, answer.action_owner, answer.target_date,
            ]  # fmt: skip
            for column, value in enumerate(values, start=1):
                put(sheet.cell(row, column), value)
                sheet.cell(row, column).alignment = wrapped
            DATE.show(sheet.cell(row, 11))  # a date, or room to type one
            agency_option = scale.get(answer.rating)
            board_option = scale.get(answer.moderated_rating)
            _fill(sheet.cell(row, 5), agency_option.colour if agency_option else None)
            _fill(sheet.cell(row, 6), board_option.colour if board_option else None)
    sheet.auto_filter.ref = f"A1:K{max(row, 2)}"


def _status_sheet(sheet: Any, returns: list[s11.ReturnRow]) -> None:
    titles = [
        "Agency", "Status", "Issued", "Returned", "Deadline", "Overdue (days)", "Late",
        "Submitted by", "Submissions", "Validated", "Challenged", "Feedback sent",
    ]  # fmt: skip
    _header(sheet, 1, titles, [44, 16, 12, 12, 12, 14, 8, 26, 12, 12, 12, 14])
    for row, r in enumerate(returns, start=2):
        values: list[object] = [
            r.agency_name, r.status.label, r.issued_on, r.returned_on, r.deadline,
            r.days_overdue or None, "Yes" if r.late else None, r.submitted_by, r.submissions,
            r.validated_on, r.challenged_on, r.feedback_sent_on,
        ]  # fmt: skip
        for column, value in enumerate(values, start=1):
            put(sheet.cell(row, column), value)  # dates shown as `formats.DATE`
        if r.overdue:
            _fill(sheet.cell(row, 6), RED.fill)


def _trend_sheet(sheet: Any, trend: s11.YearOnYear) -> None:
    titles = ["Standard"] + [r.label for r in trend.rounds] + ["Change"]
    _header(sheet, 1, titles, [60] + [16] * len(trend.rounds) + [14])
    for row, trend_row in enumerate(trend.rows, start=2):
        name = (
            f"{trend_row.standard_number}. {trend_row.title}"
            if trend_row.standard_number is not None
            else trend_row.title
        )
        put(sheet.cell(row, 1), name)
        for column, cell_data in enumerate(trend_row.cells, start=2):
            if cell_data is not None and cell_data.rating is not None:
                put(sheet.cell(row, column), cell_data.rating.label)
                _fill(sheet.cell(row, column), cell_data.colour)
        put(sheet.cell(row, len(trend.rounds) + 2), trend_row.change.label)


def export_matrix(db: Database, round_id: int, path: Path, today: date | None = None) -> Path:
    """Write the round's compliance matrix workbook to `path`."""
    from openpyxl import Workbook  # noqa: PLC0415  (costly import; only when exporting)

    matrix = s11.compliance_matrix(db, round_id, today=today)
    name = partnership.get_partnership(db).name
    title = f"{name}: Section 11 round {matrix.round.label} (as at {format_date(today or db.clock.today())})"
    # Section 11 returns are never restricted: OFFICIAL.
    classification = classify(author=author_name(db.principal, name))
    line = "; ".join(f"{label}: {value}" for label, value in marking_facts(classification))
    book = Workbook()
    _standards_sheet(book.active, matrix, title, line)
    book.active.title = "Standards"
    _criteria_sheet(db, book.create_sheet("Criteria"), matrix)
    _status_sheet(book.create_sheet("Status"), s11.round_returns(db, round_id, today))
    _trend_sheet(book.create_sheet("Year on year"), s11.year_on_year(db))
    path.parent.mkdir(parents=True, exist_ok=True)
    return save_workbook(
        book, path, title=f"Section 11 round {matrix.round.label}", classification=classification
    )
