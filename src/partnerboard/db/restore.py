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

A backup must also end where its signed manifest says it ended when it was made
(`audit_anchor.check_manifest`): a backup edited afterwards is refused. One without a manifest
(an older version's, or copied without it) or made on another computer is restored with a note
saying its end could not be confirmed. Only those who may restore (`Permission.RESTORE`).
A full disk at any step stops the restore with one plain line and the database as it was.

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
from partnerboard.db.audit_anchor import check_manifest, reset_anchor
from partnerboard.db.audit_trail import append_entries
from partnerboard.db.backup import backup_sqlite, timestamp
from partnerboard.db.check import check_database
from partnerboard.db.models.access import AuditChainHead
from partnerboard.db.schema import open_database, probe_sqlite
from partnerboard.db.storage_errors import (
    NoRoom,
    is_locked,
    is_no_room,
    no_room,
    storage_error,
)
from partnerboard.db.target import DatabaseTarget, parse_target
from partnerboard.domain.access import Permission, Principal
from partnerboard.errors import UserError


@dataclass(frozen=True)
class BackupFacts:
    path: Path
    revision: str | None
    audit_entries: int
    # Said when the backup's trail's end could not be confirmed (no manifest, another computer's).
    manifest_note: str | None = None


@dataclass(frozen=True)
class RestoreReport:
    restored_from: Path
    safety_copy: Path | None
    revision: str | None
    audit_entries: int
    manifest_note: str | None = None


def _copy_to_check(source: Path, copy: Path) -> None:
    try:
        shutil.copyfile(source, copy)
    except OSError as error:
        raise storage_error(
            error, copy.parent, "The backup could not be copied to be checked; nothing was restored"
        ) from None


def _checked_copy(source: Path, folder: Path) -> tuple[Path, BackupFacts]:
    source = source.expanduser().resolve()
    if not source.is_file():
        raise UserError(f"There is no backup file at {source}.")
    probe_sqlite(parse_target(str(source)))  # refuses what is not ours, newer, or damaged
    copy = folder / "checked.sqlite"
    _copy_to_check(source, copy)
    with sqlite3.connect(f"file:{copy}?mode=ro", uri=True) as raw:
        try:
            end = raw.execute("SELECT seq, hash FROM audit_chain_head").fetchone()
        except sqlite3.Error:
            end = None  # a backup from before the audit trail: upgraded below
    raw.close()
    db = open_database(str(copy), create=False, backups=folder / "upgrade")
    try:
        report = check_database(db)
        with db.reader() as session:
            entries = session.scalar(select(AuditChainHead.seq)) or 0
    finally:
        db.close()
    problems = list(report.problems)
    manifest = check_manifest(source, *end) if end else None
    if manifest is not None and manifest.problem:
        problems.insert(0, manifest.problem)
    if problems:
        listed = "\n".join(f"- {p}" for p in problems[:10])
        raise UserError(
            f"The backup {source.name} did not pass the check; nothing was restored.\n{listed}"
        )
    note = manifest.note if manifest else "It has no audit trail to confirm."
    return copy, BackupFacts(source, report.revision, entries, note)


def check_backup(source: Path) -> BackupFacts:
    """Check a backup file without restoring it (for the restore dialog)."""
    with tempfile.TemporaryDirectory(prefix="pb-restore-") as folder:
        return _checked_copy(source, Path(folder))[1]


def _copy_whole(source: Path, destination: Path) -> None:
    """`source`'s bytes at `destination`, or nothing there at all (a `.partial` until complete)."""
    partial = destination.with_name(destination.name + ".partial")
    try:
        shutil.copy2(source, partial)
        os.replace(partial, destination)
    except OSError:
        partial.unlink(missing_ok=True)
        raise


def _safety_copy(database: Path, folder: Path) -> Path | None:
    """The current database kept before it is replaced; a copy that cannot be made whole (no
    room) stops the restore with nothing changed and nothing left named like a backup."""
    if not database.exists():
        return None
    destination = folder / f"{database.stem}-before-restore-{timestamp()}.sqlite"
    what = "The current database could not be kept first, so nothing was restored"
    try:
        return backup_sqlite(database, destination)
    except NoRoom:
        raise no_room(folder, what) from None
    except UserError:
        pass  # too damaged for SQLite to copy: keep its bytes, below
    # Too damaged for SQLite to copy: keep its bytes (and its -wal) for whoever investigates.
    try:
        destination.parent.mkdir(parents=True, exist_ok=True)
        _copy_whole(database, destination)
        wal = database.with_name(database.name + "-wal")
        if wal.exists():
            _copy_whole(wal, destination.with_name(destination.name + "-wal"))
    except OSError as error:
        destination.unlink(missing_ok=True)
        raise storage_error(error, folder, what) from None
    return destination


def _write_into(copy: Path, database: Path) -> None:
    what = "The backup could not be written into the database; it was left as it was"
    source = sqlite3.connect(copy)
    try:
        target = sqlite3.connect(database, timeout=10)
        try:
            source.backup(target, pages=-1)  # one transaction: all of it, or nothing
            return
        finally:
            target.close()
    except sqlite3.DatabaseError as error:
        if is_no_room(error, database.parent) or is_locked(error):
            raise storage_error(error, database.parent, what) from None
        # the current file is too damaged to write into: replace it whole, below
    finally:
        source.close()
    partial = database.with_name(database.name + ".restoring")
    try:
        shutil.copyfile(copy, partial)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise storage_error(error, database.parent, what) from None
    for leftover in ("-wal", "-shm", "-journal"):
        database.with_name(database.name + leftover).unlink(missing_ok=True)
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
    return RestoreReport(
        facts.path, safety, facts.revision, facts.audit_entries, facts.manifest_note
    )
