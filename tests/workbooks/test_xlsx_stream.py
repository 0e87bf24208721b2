"""The streaming writer behind the big exports, read back with openpyxl."""

from __future__ import annotations

from datetime import date, datetime

from openpyxl import load_workbook

from partnerboard.domain.actions import ActionStatus
from partnerboard.workbooks.xlsx_stream import XlsxStream, column_letter


def test_values_styles_and_sheets_read_back(tmp_path):
    path = tmp_path / "stream.xlsx"
    with XlsxStream(path) as book:
        bold = book.style(bold=True, colour="#FFFFFF", fill="#1F4E79")
        wrap = book.style(wrap=True)
        sheet = book.sheet("Rows & <things>", (10, 40, 12, 12), rows=3, freeze_header=True)
        sheet.row([("Text", bold), ("More", bold), ("When", bold), ("Count", bold)])
        sheet.row(
            [
                ("a < b & c > d\r\nnext", wrap),
                ("=1+1", wrap),
                (datetime(2026, 3, 1, 12, 30), 0),
                (42, 0),
            ]
        )
        sheet.row([(True, 0), (None, 0), (date(1999, 12, 31), 0), (ActionStatus.OPEN, 0)])
        sheet.auto_filter()
        book.sheet("Brian's notes", (20,)).row([("\x07bell", 0)])
    workbook = load_workbook(path)
    first, second = workbook.worksheets
    assert first.title == "Rows & <things>" and second.title == "Brian's notes"
    assert first["A1"].font.b and first["A1"].fill.fgColor.rgb == "FF1F4E79"
    assert first["A2"].value == "a < b & c > d\r\nnext" and first["A2"].alignment.wrap_text
    assert first["B2"].value == "=1+1" and first["B2"].data_type == "s"
    assert first["B2"].quotePrefix and first["B2"].alignment.wrap_text
    assert first["C2"].value == datetime(2026, 3, 1, 12, 30)
    assert first["C2"].number_format == "DD/MM/YYYY" and first["D2"].value == 42
    assert first["A3"].value == "Yes" and first["B3"].value is None
    assert (
        first["C3"].value == datetime(1999, 12, 31) and first["D3"].value == ActionStatus.OPEN.label
    )
    assert first.freeze_panes == "A2" and first.auto_filter.ref == "A1:D3"
    assert first.column_dimensions["B"].width == 40
    assert second["A1"].value == "bell"
    assert [column_letter(n) for n in (1, 26, 27, 52, 703)] == ["A", "Z", "AA", "AZ", "AAA"]
