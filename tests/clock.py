"""The day the whole suite runs on, whatever the calendar says.

`tests/conftest.py` pins it for every database the tests open, in this process and in the
commands they start (``PARTNERBOARD_TODAY``, read by `partnerboard.clock`). A test builds its
dates from `TODAY` (or pins another day with `pin(db, day)`), never from the system clock:
ruff's banned-api rule refuses `date.today()` here as in the app, and CI runs the suite again
with the system clock moved a year and more ahead (`faketime`, see `.ci/run`), so a test or a
piece of the app that reads the real date fails now instead of next month.
"""

from __future__ import annotations

from datetime import date

from partnerboard.clock import FixedClock

TODAY = date(2026, 11, 23)


def pin(db, day: date) -> FixedClock:
    """Move one open database to another day (e.g. a demo built for a later day)."""
    db.clock = FixedClock(day)
    return db.clock
