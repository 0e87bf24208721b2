"""The audit trail of every change made through a `BoardSession`, recorded by session events.

`before_flush` takes the chain lock (the head row, `FOR UPDATE` on PostgreSQL; SQLite write
transactions are serialised already by BEGIN IMMEDIATE) before the flush writes any row, so
that two clients appending at once queue instead of forking the chain, and always in the same
lock order (head first, then rows: no deadlock). `after_flush` turns what the flush wrote into
entries: an insert with the values after, an update with the changed columns before and
after, a delete with the values before. After the commit the newest hash is also written
outside the database (`db.audit_anchor`).

Not covered, and therefore refused (`db.access_rules`): bulk and statement writes
(`session.execute(update(...))`, `bulk_save_objects`, `text("UPDATE ...")`). Writes on a raw
connection (`engine.connect()`) bypass the session altogether: only migrations do that.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from sqlalchemy import bindparam, event, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import NO_VALUE

from partnerboard.clock import clock_of
from partnerboard.db import write_door
from partnerboard.db.audit_anchor import advance_anchor, continues, read_anchor, reset_anchor
from partnerboard.db.audit_chain import ENTRY_COLUMNS, HEAD_ID, entry_hash, to_json
from partnerboard.db.base import BOOKKEEPING
from partnerboard.db.models.access import AuditChainHead, AuditEntry
from partnerboard.errors import UserError

log = logging.getLogger(__name__)

EXCLUDED_TABLES = frozenset({"audit_entry", "audit_chain_head"})
# Secrets are recorded as having changed, never by value: "(secret)" or "(changed)" and a
# SHA-256 of the stored value, so that `check` can tell a hash or key replaced behind the app's
# back (a digest of an argon2 hash or of a 256-bit key tells nothing about either).
SECRET_COLUMNS = {"app_user": frozenset({"password_hash"}), "partnership": {"template_key"}}
SECRET, CHANGED = "(secret)", "(changed)"
# `record_key` of one entry for many inserted rows (`db.bulk.insert_rows`): after = {"rows": [...]}
MANY = "*"

_HEAD = "audit_head"  # session.info: (seq, hash) of the chain's end, read under its lock
_FETCHED = "audit_fetched"  # session.info: stored values of columns changed while unloaded
_LAST = "audit_last"  # session.info: newest (seq, hash) appended in this transaction
_QUEUED = "audit_queued"  # session.info: entries of `db.bulk` writes, chained at the next flush
_ANCHORED = "audit_anchored"  # session.info: the anchor may follow this transaction's entries
_PENDING = "audit_pending"  # connection.info: the end to note as pending just before the commit
_SAVED = "audit_saved"  # session.info: the trail's state at each open savepoint


def _audited(obj: Any) -> bool:
    return inspect(obj).mapper.local_table.name not in EXCLUDED_TABLES


def record_key(obj: Any) -> str:
    state = inspect(obj)
    values = [state.dict.get(col.key) for col in state.mapper.primary_key]
    return "/".join("" if v is None else str(v) for v in values)


# Built once: every write transaction runs them (SQLAlchemy then reuses the compiled form).
# The lock of the chain's head also reads the hash of the entry this computer anchored, so
# that whether the anchor may follow this transaction costs no statement of its own.
_LOCK_HEAD = (
    select(
        AuditChainHead.seq,
        AuditChainHead.hash,
        select(AuditEntry.hash)
        .where(AuditEntry.seq == bindparam("anchored"))
        .scalar_subquery()
        .label("anchored_hash"),
    )
    .where(AuditChainHead.id == HEAD_ID)
    .with_for_update(of=AuditChainHead)
)
_INSERT_ENTRIES = insert(AuditEntry)
_INSERT_ENTRIES_SQL = (
    f"INSERT INTO audit_entry ({', '.join(ENTRY_COLUMNS)}) "
    f"VALUES ({', '.join('?' for _c in ENTRY_COLUMNS)})"
)
_MOVE_HEAD = (
    update(AuditChainHead)
    .where(AuditChainHead.id == HEAD_ID)
    .values(seq=bindparam("new_seq"), hash=bindparam("new_hash"))
)


class MissingChainHead(UserError):
    """The trail's head row is gone: no change can be recorded, so none is made."""


