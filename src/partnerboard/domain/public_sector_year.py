"""Periods of the public-sector year (1 April to 31 March, written 2025/26) and its quarters.

    period = parse_period("2025/26")         # 01/04/2025 to 31/03/2026
    period = parse_period("Q3 2025/26")      # 01/10/2025 to 31/12/2025
    period = year_of(day)                    # the year a day falls in

Small on purpose: the quarter of a day and its label come from `domain.thresholds`
(`financial_quarter`, `quarter_label`), which the escalation figures already use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from partnerboard.domain.thresholds import financial_quarter, quarter_label

_YEAR = re.compile(r"^(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})$")
_QUARTER = re.compile(r"^q\s*([1-4])\s+(.+)$", re.IGNORECASE)
_QUARTER_START_MONTH = {1: 4, 2: 7, 3: 10, 4: 1}
_QUARTER_END = {1: (6, 30), 2: (9, 30), 3: (12, 31), 4: (3, 31)}


@dataclass(frozen=True)
class Period:
    """A public-sector year or one of its quarters: first and last day, and how it is written."""

    start: date
    end: date
    label: str  # "2025/26" or "Q3 2025/26"
    year: int  # the year it starts in: 2025 for 2025/26

    def __contains__(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def is_quarter(self) -> bool:
        return self.label.startswith("Q")


def year_label(year: int) -> str:
    """'2025/26' for the year from 1 April 2025."""
    return f"{year}/{(year + 1) % 100:02d}"


def whole_year(year: int) -> Period:
    return Period(date(year, 4, 1), date(year + 1, 3, 31), year_label(year), year)


def quarter(year: int, number: int) -> Period:
    """Quarter 1 (April–June) to 4 (January–March) of the year from 1 April `year`."""
    calendar_year = year + 1 if number == 4 else year
    end_month, end_day = _QUARTER_END[number]
    return Period(
        date(calendar_year, _QUARTER_START_MONTH[number], 1),
        date(calendar_year, end_month, end_day),
        quarter_label(year, number),
        year,
    )


def year_of(day: date) -> Period:
    """The public-sector year `day` falls in."""
    return whole_year(financial_quarter(day)[0])


def quarter_of(day: date) -> Period:
    return quarter(*financial_quarter(day))


def parse_period(text: str) -> Period:
    """'2025/26', '2025-26', '2025/2026' or 'Q3 2025/26'; raises ValueError with a plain message."""
    cleaned = " ".join(str(text).split())
    if found := _QUARTER.match(cleaned):
        return quarter(_parse_year(found.group(2), text), int(found.group(1)))
    return whole_year(_parse_year(cleaned, text))


def _parse_year(cleaned: str, written: str) -> int:
    found = _YEAR.match(cleaned.strip())
    if found:
        start, end = int(found.group(1)), found.group(2)
        following = (start + 1) % 100 if len(end) == 2 else start + 1
        if int(end) == following:
            return start
    raise ValueError(
        f"“{written}” is not a year or quarter; write the year from April as 2025/26, or a "
        "quarter as Q3 2025/26."
    )
