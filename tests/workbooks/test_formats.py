"""One format per column type: what a format writes comes back as the same value, shown the same
way, after Excel's file is re-saved by LibreOffice (as a partner's return is)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from partnerboard.spreadsheets import formats
from partnerboard.spreadsheets.reader import read_workbook

WRITTEN = [
    (formats.TEXT, "=SUM(A1:A3)", "=SUM(A1:A3)"),
    (formats.CHOICE, "Amber", "Amber"),
    (formats.YES_NO, True, "Yes"),
    (formats.DATE, date(2027, 3, 31), date(2027, 3, 31)),
    (formats.WHOLE, 1234, "1234"),
    (formats.DECIMAL, 12.25, "12.25"),
    (formats.FIGURE, 7.5, "7.5"),
    (formats.AVERAGE, 4.2, "4.2"),
    (formats.PERCENT, 0.25, "0.25"),
]


def _written(tmp_path: Path) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    for row, (fmt, value, _) in enumerate(WRITTEN, start=1):
        fmt.write(sheet.cell(row=row, column=1), value)
    formats.TIMESTAMP.write(
        sheet.cell(row=len(WRITTEN) + 1, column=1), datetime(2026, 11, 23, 9, 5)
    )
    path = tmp_path / "formats.xlsx"
    book.save(path)
    return path


@pytest.mark.libreoffice
def test_each_format_reads_back_what_it_wrote_after_libreoffice(tmp_path: Path, resave) -> None:
    again = resave(_written(tmp_path))
    shown = openpyxl.load_workbook(again).active
    with read_workbook(again) as book:
        sheet = book.sheet(book.sheets[0].name)
        assert sheet is not None
        for row, (fmt, _, expected) in enumerate(WRITTEN, start=1):
            assert fmt.read(sheet.at(row, 1)) == expected, fmt.name
            if fmt.number_format != "General":
                assert shown.cell(row=row, column=1).number_format.lower() == (
                    fmt.number_format.lower()
                ), fmt.name
    text = shown.cell(row=1, column=1)
    assert text.data_type == "s" and text.value == "=SUM(A1:A3)"  # text, never a formula
    assert shown.cell(row=len(WRITTEN) + 1, column=1).number_format.lower() in (
        "dd/mm/yyyy hh:mm:ss",
        "dd/mm/yyyy\\ hh:mm:ss",
    )


def test_a_date_format_refuses_what_is_not_a_date_and_knows_its_bounds() -> None:
    assert formats.DATE.read("31/03/2027") == date(2027, 3, 31)
    with pytest.raises(ValueError, match="dd/mm/yyyy"):
        formats.DATE.read(46000)
    assert not formats.DATE.plausible(date(1927, 3, 31))
    assert formats.DATE.plausible(date(2027, 3, 31))
    # The templates' validation compares spreadsheet serial numbers: 01/01/2000 is 36526.
    assert formats.DATE.serial(formats.DATE.earliest) == 36526
    assert formats.DATE.serial(formats.DATE.latest) == 73050
