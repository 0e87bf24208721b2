"""What a failed read or write of the disk or the database means, said plainly.

A full disk reaches us as many things: `OSError` ENOSPC, EDQUOT (a quota) or EFBIG (a file-size
limit), SQLite's "database or disk is full", and, as often, SQLite's "disk I/O error" on a write
(TECH-NOTES). None of them means the database is damaged, and none should send the user to a
backup. A database that another program keeps locked past the busy timeout is "locked", not
broken. Each becomes one line that says what happened and that nothing was lost.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

from partnerboard.errors import UserError

_NO_ROOM_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
_NO_ROOM_SQLITE = {
    "SQLITE_FULL",
    "SQLITE_IOERR_WRITE",
    "SQLITE_IOERR_FSYNC",
    "SQLITE_IOERR_TRUNCATE",
}
_LOW = 8 * 1024 * 1024  # "disk I/O error" with less free than this: the disk is full


class NoRoom(UserError):
    """The disk (or the user's quota) is full: nothing was written; nothing was lost."""


class DatabaseBusy(UserError):
    """Another program kept the database locked for longer than we wait."""


def free_space(folder: Path) -> int | None:
    for candidate in (folder, *folder.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def _size(count: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if count < 1024 or unit == "GB":
            return f"{count} {unit}" if unit == "bytes" else f"{count:.0f} {unit}"
        count /= 1024  # type: ignore[assignment]
    return f"{count} bytes"


def _sqlite_error(error: BaseException) -> BaseException:
    return getattr(error, "orig", None) or error


def is_no_room(error: BaseException, folder: Path | None = None) -> bool:
    error = _sqlite_error(error)
    if isinstance(error, OSError) and error.errno in _NO_ROOM_ERRNOS:
        return True
    if getattr(error, "sqlstate", None) == "53100":  # PostgreSQL: disk_full
        return True
    if isinstance(error, sqlite3.Error):
        name = getattr(error, "sqlite_errorname", "")
        if name in _NO_ROOM_SQLITE or "database or disk is full" in str(error):
            return True
        if "disk I/O error" in str(error) and folder is not None:
            free = free_space(folder)
            return free is not None and free < _LOW
    return False


def is_locked(error: BaseException) -> bool:
    error = _sqlite_error(error)
    return isinstance(error, sqlite3.OperationalError) and (
        "database is locked" in str(error) or "database table is locked" in str(error)
    )


def no_room(folder: Path, what: str) -> NoRoom:
    free = free_space(folder)
    left = f"{_size(free)} free, or " if free is not None else ""
    return NoRoom(
        f"{what}: there is no room left on the disk holding {folder} ({left}your quota there "
        "is used up). Free some space and try again; nothing was lost."
    )


def busy() -> DatabaseBusy:
    return DatabaseBusy(
        "The database is locked by another program (or another copy of partnerboard) and stayed "
        "locked while we waited; nothing was changed. Try again in a moment."
    )


def storage_error(error: BaseException, folder: Path, what: str) -> UserError:
    """`error` of reading or writing under `folder`, as one plain line."""
    if is_no_room(error, folder):
        return no_room(folder, what)
    if is_locked(error):
        return busy()
    reason = getattr(error, "strerror", None) or str(_sqlite_error(error)).strip().splitlines()[0]
    return UserError(f"{what}: {reason}.")


def database_error(error: BaseException, folder: Path | None) -> UserError | None:
    """A database error that is not a bug (full disk, locked), as one plain line; else None."""
    if is_locked(error):
        return busy()
    if is_no_room(error, folder):
        return no_room(folder or Path.cwd(), "The change could not be saved")
    return None
