"""UK date conventions: shown as dd/mm/yyyy, parsed from what people actually type.

One parser for the whole app: the workbook importer reads cells with it and every date field
of the window reads what was typed with it, so that a date is refused (or taken) the same way
and with the same words wherever it comes from.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

DATE_FORMAT = "%d/%m/%Y"
DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# The years a board's records can sensibly hold; anything else is a typing slip (0227, 20207).
FIRST_YEAR = 1900
LAST_YEAR = 2199

_UK = re.compile(r"^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$")
_DIGITS = re.compile(r"^(\d{2})(\d{2})(\d{2}|\d{4})$")  # 31032027 or 310327
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?[\s\-/.,]*([a-z]+)\.?[\s\-/.,]*(\d{2}|\d{4})$")
_SHIFT = re.compile(r"^([+-])\s*(\d{1,4})\s*([dwmy]?)$")

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}

# Typed in a date field only (never read from a partner's cell): today, tomorrow, yesterday.
SHORTCUTS = {"today": 0, "t": 0, "now": 0, "tomorrow": 1, "tom": 1, "yesterday": -1, "y": -1}

EXAMPLE = "31/03/2027"


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    return value.strftime(DATE_FORMAT)


def format_datetime(value: datetime | None) -> str:
    return "" if value is None else value.strftime(DATETIME_FORMAT)


def parse_date(value: object, today: date | None = None) -> date | None:
    """A date from a cell or a field: a date, a datetime, or text as a UK office worker types
    it — 31/03/2027, 31/3/27, 31.03.2027, 31-03-2027, 31032027, 31 Mar 2027, 31 March 2027 —
    or ISO (2027-03-31).

    With `today` (a date field passes its database's day), also "today" / "t", "tomorrow",
    "yesterday" and shifts from today: "+7" (days), "+2w", "+3m", "-1y".

    Returns None for blank input; raises ValueError with a plain message for anything else,
    never a guess: 31/02/2026 is refused, not moved to another day. Two-digit years are taken
    as 20yy because the board's dates are recent or coming.
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
    folded = " ".join(text.casefold().split())
    if today is not None and (found := _relative(folded, today, text)) is not None:
        return found
    if match := _UK.match(folded) or _DIGITS.match(folded):
        day_text, month_text, year_text = match.groups()
        month = int(month_text)
    elif match := _ISO.match(folded):
        year_text, month_text, day_text = match.groups()
        month = int(month_text)
    elif (match := _WORDS.match(folded)) and match.group(2) in MONTHS:
        day_text, year_text = match.group(1), match.group(3)
        month = MONTHS[match.group(2)]
    else:
        raise ValueError(f"“{text}” is not a date; write it as dd/mm/yyyy, e.g. {EXAMPLE}.")
    day, year = int(day_text), int(year_text)
    if len(year_text) == 2:
        year += 2000
    try:
        found = date(year, month, day)
    except ValueError:
        hint = " (a month and day the other way round?)" if month > 12 >= day else ""
        raise ValueError(
            f"“{text}” is not a real date (day {day}, month {month}, year {year}){hint}; "
            "write it as dd/mm/yyyy, e.g. 31/03/2027."
        ) from None
    return _in_range(found, text)


def _relative(folded: str, today: date, text: str) -> date | None:
    if folded in SHORTCUTS:
        return today + timedelta(days=SHORTCUTS[folded])
    match = _SHIFT.match(folded)
    if match is None:
        return None
    sign, amount, unit = match.groups()
    step = int(amount) * (-1 if sign == "-" else 1)
    try:
        if unit in ("", "d"):
            found = today + timedelta(days=step)
        elif unit == "w":
            found = today + timedelta(weeks=step)
        else:
            months = step * (12 if unit == "y" else 1)
            found = add_months(today, months)
    except (OverflowError, ValueError):
        raise ValueError(f"“{text}” is too far from today to be a date.") from None
    return _in_range(found, text)


def add_months(day: date, months: int) -> date:
    """The same day `months` later (or earlier); the month's last day when it is shorter."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    for last in (day.day, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(f"no day {day.day} in {month}/{year}")  # unreachable


def _in_range(found: date, text: str) -> date:
    if not FIRST_YEAR <= found.year <= LAST_YEAR:
        raise ValueError(
            f"“{text}” is not a date the board would use (year {found.year}); "
            f"write it as dd/mm/yyyy, e.g. {EXAMPLE}."
        )
    return found
