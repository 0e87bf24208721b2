"""What every page gets: the open database, the background operations and the way to navigate.

Passed to each page's constructor instead of reaching for a global main window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Signal

from partnerboard.db.changes import Changes
from partnerboard.db.database import Database
from partnerboard.ui import today
from partnerboard.ui.operations import Operations


class ChangeRelay(QObject):
    """Turns the database's commit news (from any thread) into one Qt signal on the GUI thread."""

    changed = Signal(object)  # Changes

    def __init__(self, db: Database, parent: QObject | None = None):
        super().__init__(parent)
        self._unsubscribe = db.subscribe(self.changed.emit)

    def close(self) -> None:
        self._unsubscribe()


@dataclass
class AppContext:
    db: Database
    operations: Operations
    relay: ChangeRelay
    # open_page(key, **options): switch to a page, e.g. the action register filtered by RAG
    open_page: Callable[..., None]
    # status(message): a short note in the status bar (e.g. "Saved Wrenfield Constabulary")
    status: Callable[[str], None]

    def __post_init__(self) -> None:
        # Date fields take "today" from this database's clock (ui.today, ui.widgets.fields).
        today.use_clock(lambda: self.db.clock.today())

    def subscribe(self, callback: Callable[[Changes], Any]) -> None:
        self.relay.changed.connect(callback)
