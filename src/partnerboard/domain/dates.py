"""UK date conventions: shown as dd/mm/yyyy, parsed from what people actually type."""

from __future__ import annotations

import re
from datetime import date, datetime

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

_UK = re.compile(r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?\s*$")


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime(DATE_FORMAT)


def format_datetime(value: datetime | None) -> str:
    return "" if value is None else value.strftime(DATETIME_FORMAT)


def parse_date(value: object) -> date | None:
    """A date from a cell or a field: a date, a datetime, '31/03/2027', '31-3-27' or ISO.

    Returns None for blank input; raises ValueError with a plain message for anything else.
    Two-digit years are taken as 20yy because the board's dates are recent or coming.
    """
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    if not text:
        return None
    if match := _UK.match(text):
        day, month, year = (int(part) for part in match.groups())
        if year < 100:
            year += 2000
    elif match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    else:
        raise ValueError(f"“{text}” is not a date; write it as dd/mm/yyyy, e.g. 31/03/2027.")
    try:
        return date(year, month, day)
    except ValueError:
        hint = " (a month and day the other way round?)" if month > 12 >= day else ""
        raise ValueError(
            f"“{text}” is not a real date (day {day}, month {month}, year {year}){hint}; "
            "write it as dd/mm/yyyy, e.g. 31/03/2027."
        ) from None
