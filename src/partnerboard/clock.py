"""The one clock of partnerboard: what "today" and "now" are for every rule, record and paper.

Every part of the core asks the clock of the database it works on (`db.clock`) and never the
system directly: ruff's banned-api rule (pyproject.toml) refuses `date.today()`,
`datetime.now()` and friends outside this module. So a test, a demo or a training copy can
pin "today" in one place, and a rule such as "an update cannot be dated in the future" always
runs against the same day as the form, the importer and the reports.

- `SystemClock`: the real date and time (the app and the command line).
- `FixedClock`: a pinned day (tests, screenshots, a training copy) at the real time of day, so
  records made one after another keep their order.
- ``PARTNERBOARD_TODAY=yyyy-mm-dd`` in the environment pins every database opened in that
  process (and in the commands it starts): the test suite sets it once in ``tests/conftest.py``.
"""

from __future__ import annotations

import os
from datetime import UTC, date, datetime
from typing import Any

from partnerboard.errors import UserError

TODAY_VARIABLE = "PARTNERBOARD_TODAY"


class Clock:
    """What time it is, for one database (see the module's docstring)."""

    def now_utc(self) -> datetime:
        """Now in UTC, naive (how timestamps are stored)."""
        raise NotImplementedError

    def now_local(self) -> datetime:
        """Now on the wall clock of this PC, naive (file names, "Generated at" lines)."""
        raise NotImplementedError

    def today(self) -> date:
        """Today's date where the user is (the date every rule and paper is about)."""
        return self.now_local().date()


class SystemClock(Clock):
    def now_utc(self) -> datetime:
        return datetime.now(UTC).replace(tzinfo=None)

    def now_local(self) -> datetime:
        return datetime.now()

    def __repr__(self) -> str:
        return "SystemClock()"


class FixedClock(Clock):
    """A pinned day at the real time of day, so that records made one after another, by any
    database handle or process, keep their order (a run across midnight could misorder two)."""

    def __init__(self, day: date) -> None:
        self.day = day

    def now_local(self) -> datetime:
        return datetime.combine(self.day, datetime.now().time())

    def now_utc(self) -> datetime:
        # The pinned wall clock is local time; naive astimezone() reads it in this PC's zone.
        return self.now_local().astimezone(UTC).replace(tzinfo=None)

    def today(self) -> date:
        return self.day

    def __repr__(self) -> str:
        return f"FixedClock({self.day.isoformat()})"


def pinned_day(environ: dict[str, str] | None = None) -> date | None:
    """The day pinned by ``PARTNERBOARD_TODAY`` (ISO yyyy-mm-dd), or None."""
    value = (environ if environ is not None else os.environ).get(TODAY_VARIABLE, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UserError(
            f"{TODAY_VARIABLE}={value!r} is not a date; write it as yyyy-mm-dd, or unset it."
        ) from None


def clock_of(session: Any) -> Clock:
    """The clock of the database a session works on (`session.info["database"]`)."""
    database = session.info.get("database")
    return database.clock if database is not None else default_clock()


def default_clock() -> Clock:
    """The clock a newly opened database gets: pinned by the environment, else the system's."""
    day = pinned_day()
    return FixedClock(day) if day is not None else SystemClock()
