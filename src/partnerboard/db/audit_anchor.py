"""The audit trail's end, kept where a copy of the database does not carry it and a reader of the
database cannot rewrite it.

Anyone who can write the database can delete its last entries and fix the head row, or rewrite
the whole chain with fresh hashes: the chain alone then still looks sound. So this computer keeps,
for each database it writes, the number and hash of the newest entry it committed:

- in the user's config folder (`audit-anchors/<digest>.anchor`), not beside the database: whoever
  can reach a shared database file (or copies it) does not reach it;
- each line signed with an HMAC keyed by a secret of this installation (`audit-anchor.key`,
  readable by the user only), so a line cannot be forged or edited by someone without the key;
- listed in an index of anchored databases (each line signed too), so that a deleted anchor shows;
- moved only by a commit that appended entries, and only when the entry it names is still in the
  database with that hash (a rewritten chain is never blessed by the next write); reads and
  sign-ins write nothing.

Each append writes a *pending* line before the commit and a confirmed line after it, so a crash
between the two is not mistaken for entries added behind the app's back. A SQLite file has one
writer, so its trail must end at an entry this computer wrote; a shared server has many, so there
the anchor is a lower bound. Backups carry their own end in a signed manifest beside them
(`<backup>.manifest`), checked when one is restored.

What this cannot do: someone who can change both the database and this user's config folder (the
same account, or an administrator) can rewrite everything; a new computer or a moved file starts a
new anchor; entries appended by another client of a shared server are not told from forged ones
(the data check and the server's permissions are what guard there). See docs/audit-trail.md.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from partnerboard.db.target import DatabaseTarget
from partnerboard.settings import app_paths

log = logging.getLogger(__name__)

_lock = threading.Lock()
_LINE = re.compile(r"^(P )?(\d+) ([0-9a-f]{64}) ([0-9a-f]{64})$")
TAIL_BYTES = 16384
COMPACT_BYTES = 64 * 1024
GENESIS = "0" * 64
KEY_FILE = "audit-anchor.key"
FOLDER = "audit-anchors"
INDEX = "index"


# ---------------------------------------------------------------- the key and where things are


@lru_cache(maxsize=8)
def _config(home: str | None) -> Path:
    return app_paths().config


def _config_folder() -> Path:
    # Looked up for every write transaction: `app_paths` resolves paths (a tenth of a
    # millisecond each time), so the answer is kept per PARTNERBOARD_HOME.
    return _config(os.environ.get("PARTNERBOARD_HOME"))


def _folder() -> Path:
    return _config_folder() / FOLDER


def _key_path() -> Path:
    return _config_folder() / KEY_FILE


_keys: dict[Path, tuple[tuple[int, int], bytes]] = {}  # path: ((size, mtime), key) last read


def _read_key() -> bytes | None:
    path = _key_path()
    try:
        stat = path.stat()
        seen = _keys.get(path)
        if seen is not None and seen[0] == (stat.st_size, stat.st_mtime_ns):
            return seen[1]
        text = path.read_text(encoding="ascii").strip()
        key = bytes.fromhex(text) if len(text) == 64 else None
    except (OSError, ValueError):
        return None
    if key is not None:
        _keys[path] = ((stat.st_size, stat.st_mtime_ns), key)
    return key


def _key(create: bool) -> bytes | None:
    """This installation's secret (made, readable by the user only, when first needed)."""
    key = _read_key()
    if key is not None or not create:
        return key
    path = _key_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # another process made it meanwhile (or an unreadable one is there)
        return _read_key()
    with os.fdopen(descriptor, "w", encoding="ascii") as handle:
        handle.write(secrets.token_hex(32) + "\n")
    return _read_key()


def key_id() -> str | None:
    """A fingerprint of this installation's key (names it in manifests; reveals nothing)."""
    key = _read_key()
    return hashlib.sha256(b"partnerboard key id|" + key).hexdigest()[:16] if key else None


