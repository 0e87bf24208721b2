"""Values in and out of spreadsheet cells, safely.

Out (every export, template and error list): text that a spreadsheet would take for a formula (starting
with =, +, -, @, tab or CR) is written as text and marked as such, never as a live formula;
characters that are illegal in the file format are dropped instead of aborting the export
(openpyxl raises `IllegalCharacterError`), and over-long text is cut to what a cell holds.

In (every importer): what calamine returns, turned into the text, date or number a field
expects, with a plain message when it cannot be.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from typing import Any

from partnerboard.domain.dates import format_date, parse_date

# ---------------------------------------------------------------- writing

ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_MAX = 32_767
DATE_FORMAT = "DD/MM/YYYY"


def clean_text(text: str) -> str:
    """`text` without characters a workbook cannot hold, cut to what one cell takes."""
    text = ILLEGAL_CHARACTERS.sub("", text)
    return text if len(text) <= CELL_TEXT_MAX else text[: CELL_TEXT_MAX - 1] + "…"


def put(cell: Any, value: object) -> None:
    """Write `value` into an openpyxl cell: text stays text, dates are dates, choices show labels."""
    if value is None:
        cell.value = None
        return
    if isinstance(value, bool):
        value = "Yes" if value else "No"  # read by people, not formulas
    label = getattr(value, "label", None)
    if isinstance(label, str):
        value = label
    if isinstance(value, str):
        text = clean_text(value)
        cell.value = text
        if text.startswith(FORMULA_TRIGGERS):
            cell.data_type = "s"
            cell.quotePrefix = True
        return
    cell.value = value
    if isinstance(value, (date, datetime)):
        cell.number_format = DATE_FORMAT


def looks_like_formula(text: str) -> bool:
    return text.startswith(FORMULA_TRIGGERS)


# ---------------------------------------------------------------- reading


def cell_text(value: Any) -> str | None:
    """A cell's value as tidy text (None when blank): numbers without a needless ".0", dates
    as dd/mm/yyyy, surrounding space removed."""
    if value is None:
        return None
    if type(value) is str:  # (most cells: the same as below, without the type tests)
        return value.strip() or None
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
