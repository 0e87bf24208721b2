"""Safe cell values for exported workbooks.

What users typed goes into cells as text and stays text: a value starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return would otherwise become (or be taken by Excel as) a
live formula, and control characters make openpyxl abort the whole export (TECH-NOTES).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# What openpyxl refuses (its ILLEGAL_CHARACTERS_RE); tab, line feed and CR are allowed.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE_FORMAT = "DD/MM/YYYY"


def clean_text(value: str) -> str:
    """`value` without the control characters a workbook cannot hold."""
    return _CONTROL.sub("", value)


def put(cell: Any, value: object) -> None:
    """Write `value` to an openpyxl cell: dates as dd/mm/yyyy dates, text always as text."""
    if value is None:
        cell.value = None
    elif isinstance(value, bool):
        cell.value = "Yes" if value else "No"
    elif isinstance(value, (date, datetime)):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, (int, float)):
        cell.value = value
    else:
        text = clean_text(str(value))
        cell.value = text
        # openpyxl makes any string starting with '=' a formula; keep it a string, and mark
        # the other formula starters so that Excel shows them as typed (quote prefix).
        cell.data_type = "s"
        if text.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
