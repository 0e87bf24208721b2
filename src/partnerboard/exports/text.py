"""User text on its way into Word, HTML and Excel: no characters the format cannot hold.

Word's XML and Excel's cells refuse most control characters (python-docx raises ValueError,
openpyxl IllegalCharacterError, and the whole file is lost); a spreadsheet takes text that
starts with = + - @ for a formula (TECH-NOTES). Every writer here sends user text through
these functions.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from partnerboard.domain.dates import format_date, format_datetime

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|\r|\u2028|\u2029")
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
CELL_TEXT_MAX = 32_767


def plain(value: object) -> str:
    """A value as people read it (dates dd/mm/yyyy, a choice's label), controls removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        text = "Yes" if value else "No"
    elif isinstance(value, datetime):
        text = format_datetime(value)
    elif isinstance(value, date):
        text = format_date(value)
    else:
        label = getattr(value, "label", None)
        text = label if isinstance(label, str) else str(value)
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def put_cell(cell: object, value: object) -> None:
    """Write `value` into an openpyxl cell so that text always stays text.

    Numbers and dates go in as they are. Text is cleaned and cut to what a cell holds; text
    that a spreadsheet would evaluate (= + - @ …) is stored as a string with the quote prefix
    (as when one types an apostrophe first): it shows as typed and never runs as a formula.
    """
    if value is None or isinstance(value, (int, float, date)) and not isinstance(value, bool):
        cell.value = value  # type: ignore[attr-defined]
        return
    text = plain(value)[:CELL_TEXT_MAX]
    cell.value = text  # type: ignore[attr-defined]
    if text.startswith(FORMULA_TRIGGERS):
        cell.data_type = "s"  # type: ignore[attr-defined]
        cell.quotePrefix = True  # type: ignore[attr-defined]
