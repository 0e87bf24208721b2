"""Automatic rotating backups of a SQLite database, and finding the last good one.

The app backs up on close and once a day (SQLite's online backup, written to a temporary file
then renamed: `db.backup.backup_sqlite`), into the backups folder, named by database and time
(`partnerboard-1a2b3c4d-20261122-140500.sqlite`: the file's name, a digest of its full path so
that two databases of the same name do not rotate each other away, and the local time).
The newest `Settings.backups_to_keep` are kept. Backups taken before an upgrade or a restore
are named differently and never rotated away.

A shared PostgreSQL database is backed up on the server (pg_dump by its administrator, or
`partnerboard backup`); the app makes no automatic copies of it.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import create_engine
from sqlalchemy.exc import SQLAlchemyError

from partnerboard.clock import default_clock
from partnerboard.db.audit_anchor import check_manifest, manifest_path
from partnerboard.db.audit_chain import verify_chain
from partnerboard.db.backup import backup_sqlite
from partnerboard.db.target import DatabaseTarget

STAMP = "%Y%m%d-%H%M%S"
_STAMPED = re.compile(r"-(\d{8}-\d{6})(?:-\d+)?\.sqlite$")
DAILY = timedelta(days=1)


def series_name(database: Path) -> str:
    digest = hashlib.sha1(str(database.resolve()).encode()).hexdigest()[:8]
    return f"{database.stem}-{digest}"


def _taken_at(path: Path) -> datetime | None:
    match = _STAMPED.search(path.name)
    return datetime.strptime(match.group(1), STAMP) if match else None


def automatic_backups(database: Path, folder: Path) -> list[Path]:
    """This database's automatic backups, newest first."""
    prefix = series_name(database) + "-"
    found = [p for p in folder.glob(f"{prefix}*.sqlite") if _taken_at(p) is not None]
    return sorted(found, key=lambda p: (_taken_at(p), p.name), reverse=True)


def make_automatic_backup(
    target: DatabaseTarget, folder: Path, keep: int, now: datetime | None = None
) -> Path | None:
    """Back up a SQLite database into the rotation and drop the oldest beyond `keep`."""
    if target.path is None:
        return None
    stamp = (now or default_clock().now_local()).strftime(STAMP)
    base = f"{series_name(target.path)}-{stamp}"
    destination, number = folder / f"{base}.sqlite", 1
    while destination.exists():
        number += 1
        destination = folder / f"{base}-{number}.sqlite"
    saved = backup_sqlite(target.path, destination)
    for old in automatic_backups(target.path, folder)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
        manifest_path(old).unlink(missing_ok=True)
    return saved


def backup_due(target: DatabaseTarget, folder: Path, now: datetime | None = None) -> bool:
    """True when the newest automatic backup is a day old or there is none."""
    if target.path is None:
        return False
    backups = automatic_backups(target.path, folder)
    newest = _taken_at(backups[0]) if backups else None
    return newest is None or (now or default_clock().now_local()) - newest >= DAILY


@dataclass(frozen=True)
class GoodBackup:
    path: Path
    taken_at: datetime


def sqlite_file_sound(path: Path) -> bool:
    """Opens read-only as SQLite, passes `integrity_check`, is a partnerboard database, and its
    audit trail (if its schema has one) is an unbroken chain."""
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error:
        return False
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
        marked = connection.execute("SELECT count(*) FROM partnerboard_meta").fetchone()[0]
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    if rows != [("ok",)] or not marked:
        return False
    if "audit_entry" not in tables:
        return True  # a backup from before the audit trail existed
    engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(uri, uri=True))
    try:
        with engine.connect() as reader:
            chain = verify_chain(reader)
    except SQLAlchemyError:
        return False
    finally:
        engine.dispose()
    # A backup edited after it was made (its signed manifest disagrees) is not a good one.
    return (
        not chain.problems and check_manifest(path, chain.end.seq, chain.end.hash).problem is None
    )


def last_good_backup(database: Path, folder: Path) -> GoodBackup | None:
    """The newest backup of `database` (automatic, before an upgrade or a restore) that is sound."""
    if not folder.is_dir():
        return None
    candidates = [p for p in folder.glob(f"{database.stem}-*.sqlite") if p.is_file()]
    for path in sorted(candidates, key=lambda p: p.stat().st_mtime, reverse=True):
        if sqlite_file_sound(path):
            return GoodBackup(path, datetime.fromtimestamp(path.stat().st_mtime))
    return None
