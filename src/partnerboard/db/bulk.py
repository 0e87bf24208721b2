"""The sanctioned fast door for writing many rows: Core statements with the ORM's rules and trail.

An import of 60 Section 11 returns writes some 2,000 answers; as ORM objects that costs three
times the import's goal (benchmarks/README.md). These functions write with Core statements in the
session's transaction, but each first asks `access_rules` whether the principal may write the
rows (the same rules as a flush) and queues audit entries that `audit_trail` chains in order with
the flush's own (before the next flush, or at commit):

- `insert_row`: one row, recorded as a flush records an insert (all its values);
- `insert_rows`: many rows of one table, recorded as one entry (`record_key` "*", the rows under
  "rows" with their ids) instead of one entry each, which is most of the saving;
- `update_row`: one row's changed columns, before and after, with the optimistic-lock version
  checked and bumped as the ORM does.

Bookkeeping columns (`created_at`, `updated_at`, `row_version`) are filled as the ORM fills them,
by the database's clock. What is written is announced after the commit like a flush's changes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db import access_rules, audit_trail, write_door
from partnerboard.db.access_rules import RowWrite
from partnerboard.db.base import BOOKKEEPING
from partnerboard.domain.access import Permission
from partnerboard.errors import StaleRecord


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined]


@cache
def _defaults(table: Table) -> dict[str, Any]:
    """The columns' fixed defaults (what the insert fills in), so the trail records them."""
    return {
        c.name: c.default.arg  # type: ignore[union-attr]
        for c in table.c
        if c.default is not None and c.default.is_scalar
    }


def _stamped(table: Table, values: Mapping[str, Any], now: Any) -> dict[str, Any]:
    row = {**_defaults(table), **values}
    for column in ("created_at", "updated_at"):
        if column in table.c:
            row.setdefault(column, now)
    return row


@cache
def _inserting(table: Table) -> Any:
    return insert(table).returning(table.c.id)


@lru_cache(maxsize=64)
def _updating(table: Table, names: tuple[str, ...]) -> Any:
    """UPDATE of these columns (and the bookkeeping), matching the id and the version read."""
    columns = [*names, *(c for c in ("updated_at", "row_version") if c in table.c)]
    where = [table.c.id == bindparam("ident")]
    if "row_version" in table.c:
        where.append(table.c.row_version == bindparam("seen"))
    return update(table).where(*where).values({c: bindparam(f"new_{c}") for c in columns})


def _full_rows(table: Table, rows: Sequence[Mapping[str, Any]], ids: list[int]) -> list[dict]:
    """Every column's value as stored (unset columns with no default are NULL)."""
    unset = {c.name: None for c in table.c if c.name not in rows[0] and c.name != "id"}
    return [{**row, **unset, "id": ident} for row, ident in zip(rows, ids, strict=True)]


def _announce(session: Session, table: str, ids: Sequence[Any]) -> None:
    pending = session.info.setdefault("changes", [])
    pending.extend((table, ident) for ident in ids or [None])


def _check(session: Session, verb: str, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    principal = session.info.get("principal")
    if principal is None or principal.may(Permission.EDIT_RECORDS):
        return
    access_rules.check_writes(
        session,
        [
            RowWrite(
                verb,
                table.name,
                row.get("id"),
                frozenset(k for k in row if k not in BOOKKEEPING),
                row,
            )
            for row in rows
        ],
    )


def insert_row(session: Session, model: type, values: Mapping[str, Any]) -> int:
    """Insert one row; returns its id. Recorded as the ORM records an insert."""
    return insert_rows(session, model, [values], one_entry_each=True)[0]


def insert_rows(
    session: Session,
    model: type,
    rows: Sequence[Mapping[str, Any]],
    *,
    one_entry_each: bool = False,
) -> list[int]:
    """Insert rows of one table in one statement; returns their ids in order."""
    if not rows:
        return []
    table = _table(model)
    _check(session, "insert", table, rows)
    audit_trail.hold_chain(session)  # the chain's lock before the rows', as a flush takes it
    now = clock_of(session).now_utc()
    stamped = [_stamped(table, row, now) for row in rows]
    with write_door.opened("bulk"):
        # Ids are given in the order of the rows on both backends (SQLite's next rowid, a
        # PostgreSQL sequence), so the sorted ids pair with the rows; SQLAlchemy's own
        # `sort_by_parameter_order` costs half as much again as the insert.
        # (One row is executed as one: many rows take SQLAlchemy's "insertmanyvalues", whose
        # rendering of the statement costs more than the insert of a single row.)
        given = stamped[0] if len(stamped) == 1 else stamped
        ids = sorted(session.connection().execute(_inserting(table), given).scalars())
    full = _full_rows(table, stamped, ids)
    if one_entry_each:
        entries = [
            ("insert", table.name, str(row["id"]), None, audit_trail.hide_secrets(table.name, row))
            for row in full
        ]
    else:
        rows_after = [audit_trail.hide_secrets(table.name, row) for row in full]
        entries = [("insert", table.name, audit_trail.MANY, None, {"rows": rows_after})]
    audit_trail.queue_entries(session, entries)
    _announce(session, table.name, ids)
    return ids


def update_row(
    session: Session,
    model: type,
    ident: int,
    changes: Mapping[str, Any],
    *,
    current: Mapping[str, Any] | None = None,
    expected_version: int | None = None,
) -> bool:
    """Change some columns of one row (only those that differ); False when nothing differed.

    `current`: the row's stored values of the changed columns (and `row_version`) when the
    caller has just read them in this transaction; otherwise they are read here. The update
    matches only the version read (or `expected_version`), as the ORM's optimistic lock does; a
    row changed in between raises `StaleRecord`."""
    table = _table(model)
    names = list(changes)
    versioned = "row_version" in table.c
    if current is None:
        found = (
            session.connection()
            .execute(
                select(
                    *(table.c[n] for n in names), *([table.c.row_version] if versioned else [])
                ).where(table.c.id == ident)
            )
            .first()
        )
        if found is None:
            raise StaleRecord(f"The {table.name.replace('_', ' ')} {ident} no longer exists.")
        current = found._mapping
    before = {n: current[n] for n in names if current[n] != changes[n]}
    if not before:
        return False
    after = {n: changes[n] for n in before}
    version = current["row_version"] if versioned else None
    if expected_version is not None and version != expected_version:
        raise StaleRecord(f"The {table.name.replace('_', ' ')} was changed by someone else.")
    _check(session, "update", table, [{**after, "id": ident}])
    audit_trail.hold_chain(session)
    values = {f"new_{n}": v for n, v in after.items()}
    values["ident"] = ident
    if "updated_at" in table.c:
        values["new_updated_at"] = clock_of(session).now_utc()
    if versioned:
        values["new_row_version"], values["seen"] = version + 1, version
    with write_door.opened("bulk"):
        done = session.connection().execute(_updating(table, tuple(after)), values)
    if done.rowcount != 1:
        raise StaleRecord(
            f"The {table.name.replace('_', ' ')} was changed by someone else meanwhile; try again."
        )
    recorded_after = dict(after, **({"row_version": version + 1} if versioned else {}))
    audit_trail.queue_entries(
        session,
        [
            (
                "update",
                table.name,
                str(ident),
                audit_trail.hide_secrets(table.name, before),
                audit_trail.hide_secrets(table.name, recorded_after, changed=True),
            )
        ],
    )
    _announce(session, table.name, [ident])
    loaded = session.identity_map.get(session.identity_key(model, ident))
    if loaded is not None:  # written behind the ORM's objects: reload when next read
        session.expire(loaded)
    return True
