"""Reporting periods of the public-sector year: a value is for a period, never for a date.

The year runs from 1 April to 31 March and is written 2026/27. Quarter 1 is April to June,
quarter 2 July to September, quarter 3 October to December and quarter 4 January to March
(of the next calendar year). A monthly indicator reports months, numbered from April.

Keys are stored as text and sort in time order within a kind: "2026/27-Q2" for a quarter,
"2026/27-M03" for the third month of the year (June 2026). `Period.parse` reads those and
what people write in spreadsheets: "Q2 2026/27", "2026-27 Q2", "Qtr 2 26/27", "Jul-Sep 2026",
"June 2026", "2026-06".
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

QUARTER = "Q"
MONTH = "M"

_MONTH_NAMES = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9


def year_label(start_year: int) -> str:
    """'2026/27' for the year starting 1 April 2026."""
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def year_of(day: date) -> int:
    """The first calendar year of the public-sector year holding `day` (31/03/2027 -> 2026)."""
    return day.year if day.month >= 4 else day.year - 1


def _calendar_month(year: int, month_of_year: int) -> tuple[int, int]:
    """(calendar year, calendar month) of the `month_of_year`-th month (1 = April)."""
    month = month_of_year + 3
    return (year, month) if month <= 12 else (year + 1, month - 12)


@dataclass(frozen=True, order=True)
class Period:
    year: int  # 2026 for 2026/27
    kind: str  # QUARTER or MONTH
    number: int  # quarter 1-4, or month of the year 1-12 (1 = April)

    def __post_init__(self) -> None:
        if self.kind not in (QUARTER, MONTH):
            raise ValueError(f"unknown kind of period: {self.kind!r}")
        if not 1 <= self.number <= (4 if self.kind == QUARTER else 12):
            raise ValueError(f"no {self.kind}{self.number} in a year")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"{self.year} is not a plausible year")

    # ------------------------------------------------------------ naming
    @property
    def key(self) -> str:
        """As stored: '2026/27-Q2', '2026/27-M03'."""
        width = 1 if self.kind == QUARTER else 2
        return f"{year_label(self.year)}-{self.kind}{self.number:0{width}d}"

    @property
    def label(self) -> str:
        """As shown: 'Q2 2026/27', 'Jun 2026'."""
        if self.kind == QUARTER:
            return f"Q{self.number} {year_label(self.year)}"
        year, month = _calendar_month(self.year, self.number)
        return f"{calendar.month_abbr[month]} {year}"

    @property
    def long_label(self) -> str:
        """'Q2 2026/27 (July to September 2026)', 'June 2026'."""
        if self.kind == MONTH:
            year, month = _calendar_month(self.year, self.number)
            return f"{calendar.month_name[month]} {year}"
        first, last = self.start, self.end
        span = (
            f"{calendar.month_name[first.month]} to {calendar.month_name[last.month]} {last.year}"
        )
        return f"{self.label} ({span})"

    def __str__(self) -> str:
        return self.key

    # ------------------------------------------------------------ dates
    @property
    def start(self) -> date:
        month_of_year = self.number if self.kind == MONTH else 3 * (self.number - 1) + 1
        year, month = _calendar_month(self.year, month_of_year)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def quarter(self) -> Period:
        """The quarter this period lies in (itself for a quarter)."""
        if self.kind == QUARTER:
            return self
        return Period(self.year, QUARTER, (self.number - 1) // 3 + 1)

    def months(self) -> list[Period]:
        """The months of a quarter (a month: itself)."""
        if self.kind == MONTH:
            return [self]
        first = 3 * (self.number - 1) + 1
        return [Period(self.year, MONTH, n) for n in range(first, first + 3)]

    # ------------------------------------------------------------ stepping
    def next(self) -> Period:
        last = 4 if self.kind == QUARTER else 12
        if self.number == last:
            return Period(self.year + 1, self.kind, 1)
        return Period(self.year, self.kind, self.number + 1)

    def previous(self) -> Period:
        if self.number == 1:
            return Period(self.year - 1, self.kind, 4 if self.kind == QUARTER else 12)
        return Period(self.year, self.kind, self.number - 1)

    def back(self, steps: int) -> Period:
        """The period `steps` before this one (0: itself)."""
        per_year = 4 if self.kind == QUARTER else 12
        index = self.year * per_year + self.number - 1 - steps
        return Period(index // per_year, self.kind, index % per_year + 1)

    def last(self, count: int) -> list[Period]:
        """The `count` periods ending with this one, oldest first."""
        return [self.back(n) for n in range(count - 1, -1, -1)]

    # ------------------------------------------------------------ making
    @classmethod
    def containing(cls, day: date, kind: str = QUARTER) -> Period:
        year = year_of(day)
        month_of_year = (day.month - 4) % 12 + 1
        if kind == MONTH:
            return cls(year, MONTH, month_of_year)
        return cls(year, QUARTER, (month_of_year - 1) // 3 + 1)

    @classmethod
    def latest_complete(cls, today: date, kind: str = QUARTER) -> Period:
        """The last period that has ended before `today` (on 01/04/2027: Q4 2026/27)."""
        return cls.containing(today, kind).previous()

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The period a stored key names; raises ValueError for anything else."""
        match = _KEY.match(key.strip())
        if match is None:
            raise ValueError(f"“{key}” is not a period key")
        start, kind, number = int(match.group(1)), match.group(3), int(match.group(4))
        if int(match.group(2)) != (start + 1) % 100:
            raise ValueError(f"“{key}” is not a period key")
        return cls(start, kind, number)

    @classmethod
    def parse(cls, text: object, default_year: int | None = None) -> Period:
        """A period from what people write (see the module docstring); raises ValueError.

        A bare 'Q2' needs `default_year` (e.g. from a sheet's title '2017/18').
        """
        raw = " ".join(str(text or "").split())
        if not raw:
            raise ValueError("No period given.")
        found = _parse(raw.casefold(), default_year)
        if found is None:
            raise ValueError(
                f"“{raw}” is not a period: write a quarter as 2026/27-Q2 (Q1 is April to June) "
                "or a month as June 2026."
            )
        return found