def _lock_head(session: Session) -> tuple[int, str]:
    database = session.info.get("database")
    anchor = read_anchor(database.target, every_line=False) if database is not None else None
    anchored = anchor.seq if anchor is not None else -1
    row = session.connection().execute(_LOCK_HEAD, {"anchored": anchored}).first()
    if row is not None and database is not None and _ANCHORED not in session.info:
        session.info[_ANCHORED] = _anchor_follows(database, anchor, row)
    if row is None:
        raise MissingChainHead(
            "The audit trail's head record is missing, so no change can be recorded and "
            "nothing was saved. Run `partnerboard check`, and restore the last good backup."
        )
    return row.seq, row.hash


def hold_chain(session: Session) -> None:
    """Take the chain's lock for the rest of the transaction (once; before any row is written)."""
    if _HEAD not in session.info:
        session.info[_HEAD] = _lock_head(session)


def queue_entries(
    session: Session, entries: list[tuple[str, str, str, dict | None, dict | None]]
) -> None:
    """Entries of writes made outside a flush (`db.bulk`): chained at the next flush or commit,
    in order with the flush's own."""
    session.info.setdefault(_QUEUED, []).extend(entries)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    pending = [o for o in (*session.new, *session.deleted) if _audited(o)]
    dirty = [o for o in session.dirty if _audited(o) and session.is_modified(o)]
    if not pending and not dirty:
        return  # (entries queued by `db.bulk` wait for a flush that writes, or the commit)
    hold_chain(session)
    session.info[_FETCHED] = _fetch_unloaded_old_values(session, dirty)


def _fetch_unloaded_old_values(session: Session, dirty: list[Any]) -> dict[int, dict[str, Any]]:
    """Old values of columns assigned without having been loaded (the history cannot tell)."""
    fetched: dict[int, dict[str, Any]] = {}
    for obj in dirty:
        state = inspect(obj)
        unknown = [
            attr.key
            for attr in state.mapper.column_attrs
            if (h := state.attrs[attr.key].history).added and not h.deleted
        ]
        if not unknown or state.key is None:
            continue
        table = state.mapper.local_table
        where = [
            col == value for col, value in zip(state.mapper.primary_key, state.key[1], strict=True)
        ]
        row = session.connection().execute(select(*(table.c[k] for k in unknown)).where(*where))
        found = row.mappings().first()
        if found is not None:
            fetched[id(obj)] = dict(found)
    return fetched


def _column_values(obj: Any) -> dict[str, Any]:
    state = inspect(obj)
    values: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        value = state.dict.get(attr.key, NO_VALUE)
        if value is NO_VALUE:
            if attr.columns[0].server_default is not None:
                continue  # filled in by the database; not loaded
            value = None
        values[attr.key] = value
    return values


def secret_marker(value: Any, changed: bool = False) -> str:
    digest = hashlib.sha256(str(value).encode("utf-8")).hexdigest()
    return f"{CHANGED if changed else SECRET} sha256:{digest}"


def secret_digest(recorded: Any) -> str | None:
    """The digest a secret's marker carries (None: an older entry that recorded none)."""
    if isinstance(recorded, str) and " sha256:" in recorded:
        return recorded.rpartition(" sha256:")[2]
    return None


def hide_secrets(table: str, values: dict[str, Any], changed: bool = False) -> dict[str, Any]:
    """`values` with each secret column replaced by its marker (a copy when there are any)."""
    columns = SECRET_COLUMNS.get(table, ())
    if not any(values.get(c) is not None for c in columns):
        return values
    values = dict(values)
    for column in columns:
        if values.get(column) is not None:
            values[column] = secret_marker(values[column], changed)
    return values


