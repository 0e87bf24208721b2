"""`partnerboard check`: is the database sound? Schema revision, integrity, broken links.

Checks are a list so that later parts (the audit trail's hash chain) add their own.
Each returns a list of problems in plain words; an empty list means all is well.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import Connection, inspect, select, text

from partnerboard.db import migrate
from partnerboard.db.audit_check import check_audit_trail
from partnerboard.db.auto_backup import GoodBackup
from partnerboard.db.checked_tables import checked_tables
from partnerboard.db.data_check import check_data
from partnerboard.db.database import Database
from partnerboard.db.schema_check import check_postgres_schema, check_sqlite_schema

Check = Callable[[Database, Connection], list[str]]


@dataclass
class CheckReport:
    database: str
    revision: str | None
    problems: list[str] = field(default_factory=list)
    checks_run: list[str] = field(default_factory=list)
    # Set by `partnerboard check` when problems are found: where to restore from.
    last_good_backup: GoodBackup | None = None

    @property
    def ok(self) -> bool:
        return not self.problems


def check_revision(db: Database, connection: Connection) -> list[str]:
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    head = migrate.head_revision()
    if revision != head:
        return [f"Schema revision is {revision}, expected {head}."]
    return []


def check_tables(db: Database, connection: Connection) -> list[str]:
    present = set(inspect(connection).get_table_names())
    missing = sorted({table.name for table in checked_tables()} - present)
    return [f"Table {name} is missing." for name in missing]


def check_schema(db: Database, connection: Connection) -> list[str]:
    """Nothing the migrations did not make: no foreign trigger, view, table, index or column."""
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision != migrate.head_revision():
        return []  # reported by the revision check; an older schema is upgraded on open
    if db.is_sqlite:
        return check_sqlite_schema(connection)
    return check_postgres_schema(connection)


def check_sqlite_integrity(db: Database, connection: Connection) -> list[str]:
    if not db.is_sqlite:
        return []
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    return [] if rows == ["ok"] else [f"Integrity: {row}" for row in rows[:50]]


def check_foreign_keys(db: Database, connection: Connection) -> list[str]:
    """Records that point at missing records: SQLite's pragma, or the same question asked per link."""
    if db.is_sqlite:
        rows = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        return [
            f"{table} row {rowid} points at a missing {parent} record."
            for table, rowid, parent, _ in rows[:50]
        ]
    from partnerboard.db.models import Base  # noqa: PLC0415  (every model: their foreign keys)

    problems: list[str] = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            (column,) = fk.columns
            (element,) = fk.elements
            parent = element.column.table
            # Aliased, because a table may point at itself (a board's parent board).
            referred = parent.alias("referred").c[element.column.name]
            orphans = connection.execute(
                select(table.c.id if "id" in table.c else column)
                .select_from(table.outerjoin(referred.table, column == referred))
                .where(column.is_not(None), referred.is_(None))
                .limit(50)
            ).scalars()
            problems += [
                f"{table.name} row {ident} points at a missing {parent.name} record."
                for ident in orphans
            ]
    return problems


def check_postgres_constraints(db: Database, connection: Connection) -> list[str]:
    if db.is_sqlite:
        return []
    rows = connection.execute(
        text("SELECT conrelid::regclass::text, conname FROM pg_constraint WHERE NOT convalidated")
    ).all()
    return [f"Constraint {name} on {table} is not validated." for table, name in rows]


def check_data_against_trail(db: Database, connection: Connection) -> list[str]:
    """Every row holds what the audit trail says (nothing edited behind the app's back)."""
    revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    if revision != migrate.head_revision():
        return []
    return check_data(connection)


CHECKS: list[tuple[str, Check]] = [
    ("schema revision", check_revision),
    ("tables", check_tables),
    ("schema", check_schema),
    ("integrity", check_sqlite_integrity),
    ("foreign keys", check_foreign_keys),
    ("constraints", check_postgres_constraints),
    ("audit trail", check_audit_trail),
    ("data against the trail", check_data_against_trail),
]


# Checks that ask SQLite alone, on a file: run on a connection of their own in a thread while
# the others run (sqlite3 lets go of Python's lock while a statement runs, so the hashing and
# comparing in Python go on meanwhile), their findings still reported in their place.
BESIDE = frozenset({"integrity"})


class _Beside:
    """A check running in a thread on its own connection; called, it waits and answers as the
    check would have (its problems, or the error it raised)."""

    def __init__(self, db: Database, check: Check) -> None:
        self._answer: list[str] | BaseException = []
        # (A daemon: interrupted, the command exits without waiting for SQLite to finish.)
        self._thread = threading.Thread(
            target=self._run, args=(db, check), name=f"check: {check.__name__}", daemon=True
        )
        self._thread.start()

    def _run(self, db: Database, check: Check) -> None:
        try:
            with db.engine.connect() as connection:
                self._answer = check(db, connection)
        except BaseException as error:  # (raised again where the check is reported)
            self._answer = error

    def __call__(self, db: Database, connection: Connection) -> list[str]:
        self._thread.join()
        if isinstance(self._answer, BaseException):
            raise self._answer
        return self._answer


def check_database(db: Database) -> CheckReport:
    checks = CHECKS
    if db.is_sqlite and db.target.path is not None:
        checks = [(name, _Beside(db, check) if name in BESIDE else check) for name, check in checks]
    found: dict[str, list[str]] = {}
    with db.engine.connect() as connection:
        revision = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
        report = CheckReport(database=db.describe(), revision=revision)
        for name, check in sorted(checks, key=lambda named: isinstance(named[1], _Beside)):
            try:
                found[name] = check(db, connection)
            except Exception as error:  # a failing check is itself a finding, not a crash
                connection.rollback()
                first_line = str(error).strip().splitlines()[0]
                found[name] = [f"The {name} check could not run: {first_line}"]
    for name, _ in checks:
        report.checks_run.append(name)
        report.problems += found[name]
    return report