_KEY = re.compile(r"^(\d{4})/(\d{2})-([QM])(\d{1,2})$")
# "2026/27", "2026-27", "2026/2027", "26/27" (a public-sector year)
_YEAR = r"(\d{4}|\d{2})\s*[/\-–]\s*(\d{4}|\d{2})"
_QUARTER_WORD = r"(?:q|qtr|quarter)\s*\.?\s*([1-4])"
_FORMS = (
    re.compile(rf"^(?:fy\s*)?{_YEAR}\s*[-–,:]?\s*{_QUARTER_WORD}$"),  # 2026/27 Q2
    re.compile(rf"^{_QUARTER_WORD}\s*[-–,:]?\s*(?:fy\s*)?{_YEAR}$"),  # Q2 2026/27
)
_BARE_QUARTER = re.compile(rf"^{_QUARTER_WORD}$")
_MONTH_RANGE = re.compile(
    r"^([a-z]+)\.?\s*(?:[-–]|to)\s*([a-z]+)\.?\s*(\d{4}|\d{2})$"
)  # Jul-Sep 2026, April to June 2026
_MONTH_YEAR = re.compile(r"^([a-z]+)\.?\s*[-\s]?\s*(\d{4}|\d{2})$")  # June 2026, Jun-26
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")  # 2026-06


def _full_year(text: str) -> int:
    value = int(text)
    return value + 2000 if len(text) == 2 else value


def _year_pair(first: str, second: str) -> int | None:
    start, end = _full_year(first), int(second)
    return start if end % 100 == (start + 1) % 100 else None


def _parse(text: str, default_year: int | None) -> Period | None:
    try:
        return Period.from_key(text.upper().replace(" ", ""))
    except ValueError:
        pass
    for number, form in enumerate(_FORMS):
        match = form.match(text)
        if match:
            groups = match.groups()
            first, second, quarter = groups if number == 0 else (groups[1], groups[2], groups[0])
            year = _year_pair(first, second)
            return Period(year, QUARTER, int(quarter)) if year is not None else None
    match = _BARE_QUARTER.match(text)
    if match:
        return Period(default_year, QUARTER, int(match.group(1))) if default_year else None
    match = _MONTH_RANGE.match(text)
    if match and match.group(1) in _MONTH_NAMES and match.group(2) in _MONTH_NAMES:
        first, last = _MONTH_NAMES[match.group(1)], _MONTH_NAMES[match.group(2)]
        quarter = Period.containing(date(_full_year(match.group(3)), last, 1))
        if quarter.start.month == first and quarter.end.month == last:
            return quarter
        return None
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in _MONTH_NAMES:
        month = _MONTH_NAMES[match.group(1)]
        return Period.containing(date(_full_year(match.group(2)), month, 1), MONTH)
    match = _ISO_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return Period.containing(date(int(match.group(1)), int(match.group(2)), 1), MONTH)
    return None


def span(first: Period, last: Period) -> Iterator[Period]:
    """Every period from `first` to `last` inclusive (of one kind)."""
    period = first
    while period <= last:
        yield period
        period = period.next()