def _changes(obj: Any, fetched: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    state = inspect(obj)
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for attr in state.mapper.column_attrs:
        if attr.key in BOOKKEEPING:
            continue
        history = state.attrs[attr.key].history
        if not history.has_changes():
            continue
        old = history.deleted[0] if history.deleted else fetched.get(attr.key)
        new = history.added[0] if history.added else None
        if old != new:
            before[attr.key], after[attr.key] = old, new
    return before, after


def _entries(session: Session) -> list[tuple[str, str, str, dict | None, dict | None]]:
    """(action, table, key, before, after) for what this flush wrote."""
    found = []
    fetched = session.info.pop(_FETCHED, {})
    for obj in session.new:
        if _audited(obj):
            table = inspect(obj).mapper.local_table.name
            after = hide_secrets(table, _column_values(obj))
            found.append(("insert", table, record_key(obj), None, after))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj):
            table = inspect(obj).mapper.local_table.name
            before, after = _changes(obj, fetched.get(id(obj), {}))
            if before or after:
                before = hide_secrets(table, before)
                after = hide_secrets(table, after, changed=True)
                version = inspect(obj).dict.get("row_version")
                if version is not None:
                    after["row_version"] = version
                found.append(("update", table, record_key(obj), before, after))
    for obj in session.deleted:
        if _audited(obj):
            table = inspect(obj).mapper.local_table.name
            before = hide_secrets(table, _column_values(obj))
            found.append(("delete", table, record_key(obj), before, None))
    return found


def append_entries(
    session: Session,
    entries: list[tuple[str, str, str, dict | None, dict | None]],
    head: tuple[int, str] | None = None,
) -> None:
    """Chain `entries` onto the trail inside the session's transaction (holding the lock)."""
    if not entries:
        return
    seq, previous = head or session.info.get(_HEAD) or _lock_head(session)
    principal = session.info.get("principal")
    who = principal.name if principal is not None else "unknown"
    user_id = principal.user_id if principal is not None else None
    at = clock_of(session).now_utc()
    rows = []
    for action, table, key, before, after in entries:
        seq += 1
        before_json, after_json = to_json(before), to_json(after)
        hashed = entry_hash(
            seq, at, who, user_id, action, table, key, before_json, after_json, previous
        )
        rows.append(
            (seq, at, who, user_id, action, table, key, before_json, after_json, previous, hashed)
        )
        previous = hashed
    connection = session.connection()
    follows = session.info.get(_ANCHORED, False)
    with write_door.opened("audit"):
        _insert_entries(connection, at, rows)
        moved = connection.execute(_MOVE_HEAD, {"new_seq": seq, "new_hash": previous})
    if moved.rowcount != 1:
        raise MissingChainHead(
            "The audit trail's head record is missing, so no change can be recorded and "
            "nothing was saved. Run `partnerboard check`, and restore the last good backup."
        )
    session.info[_HEAD] = session.info[_LAST] = (seq, previous)
    database = session.info.get("database")
    if follows and database is not None:  # written just before the commit (`_note_pending`)
        connection.info[_PENDING] = (database.target, seq, previous)
        session.info[_PENDING] = connection.info


def _insert_entries(connection: Any, at: Any, rows: list[tuple[Any, ...]]) -> None:
    """Insert entries (tuples in `ENTRY_COLUMNS` order, all made at `at`). On SQLite as driver
    SQL, `at` written once as SQLAlchemy writes the column (the same text), without its work
    per row and value; elsewhere through the insert statement."""
    dialect = connection.dialect
    write_at = AuditEntry.__table__.c.at.type.dialect_impl(dialect).bind_processor(dialect)
    if dialect.name == "sqlite" and write_at is not None:
        at_text = write_at(at)
        connection.exec_driver_sql(_INSERT_ENTRIES_SQL, [(r[0], at_text, *r[2:]) for r in rows])
    else:
        connection.execute(
            _INSERT_ENTRIES, [dict(zip(ENTRY_COLUMNS, r, strict=True)) for r in rows]
        )


_HASH_AT = select(AuditEntry.hash).where(AuditEntry.seq == bindparam("seq"))
_warned: set[Any] = set()  # targets whose anchor was found not to continue (logged once)


def _anchor_follows(database: Any, anchor: Any, head: Any) -> bool:
    """Whether the trail still holds the entry this computer anchored: only then may the
    anchor move on to what this transaction appends (`audit_anchor.continues`). The first
    write here anchors the trail's end as found (trust on first use)."""
    if anchor is None:
        advance_anchor(database.target, head.seq, head.hash)
    follows = continues(anchor, head.seq, head.anchored_hash)
    if not follows and database.target not in _warned:
        _warned.add(database.target)  # once: `check` says it plainly
        log.warning(
            "audit anchor of %s not moved: the trail no longer holds its entry",
            database.describe(),
        )
    return follows


