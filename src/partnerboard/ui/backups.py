"""Automatic backups while the app runs: soon after start and every day if due, and on close.

The copies are SQLite online backups into the backups folder, rotated (`db.auto_backup`).
A shared server database is backed up on the server, not here. A failed automatic backup is
logged and shown in the status bar; it never stops the app or loses the user's work.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from partnerboard.db.auto_backup import backup_due, make_automatic_backup
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
        self.timer.stop()
        return self.backup_now() if self.allowed else None
