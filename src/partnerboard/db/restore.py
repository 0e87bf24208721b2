"""`partnerboard restore FILE`: put a backup back, safely.

1. The file is checked first, on a copy: it must open as a partnerboard database of a known
   schema (an older one is upgraded, on the copy) and pass every check of `partnerboard check`,
   including its audit trail. Otherwise nothing happens.
2. Refused while the app has the database open (its lock file; the app itself restores through
   its own File menu, which closes its connections first).
3. The current database is backed up first (`…-before-restore-<time>.sqlite`; a damaged one is
   copied byte for byte).
4. The checked copy is written into the database with SQLite's backup API, which takes the
   proper locks and leaves no stale `-wal` behind; only a database too damaged for SQLite to
   open is replaced as a file.
5. The audit trail is now the backup's: the anchor kept outside the database is reset to its
   end, and an entry records who restored what (so a restore is itself in the trail).

A shared PostgreSQL database is restored by its administrator with pg_restore.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from partnerboard.db.app_lock import database_in_use
from partnerboard.db.audit_anchor import reset_anchor
from partnerboard.db.audit_trail import append_entries
from partnerboard.db.backup import backup_sqlite, timestamp
from partnerboard.db.check import check_database
from partnerboard.db.models.access import AuditChainHead
from partnerboard.db.schema import open_database, probe_sqlite
from partnerboard.db.target import DatabaseTarget, parse_target
from partnerboard.domain.access import Permission, Principal
from partnerboard.errors import UserError


@dataclass(frozen=True)
class BackupFacts:
    path: Path
    revision: str | None
    audit_entries: int


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    safety_copy: Path | None
    revision: str | None
    audit_entries: int


def _checked_copy(source: Path, folder: Path) -> tuple[Path, BackupFacts]:
    source = source.expanduser().resolve()
    if not source.is_file():
        raise UserError(f"There is no backup file at {source}.")
    probe_sqlite(parse_target(str(source)))  # refuses what is not ours, newer, or damaged
    copy = folder / "checked.sqlite"
    shutil.copyfile(source, copy)
    db = open_database(str(copy), create=False, backups=folder / "upgrade")
    try:
        report = check_database(db)
        with db.reader() as session:
            entries = session.scalar(select(AuditChainHead.seq)) or 0
    finally:
        db.close()
    if not report.ok:
        listed = "\n".join(f"- {p}" for p in report.problems[:10])
        raise UserError(
            f"The backup {source.name} did not pass the check; nothing was restored.\n{listed}"
        )
    return copy, BackupFacts(source, report.revision, entries)


def check_backup(source: Path) -> BackupFacts:
    """Check a backup file without restoring it (for the restore dialog)."""
    with tempfile.TemporaryDirectory(prefix="pb-restore-") as folder:
        return _checked_copy(source, Path(folder))[1]


def _safety_copy(database: Path, folder: Path) -> Path | None:
    if not database.exists():
        return None
    destination = folder / f"{database.stem}-before-restore-{timestamp()}.sqlite"
    try:
        return backup_sqlite(database, destination)
    except (UserError, sqlite3.Error):
        # Too damaged for SQLite to copy: keep its bytes (and its -wal) for whoever investigates.
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(database, destination)
        wal = database.with_name(database.name + "-wal")
        if wal.exists():
            shutil.copy2(wal, destination.with_name(destination.name + "-wal"))
        return destination


def _write_into(copy: Path, database: Path) -> None:
    source = sqlite3.connect(copy)
    try:
        target = sqlite3.connect(database, timeout=10)
        try:
            source.backup(target, pages=-1)
            return
        finally:
            target.close()
    except sqlite3.DatabaseError:
        pass  # the current file is too damaged to write into: replace it whole, below
    finally:
        source.close()
    for leftover in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + leftover).unlink(missing_ok=True)
    partial = database.with_name(database.name + ".restoring")
    shutil.copyfile(copy, partial)
    os.replace(partial, database)


def restore_database(
    target: DatabaseTarget,
    source: Path,
    backups: Path,
    principal: Principal | None = None,
    *,
    held_by_caller: bool = False,
) -> RestoreReport:
    """Replace the SQLite database at `target` with the backup `source` (see the module doc).

    `held_by_caller`: the running app restoring its own database (it holds the lock and has
    closed its connections); anyone else is refused while the app has the database open.
    """
    if principal is not None:
        principal.require(Permission.RESTORE)
    if target.path is None:
        raise UserError(
            "A shared server database is restored by its administrator with pg_restore."
        )
    database = target.path
    if Path(source).expanduser().resolve() == database.resolve():
        raise UserError("That is the database itself, not a backup of it.")
    if not held_by_caller and database_in_use(database):
        raise UserError(
            f"partnerboard has {database.name} open; close the app (or restore from its File "
            "menu) and try again."
        )
    with tempfile.TemporaryDirectory(prefix="pb-restore-") as folder:
        copy, facts = _checked_copy(Path(source), Path(folder))
        safety = _safety_copy(database, backups)
        _write_into(copy, database)
    db = open_database(str(database), create=False, principal=principal)
    try:
        with db.session() as session:
            head = session.execute(select(AuditChainHead.seq, AuditChainHead.hash)).one()
            reset_anchor(target, head.seq, head.hash)
            detail = {"file": facts.path.name, "safety_copy": safety.name if safety else None}
            append_entries(session, [("restore", "database", "", None, detail)])
    finally:
        db.close()
    return RestoreReport(facts.path, safety, facts.revision, facts.audit_entries)