@lru_cache(maxsize=256)
def identity(target: DatabaseTarget) -> str:
    """Which database: the file's full path, or the server's URL without the password."""
    if target.path is not None:
        return f"sqlite:{target.path.resolve()}"
    return target.url.set(password=None).render_as_string(hide_password=True)


@lru_cache(maxsize=256)
def _digest(target: DatabaseTarget) -> str:
    return hashlib.sha256(identity(target).encode("utf-8")).hexdigest()[:24]


def anchor_path(target: DatabaseTarget) -> Path:
    return _folder() / f"{_digest(target)}.anchor"


def _mac(key: bytes, *parts: object) -> str:
    message = "|".join(str(p) for p in parts).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()


# ---------------------------------------------------------------- reading


@dataclass
class Anchor:
    """What this computer knows of a database's trail: the newest entry it committed."""

    seq: int  # -1: the anchor exists but holds no line that can be trusted
    hash: str
    path: Path
    pending: set[tuple[int, str]] = field(default_factory=set)
    problems: list[str] = field(default_factory=list)


def _lines(path: Path, whole: bool = False, tail: int = TAIL_BYTES) -> list[str]:
    """The file's last lines (all of them with `whole`); a torn last line left out."""
    with path.open("rb") as handle:
        size = handle.seek(0, os.SEEK_END)
        start = 0 if whole else max(0, size - tail)
        handle.seek(start)
        tail = handle.read().decode("ascii", errors="replace")
    if start > 0:  # the first line read may be the end of a longer one
        tail = tail.partition("\n")[2]
    lines = tail.split("\n")
    return lines[:-1]  # the last piece has no newline: empty, or a line torn by a crash


def _indexed(key: bytes | None, target: DatabaseTarget) -> bool:
    path = _folder() / INDEX
    if key is None or not path.exists():
        return False
    wanted = _digest(target)
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return False
    expected = _mac(key, "index", identity(target))
    return any(line == f"{wanted} {expected}" for line in text.splitlines())


_newest: dict[Path, tuple[tuple[int, int], Anchor]] = {}  # path: ((size, mtime), its newest)


def _newest_confirmed(path: Path, key: bytes, where: str) -> Anchor | None:
    """The writer's look, once per transaction: the newest confirmed line, nearly always the
    last one, so only the file's end is read, and not again while the file is unchanged
    (None: not found there, read it all)."""
    stat = path.stat()
    seen = _newest.get(path)
    if seen is not None and seen[0] == (stat.st_size, stat.st_mtime_ns):
        return seen[1]
    found = _newest_in_tail(path, key, where)
    if found is not None:
        _newest[path] = ((stat.st_size, stat.st_mtime_ns), found)
    return found


def _remember(path: Path, before: int, newest: Anchor | None) -> None:
    """After our own line: the file's newest confirmed entry, without reading it back (`newest`
    None: a pending line; the newest stays what it was, if it was known up to our line)."""
    stat = path.stat()
    if newest is None:
        seen = _newest.get(path)
        if seen is None or seen[0][0] != before:  # someone else wrote since we last looked
            _newest.pop(path, None)
            return
        newest = seen[1]
    _newest[path] = ((stat.st_size, stat.st_mtime_ns), newest)


def _newest_in_tail(path: Path, key: bytes, where: str) -> Anchor | None:
    for line in reversed(_lines(path, tail=1024)):
        match = _LINE.match(line)
        if match is None or match.group(1):
            continue
        seq, digest, mac = int(match.group(2)), match.group(3), match.group(4)
        if hmac.compare_digest(mac, _mac(key, "end", where, seq, digest)):
            return Anchor(seq, digest, path)
        return None
    return None


