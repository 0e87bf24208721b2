"""User text on its way into Word and HTML: as people read it, without control characters.

Word's XML refuses most control characters (python-docx raises ValueError and the whole file
is lost). Spreadsheet cells have their own guard (`spreadsheets.cells.put`, which also stops
formulas).
"""

from __future__ import annotations

import re
from datetime import date, datetime

from partnerboard.domain.dates import format_date, format_datetime

_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_LINE_BREAK = re.compile("\r\n|\r|\u2028|\u2029")


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
