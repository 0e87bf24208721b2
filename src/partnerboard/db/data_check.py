"""`check`: does every row hold what the audit trail says it should? (Data edited behind the app.)

The trail records every insert with all its values, every update with the columns it changed,
every delete. Replayed in order, it gives each row's expected content; the rows as stored are
compared with it. A row changed with a SQLite browser or `psql` (un-restricting an action,
turning sign-in off, giving oneself business support), a row added or removed behind the app's
back, all show as a plain line naming the table, the row and the columns.

Not compared: `created_at`, `updated_at` and `row_version` (bookkeeping an update touches without
an entry of its own), a column the trail never recorded (added by a migration after the row was written, unless
the migration recorded a baseline, see `record_baseline`), and secrets recorded without a digest
(entries older than schema 0010). Secrets are compared by the SHA-256 the trail keeps.

`record_baseline` is for migrations: it records, as "baseline" entries, what the trail does not
cover yet (rows written before the trail existed, columns added since), so that from then on
every row and column can be checked. A migration that adds a column or changes data must call it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Boolean,
    Connection,
    Date,
    DateTime,
    Float,
    Integer,
    MetaData,
    Numeric,
    Table,
    column,
    inspect,
    select,
    text,
)
from sqlalchemy.types import TypeEngine

from partnerboard.clock import default_clock
from partnerboard.db.audit_chain import EntryContent, encode_value, to_json
from partnerboard.db.audit_trail import EXCLUDED_TABLES, MANY, secret_digest
from partnerboard.db.checked_tables import CheckedTable, checked_tables

# Bookkeeping: when a row changed, and the optimistic lock's counter (which an update of
# nothing but bookkeeping also moves, without an entry): not what a record says.
SKIPPED = frozenset({"created_at", "updated_at", "row_version"})
_DIGEST = " sha256:"  # in a secret's marker (audit_trail.secret_marker)
MAX_PROBLEMS = 50
_DELETED = None


# partnerboard_meta only marks the file as ours (written by the first migration).
_NOT_AUDITED = EXCLUDED_TABLES | {"partnerboard_meta"}


def audited_tables() -> list[Table]:
    """The audited tables of the models (maps every model: for migrations, not `check`)."""
    from partnerboard.db.models import Base  # noqa: PLC0415

    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_AUDITED]


def _key(table: Table, row: Any) -> str:
    return "/".join("" if row[c.name] is None else str(row[c.name]) for c in table.primary_key)


_ENTRIES_SQL = (
    "SELECT action, record_key, after FROM audit_entry WHERE table_name = {} ORDER BY seq"
)
# yield_per on the statement: on a Connection the option would stay for later statements.
_ENTRIES = text(_ENTRIES_SQL.format(":table")).execution_options(yield_per=2000)
_SQLITE_ENTRIES = _ENTRIES_SQL.format("?")


def _entries(connection: Connection, table: str) -> Iterable[Any]:
    """(action, record key, after) of each entry about `table`, in order (on SQLite from the
    driver's cursor: plain text and integers, nothing for SQLAlchemy to read)."""
    if connection.dialect.name == "sqlite":
        return connection.connection.driver_connection.execute(_SQLITE_ENTRIES, (table,))
    return connection.execute(_ENTRIES, {"table": table})


def expected_rows(connection: Connection, table: str, with_digests: bool = False) -> Any:
    """Each row's content as the trail says it should be (None: deleted), by record key; with
    `with_digests`, also the keys of the rows whose entries hold a secret's digest."""
    state: dict[str, dict[str, Any] | None] = {}
    secret: set[str] = set()
    for action, key, after_json in _entries(connection, table):
        after = _loads(after_json) if after_json else {}
        if action == "insert" and key == MANY:
            for row in after.get("rows", []):
                state[str(row.get("id"))] = row if type(row) is dict else dict(row)
                if _DIGEST in after_json:
                    secret.add(str(row.get("id")))
            continue
        if action == "insert":  # (parsed afresh: no copy needed of a dict)
            state[key] = after if type(after) is dict else dict(after)
        elif action in ("update", "baseline"):
            current = state.get(key) or {}
            current.update(after)
            state[key] = current
        elif action == "delete":
            state[key] = _DELETED
        else:
            continue
        if after_json and _DIGEST in after_json:
            secret.add(key)
    return (state, secret) if with_digests else state


_SCAN = json.JSONDecoder().scan_once


def _loads(text: str) -> Any:
    """`json.loads(text)`, with one call into the C scanner where the text is one value and
    nothing else (every entry the app writes); anything else goes through `json.loads` itself,
    which gives the same value or the same error."""
    try:
        value, end = _SCAN(text, 0)
    except StopIteration:
        return json.loads(text)
    return value if end == len(text) else json.loads(text)


# ---------------------------------------------------------------- comparing values


def _as_datetime(value: Any) -> datetime | None:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return None
    if isinstance(value, datetime) and value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value if isinstance(value, datetime) else None


Compare = Callable[[Any, Any], bool]  # (stored, recorded), neither None


def _comparer(column_type: Any) -> Compare:
    """How a stored value is compared with the recorded one for a column of this type (chosen
    once per column, not per value: `check` compares every value of every row)."""
    if isinstance(column_type, DateTime):
        return lambda stored, recorded: _as_datetime(stored) == _as_datetime(recorded)
    if isinstance(column_type, Date):
        return lambda stored, recorded: encode_value(stored) == str(recorded)[:10]
    if isinstance(column_type, Boolean):
        return lambda stored, recorded: bool(stored) == bool(recorded)
    if isinstance(column_type, (Float, Numeric)):
        return _same_number
    if isinstance(column_type, Integer):
        return _same_integer
    return _same_encoded


def _same_number(stored: Any, recorded: Any) -> bool:
    try:
        return abs(float(stored) - float(recorded)) < 1e-9
    except (TypeError, ValueError):
        return False


def _same_integer(stored: Any, recorded: Any) -> bool:
    if isinstance(recorded, bool):
        return _same_encoded(stored, recorded)
    if type(stored) is int and type(recorded) is int:
        return stored == recorded  # (what comparing their texts says, without making them)
    return str(stored) == str(recorded)


def _same_encoded(stored: Any, recorded: Any) -> bool:
    return (stored if type(stored) is str else encode_value(stored)) == recorded


@lru_cache(maxsize=256)
def _comparers(table: Table) -> dict[str, Compare]:
    """The compared columns of `table` (bookkeeping skipped), each with its comparison."""
    return _comparers_of((c.name, c.type) for c in table.c)


def _comparers_of(columns: Iterable[tuple[str, TypeEngine]]) -> dict[str, Compare]:
    return {name: _comparer(kind) for name, kind in columns if name not in SKIPPED}


def _differs(comparers: dict[str, Compare], stored: Any, expected: dict[str, Any]) -> list[str]:
    """The columns of `stored` (by name) that differ from what the trail `expected`."""
    changed = []
    for name, recorded in expected.items():
        compare = comparers.get(name)
        if compare is None:  # bookkeeping, or a column the table no longer has
            continue
        value = stored[name]
        if type(recorded) is str:  # (JSON's own types: no subclass to allow for)
            if _DIGEST in recorded:  # (what `secret_digest` looks for, without a call per value)
                digest = secret_digest(recorded)
                if value is None or hashlib.sha256(str(value).encode()).hexdigest() != digest:
                    changed.append(name)
                continue
            if type(value) is str and value == recorded:
                continue
            if recorded.startswith(("(secret)", "(changed)")):
                continue  # an entry from before digests were kept: nothing to compare with
        elif type(value) is type(recorded) and value == recorded:
            continue  # equal values of one type are the same whatever the column's comparison
        if value is None or recorded is None or not compare(value, recorded):
            changed.append(name)
    return changed


def _stored_rows(connection: Connection, table: CheckedTable) -> Iterator[dict[str, Any]]:
    """The rows of `table`, each as {column: value}, the values typed as the models read them
    (the same values as `select(table)` of the model, without mapping the models or compiling
    a SELECT of every column of every table). On PostgreSQL; SQLite's go through `_Reader`."""
    names = [name for name, _ in table.columns]
    statement = text(_select(connection, table)).columns(
        *(column(name, kind) for name, kind in table.columns)
    )
    for values in connection.execute(statement):  # typed by SQLAlchemy, from the driver's types
        yield dict(zip(names, values, strict=True))


def _select(connection: Connection, table: CheckedTable) -> str:
    quote = connection.dialect.identifier_preparer.quote
    return f"SELECT {', '.join(quote(name) for name, _ in table.columns)} FROM {quote(table.name)}"


class _Reader:
    """A SQLite table's plain rows (sqlite3 names no column types, so no statement is compiled),
    each column read as SQLAlchemy itself would (`result_processor`), and a quick way to know a
    row holds exactly what the trail recorded.

    The quick way (`same`) claims a row the same only where `_differs` would find nothing: every
    compared column is in the trail's values, and each value as stored, read, equals the recorded
    one and is of the same type (the first thing `_differs` accepts), with dates and times as
    their ISO text (what the trail records; equal text is the same date or time for `_differs`).
    Rows whose trail holds a secret's digest, and every other row, go through `_differs`."""

    def __init__(self, connection: Connection, table: CheckedTable) -> None:
        dialect = connection.dialect
        self.names = [name for name, _ in table.columns]
        self.readers = [
            (index, kind, kind.dialect_impl(dialect).result_processor(dialect, None))
            for index, (_, kind) in enumerate(table.columns)
        ]
        self.readers = [(i, kind, read) for i, kind, read in self.readers if read is not None]
        self.typed = [
            (i, read, self.names[i] not in SKIPPED and isinstance(kind, (Date, DateTime)))
            for i, kind, read in self.readers
        ]
        compared = [i for i, name in enumerate(self.names) if name not in SKIPPED]
        self.stored_of = _getter(compared)
        self.recorded_of = _getter([self.names[i] for i in compared])
        position = {name: i for i, name in enumerate(self.names)}
        self.key_at = [position[name] for name in table.primary_key]
        self.key = self._one_column_key if len(self.key_at) == 1 else self._key
        # Whether `quick` differs from `read` (compared dates or times, as ISO text).
        self.iso = any(iso for _, _, iso in self.typed)
        self.sql = _select(connection, table)

    def rows(self, connection: Connection) -> Iterable[Any]:
        return connection.connection.driver_connection.execute(self.sql)

    def read(self, values: Any) -> tuple[list[Any], list[Any]]:
        """The row's values as the models read them, and as compared quickly (ISO dates)."""
        read = list(values)
        if not self.iso:
            for index, reader, _ in self.typed:
                value = values[index]
                if value is not None:
                    read[index] = reader(value)
            return read, read
        quick = list(values)
        for index, reader, iso in self.typed:
            value = values[index]
            if value is not None:
                read[index] = value = reader(value)
                quick[index] = value.isoformat() if iso else value
        return read, quick

    def _key(self, read: list[Any]) -> str:
        return "/".join("" if read[i] is None else str(read[i]) for i in self.key_at)

    def _one_column_key(self, read: list[Any]) -> str:
        value = read[self.key_at[0]]
        return "" if value is None else str(value)

    def same(self, quick: list[Any], recorded: dict[str, Any]) -> bool:
        try:
            wanted = self.recorded_of(recorded)
        except KeyError:  # a column the trail never recorded: `_differs` knows what to skip
            return False
        stored = self.stored_of(quick)
        return stored == wanted and tuple(map(type, stored)) == tuple(map(type, wanted))


def _getter(items: list[Any]) -> Callable[[Any], tuple[Any, ...]]:
    """A C-speed `lambda row: tuple(row[item] for item in items)`."""
    if len(items) > 1:
        return itemgetter(*items)
    if items:
        one = itemgetter(items[0])
        return lambda row: (one(row),)
    return lambda row: ()


def _sqlite_table_problems(connection: Connection, table: CheckedTable) -> Iterator[str]:
    expected, secret = expected_rows(connection, table.name, with_digests=True)
    comparers = _comparers_of(table.columns)
    reader = _Reader(connection, table)
    names = reader.names
    seen: set[str] = set()
    for values in reader.rows(connection):
        read, quick = reader.read(values)
        key = reader.key(read)
        seen.add(key)
        wanted = expected.get(key, ...)
        if wanted is ... or wanted is _DELETED:
            yield _problem(table.name, key, wanted)
        elif key not in secret and reader.same(quick, wanted):
            continue
        elif changed := _differs(comparers, dict(zip(names, read, strict=True)), wanted):
            yield _changed(table.name, key, changed)
    yield from _missing(table.name, expected, seen)


def _table_problems(connection: Connection, table: CheckedTable) -> Iterator[str]:
    if connection.dialect.name == "sqlite":
        yield from _sqlite_table_problems(connection, table)
        return
    expected = expected_rows(connection, table.name)
    comparers = _comparers_of(table.columns)
    primary_key = table.primary_key
    seen: set[str] = set()
    for row in _stored_rows(connection, table):
        key = "/".join("" if row[c] is None else str(row[c]) for c in primary_key)
        seen.add(key)
        wanted = expected.get(key, ...)
        if wanted is ... or wanted is _DELETED:
            yield _problem(table.name, key, wanted)
        elif changed := _differs(comparers, row, wanted):
            yield _changed(table.name, key, changed)
    yield from _missing(table.name, expected, seen)


def _problem(table: str, key: str, wanted: Any) -> str:
    if wanted is ...:
        return (
            f"Table {table}, row {key} is not in the audit trail: it was added behind "
            "the app's back."
        )
    return (
        f"Table {table}, row {key} was deleted according to the audit trail, but it "
        "is there: it was put back behind the app's back."
    )


def _changed(table: str, key: str, changed: list[str]) -> str:
    return (
        f"Table {table}, row {key}: {', '.join(changed)} differ(s) from what the "
        "audit trail recorded: changed behind the app's back."
    )


def _missing(table: str, expected: dict[str, Any], seen: set[str]) -> Iterator[str]:
    for key in sorted(k for k, v in expected.items() if v is not _DELETED and k not in seen):
        yield (
            f"Table {table}, row {key} is missing, but the audit trail never deleted it: "
            "it was removed behind the app's back."
        )


def check_data(connection: Connection) -> list[str]:
    """Every row of every audited table against the trail (reads only)."""
    problems: list[str] = []
    for table in checked_tables():
        if table.name in _NOT_AUDITED:
            continue
        for problem in _table_problems(connection, table):
            problems.append(problem)
            if len(problems) >= MAX_PROBLEMS:
                problems.append("… and more; only the first 50 differences are listed.")
                return problems
    return problems


# ---------------------------------------------------------------- baseline (migrations)


def _uncovered(connection: Connection, table: Table) -> Iterator[tuple[str, dict[str, Any]]]:
    """(key, values) of each row where it is not what the trail says: the whole row when the
    trail has no entry for it (or deleted it), else the columns no entry recorded or that differ.
    """
    from partnerboard.db.audit_trail import hide_secrets  # noqa: PLC0415

    expected = expected_rows(connection, table.name)
    for row in connection.execute(select(table)).mappings():
        key = _key(table, row)
        known = expected.get(key)
        if known:
            names = {c.name for c in table.c if c.name not in known} | set(
                _differs(_comparers(table), row, known)
            )
        else:
            names = {c.name for c in table.c}
        names -= SKIPPED
        if names:
            yield key, hide_secrets(table.name, {n: row[n] for n in sorted(names)})


def _as_found(connection: Connection) -> list[Table]:
    """The audited tables as the database holds them now: a migration records its baseline
    before later migrations add their tables and columns, so only those already made count."""
    present = inspect(connection)
    names = set(present.get_table_names())
    found = []
    for table in audited_tables():
        if table.name not in names:
            continue
        columns = {c["name"] for c in present.get_columns(table.name)}
        found.append(
            Table(table.name, MetaData(), *(c._copy() for c in table.c if c.name in columns))  # noqa: SLF001
        )
    return found


def record_baseline(connection: Connection, who: str) -> int:
    """Record the rows as they stand where the trail does not say so, as "baseline" entries;
    returns how many. The data as it is becomes what later checks compare with: whatever was
    written without an entry before (by an older version, or by someone) is taken as found.

    For migrations (they run on a raw connection inside `write_door.opened("migration")`)."""
    from partnerboard.db.models.access import AuditChainHead, AuditEntry  # noqa: PLC0415

    head = connection.execute(
        select(AuditChainHead.seq, AuditChainHead.hash).where(AuditChainHead.id == 1)
    ).first()
    if head is None:
        return 0
    seq, previous = head.seq, head.hash
    at = default_clock().now_utc()
    rows = []
    for table in _as_found(connection):
        for key, values in _uncovered(connection, table):
            seq += 1
            content = EntryContent(
                seq, at, who, None, "baseline", table.name, key, None, to_json(values), previous
            )
            row = content.row()
            rows.append(row)
            previous = row["hash"]
    if rows:
        connection.execute(AuditEntry.__table__.insert(), rows)
        connection.execute(
            AuditChainHead.__table__.update()
            .where(AuditChainHead.__table__.c.id == 1)
            .values(seq=seq, hash=previous)
        )
    return len(rows)
