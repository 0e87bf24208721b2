"""Values in and out of spreadsheet cells, safely.

Out (every export and template): text that a spreadsheet would take for a formula (starting
with =, +, -, @, tab or CR) is written as text and marked as such, never as a live formula;
characters that are illegal in the file format are dropped instead of aborting the export
(openpyxl raises `IllegalCharacterError`), and over-long text is cut to what a cell holds.

In (every importer): what calamine returns, turned into the text, date or number a field
expects, with a plain message when it cannot be.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Any

from partnerboard.domain.dates import format_date, parse_date

# Writing is shared with the register exports: one definition of "safe" for every workbook.
from partnerboard.exports.xlsx import (
    CELL_TEXT_MAX,
    FORMULA_TRIGGERS,
    clean_text,
    put,
)

__all__ = ["CELL_TEXT_MAX", "FORMULA_TRIGGERS", "cell_date", "cell_text", "clean_text", "put"]


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


# ---------------------------------------------------------------- reading


def cell_text(value: Any) -> str | None:
    """A cell's value as tidy text (None when blank): numbers without a needless ".0", dates
    as dd/mm/yyyy, surrounding space removed."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float):
        text = str(int(value)) if value.is_integer() else repr(value)
    elif isinstance(value, datetime):
        text = format_date(value) if value.time() == time(0) else value.strftime("%d/%m/%Y %H:%M")
    elif isinstance(value, date):
        text = format_date(value)
    elif isinstance(value, timedelta):
        text = str(value)
    else:
        text = str(value)
    text = text.strip()
    return text or None


def cell_date(value: Any) -> date | None:
    """A date from a cell: a real date, or text such as 31/03/2027 (raises ValueError).

    A bare number is refused rather than guessed at: calamine returns a date for a cell
    formatted as a date, so a number means the cell was not a date to the spreadsheet either.
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise ValueError(
            f"“{cell_text(value)}” is not a date; write it as dd/mm/yyyy, e.g. 31/03/2027."
        )
    if isinstance(value, (time, timedelta)):
        raise ValueError("A time was entered instead of a date; write it as dd/mm/yyyy.")
    return parse_date(cell_text(value))
