"""Opening a database safely: create it, upgrade it (backup first), or refuse it untouched.

The revision is read with a plain query; Alembic is imported only when something must change.
A file that is empty, not SQLite, damaged, not partnerboard's, or from a newer version of
partnerboard is refused with one clear message and not a byte of it is written.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from partnerboard.db import migrate
from partnerboard.db.audit_trail import anchor_after_migration, anchor_new_database
from partnerboard.db.backup import backup_before_upgrade
from partnerboard.db.database import Database, make_engine
from partnerboard.db.storage_errors import busy, database_error, is_locked, is_no_room, no_room
from partnerboard.db.target import DatabaseTarget, parse_target
from partnerboard.domain.access import Principal
from partnerboard.errors import DatabaseRefused, UserError

log = logging.getLogger(__name__)

SQLITE_HEADER = b"SQLite format 3\x00"
META_TABLE = "partnerboard_meta"


@dataclass(frozen=True)
class SchemaState:
    """What a probe found: no database yet (`revision` None, `exists` False) or ours at a revision."""

    exists: bool
    revision: str | None


def _refuse(target: DatabaseTarget, why: str) -> DatabaseRefused:
    return DatabaseRefused(f"Cannot open {target.describe()}: {why} It was left unchanged.")


def _no_room(target: DatabaseTarget) -> DatabaseRefused:
    assert target.path is not None
    plain = no_room(target.path.parent, f"Cannot open {target.describe()}")
    return DatabaseRefused(f"{plain} The database itself was left unchanged.")


def _check_revision(target: DatabaseTarget, revision: str | None) -> SchemaState:
    known = migrate.known_revisions()
    if revision is None:
        raise _refuse(target, "it is a partnerboard database without a schema revision (damaged?).")
    if revision not in known:
        raise _refuse(
            target,
            f"it was made by a newer version of partnerboard (schema {revision}; this version "
            f"knows schemas up to {known[-1]}). Open it with the newer version.",
        )
    return SchemaState(exists=True, revision=revision)


def probe_sqlite(target: DatabaseTarget) -> SchemaState:
    path = target.path
    assert path is not None
    if not path.exists():
        return SchemaState(exists=False, revision=None)
    if path.is_dir():
        raise _refuse(target, "it is a folder, not a database file.")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise DatabaseRefused(f"Cannot read {target.describe()}: {error.strerror}.") from None
    if not header:
        raise _refuse(target, "the file is empty, so it is not a partnerboard database.")
    if header != SQLITE_HEADER:
        raise _refuse(
            target, "it is not a database file (it may be a text or another kind of file)."
        )
    # Read-only, so that a file we end up refusing is never written to.
    uri = f"file:{quote(str(path))}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        if is_no_room(error, path.parent):
            raise _no_room(target) from None
        raise _refuse(target, f"SQLite cannot open it ({error}).") from None
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if META_TABLE not in tables:
            raise _refuse(target, "it is a SQLite database, but not a partnerboard database.")
        revision = None
        if "alembic_version" in tables:
            row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
            revision = row[0] if row else None
    except sqlite3.DatabaseError as error:
        if is_no_room(error, path.parent):  # a full disk says "disk I/O error": not damage
            raise _no_room(target) from None
        if is_locked(error):  # another program holds it: not damage either
            raise DatabaseRefused(f"Cannot open {target.describe()}: {busy()}") from None
        raise _refuse(
            target, f"the file is damaged (SQLite says: {error}). Restore it from a backup."
        ) from None
    finally:
        connection.close()
    return _check_revision(target, revision)


def probe_server(target: DatabaseTarget, engine: Engine) -> SchemaState:
    try:
        with engine.connect() as connection:
            tables = set(inspect(connection).get_table_names())
            if not tables:
                return SchemaState(exists=False, revision=None)
            if META_TABLE not in tables:
                raise _refuse(
                    target, "the database holds other tables; it is not a partnerboard database."
                )
            revision = None
            if "alembic_version" in tables:
                revision = connection.execute(
                    text("SELECT version_num FROM alembic_version")
                ).scalar()
    except OperationalError as error:
        reason = str(error.orig).strip().splitlines()[0] if error.orig else str(error)
        raise DatabaseRefused(f"Cannot connect to {target.describe()}: {reason}") from None
    return _check_revision(target, revision)


def open_database(
    target: DatabaseTarget | str,
    *,
    create: bool = True,
    upgrade: bool = True,
    principal: Principal | None = None,
    backups: Path | None = None,
) -> Database:
    """Open (creating or upgrading as allowed) the database at `target`.

    Raises `DatabaseRefused` for anything that is not a partnerboard database it can use.
    """
    if isinstance(target, str):
        target = parse_target(target)
    engine = None
    try:
        if target.is_sqlite:
            state = probe_sqlite(target)
            if not state.exists and not create:
                raise DatabaseRefused(f"There is no database at {target.path}.")
            if not state.exists:
                assert target.path is not None
                target.path.parent.mkdir(parents=True, exist_ok=True)
            engine = make_engine(target)
        else:
            engine = make_engine(target)
            state = probe_server(target, engine)
            if not state.exists and not create:
                raise DatabaseRefused(f"{target.describe()} holds no partnerboard database.")
        head = migrate.head_revision()
        if not state.exists:
            log.info("creating a new database at %s", target.describe())
            migrate.upgrade(engine)
            with engine.connect() as connection:
                anchor_new_database(target, connection)
        elif state.revision != head:
            if not upgrade:
                raise DatabaseRefused(
                    f"{target.describe()} has schema {state.revision}; this version needs {head} "
                    "and was asked not to change it: open it with the app (or another command) "
                    "to upgrade it, a backup is made first."
                )
            saved = backup_before_upgrade(target, engine, state.revision or "none", backups)
            log.info("backed up %s to %s before upgrading", target.describe(), saved)
            migrate.upgrade(engine)
            with engine.connect() as connection:
                anchor_after_migration(target, connection)
        return Database(target, engine, principal)
    except UserError:
        if engine is not None:
            engine.dispose()
        raise
    except SQLAlchemyError as error:
        if engine is not None:
            engine.dispose()
        folder = target.path.parent if target.path is not None else None
        plain = database_error(error, folder)
        if plain is not None:
            raise DatabaseRefused(f"Cannot open {target.describe()}: {plain}") from None
        reason = str(getattr(error, "orig", None) or error).strip().splitlines()[0]
        raise DatabaseRefused(f"Cannot open {target.describe()}: {reason}") from None
