"""Where the window's "today" comes from: the open database's clock, never the system's.

Set by `AppContext` when the window opens on a database, read by the date fields
(`ui.widgets.fields`) when a person types a date or opens the calendar, so that a pinned day
(tests, a training copy) holds in the window too. No Qt here: the context sets it at start-up
without importing the fields' widgets, which the home page does not use.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partnerboard.clock import default_clock

_source: Callable[[], date] = default_clock().today


def use_clock(today: Callable[[], date]) -> None:
    """Take "today" from `today` from now on (the open database's clock)."""
    global _source
    _source = today


def today() -> date:
    return _source()
