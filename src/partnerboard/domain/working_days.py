"""Working days in England and Wales: weekends and bank holidays excluded, with the reasons kept.

Statutory clocks (notify the national panel within 5 working days, rapid review within 15)
count working days *after* the day the partnership became aware: that day is day 0, the next
working day is day 1. Bank holidays come from the `holidays` library (England, whose bank
holidays are those of Wales too), including substitute days when one falls at a weekend; for
2015–2040 from a table made from it (`bank_holidays_england`), so the first page does not wait
for the library to load every country.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from partnerboard.domain.dates import format_date

# The `holidays` subdivision whose bank holidays England and Wales share.
SUBDIVISION = "ENG"


def weekday_date(value: date) -> str:
    """'Fri 22/05/2026': the day of the week makes a working-day sum checkable at a glance."""
    return f"{value.strftime('%a')} {format_date(value)}"


@cache
def _bank_holidays(year: int) -> dict[date, str]:
    from partnerboard.domain import bank_holidays_england as table  # noqa: PLC0415

    if table.FIRST_YEAR <= year <= table.LAST_YEAR:
        return {day: name for day, name in table.BANK_HOLIDAYS.items() if day.year == year}
    return library_bank_holidays(year)


def library_bank_holidays(year: int) -> dict[date, str]:
    """A year's bank holidays from the `holidays` library, named as GOV.UK names them."""
    import holidays  # noqa: PLC0415  (0.1–0.2 s: it loads every country)

    found = holidays.country_holidays("GB", subdiv=SUBDIVISION, years=year)
    return {day: _plain_name(name) for day, name in found.items()}


def _plain_name(name: str) -> str:
    # GOV.UK's wording: "Spring bank holiday", "Boxing Day, substitute day".
    name = name.replace("Bank Holiday", "bank holiday").replace(" (observed)", ", substitute day")
    return "Early May bank holiday" if name == "May Day" else name


def bank_holiday(day: date) -> str | None:
    """The name of the bank holiday on `day` in England and Wales, or None."""
    return _bank_holidays(day.year).get(day)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and bank_holiday(day) is None


def _days_after(start: date, step: int) -> Iterator[date]:
    day = start
    while True:
        day += timedelta(days=step)
        yield day


@dataclass(frozen=True)
class WorkingDaySum:
    """`start` + `days` working days = `due`, with the weekday bank holidays stepped over."""

    start: date
    days: int
    due: date
    skipped: tuple[tuple[date, str], ...]  # bank holidays on weekdays between start and due

    def explain(self, start_label: str) -> str:
        """E.g. 'aware Fri 22/05/2026 + 5 working days, skipping Mon 25/05/2026 (Spring bank
        holiday) = Mon 01/06/2026'. Weekends are implied by 'working days'."""
        unit = "working day" if self.days == 1 else "working days"
        text = f"{start_label} {weekday_date(self.start)} + {self.days} {unit}"
        if self.skipped:
            text += ", skipping " + ", ".join(
                f"{weekday_date(day)} ({name})" for day, name in self.skipped
            )
        return f"{text} = {weekday_date(self.due)}"


def add_working_days(start: date, days: int) -> WorkingDaySum:
    """The date `days` working days after `start` (day 0), naming the bank holidays skipped."""
    if days < 1:
        raise ValueError("Count at least one working day.")
    counted = 0
    skipped: list[tuple[date, str]] = []
    for day in _days_after(start, 1):
        if day.weekday() >= 5:
            continue
        holiday = bank_holiday(day)
        if holiday is not None:
            skipped.append((day, holiday))
            continue
        counted += 1
        if counted == days:
            return WorkingDaySum(start, days, day, tuple(skipped))
    raise AssertionError("unreachable")  # pragma: no cover - the loop above never ends otherwise


def working_days_before(due: date, days: int) -> date:
    """The working day from which `days` working days later is `due` (the sum backwards)."""
    if days < 1:
        raise ValueError("Count at least one working day.")
    counted = 0
    for day in _days_after(due, -1):
        if is_working_day(day):
            counted += 1
            if counted == days:
                return day
    raise AssertionError("unreachable")  # pragma: no cover


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (negative when `end` is earlier)."""
    if end == start:
        return 0
    sign = 1 if end > start else -1
    low, high = (start, end) if sign > 0 else (end, start)
    count = sum(1 for n in range(1, (high - low).days + 1) if is_working_day(low + timedelta(n)))
    return sign * count
