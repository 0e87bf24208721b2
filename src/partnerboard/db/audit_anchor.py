"""The latest audit-trail hash, kept outside the database so that a cut-off tail shows.

Anyone who can write to the database can delete the last entries and fix the head row; the
chain alone then still looks sound. So after every commit that appended entries, the number
and hash of the newest entry are also written to a small file: next to a SQLite database, or
in the user's data folder for a server (one file per server database and per computer). The
file is only ever a lower bound (another client may be further on), so `check` asks: does the
database still hold this entry, with this hash?
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from dataclasses import dataclass
from pathlib import Path

from partnerboard.db.target import DatabaseTarget
from partnerboard.settings import app_paths

log = logging.getLogger(__name__)

_lock = threading.Lock()


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
    return app_paths().data / "audit-heads" / f"{digest}.json"


def read_anchor(target: DatabaseTarget) -> Anchor | None:
    path = anchor_path(target)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return Anchor(int(raw["seq"]), str(raw["hash"]), path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError):
        log.warning("unreadable audit anchor %s", path)
        return Anchor(-1, "", path)


def _write(target: DatabaseTarget, seq: int, digest: str) -> None:
    path = anchor_path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    data = {"seq": seq, "hash": digest, "database": target.describe()}
    partial.write_text(json.dumps(data), encoding="utf-8")
    os.replace(partial, path)


def advance_anchor(target: DatabaseTarget, seq: int, digest: str) -> None:
    """Record entry `seq` as seen, unless a later one already is (never moves backwards)."""
    with _lock:
        current = read_anchor(target)
        if current is not None and current.seq >= seq:
            return
        try:
            _write(target, seq, digest)
        except OSError as error:  # the commit stands; the next one tries again
            log.warning("could not write the audit anchor: %s", error)


def reset_anchor(target: DatabaseTarget, seq: int | None, digest: str | None) -> None:
    """Start afresh: after a restore (the trail is the backup's) or for a brand-new database."""
    with _lock:
        if seq is None or digest is None:
            anchor_path(target).unlink(missing_ok=True)
        else:
            _write(target, seq, digest)
