"""The public-sector (financial) year: 1 April to 31 March, written "2025/26".

The one place the partnership's year is defined: the yearly report (its year, first and last
day, the year before) and the escalation figures (financial quarters, "this financial year")
both use it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

FIRST_MONTH = 4  # April

_LABEL = re.compile(r"^\s*(\d{4})\s*(?:[/\-–]\s*(\d{2}|\d{4}))?\s*$")


@dataclass(frozen=True, order=True)
class PublicYear:
    start_year: int  # 2025 for 2025/26

    @classmethod
    def containing(cls, day: date) -> PublicYear:
        return cls(day.year if day.month >= FIRST_MONTH else day.year - 1)

    @classmethod
    def last_complete(cls, today: date) -> PublicYear:
        """The latest year that has ended by `today` (the one before the year containing it)."""
        return cls.containing(today).previous

    @classmethod
    def parse(cls, text: object) -> PublicYear:
        """'2025/26', '2025-26', '2025/2026' or '2025'; ValueError with a sentence otherwise."""
        match = _LABEL.match(str(text or ""))
        if match is None:
            raise ValueError(f"“{text}” is not a year; write it as 2025/26 (1 April to 31 March).")
        first = int(match.group(1))
        second = match.group(2)
        if second is not None:
            follows = (first + 1) % 100 if len(second) == 2 else first + 1
            if int(second) != follows:
                raise ValueError(
                    f"“{text}” is not a year from 1 April to 31 March; "
                    f"did you mean {cls(first).label}?"
                )
        if not 1900 <= first <= 2999:
            raise ValueError(f"“{text}” is not a year the partnership could report on.")
        return cls(first)

    @property
    def start(self) -> date:
        return date(self.start_year, FIRST_MONTH, 1)

    @property
    def end(self) -> date:
        return date(self.start_year + 1, FIRST_MONTH - 1, 31)

    @property
    def label(self) -> str:
        return f"{self.start_year}/{(self.start_year + 1) % 100:02d}"

    @property
    def slug(self) -> str:
        """For file names: '2025-26'."""
        return self.label.replace("/", "-")

    @property
    def previous(self) -> PublicYear:
        return PublicYear(self.start_year - 1)

    @property
    def next(self) -> PublicYear:
        return PublicYear(self.start_year + 1)

    def contains(self, day: date | None) -> bool:
        return day is not None and self.start <= day <= self.end

    @staticmethod
    def quarter(day: date) -> int:
        """The quarter of its year `day` falls in: 1 for April to June … 4 for January to March."""
        return (day.month - FIRST_MONTH) % 12 // 3 + 1

    def __str__(self) -> str:
        return self.label
