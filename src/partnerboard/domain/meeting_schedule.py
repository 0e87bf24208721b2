"""A board's schedule of meetings, and the running times of an agenda.

Boards meet "every two months" or "quarterly", usually on the same weekday of the month (the
second Tuesday), so a schedule keeps the weekday and its place in the month rather than the
day's number.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from partnerboard.errors import FieldError

_FREQUENCIES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(r"\b(every|each)\s+(two|2)\s+months?\b|\bbi-?monthly\b"), 2),
    (re.compile(r"\b(every|each)\s+(three|3)\s+months?\b|\bquarterly\b"), 3),
    (re.compile(r"\b(every|each)\s+(four|4)\s+months?\b|\bthree times a year\b"), 4),
    (re.compile(r"\b(every|each)\s+(six|6)\s+months?\b|\btwice a year\b|\bsix-?monthly\b"), 6),
    (re.compile(r"\b(yearly|annually|once a year)\b"), 12),
    (re.compile(r"\bmonthly\b|\b(every|each)\s+month\b"), 1),
]


def months_between_meetings(frequency: str | None) -> int | None:
    """Months between meetings from the terms of reference's wording ("Quarterly" → 3)."""
    text = (frequency or "").casefold()
    for pattern, months in _FREQUENCIES:
        if pattern.search(text):
            return months
    return None


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def nth_weekday(year: int, month: int, weekday: int, nth: int) -> date:
    """The `nth` (1–4, or 5 meaning the last) `weekday` of a month."""
    days = [
        d
        for d in calendar.Calendar().itermonthdates(year, month)
        if d.month == month and d.weekday() == weekday
    ]
    return days[-1] if nth >= 5 else days[min(nth, len(days)) - 1]


def schedule_dates(
    first: date, every_months: int, count: int, *, same_weekday: bool = True
) -> list[date]:
    """`count` meeting dates from `first`, `every_months` apart.

    With `same_weekday`, each falls on the same weekday and week of the month as `first`
    (the 2nd Tuesday stays the 2nd Tuesday; a fifth Friday becomes each month's last Friday); otherwise on
    the same day number, or the month's last day when it has fewer days.
    """
    nth = (first.day - 1) // 7 + 1  # 5 only for a fifth weekday, which means "the last"
    dates = []
    for step in range(count):
        year, month = _add_months(first, step * every_months)
        if same_weekday:
            dates.append(nth_weekday(year, month, first.weekday(), nth))
        else:
            last = calendar.monthrange(year, month)[1]
            dates.append(date(year, month, min(first.day, last)))
    return dates


def check_schedule(every_months: int | None, count: int) -> list[FieldError]:
    errors = []
    if every_months is None or not 1 <= every_months <= 12:
        errors.append(FieldError("every_months", "Meetings must be 1 to 12 months apart."))
    if not 1 <= count <= 24:
        errors.append(FieldError("count", "Make between 1 and 24 meetings at a time."))
    return errors


def item_start_times(starts_at: datetime, minutes: Sequence[int | None]) -> list[datetime | None]:
    """When each agenda item starts, from the meeting's start and each item's allotted minutes.

    Once an item has no time allotted, the items after it have no start time either.
    """
    times: list[datetime | None] = []
    clock: datetime | None = starts_at
    for allotted in minutes:
        times.append(clock)
        clock = clock + timedelta(minutes=allotted) if clock and allotted is not None else None
    return times
