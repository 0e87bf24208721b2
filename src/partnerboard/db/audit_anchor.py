"""The latest audit-trail hash, kept outside the database so that a cut-off tail shows.

Anyone who can write to the database can delete the last entries and fix the head row; the
chain alone then still looks sound. So after every commit that appended entries, the number
and hash of the newest entry are also written to a small file: next to a SQLite database, or
in the user's data folder for a server (one file per server database and per computer).

The file is a log: one line `<seq> <hash>` appended per commit (an append costs a fraction of
the rename a rewrite would need, and a crash can only leave a half line, which is ignored), and
rewritten to its newest line once it grows past `COMPACT_BYTES`. It is only ever a lower bound
(another client may be further on), so `check` asks: does the database still hold the newest
entry listed here, with this hash?
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

from partnerboard.db.target import DatabaseTarget
from partnerboard.settings import app_paths

log = logging.getLogger(__name__)

_lock = threading.Lock()
_LINE = re.compile(r"^(\d+) ([0-9a-f]{64})$", re.MULTILINE)
TAIL_BYTES = 8192
COMPACT_BYTES = 64 * 1024


@dataclass(frozen=True)
class Anchor:
    seq: int
    hash: str
    path: Path


def anchor_path(target: DatabaseTarget) -> Path:
    if target.path is not None:
        return target.path.with_name(target.path.name + ".audit-head")
    # Without the password: the same database is the same file whoever's credentials are used.
    where = target.url.set(password=None).render_as_string(hide_password=True)
    digest = hashlib.sha256(where.encode("utf-8")).hexdigest()[:20]
    return app_paths().data / "audit-heads" / f"{digest}.audit-head"


def read_anchor(target: DatabaseTarget) -> Anchor | None:
    """The newest entry recorded (None: no file); `seq` -1 when the file holds no valid line."""
    path = anchor_path(target)
    try:
        with path.open("rb") as handle:
            handle.seek(0, os.SEEK_END)
            start = max(0, handle.tell() - TAIL_BYTES)
            handle.seek(start)
            tail = handle.read().decode("ascii", errors="replace")
        if start > 0:  # the first line read may be the end of a longer one
            tail = tail.partition("\n")[2]
    except FileNotFoundError:
        return None
    except OSError as error:
        log.warning("unreadable audit anchor %s: %s", path, error)
        return Anchor(-1, "", path)
    found = [(int(m.group(1)), m.group(2)) for m in _LINE.finditer(tail)]
    if not found:
        return Anchor(-1, "", path)
    seq, digest = max(found)
    return Anchor(seq, digest, path)


def _rewrite(path: Path, seq: int, digest: str) -> None:
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_text(f"{seq} {digest}\n", encoding="ascii")
    os.replace(partial, path)


def advance_anchor(target: DatabaseTarget, seq: int, digest: str) -> None:
    """Record entry `seq` as seen (readers take the highest number listed)."""
    path = anchor_path(target)
    with _lock:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with path.open("a", encoding="ascii") as handle:
                handle.write(f"{seq} {digest}\n")
                size = handle.tell()
            if size > COMPACT_BYTES:
                newest = read_anchor(target)
                if newest is not None and newest.seq >= 0:
                    _rewrite(path, newest.seq, newest.hash)
        except OSError as error:  # the commit stands; the next one writes again
            log.warning("could not write the audit anchor: %s", error)


def reset_anchor(target: DatabaseTarget, seq: int | None, digest: str | None) -> None:
    """Start afresh: after a restore (the trail is the backup's) or for a brand-new database."""
    path = anchor_path(target)
    with _lock:
        if seq is None or digest is None:
            path.unlink(missing_ok=True)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            _rewrite(path, seq, digest)