def anchor_new_database(target: Any, connection: Any) -> None:
    """A new database starts a new trail (its migrations may have written a baseline): the
    anchor starts at its end, forgetting one seen at this place before."""
    head = connection.execute(select(AuditChainHead.seq, AuditChainHead.hash)).one()
    reset_anchor(target, head.seq, head.hash)


def anchor_after_migration(target: Any, connection: Any) -> None:
    """Migrations may append entries (a baseline of rows the trail did not cover): the anchor
    follows them, as it follows a commit, if the trail still holds the entry it names."""
    head = connection.execute(select(AuditChainHead.seq, AuditChainHead.hash)).first()
    if head is None:
        return
    anchor = read_anchor(target)
    at = None
    if anchor is not None and anchor.seq > 0:
        at = connection.execute(_HASH_AT, {"seq": anchor.seq}).scalar()
    if anchor is not None and (head.seq, head.hash) == (anchor.seq, anchor.hash):
        return
    if continues(anchor, head.seq, at):
        advance_anchor(target, head.seq, head.hash)


def _after_flush(session: Session, _context: Any) -> None:
    head = session.info.get(_HEAD)
    if head is None or _FETCHED not in session.info:
        return  # this flush wrote no audited row
    entries = _entries(session)
    if entries:  # queued bulk entries first: their writes came before this flush's
        append_entries(session, [*session.info.pop(_QUEUED, []), *entries], head)


def _before_commit(session: Session) -> None:
    # Bulk writes with no flush after them join the trail before the commit; a savepoint's
    # release is not the commit: they wait (an import's files share one transaction).
    if session.in_nested_transaction():
        return
    queued = session.info.pop(_QUEUED, None)
    if queued:
        append_entries(session, queued)


def _after_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: nothing is committed yet, the anchor waits
    session.info.pop(_HEAD, None)
    session.info.pop(_PENDING, None)
    session.info.pop(_SAVED, None)
    last = session.info.pop(_LAST, None)
    follows = session.info.pop(_ANCHORED, False)
    database = session.info.get("database")
    if last is not None and database is not None and follows:
        advance_anchor(database.target, *last)


def _after_transaction_create(session: Session, transaction: Any) -> None:
    # A savepoint: what the trail holds now is what a rollback to it must return to.
    if transaction.nested:
        saved = session.info.setdefault(_SAVED, {})
        queued = list(session.info.get(_QUEUED, ()))
        saved[id(transaction)] = (session.info.get(_HEAD), session.info.get(_LAST), queued)


def _after_soft_rollback(session: Session, previous: Any) -> None:
    snapshot = session.info.get(_SAVED, {}).pop(id(previous), None)
    session.info.pop(_FETCHED, None)
    if previous.nested and snapshot is not None:
        # Back to the savepoint: the entries appended or queued since are gone with it; those
        # before it stand (an import keeps the files before one it rejects).
        head, last, queued = snapshot
        for key, value in ((_HEAD, head), (_LAST, last)):
            if value is None:
                session.info.pop(key, None)
            else:
                session.info[key] = value
        # (queued before it and appended inside it: rolled back with it, so queued again)
        session.info[_QUEUED] = queued
        database = session.info.get("database")
        pending = session.info.get(_PENDING)  # the connection's info, where the commit looks
        if pending is not None:
            if last is not None and database is not None and session.info.get(_ANCHORED):
                pending[_PENDING] = (database.target, *last)
            else:
                pending.pop(_PENDING, None)
        return
    # The whole transaction rolled back: the anchor waits for the next commit rather than
    # record an entry that may not exist.
    for key in (_HEAD, _LAST, _QUEUED, _ANCHORED, _SAVED, _PENDING):
        session.info.pop(key, None)


def _note_pending(connection: Any) -> None:
    # The connection is about to commit: a crash between the commit and the confirmed line
    # must not make these entries look added behind the app's back (`audit_anchor`).
    pending = connection.info.pop(_PENDING, None)
    if pending is not None:
        advance_anchor(*pending, pending=True)


def _forget_pending(connection: Any) -> None:
    connection.info.pop(_PENDING, None)


def install_engine(engine: Any) -> None:
    event.listen(engine, "commit", _note_pending)
    event.listen(engine, "rollback", _forget_pending)


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "before_commit", _before_commit)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_transaction_create", _after_transaction_create)
    event.listen(session_class, "after_soft_rollback", _after_soft_rollback)
