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
from typing import Any

from sqlalchemy import Connection, select

from partnerboard.db.models.access import AuditChainHead, AuditEntry

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


def _not_plain_json(value: Any) -> Any:
    encoded = encode_value(value)
    if encoded is value:  # not a kind `encode_value` knows: as text, as it always was
        return str(value)
    return encoded


def to_json(values: dict[str, Any] | None) -> str | None:
    """Values as canonical JSON (sorted keys), nested lists and dicts included; what JSON
    cannot hold is encoded by `encode_value` (the C encoder calls it only for those)."""
    if values is None:
        return None
    return json.dumps(
        values,
        default=_not_plain_json,
        sort_keys=True,
        ensure_ascii=False,
        separators=(",", ":"),
    )


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
        payload = json.dumps(
            [
                self.seq,
                self.at.isoformat(timespec="microseconds"),
                self.who,
                self.user_id,
                self.action,
                self.table_name,
                self.record_key,
                self.before,
                self.after,
                self.prev_hash,
            ],
            ensure_ascii=False,
            separators=(",", ":"),
        )
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

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


_COLUMNS = [
    AuditEntry.seq,
    AuditEntry.at,
    AuditEntry.who,
    AuditEntry.user_id,
    AuditEntry.action,
    AuditEntry.table_name,
    AuditEntry.record_key,
    AuditEntry.before,
    AuditEntry.after,
    AuditEntry.prev_hash,
    AuditEntry.hash,
]


def _rows(connection: Connection) -> Iterable[Any]:
    # yield_per on the statement: set on the Connection it would stay for later statements
    # (on PostgreSQL every one then runs as a server-side cursor).
    result = connection.execute(
        select(*_COLUMNS).order_by(AuditEntry.seq).execution_options(yield_per=2000)
    )
    yield from result


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

    for row in _rows(connection):
        count += 1
        content = EntryContent(*row[:-1])
        if row.seq != expected_seq:
            if expected_seq == row.seq - 1:
                note(f"Audit entry {expected_seq} is missing (deleted from the trail).")
            else:
                note(f"Audit entries {expected_seq} to {row.seq - 1} are missing (deleted).")
        elif row.prev_hash != previous:
            note(
                f"Audit entry {row.seq} does not follow entry {row.seq - 1}: an entry before it "
                "was changed or replaced."
            )
        if content.hash() != row.hash:
            note(
                f"Audit entry {row.seq} ({row.action} of {row.table_name} {row.record_key}) was "
                "changed after it was written."
            )
        if row.seq in wanted:
            hash_at[row.seq] = row.hash
        expected_seq, previous = row.seq + 1, row.hash
    end = ChainEnd(expected_seq - 1, previous)
    head = connection.execute(
        select(AuditChainHead.seq, AuditChainHead.hash).where(AuditChainHead.id == HEAD_ID)
    ).first()
    if head is None:
        note("The audit trail's head record is missing.")
    elif (head.seq, head.hash) != (end.seq, end.hash):
        note(
            f"The audit trail's head record says entry {head.seq}, but the trail ends at entry "
            f"{end.seq}: entries were removed or added without the app."
        )
    return ChainReport(count, end, problems, hash_at)
