"""One definition per type of column: how it is shown, written and read back.

As django-import-export's widgets do, each `Format` pairs the writing of a value (the number
format Excel shows it with, over `cells.put`, which keeps text from running as a formula) with
the reading of what comes back from a partner's return (`cells.cell_text`, `cells.cell_date`).
Templates (`workbooks.conventions`), importers (`workbooks.input_cells` and each kind's
reader) and the Excel exports (`exports/*_xlsx.py`) all take their formats from here, so that a
date is dd/mm/yyyy, a percentage 0 % and a figure #,##0.0 in every workbook.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerboard.spreadsheets.cells import DATE_FORMAT, cell_date, cell_text, put

# The dates a template accepts (fixed bounds; a date outside is taken for a mistyped year): the
# templates' date validation (as spreadsheet serial numbers) and the importers' plausibility
# check say the same.
EARLIEST_DATE, LATEST_DATE = date(2000, 1, 1), date(2099, 12, 31)
_SERIAL_ZERO = date(1899, 12, 30)  # day 0 of the spreadsheet date system


@dataclass(frozen=True)
class Format:
    """A column type: its number format, a usual width (characters), and its read/write pair."""

    name: str
    number_format: str = "General"
    width: int = 12

    def show(self, cell: Any) -> None:
        """Give `cell` this format's number format (a cell left as it is for "General")."""
        if self.number_format != "General":
            cell.number_format = self.number_format

    def write(self, cell: Any, value: object) -> None:
        """`value` into an openpyxl cell, safe (`cells.put`) and shown with this format."""
        put(cell, value)
        self.show(cell)

    def show_all(self, sheet: Any, columns: Iterable[int], rows: Iterable[int]) -> None:
        """This format on every cell of `columns` (1-based numbers) in `rows` of `sheet`."""
        rows = list(rows)
        for column in columns:
            for row in rows:
                self.show(sheet.cell(row=row, column=column))

    def read(self, value: Any) -> Any:
        """What a cell holds as this type (None when blank); ValueError with a plain message."""
        return cell_text(value)


@dataclass(frozen=True)
class DateFormat(Format):
    """A real date shown dd/mm/yyyy; typed text such as 31/03/2027 is read too."""

    earliest: date = EARLIEST_DATE
    latest: date = LATEST_DATE

    def serial(self, day: date) -> int:
        """`day` as a spreadsheet serial number (what a date validation compares)."""
        return (day - _SERIAL_ZERO).days

    def read(self, value: Any) -> date | None:
        return cell_date(value)

    def plausible(
        self, day: date, earliest: date | None = None, latest: date | None = None
    ) -> bool:
        """Whether `day` lies within `earliest`..`latest` (this format's bounds by default); a
        date outside is taken for a mistyped year."""
        return (earliest or self.earliest) <= day <= (latest or self.latest)


@dataclass(frozen=True)
class TextFormat(Format):
    """Text: written with the quote prefix when it would start a formula, read trimmed."""


TEXT = TextFormat("text", width=40)
CHOICE = TextFormat("choice", width=16)  # a label from a list (a RAG, a grade, a rating)
YES_NO = TextFormat("yes/no", width=8)  # True/False shown as Yes/No (`cells.put`)
DATE = DateFormat("date", DATE_FORMAT, width=12)
TIMESTAMP = Format("date and time", "dd/mm/yyyy hh:mm:ss", width=18)
WHOLE = Format("whole number", "#,##0", width=10)
DECIMAL = Format("number", "#,##0.0##", width=10)  # a figure a partner types
FIGURE = Format("figure", "#,##0.0", width=11)  # a figure in an export, one decimal place
AVERAGE = Format("average", "0.0", width=9)  # a mean score (e.g. confidence 1-5)
PERCENT = Format("percentage", "0%", width=10)  # a share held as a fraction (0.25 is 25 %)
