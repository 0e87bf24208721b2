"""The schema `check` expects: what the migrations make, and nothing else.

A SQLite file can carry triggers, views, tables and indexes that partnerboard never made
(TECH-NOTES): a trigger `after insert on action` silently un-restricts every new action, another
copies restricted titles into a hidden table. The expected schema is what the migrations make: a
fresh database migrated to the head in a temporary folder, its `sqlite_master` read. That is
stored with the revision and a digest of the migration files (`db.expected_schema`, made by
tools/make_expected_schema.py), so that `check` neither imports Alembic nor migrates anything;
when the migrations differ from those it was made from, it is built from them as before. The database being checked must then hold exactly those tables (with
the same columns and constraints), indexes, triggers (none) and views (none).

Batch migrations (SQLite rebuilds a table to alter it) write a table's constraints in no fixed
order, so a table's definition is compared as its columns in order and its constraints as a set.

On PostgreSQL the same names are expected (tables, their columns, indexes); any trigger, rule,
view or function in the schema is unexpected.
"""

from __future__ import annotations

import re
import sqlite3
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from sqlalchemy import Connection, create_engine, text

from partnerboard.db import migrate

KINDS = ("table", "index", "trigger", "view")
_CONSTRAINT = re.compile(r"^(constraint|primary\s+key|foreign\s+key|unique|check)\b", re.I)


@dataclass(frozen=True)
class SchemaItem:
    kind: str  # table / index / trigger / view
    name: str
    table: str
    shape: object  # what is compared: a table's columns and constraints, else its SQL


def _top_level_parts(body: str) -> list[str]:
    """`body` split at commas that are outside brackets and quotes."""
    parts, depth, quote, start = [], 0, "", 0
    for index, char in enumerate(body):
        if quote:
            quote = "" if char == quote else quote
        elif char in "'\"`[":
            quote = "]" if char == "[" else char
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(body[start:index])
            start = index + 1
    parts.append(body[start:])
    return [" ".join(p.split()) for p in parts if p.strip()]


def _shape(kind: str, sql: str | None) -> object:
    if sql is None:  # an index SQLite makes for a UNIQUE or PRIMARY KEY constraint
        return None
    flat = " ".join(sql.split())
    if kind != "table":
        return flat
    head, _, rest = flat.partition("(")
    body = rest.rsplit(")", 1)[0]
    parts = _top_level_parts(body)
    columns = tuple(p for p in parts if not _CONSTRAINT.match(p))
    constraints = frozenset(p for p in parts if _CONSTRAINT.match(p))
    return (head.strip(), columns, constraints)


MASTER_QUERY = (
    "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite\\_%' "
    "ESCAPE '\\'"
)
MasterRow = tuple[str, str, str, str | None]  # sqlite_master's type, name, tbl_name, sql


def master_items(
    rows: list[MasterRow] | tuple[MasterRow, ...],
) -> dict[tuple[str, str], SchemaItem]:
    return {(k, n): SchemaItem(k, n, t, _shape(k, sql)) for k, n, t, sql in rows}


def migrated_master() -> list[MasterRow]:
    """`sqlite_master` of a database freshly made by the migrations (Alembic; about a second)."""
    with tempfile.TemporaryDirectory(prefix="pb-schema-") as folder:
        path = Path(folder) / "expected.sqlite"
        engine = create_engine(f"sqlite:///{path}")
        try:
            migrate.upgrade(engine)
        finally:
            engine.dispose()
        connection = sqlite3.connect(path)
        try:
            return sorted(connection.execute(MASTER_QUERY).fetchall())
        finally:
            connection.close()


@lru_cache(maxsize=1)
def expected_master() -> tuple[MasterRow, ...]:
    """`sqlite_master` of the schema the migrations make, sorted: stored
    (`db.expected_schema`, made from the migrations by tools/make_expected_schema.py) while it
    was made from these very migration files, else built from them here (once per process)."""
    from partnerboard.db import expected_schema as stored  # noqa: PLC0415

    if (
        migrate.head_revision() == stored.REVISION
        and migrate.migrations_digest() == stored.MIGRATIONS_DIGEST
    ):
        return stored.ITEMS
    return tuple(migrated_master())


@lru_cache(maxsize=1)
def expected_sqlite_schema() -> dict[tuple[str, str], SchemaItem]:
    """The schema the migrations make (`expected_master`), as compared."""
    return master_items(expected_master())


def _describe(item: SchemaItem) -> str:
    where = f" on table {item.table}" if item.kind in ("index", "trigger") else ""
    return f"{item.kind} “{item.name}”{where}"


def _table_difference(found: SchemaItem, wanted: SchemaItem) -> str:
    _, columns, constraints = found.shape  # type: ignore[misc]
    _, expected_columns, expected_constraints = wanted.shape  # type: ignore[misc]
    details = []
    names = [c.split()[0].strip('"') for c in columns]
    expected_names = [c.split()[0].strip('"') for c in expected_columns]
    added = [n for n in names if n not in expected_names]
    removed = [n for n in expected_names if n not in names]
    if added:
        details.append("extra column(s) " + ", ".join(added))
    if removed:
        details.append("missing column(s) " + ", ".join(removed))
    if not added and not removed and columns != expected_columns:
        changed = [c.split()[0] for c, e in zip(columns, expected_columns, strict=True) if c != e]
        details.append("changed column(s) " + ", ".join(changed))
    if constraints != expected_constraints:
        details.append("changed constraints")
    return ", ".join(details) or "changed definition"


