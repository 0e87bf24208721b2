"""The public-sector year and its periods: a year, a quarter or a month of it.

The year runs from 1 April to 31 March and is written 2026/27. Quarter 1 is April to June,
quarter 2 July to September, quarter 3 October to December and quarter 4 January to March
(of the next calendar year). A monthly indicator reports months, numbered from April. Every
register that counts by year or quarter (the performance dataset, training, the yearly report,
escalation figures) uses this one definition.

Keys are stored as text and sort in time order within a kind: "2026/27" for the year,
"2026/27-Q2" for a quarter, "2026/27-M03" for the third month of the year (June 2026).
`Period.parse` is the one parser of what people type, on the command line, in a field or in a
spreadsheet's headings: "2025/26", "2025-26", "2025/2026", "Q3 2025/26", "2026/27-Q2",
"2026-27 Q2", "Qtr 2 26/27", "Jul-Sep 2026", "June 2026", "2026-06", and "latest" (the latest
period that has ended, given the day). Each caller says which kinds of period it accepts.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property

YEAR = "Y"
QUARTER = "Q"
MONTH = "M"
KINDS = (YEAR, QUARTER, MONTH)
_PER_YEAR = {YEAR: 1, QUARTER: 4, MONTH: 12}
_NOUNS = {YEAR: "year", QUARTER: "quarter", MONTH: "month"}
_EXAMPLES = {
    YEAR: "a year as 2025/26 (1 April to 31 March)",
    QUARTER: "a quarter as Q3 2025/26 or 2025/26-Q3 (Q1 is April to June)",
    MONTH: "a month as June 2026",
}
LATEST = "latest"

_MONTH_NAMES = {name.casefold(): n for n, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTH_NAMES["sept"] = 9


def _year_label(start_year: int) -> str:
    return f"{start_year}/{(start_year + 1) % 100:02d}"


def _calendar_month(year: int, month_of_year: int) -> tuple[int, int]:
    """(calendar year, calendar month) of the `month_of_year`-th month (1 = April)."""
    month = month_of_year + 3
    return (year, month) if month <= 12 else (year + 1, month - 12)


@dataclass(frozen=True, order=True)
class Period:
    year: int  # the calendar year it starts in: 2026 for 2026/27
    kind: str  # YEAR, QUARTER or MONTH
    number: int = 1  # quarter 1-4, or month of the year 1-12 (1 = April); 1 for a year

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown kind of period: {self.kind!r}")
        if not 1 <= self.number <= _PER_YEAR[self.kind]:
            raise ValueError(f"no {_NOUNS[self.kind]} {self.number} in a year")
        if not 1900 <= self.year <= 2200:
            raise ValueError(f"{self.year} is not a plausible year")

    # ------------------------------------------------------------ naming
    @cached_property  # (read for every figure an import checks and stores)
    def key(self) -> str:
        """As stored: '2026/27', '2026/27-Q2', '2026/27-M03'."""
        if self.kind == YEAR:
            return _year_label(self.year)
        width = 1 if self.kind == QUARTER else 2
        return f"{_year_label(self.year)}-{self.kind}{self.number:0{width}d}"

    @property
    def label(self) -> str:
        """As shown: '2026/27', 'Q2 2026/27', 'Jun 2026'."""
        if self.kind == YEAR:
            return _year_label(self.year)
        if self.kind == QUARTER:
            return f"Q{self.number} {_year_label(self.year)}"
        year, month = _calendar_month(self.year, self.number)
        return f"{calendar.month_abbr[month]} {year}"

    @property
    def long_label(self) -> str:
        """'2026/27 (April 2026 to March 2027)', 'Q2 2026/27 (July to September 2026)',
        'June 2026'."""
        if self.kind == MONTH:
            year, month = _calendar_month(self.year, self.number)
            return f"{calendar.month_name[month]} {year}"
        first, last = self.start, self.end
        span_text = (
            f"{calendar.month_name[first.month]} {first.year} to "
            if self.kind == YEAR
            else f"{calendar.month_name[first.month]} to "
        )
        return f"{self.label} ({span_text}{calendar.month_name[last.month]} {last.year})"

    @property
    def months_text(self) -> str:
        """The months it covers, short: 'Apr–Jun' (a quarter), 'Apr–Mar' (a year), 'Jun'."""
        first, last = self.start, self.end
        if first.month == last.month:
            return calendar.month_abbr[first.month]
        return f"{calendar.month_abbr[first.month]}–{calendar.month_abbr[last.month]}"

    @property
    def slug(self) -> str:
        """For file names: '2025-26', '2025-26-Q3'."""
        return self.key.replace("/", "-")

    def __str__(self) -> str:
        return self.key

    # ------------------------------------------------------------ dates
    @property
    def start(self) -> date:
        per_month = 12 // _PER_YEAR[self.kind]
        year, month = _calendar_month(self.year, per_month * (self.number - 1) + 1)
        return date(year, month, 1)

    @property
    def end(self) -> date:
        return self.next().start - timedelta(days=1)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    def __contains__(self, day: date) -> bool:
        return self.contains(day)

    @property
    def year_period(self) -> Period:
        """The public-sector year this period lies in (itself for a year)."""
        return Period(self.year, YEAR)

    @property
    def quarter(self) -> Period:
        """The quarter this period lies in (itself for a quarter); a year has none."""
        if self.kind == QUARTER:
            return self
        if self.kind == YEAR:
            raise ValueError(f"{self.label} is a whole year, not within a quarter")
        return Period(self.year, QUARTER, (self.number - 1) // 3 + 1)

    def quarters(self) -> list[Period]:
        """The quarters of a year (a quarter: itself; a month: its quarter)."""
        if self.kind == YEAR:
            return [Period(self.year, QUARTER, n) for n in range(1, 5)]
        return [self.quarter]

    def months(self) -> list[Period]:
        """The months of a year or a quarter (a month: itself)."""
        if self.kind == MONTH:
            return [self]
        first = 1 if self.kind == YEAR else 3 * (self.number - 1) + 1
        count = 12 if self.kind == YEAR else 3
        return [Period(self.year, MONTH, n) for n in range(first, first + count)]

    # ------------------------------------------------------------ stepping
    def next(self) -> Period:
        return self.back(-1)

    def previous(self) -> Period:
        return self.back(1)

    def back(self, steps: int) -> Period:
        """The period `steps` before this one (0: itself; negative: after it)."""
        per_year = _PER_YEAR[self.kind]
        index = self.year * per_year + self.number - 1 - steps
        return Period(index // per_year, self.kind, index % per_year + 1)

    def last(self, count: int) -> list[Period]:
        """The `count` periods ending with this one, oldest first."""
        return [self.back(n) for n in range(count - 1, -1, -1)]

    # ------------------------------------------------------------ making
    @classmethod
    def containing(cls, day: date, kind: str = QUARTER) -> Period:
        year = day.year if day.month >= 4 else day.year - 1
        month_of_year = (day.month - 4) % 12 + 1
        if kind == MONTH:
            return cls(year, MONTH, month_of_year)
        if kind == YEAR:
            return cls(year, YEAR)
        return cls(year, QUARTER, (month_of_year - 1) // 3 + 1)

    @classmethod
    def latest_complete(cls, today: date, kind: str = QUARTER) -> Period:
        """The last period that has ended before `today` (on 01/04/2027: Q4 2026/27 and the
        year 2026/27; on 31/03/2027 both are still running)."""
        return cls.containing(today, kind).previous()

    @classmethod
    def from_key(cls, key: str) -> Period:
        """The period a stored key names; raises ValueError for anything else."""
        match = _KEY.match(key.strip())
        if match is None:
            raise ValueError(f"“{key}” is not a period key")
        start = int(match.group(1))
        if int(match.group(2)) != (start + 1) % 100:
            raise ValueError(f"“{key}” is not a period key")
        if match.group(3) is None:
            return cls(start, YEAR)
        return cls(start, match.group(3), int(match.group(4)))

    @classmethod
    def parse(
        cls,
        text: object,
        kinds: Iterable[str] = KINDS,
        *,
        today: date | None = None,
        default_year: int | None = None,
    ) -> Period:
        """The period `text` names, if it is one of `kinds` (see the module docstring);
        raises ValueError with a sentence saying how to write one.

        "latest" is the latest complete period of the first of `kinds` on `today` (without
        `today` it is refused). A bare 'Q2' needs `default_year` (e.g. from a sheet's title
        '2017/18').
        """
        kinds = tuple(kinds)
        raw = " ".join(str(text or "").split())
        noun = " or ".join(_NOUNS[k] for k in kinds)
        how = "write " + ", or ".join(_EXAMPLES[k] for k in kinds)
        if not raw:
            raise ValueError(f"No {noun} given: {how}.")
        if raw.casefold() == LATEST and today is not None:
            return cls.latest_complete(today, kinds[0])
        found = _parse(raw.casefold(), default_year)
        if found is None:
            pair = _YEAR_ONLY.match(raw.casefold())
            if pair and YEAR in kinds:
                start = _full_year(pair.group(1))
                raise ValueError(
                    f"“{raw}” is not a year from 1 April to 31 March; did you mean "
                    f"{_year_label(start)}?"
                )
            if _BARE_YEAR.match(raw) and YEAR in kinds:
                start = int(raw)
                raise ValueError(
                    f"“{raw}” could be {_year_label(start - 1)} or {_year_label(start)}; write "
                    "the year from 1 April to 31 March, as 2025/26."
                )
            raise ValueError(f"“{raw}” is not a {noun}: {how}.")
        if found.kind not in kinds:
            raise ValueError(f"“{raw}” is a {_NOUNS[found.kind]}: {how}.")
        return found


def whole_year(start_year: int) -> Period:
    """The year from 1 April `start_year` to 31 March the year after."""
    return Period(start_year, YEAR)


def quarter(start_year: int, number: int) -> Period:
    """Quarter 1 (April–June) to 4 (January–March) of the year from 1 April `start_year`."""
    return Period(start_year, QUARTER, number)


def year_named_in(texts: Iterable[object]) -> Period | None:
    """The first public-sector year named in titles or sheet names ('KPIs 2017/18' -> 2017/18)."""
    for text in texts:
        for match in _YEAR_IN_TEXT.finditer(str(text or "")):
            year = _year_pair(match.group(1), match.group(2))
            if year is not None:
                return Period(year, YEAR)
    return None


def span(first: Period, last: Period) -> Iterator[Period]:
    """Every period from `first` to `last` inclusive (of one kind)."""
    period = first
    while period <= last:
        yield period
        period = period.next()


# ---------------------------------------------------------------- reading what people write

_KEY = re.compile(r"^(\d{4})/(\d{2})(?:-([QM])(\d{1,2}))?$")
# "2026/27", "2026-27", "2026/2027", "26/27" (a public-sector year)
_YEAR = r"(\d{4}|\d{2})\s*[/\-–]\s*(\d{4}|\d{2})"
_YEAR_ONLY = re.compile(rf"^(?:fy\s*)?{_YEAR}$")
_YEAR_IN_TEXT = re.compile(r"(?<!\d)(\d{4})\s*[/\-–]\s*(\d{2}|\d{4})(?!\d)")
_BARE_YEAR = re.compile(r"^\d{4}$")
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
    """2025 for '2025', '26' or '2025', '2026'; None when the second does not follow."""
    start = _full_year(first)
    follows = (start + 1) % 100 if len(second) == 2 else start + 1
    return start if int(second) == follows and 1900 <= start <= 2200 else None


def _parse(text: str, default_year: int | None) -> Period | None:
    try:
        return Period.from_key(text.upper().replace(" ", ""))
    except ValueError:
        pass
    match = _YEAR_ONLY.match(text)
    if match:
        year = _year_pair(match.group(1), match.group(2))
        if year is not None:
            return Period(year, YEAR)
    for number, form in enumerate(_FORMS):
        match = form.match(text)
        if match:
            groups = match.groups()
            first, second, which = groups if number == 0 else (groups[1], groups[2], groups[0])
            year = _year_pair(first, second)
            return Period(year, QUARTER, int(which)) if year is not None else None
    match = _BARE_QUARTER.match(text)
    if match:
        return Period(default_year, QUARTER, int(match.group(1))) if default_year else None
    match = _MONTH_RANGE.match(text)
    if match and match.group(1) in _MONTH_NAMES and match.group(2) in _MONTH_NAMES:
        first_month, last_month = _MONTH_NAMES[match.group(1)], _MONTH_NAMES[match.group(2)]
        found = Period.containing(date(_full_year(match.group(3)), last_month, 1))
        if found.start.month == first_month and found.end.month == last_month:
            return found
        return None
    match = _MONTH_YEAR.match(text)
    if match and match.group(1) in _MONTH_NAMES:
        month = _MONTH_NAMES[match.group(1)]
        return Period.containing(date(_full_year(match.group(2)), month, 1), MONTH)
    match = _ISO_MONTH.match(text)
    if match and 1 <= int(match.group(2)) <= 12:
        return Period.containing(date(int(match.group(1)), int(match.group(2)), 1), MONTH)
    return None
