"""Automatic rotating backups of a SQLite database, and finding the last good one.

The app backs up on close and once a day (SQLite's online backup, written to a temporary file
then renamed: `db.backup.backup_sqlite`), into the backups folder, named by database and time
(`partnerboard-1a2b3c4d-20261122-140500.sqlite`: the file's name, a digest of its full path so
that two databases of the same name do not rotate each other away, and the local time).
The newest `Settings.backups_to_keep` are kept. Backups taken before an upgrade or a restore
are named differently and never rotated away.

Closing the app after a session that changed nothing makes no new copy when the newest
automatic backup is known to hold the database as it is: beside each automatic backup its
source's files (the database and its -wal) are recorded as they were just before the copy
(size, modification time, inode, change time: `source_stamp`), and the close compares them
with the files as they are now. Any write, the app's or another program's, changes the file it
lands in; a stamp whose files were written less than `RACY_NS` before the copy finished is kept
as "racy" and never trusted (a second write within the filesystem's timestamp tick could leave
the same stamp), so the next close copies again.

A shared PostgreSQL database is backed up on the server (pg_dump by its administrator, or
`partnerboard backup`); the app makes no automatic copies of it.
"""

from __future__ import annotations

import hashlib
import json
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
# STAMP's fields as written, then the number among backups of the same second (-2, -3 …). Read
# without `strptime`, whose first call (at each close of the app) builds its locale tables.
_STAMPED = re.compile(r"-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})(?:-(\d+))?\.sqlite$")
DAILY = timedelta(days=1)
RACY_NS = 2_000_000_000  # FAT and some network filesystems keep times to 2 s
_SIDE_FILES = ("-wal", "-journal")


def series_name(database: Path) -> str:
    digest = hashlib.sha1(str(database.resolve()).encode()).hexdigest()[:8]
    return f"{database.stem}-{digest}"


def _stamp(path: Path) -> tuple[datetime, int] | None:
    """When a backup was taken, then its number among those of the same second (-2, -3 …);
    None for a file that is not one of ours (another name, or a stamp that is no time)."""
    match = _STAMPED.search(path.name)
    if match is None:
        return None
    *fields, number = match.groups()
    try:
        return datetime(*(int(field) for field in fields)), int(number or 1)
    except ValueError:  # a month 13, a 30 February …
        return None


def _taken_at(path: Path) -> datetime | None:
    stamp = _stamp(path)
    return stamp[0] if stamp else None


def automatic_backups(database: Path, folder: Path) -> list[Path]:
    """This database's automatic backups, newest first."""
    prefix = series_name(database) + "-"
    stamped = [(s, p) for p in folder.glob(f"{prefix}*.sqlite") if (s := _stamp(p)) is not None]
    return [path for _, path in sorted(stamped, reverse=True)]


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
    before = source_stamp(target.path)  # before the copy: a write during it changes the files
    saved = backup_sqlite(target.path, destination)
    _write_stamp(saved, before)
    for old in automatic_backups(target.path, folder)[max(keep, 1) :]:
        old.unlink(missing_ok=True)
        manifest_path(old).unlink(missing_ok=True)
        stamp_path(old).unlink(missing_ok=True)
    return saved


def stamp_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".source")


def _file_stamp(path: Path) -> list[int] | None:
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino, st.st_ctime_ns]


def source_stamp(database: Path) -> dict[str, list[int] | None]:
    """The database's files as the filesystem describes them; an absent or empty -wal or
    -journal holds nothing, so it is None (a read-only copy leaves an empty -wal behind)."""
    stamp = {"db": _file_stamp(database)}
    for suffix in _SIDE_FILES:
        side = _file_stamp(database.with_name(database.name + suffix))
        stamp[suffix] = side if side is not None and side[0] > 0 else None
    return stamp


def _write_stamp(backup: Path, source: dict[str, list[int] | None]) -> None:
    written = backup.stat()
    newest = max((s[1] for s in source.values() if s is not None), default=0)
    record = {
        "source": source,
        "backup": _file_stamp(backup),
        "racy": newest > written.st_mtime_ns - RACY_NS,
    }
    partial = stamp_path(backup).with_name(stamp_path(backup).name + ".partial")
    partial.write_text(json.dumps(record), encoding="utf-8")
    partial.replace(stamp_path(backup))


def newest_backup_current(target: DatabaseTarget, folder: Path) -> bool:
    """True only when the newest automatic backup is known to hold the database as it is now:
    its stamp is there and not racy, the backup itself is untouched since, and the database's
    files are exactly as they were just before that copy."""
    if target.path is None:
        return False
    backups = automatic_backups(target.path, folder)
    if not backups:
        return False
    try:
        record = json.loads(stamp_path(backups[0]).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    if not isinstance(record, dict) or record.get("racy", True):
        return False
    return record.get("backup") == _file_stamp(backups[0]) and record.get("source") == source_stamp(
        target.path
    )


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
