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

from typing import Any

from sqlalchemy import event, insert, inspect, select, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import NO_VALUE

from partnerboard.clock import clock_of
from partnerboard.db.audit_anchor import advance_anchor
from partnerboard.db.audit_chain import HEAD_ID, EntryContent, to_json
from partnerboard.db.models.access import AuditChainHead, AuditEntry

EXCLUDED_TABLES = frozenset({"audit_entry", "audit_chain_head"})
# Secrets are recorded as having changed, never by value.
SECRET_COLUMNS = {"app_user": frozenset({"password_hash"}), "partnership": {"template_key"}}
SECRET, CHANGED = "(secret)", "(changed)"
# Bookkeeping that every update touches; the entry's own time says when.
BOOKKEEPING = frozenset({"created_at", "updated_at", "row_version"})

_HEAD = "audit_head"  # session.info: (seq, hash) read under the lock for this flush
_FETCHED = "audit_fetched"  # session.info: stored values of columns changed while unloaded
_LAST = "audit_last"  # session.info: newest (seq, hash) appended in this transaction


def _audited(obj: Any) -> bool:
    return inspect(obj).mapper.local_table.name not in EXCLUDED_TABLES


def record_key(obj: Any) -> str:
    state = inspect(obj)
    values = [state.dict.get(col.key) for col in state.mapper.primary_key]
    return "/".join("" if v is None else str(v) for v in values)


def _lock_head(session: Session) -> tuple[int, str]:
    row = (
        session.connection()
        .execute(
            select(AuditChainHead.seq, AuditChainHead.hash)
            .where(AuditChainHead.id == HEAD_ID)
            .with_for_update()
        )
        .one()
    )
    return row.seq, row.hash


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    pending = [o for o in (*session.new, *session.deleted) if _audited(o)]
    dirty = [o for o in session.dirty if _audited(o) and session.is_modified(o)]
    if not pending and not dirty:
        return
    session.info[_HEAD] = _lock_head(session)
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


def _hide_secrets(table: str, values: dict[str, Any], marker: str) -> dict[str, Any]:
    for column in SECRET_COLUMNS.get(table, ()):
        if column in values and values[column] is not None:
            values[column] = marker
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
            after = _hide_secrets(table, _column_values(obj), SECRET)
            found.append(("insert", table, record_key(obj), None, after))
    for obj in session.dirty:
        if _audited(obj) and session.is_modified(obj):
            table = inspect(obj).mapper.local_table.name
            before, after = _changes(obj, fetched.get(id(obj), {}))
            if before or after:
                before = _hide_secrets(table, before, SECRET)
                after = _hide_secrets(table, after, CHANGED)
                version = inspect(obj).dict.get("row_version")
                if version is not None:
                    after["row_version"] = version
                found.append(("update", table, record_key(obj), before, after))
    for obj in session.deleted:
        if _audited(obj):
            table = inspect(obj).mapper.local_table.name
            before = _hide_secrets(table, _column_values(obj), SECRET)
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
    seq, previous = head or _lock_head(session)
    principal = session.info.get("principal")
    who = principal.name if principal is not None else "unknown"
    user_id = principal.user_id if principal is not None else None
    at = clock_of(session).now_utc()
    rows = []
    for action, table, key, before, after in entries:
        seq += 1
        content = EntryContent(
            seq, at, who, user_id, action, table, key, to_json(before), to_json(after), previous
        )
        row = content.row()
        rows.append(row)
        previous = row["hash"]
    connection = session.connection()
    connection.execute(insert(AuditEntry), rows)
    connection.execute(
        update(AuditChainHead).where(AuditChainHead.id == HEAD_ID).values(seq=seq, hash=previous)
    )
    session.info[_LAST] = (seq, previous)


def _after_flush(session: Session, _context: Any) -> None:
    head = session.info.pop(_HEAD, None)
    if head is None:
        return
    append_entries(session, _entries(session), head)


def _after_commit(session: Session) -> None:
    last = session.info.pop(_LAST, None)
    database = session.info.get("database")
    if last is not None and database is not None:
        advance_anchor(database.target, *last)


def _after_soft_rollback(session: Session, _previous: Any) -> None:
    # Whatever was appended may be gone (a savepoint or the whole transaction rolled back):
    # the anchor waits for the next commit rather than record an entry that may not exist.
    for key in (_HEAD, _FETCHED, _LAST):
        session.info.pop(key, None)


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "before_flush", _before_flush)
    event.listen(session_class, "after_flush", _after_flush)
    event.listen(session_class, "after_commit", _after_commit)
    event.listen(session_class, "after_soft_rollback", _after_soft_rollback)
