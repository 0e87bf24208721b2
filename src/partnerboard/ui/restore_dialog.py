"""File → Restore from backup…: pick a backup, check it, confirm, then put it back.

The check (open a copy, upgrade it if older, run every check including the audit chain) runs
in the background; nothing is replaced unless it passes and the user confirms. The app holds
the database's lock, so it restores itself: it waits for running work, closes its connections,
and lets `db.restore` back up the current database and write the backup into it. Every page
then reloads.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from partnerboard.db.changes import Changes
from partnerboard.db.models import Base
from partnerboard.db.restore import BackupFacts, check_backup, restore_database
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_datetime
from partnerboard.errors import UserError
from partnerboard.settings import app_paths
from partnerboard.ui import dialogs
from partnerboard.ui.context import AppContext


def choose_backup(parent: QWidget) -> Path | None:
    folder = app_paths().backups
    name, _ = QFileDialog.getOpenFileName(
        parent,
        "Restore from backup",
        str(folder if folder.is_dir() else Path.home()),
        "partnerboard databases (*.sqlite);;All files (*)",
    )
    return Path(name) if name else None


def restore_from_backup(parent: QWidget, context: AppContext) -> None:
    db = context.db
    if not db.is_sqlite:
        dialogs.show_problem(
            parent,
            "Restore from backup",
            "A shared server database is restored by its administrator (pg_restore).",
        )
        return
    if not db.principal.may(Permission.RESTORE):
        dialogs.show_problem(parent, "Restore from backup", "Only business support can restore.")
        return
    chosen = choose_backup(parent)
    if chosen is None:
        return
    context.operations.run(
        lambda _progress, _cancel: check_backup(chosen),
        lambda facts: _confirm_and_restore(parent, context, facts),
        label="Checking the backup…",
    )


def _confirm_and_restore(parent: QWidget, context: AppContext, facts: BackupFacts) -> None:
    db = context.db
    when = format_datetime(_modified(facts.path))
    if not dialogs.confirm(
        parent,
        "Restore from backup",
        f"{facts.path.name} (saved {when}) passed the check: schema {facts.revision}, "
        f"{facts.audit_entries} audit trail entries."
        + (f" {facts.manifest_note}" if facts.manifest_note else "")
        + "\n\nReplace the database with it? Everything "
        "saved since that backup is replaced. The database as it is now is backed up first, "
        "into the backups folder.",
        yes="Restore",
    ):
        return
    context.operations.wait_idle()
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        db.engine.dispose()  # no connection of ours stays open on the file being replaced
        report = restore_database(
            db.target, facts.path, app_paths().backups, db.principal, held_by_caller=True
        )
    except UserError as problem:
        dialogs.show_problem(parent, "Restore from backup", str(problem))
        return
    finally:
        QApplication.restoreOverrideCursor()
    db.announce(Changes.of((table, None) for table in Base.metadata.tables))
    kept = f" The database as it was is kept in {report.safety_copy}." if report.safety_copy else ""
    context.status(f"Restored from {report.restored_from.name}.{kept}")


def _modified(path: Path) -> datetime:
    return datetime.fromtimestamp(path.stat().st_mtime)
