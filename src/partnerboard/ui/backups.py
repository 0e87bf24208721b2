"""Automatic backups while the app runs: soon after start and every day if due, and on close
(unless this session changed nothing and the newest backup already holds the database as it is:
`db.auto_backup.newest_backup_current`).

The copies are SQLite online backups into the backups folder, rotated (`db.auto_backup`).
A shared server database is backed up on the server, not here. A failed automatic backup is
logged and shown in the status bar; it never stops the app or loses the user's work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from partnerboard.db.auto_backup import (
    backup_due,
    make_automatic_backup,
    newest_backup_current,
)
from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError
from partnerboard.settings import Settings, app_paths

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # look once an hour whether the daily backup is due
FIRST_CHECK_MS = 15_000  # not during start-up: the first page paints first


class AutoBackups(QObject):
    def __init__(
        self,
        db: Database,
        settings: Settings,
        status: Callable[[str], None] = lambda _message: None,
        folder: Path | None = None,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.db = db
        self.keep = max(1, settings.backups_to_keep)
        self.folder = folder or app_paths().backups
        self.status = status
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.backup_if_due)
        self.changed = False  # whether this session committed a change
        self._unsubscribe = db.subscribe(self._note_change)

    def _note_change(self, _changes: object) -> None:
        self.changed = True

    @property
    def allowed(self) -> bool:
        """Only for whoever may back up: a copy holds every record, password hash and key."""
        return self.db.is_sqlite and self.db.principal.may(Permission.BACK_UP)

    def start(self) -> None:
        if self.allowed:
            QTimer.singleShot(FIRST_CHECK_MS, self, self.backup_if_due)
            self.timer.start()

    def backup_if_due(self) -> Path | None:
        if self.allowed and backup_due(self.db.target, self.folder):
            return self.backup_now()
        return None

    def backup_now(self) -> Path | None:
        try:
            saved = make_automatic_backup(self.db.target, self.folder, self.keep)
        except (UserError, OSError) as error:
            log.warning("automatic backup failed: %s", error)
            self.status(f"The automatic backup failed: {error}")
            return None
        if saved is not None:
            log.info("automatic backup %s", saved)
        return saved

    def on_close(self) -> Path | None:
        """Back up as the app closes (call it after the database is closed, so that the copy and
        its stamp see the file with its write-ahead log folded in), unless nothing changed."""
        self.timer.stop()
        self._unsubscribe()
        self._unsubscribe = lambda: None
        if not self.allowed:
            return None
        if not self.changed and newest_backup_current(self.db.target, self.folder):
            log.info("no automatic backup on close: the newest one holds the database as it is")
            return None
        return self.backup_now()
