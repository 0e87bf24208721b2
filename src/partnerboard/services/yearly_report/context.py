"""What every provider of the yearly report gets: the year, the day figures stand on, the reader.

A provider reads through `ctx.db`. For a published version that is the database read as the
public (`public_view`): the session's rule leaves every restricted record and log out of every
query, so a provider cannot show one by mistake.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar

from partnerboard.db.database import Database
from partnerboard.domain.access import Principal
from partnerboard.domain.audits import Share
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_sector_year import Period

T = TypeVar("T")

RESTRICTED_LABEL = "Restricted: "


def public_view(db: Database) -> Database:
    """The same database, read as the public: nothing restricted is ever loaded."""
    return Database(db.target, db.engine, Principal.the_public(), db.clock)


@dataclass(frozen=True)
class YearContext:
    db: Database
    year: Period
    today: date
    public: bool = False
    _cache: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def start(self) -> date:
        return self.year.start

    @property
    def as_at(self) -> date:
        """31 March; or today, in a year that has not ended."""
        return min(self.year.end, self.today)

    @property
    def at(self) -> str:
        """'31/03/2026', for headings and labels ("open on 31/03/2026")."""
        return format_date(self.as_at)

    @property
    def label(self) -> str:
        return self.year.label

    def within(self, day: date | None) -> bool:
        """In the year, up to the day figures stand on."""
        return day is not None and self.start <= day <= self.as_at

    def by_then(self, day: date | None) -> date | None:
        """`day` if it had happened by the day figures stand on, else None (not yet)."""
        return day if day is not None and day <= self.as_at else None

    def once(self, key: str, make: Callable[[], T]) -> T:
        """What several providers read (the action log as it stood), read once per report."""
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]


def share(part: int, whole: int) -> str:
    """'78% (156 of 200)', or '–' when there is nothing to count."""
    return str(Share(part, whole)) if whole else "–"


def percent(part: int, whole: int) -> str:
    """'78%' (a narrow table's cell; the counts are beside it), or '–'."""
    return f"{Share(part, whole).percent}%" if whole else "–"


def labelled(text: str, restricted: bool) -> str:
    return f"{RESTRICTED_LABEL}{text}" if restricted else text


def count_text(n: int, one: str, many: str | None = None) -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"