def compare_sqlite(
    found: dict[tuple[str, str], SchemaItem],
    expected: dict[tuple[str, str], SchemaItem] | None = None,
) -> list[str]:
    """Problems, in plain words, between `found` and the schema the migrations make (or
    `expected`)."""
    if expected is None:
        expected = expected_sqlite_schema()
    problems = []
    for key in sorted(found.keys() - expected.keys(), key=lambda k: (KINDS.index(k[0]), k[1])):
        item = found[key]
        advice = {
            "trigger": "partnerboard makes no triggers; one can rewrite what is saved",
            "view": "partnerboard makes no views",
            "table": "partnerboard did not make it; it may hold copied records",
            "index": "partnerboard did not make it",
        }[item.kind]
        problems.append(
            f"Unexpected {_describe(item)} ({advice}): not part of partnerboard's schema."
        )
    for key in sorted(expected.keys() - found.keys(), key=lambda k: (KINDS.index(k[0]), k[1])):
        problems.append(f"The {_describe(expected[key])} is missing from the schema.")
    for key in sorted(found.keys() & expected.keys()):
        item, wanted = found[key], expected[key]
        if item.shape == wanted.shape and item.table == wanted.table:
            continue
        if item.kind == "table":
            detail = _table_difference(item, wanted)
        else:
            detail = "its definition was changed"
        problems.append(f"The {_describe(item)} is not as partnerboard made it: {detail}.")
    return problems


def check_sqlite_schema(connection: Connection) -> list[str]:
    raw = connection.connection.dbapi_connection
    assert raw is not None
    rows = raw.execute(MASTER_QUERY).fetchall()  # type: ignore[union-attr]
    # A row with the very text the migrations wrote has nothing to report: only the others
    # are taken apart and compared (a batch migration's constraints come in any order).
    same = set(rows) & set(expected_master())
    return compare_sqlite(
        master_items([r for r in rows if r not in same]),
        master_items([r for r in expected_master() if r not in same]),
    )


# ---------------------------------------------------------------- PostgreSQL


def check_postgres_schema(connection: Connection) -> list[str]:
    expected = expected_sqlite_schema()
    tables = {i.name for i in expected.values() if i.kind == "table"}
    indexes = {i.name for i in expected.values() if i.kind == "index" and i.shape is not None}
    problems: list[str] = []

    def rows(sql: str) -> list:
        return list(connection.execute(text(sql)))

    schema = "(SELECT current_schema())"
    for (name,) in rows(f"SELECT tablename FROM pg_tables WHERE schemaname = {schema}"):
        if name not in tables:
            problems.append(f"Unexpected table “{name}”: not part of partnerboard's schema.")
    for (name,) in rows(
        f"SELECT viewname FROM pg_views WHERE schemaname = {schema} UNION ALL "
        f"SELECT matviewname FROM pg_matviews WHERE schemaname = {schema}"
    ):
        problems.append(f"Unexpected view “{name}”: partnerboard makes no views.")
    for name, table in rows(
        "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        f"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT t.tgisinternal "
        f"AND n.nspname = {schema}"
    ):
        problems.append(
            f"Unexpected trigger “{name}” on table {table} (partnerboard makes no triggers; one "
            "can rewrite what is saved): not part of partnerboard's schema."
        )
    for name, table in rows(
        f"SELECT rulename, tablename FROM pg_rules WHERE schemaname = {schema}"
    ):
        problems.append(f"Unexpected rule “{name}” on table {table}: partnerboard makes no rules.")
    for (name,) in rows(
        "SELECT p.proname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
        f"WHERE n.nspname = {schema}"
    ):
        problems.append(f"Unexpected function “{name}”: partnerboard makes no functions.")
    constraint_indexes = {
        name
        for (name,) in rows(
            "SELECT conname FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace "
            f"WHERE n.nspname = {schema} AND c.contype IN ('p', 'u', 'x')"
        )
    }
    for name, table in rows(
        f"SELECT indexname, tablename FROM pg_indexes WHERE schemaname = {schema}"
    ):
        if name not in indexes | constraint_indexes and table in tables:
            problems.append(
                f"Unexpected index “{name}” on table {table}: not part of partnerboard's schema."
            )
    expected_columns = {
        i.name: {c.split()[0].strip('"') for c in i.shape[1]}  # type: ignore[index]
        for i in expected.values()
        if i.kind == "table"
    }
    found_columns: dict[str, set[str]] = {}
    for table, column in rows(
        "SELECT table_name, column_name FROM information_schema.columns "
        f"WHERE table_schema = {schema}"
    ):
        found_columns.setdefault(table, set()).add(column)
    for table in sorted(found_columns.keys() & expected_columns.keys()):
        extra = sorted(found_columns[table] - expected_columns[table])
        if extra:
            problems.append(
                f"The table “{table}” is not as partnerboard made it: extra column(s) "
                + ", ".join(extra)
                + "."
            )
    return problems