def read_anchor(target: DatabaseTarget, *, every_line: bool = True) -> Anchor | None:
    """The anchor of `target` on this computer (None: this computer never wrote to it).

    `every_line`: verify the signature of every line (`check`); otherwise (a writer, once per
    transaction) only the newest confirmed line is wanted and verified."""
    path = anchor_path(target)
    key = _read_key()
    where = identity(target)
    if not path.exists():
        if _indexed(key, target):
            return Anchor(
                -1,
                "",
                path,
                problems=[
                    f"The audit trail's end kept on this computer for this database ({path}) "
                    "is missing: it was deleted, so a cut or rewritten trail could not show."
                ],
            )
        return None
    if key is None:
        return Anchor(
            -1,
            "",
            path,
            problems=[
                f"The key that signs the audit trail's end kept on this computer "
                f"({_key_path()}) is missing, so that end ({path}) cannot be trusted."
            ],
        )
    try:
        if not every_line:
            found = _newest_confirmed(path, key, where)
            if found is not None:
                return found
        lines = _lines(path)
        if not any(_LINE.match(line) and not line.startswith("P ") for line in lines):
            lines = _lines(path, whole=True)  # many pending lines after the last confirmed one
    except OSError as error:
        return Anchor(
            -1, "", path, problems=[f"The audit trail's end ({path}) is unreadable: {error}."]
        )
    confirmed: list[tuple[int, str]] = []
    pending: set[tuple[int, str]] = set()
    altered = 0
    for line in lines:
        match = _LINE.match(line)
        if match is None:  # a line torn by a crash (or noise): says nothing, trusted for nothing
            continue
        is_pending, seq, digest, mac = (
            bool(match.group(1)),
            int(match.group(2)),
            match.group(3),
            match.group(4),
        )
        kind = "pending" if is_pending else "end"
        if not hmac.compare_digest(mac, _mac(key, kind, where, seq, digest)):
            altered += 1
        elif is_pending:
            pending.add((seq, digest))
        else:
            confirmed.append((seq, digest))
    problems = []
    if altered:
        problems.append(
            f"The audit trail's end kept on this computer ({path}) was altered: {altered} "
            "line(s) are not as partnerboard signed them."
        )
    if not confirmed:
        if not altered:
            problems.append(
                f"The audit trail's end kept on this computer ({path}) holds no entry that "
                "partnerboard signed: it was emptied or replaced."
            )
        return Anchor(-1, "", path, pending, problems)
    seq, digest = max(confirmed)
    return Anchor(seq, digest, path, pending, problems)


# ---------------------------------------------------------------- writing


def _append(path: Path, line: str) -> tuple[int, int]:
    """Append one line in one write (after a line torn by a crash, on a line of its own);
    the file's size before and after."""
    with path.open("a+b") as handle:
        before = handle.seek(0, os.SEEK_END)
        torn = False
        if before:
            handle.seek(before - 1)
            torn = handle.read(1) != b"\n"
        handle.write((("\n" if torn else "") + line + "\n").encode("ascii"))
        return before, handle.tell()


def _register(key: bytes, target: DatabaseTarget) -> None:
    """List `target` in the index of anchored databases (once)."""
    if not _indexed(key, target):
        line = f"{_digest(target)} {_mac(key, 'index', identity(target))}"
        _append(_folder() / INDEX, line)


def _line(key: bytes, target: DatabaseTarget, seq: int, digest: str, pending: bool) -> str:
    kind = "pending" if pending else "end"
    mac = _mac(key, kind, identity(target), seq, digest)
    return f"{'P ' if pending else ''}{seq} {digest} {mac}"


def _rewrite(key: bytes, target: DatabaseTarget, seq: int, digest: str) -> None:
    path = anchor_path(target)
    partial = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    partial.write_text(_line(key, target, seq, digest, False) + "\n", encoding="ascii")
    os.replace(partial, path)


