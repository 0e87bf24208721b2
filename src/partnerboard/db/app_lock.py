"""Which SQLite databases the app has open: the lock file it holds per database.

The app takes a `QLockFile` (Qt) at `app_lock_path(...)`; code without Qt (the command line's
`restore`) reads the same file to refuse replacing a database under a running app. Qt writes
the holder's process id on the first line and the host name on the third; a lock whose
process has gone is stale (the app crashed) and does not count.
"""

from __future__ import annotations

import hashlib
import os
import socket
import sys
from pathlib import Path

from partnerboard.settings import app_paths


def app_lock_path(database: Path) -> Path:
    digest = hashlib.sha1(str(database).encode()).hexdigest()[:16]
    return app_paths().data / "locks" / f"{digest}.lock"


def process_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # os.kill would terminate the process on Windows
        import ctypes  # noqa: PLC0415  (Windows only)

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return False
        code = ctypes.c_ulong()
        try:
            kernel32.GetExitCodeProcess(handle, ctypes.byref(code))
        finally:
            kernel32.CloseHandle(handle)
        return code.value == 259  # STILL_ACTIVE
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, someone else's
    return True


def database_in_use(database: Path) -> bool:
    """True while a running app holds `database` open (a stale lock does not count)."""
    try:
        lines = app_lock_path(database).read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return False
    try:
        pid = int(lines[0])
    except (IndexError, ValueError):
        return True  # a lock we cannot read: assume someone holds it
    host = lines[2] if len(lines) > 2 else ""
    if host and host != socket.gethostname():
        return True  # held from another computer (a shared folder): cannot tell, so assume so
    return process_alive(pid)
