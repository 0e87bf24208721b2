"""The audit trail's hash chain: how an entry is hashed, and how the whole chain is verified.

Each entry's hash is SHA-256 over its content and the previous entry's hash, so changing,
removing or inserting an entry breaks the chain from there on. Cutting entries off the *end*
leaves a shorter chain that is still sound: that is caught only by comparing with the latest
hash kept outside the database (`db.audit_anchor`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal
from enum import Enum
from json.encoder import c_make_encoder as _make_encoder
from json.encoder import encode_basestring as _as_json_text
from typing import Any

from sqlalchemy import Connection, DateTime, column, text

GENESIS = "0" * 64  # the "previous hash" of entry 1 (also written by migration 0008)
HEAD_ID = 1
MAX_PROBLEMS = 50


def encode_value(value: Any) -> Any:
    """A column value as JSON: dates and times as ISO text, binary data as its size and digest."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return encode_value(value.value)
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        data = bytes(value)
        return {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
    return str(value)


_ISO_TEXT = {datetime: datetime.isoformat, date: date.isoformat}


def _not_plain_json(value: Any) -> Any:
    as_text = _ISO_TEXT.get(type(value))  # the most common by far (a row's dates): at once
    if as_text is not None:
        return as_text(value)
    encoded = encode_value(value)
    if encoded is value:  # not a kind `encode_value` knows: as text, as it always was
        return str(value)
    return encoded


def to_json(values: dict[str, Any] | None) -> str | None:
    """Values as canonical JSON (sorted keys), nested lists and dicts included; what JSON
    cannot hold is encoded by `encode_value` (the C encoder calls it only for those)."""
    if values is None:
        return None
    if _make_encoder is None:
        return json.dumps(
            values,
            default=_not_plain_json,
            sort_keys=True,
            ensure_ascii=False,
            separators=(",", ":"),
        )
    # What that `json.dumps` builds, made directly (the same C encoder, the same arguments, so
    # the same text; a new one each time: its record of the containers being encoded, which
    # refuses a circular value, is its own). An entry is made for every row an import writes.
    encode = _make_encoder({}, _not_plain_json, _as_json_text, None, ":", ",", True, False, True)
    return "".join(encode(values, 0))


# What `json.dumps(..., ensure_ascii=False, separators=(",", ":"))` makes, without building an
# encoder for every entry (`check` hashes every entry of the trail).
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
_SHA256 = hashlib.sha256


def _chunks_encoder() -> Any:
    """The C encoder `_ENCODE` builds on every call, built once (same arguments: its output is
    the same text), for `entry_hash` and `verify_chain`'s loop; None where Python has no C
    encoder. Without `markers`: an entry's payload is a flat list of plain values, nothing can
    refer to itself."""
    if _make_encoder is None:
        return None
    plain = json.JSONEncoder()
    return _make_encoder(None, plain.default, _as_json_text, None, ":", ",", False, False, True)


_CHUNKS = _chunks_encoder()


def entry_hash(
    seq: int,
    at: datetime,
    who: str,
    user_id: int | None,
    action: str,
    table_name: str,
    record_key: str,
    before: str | None,
    after: str | None,
    prev_hash: str,
) -> str:
    """An entry's hash: SHA-256 over its content as a JSON list and the previous entry's hash."""
    payload = [
        seq,
        at.isoformat(timespec="microseconds"),
        who,
        user_id,
        action,
        table_name,
        record_key,
        before,
        after,
        prev_hash,
    ]
    encoded = _ENCODE(payload) if _CHUNKS is None else "".join(_CHUNKS(payload, 0))
    return _SHA256(encoded.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class EntryContent:
    """What an entry says; `hash` is computed over all of it."""

    seq: int
    at: datetime
    who: str
    user_id: int | None
    action: str
    table_name: str
    record_key: str
    before: str | None
    after: str | None
    prev_hash: str

    def hash(self) -> str:
        return entry_hash(
            self.seq,
            self.at,
            self.who,
            self.user_id,
            self.action,
            self.table_name,
            self.record_key,
            self.before,
            self.after,
            self.prev_hash,
        )

    def row(self) -> dict[str, Any]:
        return {
            "seq": self.seq,
            "at": self.at,
            "who": self.who,
            "user_id": self.user_id,
            "action": self.action,
            "table_name": self.table_name,
            "record_key": self.record_key,
            "before": self.before,
            "after": self.after,
            "prev_hash": self.prev_hash,
            "hash": self.hash(),
        }


@dataclass(frozen=True)
class ChainEnd:
    seq: int
    hash: str


# Read as plain text statements (the models are not needed, nor compiled statements); `at` is
# typed so that it comes back as the datetime that was hashed. yield_per on the statement: set
# on the Connection it would stay for later statements (on PostgreSQL every one then runs as a
# server-side cursor).
ENTRY_COLUMNS = (  # an entry's columns, in the order read and written
    "seq",
    "at",
    "who",
    "user_id",
    "action",
    "table_name",
    "record_key",
    "before",
    "after",
    "prev_hash",
    "hash",
)
_ENTRIES_SQL = f"SELECT {', '.join(ENTRY_COLUMNS)} FROM audit_entry ORDER BY seq"
_ENTRIES = (
    text(_ENTRIES_SQL)
    .columns(*(column(name, DateTime) if name == "at" else column(name) for name in ENTRY_COLUMNS))
    .execution_options(yield_per=2000)
)
_HEAD = text("SELECT seq, hash FROM audit_chain_head WHERE id = :id")


def _entries(connection: Connection) -> tuple[Iterable[Any], Any]:
    """Every entry as a plain tuple of `ENTRY_COLUMNS` in order, and what reads its `at` as a datetime.
    On SQLite straight from the driver's cursor (which streams), `at` read afterwards by the
    reader SQLAlchemy itself chooses for a DateTime: the same values as the typed statement,
    without SQLAlchemy's work per row."""
    dialect = connection.dialect
    read_at = DateTime().dialect_impl(dialect).result_processor(dialect, None)
    if dialect.name != "sqlite" or read_at is None:
        return connection.execute(_ENTRIES), _as_read
    return connection.connection.driver_connection.execute(_ENTRIES_SQL), read_at


def _as_read(value: Any) -> Any:
    return value


@dataclass
class ChainReport:
    entries: int
    end: ChainEnd
    problems: list[str]
    hash_at: dict[int, str]  # hashes of the entries asked for (the anchor's)


def verify_chain(connection: Connection, remember: Iterable[int] = ()) -> ChainReport:
    """Walk the chain in order: every entry's hash, every link, no gaps, and the head row."""
    wanted = set(remember)
    problems: list[str] = []
    hash_at: dict[int, str] = {}
    expected_seq, previous, count = 1, GENESIS, 0

    def note(message: str) -> None:
        if len(problems) < MAX_PROBLEMS:
            problems.append(message)

    # The least Python per entry: plain tuples, the hash computed from them directly (as
    # `entry_hash` does, without a call per entry).
    encode, sha256, chunks, join = _ENCODE, _SHA256, _CHUNKS, "".join
    entries, read_at = _entries(connection)
    for row in entries:
        seq, at, who, user_id, action, table, key, before, after, prev_hash, stored = row
        at = read_at(at)  # noqa: PLW2901
        count += 1
        if seq != expected_seq:
            if expected_seq == seq - 1:
                note(f"Audit entry {expected_seq} is missing (deleted from the trail).")
            else:
                note(f"Audit entries {expected_seq} to {seq - 1} are missing (deleted).")
        elif prev_hash != previous:
            note(
                f"Audit entry {seq} does not follow entry {seq - 1}: an entry before it "
                "was changed or replaced."
            )
        at_text = at.isoformat(timespec="microseconds")
        payload = [seq, at_text, who, user_id, action, table, key, before, after, prev_hash]
        encoded = encode(payload) if chunks is None else join(chunks(payload, 0))
        if sha256(encoded.encode("utf-8")).hexdigest() != stored:
            note(f"Audit entry {seq} ({action} of {table} {key}) was changed after it was written.")
        if seq in wanted:
            hash_at[seq] = stored
        expected_seq, previous = seq + 1, stored
    end = ChainEnd(expected_seq - 1, previous)
    head = connection.execute(_HEAD, {"id": HEAD_ID}).first()
    if head is None:
        note("The audit trail's head record is missing.")
    elif (head.seq, head.hash) != (end.seq, end.hash):
        note(
            f"The audit trail's head record says entry {head.seq}, but the trail ends at entry "
            f"{end.seq}: entries were removed or added without the app."
        )
    return ChainReport(count, end, problems, hash_at)