def advance_anchor(target: DatabaseTarget, seq: int, digest: str, *, pending: bool = False) -> None:
    """Record entry `seq` as written here: `pending` before the commit, confirmed after it."""
    path = anchor_path(target)
    with _lock:
        try:
            key = _key(create=True)
            assert key is not None
            line = _line(key, target, seq, digest, pending)
            try:
                before, size = _append(path, line)
            except FileNotFoundError:  # the first anchor of this installation
                path.parent.mkdir(parents=True, exist_ok=True)
                before, size = _append(path, line)
            if before == 0:  # the first line for this database here
                _register(key, target)
            _remember(path, before, None if pending else Anchor(seq, digest, path))
            if size > COMPACT_BYTES and not pending:
                _rewrite(key, target, seq, digest)
        except (OSError, AssertionError) as error:  # the commit stands; the next one writes again
            log.warning("could not write the audit anchor: %s", error)


def reset_anchor(target: DatabaseTarget, seq: int, digest: str) -> None:
    """Start afresh at entry `seq`: a restore (the trail is now the backup's), a new database."""
    with _lock:
        key = _key(create=True)
        if key is None:
            log.warning("no audit anchor key could be made in %s", _key_path())
            return
        anchor_path(target).parent.mkdir(parents=True, exist_ok=True)
        _register(key, target)
        _rewrite(key, target, seq, digest)


def continues(anchor: Anchor | None, head_seq: int, hash_at_anchor: str | None) -> bool:
    """Whether a trail whose end is `head_seq` (and whose entry at the anchor's number has
    `hash_at_anchor`) still holds the anchored entry, so that the anchor may move on."""
    if anchor is None:
        return True  # first write here: the anchor starts now
    if anchor.seq < 0 or anchor.problems:
        return False  # an untrustworthy anchor is left for `check` to report
    if anchor.seq == 0:
        return anchor.hash == GENESIS
    return head_seq >= anchor.seq and hash_at_anchor == anchor.hash


# ---------------------------------------------------------------- backups carry their end


def manifest_path(backup: Path) -> Path:
    return backup.with_name(backup.name + ".manifest")


def write_manifest(backup: Path, source: DatabaseTarget, seq: int, digest: str) -> None:
    """Sign the end of a backup's trail beside it, so a backup edited later is refused."""
    key = _key(create=True)
    if key is None:
        return
    data = {
        "database": identity(source),
        "audit_seq": seq,
        "audit_hash": digest,
        "key_id": key_id(),
        "mac": _mac(key, "backup", seq, digest),
    }
    partial = manifest_path(backup).with_name(manifest_path(backup).name + ".partial")
    partial.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    os.replace(partial, manifest_path(backup))


@dataclass(frozen=True)
class ManifestCheck:
    verified: bool  # signed here and matching
    problem: str | None  # the backup does not match what was signed (refuse it)
    note: str | None  # nothing to verify against (no manifest, another computer's)


def check_manifest(backup: Path, seq: int, digest: str) -> ManifestCheck:
    """Does the backup's trail still end where its manifest says it ended when it was made?"""
    path = manifest_path(backup)
    if not path.exists():
        return ManifestCheck(
            False, None, "It has no signed manifest, so its trail's end was not confirmed."
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        signed_seq, signed_hash, mac = (
            int(data["audit_seq"]),
            str(data["audit_hash"]),
            str(data["mac"]),
        )
        made_by = data.get("key_id")
    except (OSError, ValueError, KeyError, TypeError):
        return ManifestCheck(
            False, f"Its manifest ({path.name}) is unreadable or was altered.", None
        )
    key = _read_key()
    if key is None or made_by != key_id():
        return ManifestCheck(
            False, None, "It was made on another computer, so its manifest cannot be verified here."
        )
    if not hmac.compare_digest(mac, _mac(key, "backup", signed_seq, signed_hash)):
        return ManifestCheck(False, f"Its manifest ({path.name}) was altered.", None)
    if (seq, digest) != (signed_seq, signed_hash):
        return ManifestCheck(
            False,
            f"It was changed after it was made: its audit trail ends at entry {seq}, but when "
            f"it was made it ended at entry {signed_seq}.",
            None,
        )
    return ManifestCheck(True, None, None)
