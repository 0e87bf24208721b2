"""An open partnerboard database: engine, sessions for reading and for writing, and change news.

Services receive a `Database` and open one short session per unit of work. Every session is a
`BoardSession`, so that rules which must hold for *every* query (who may see restricted
records, the audit trail of every change) are attached to that class as events, once,
instead of being repeated in each service.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Mapper, Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from partnerboard.clock import Clock, clock_of, default_clock
from partnerboard.db import access_rules, audit_trail, models, write_door
from partnerboard.db.changes import Changes
from partnerboard.db.storage_errors import database_error
from partnerboard.db.target import DatabaseTarget
from partnerboard.domain.access import Principal
from partnerboard.errors import StaleRecord

log = logging.getLogger(__name__)

SQLITE_BUSY_TIMEOUT_MS = 10_000


class BoardSession(Session):
    """The session class of every partnerboard unit of work (event hooks attach here)."""

    @property
    def principal(self) -> Principal:
        return self.info["principal"]

    @property
    def clock(self) -> Clock:
        """The clock of the database this unit of work belongs to (`Database.clock`)."""
        return clock_of(self)

    # Bulk writes skip the flush, so the permission rules and the audit trail would not see
    # them: refused (see db.access_rules, which refuses statement writes too).
    def _unaudited(self, *_args: Any, **_kwargs: Any) -> None:
        raise access_rules.UnauditedWrite("Bulk writes bypass the audit trail; use add/flush.")

    bulk_save_objects = _unaudited  # type: ignore[assignment]
    bulk_insert_mappings = _unaudited  # type: ignore[assignment]
    bulk_update_mappings = _unaudited  # type: ignore[assignment]

    def flush(self, objects: Any = None) -> None:
        # The flush is a door of `db.write_door`: its before_flush checks the role rules and its
        # after_flush records the trail; every autoflush and commit flushes through here.
        with write_door.opened("flush"):
            super().flush(objects)


def _configure_sqlite_connection(dbapi_connection: Any, _record: Any) -> None:
    # Take transaction control from the sqlite3 module (it would otherwise BEGIN lazily and
    # ignore IMMEDIATE); in autocommit mode the pragmas below take effect at once, which
    # matters for foreign_keys (silently ignored inside a transaction).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    finally:
        cursor.close()


def _begin_sqlite_transaction(connection: Any) -> None:
    # Write sessions start with BEGIN IMMEDIATE: a deferred transaction that reads and then
    # writes fails at once under contention despite the busy timeout (TECH-NOTES).
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(f"BEGIN {mode}")


def _plain_savepoints(dialect: Any) -> None:
    """Savepoints sent as the text SQLAlchemy compiles them to, without compiling it each time
    (its savepoint statements are never cached, and an import takes one per file). The
    connection's own bookkeeping and events around them are unchanged."""
    preparer = dialect.identifier_preparer

    def name(savepoint: str) -> str:
        return preparer.format_savepoint(None, savepoint)

    def do_savepoint(connection: Any, savepoint: str) -> None:
        connection.exec_driver_sql(f"SAVEPOINT {name(savepoint)}")

    def do_rollback_to_savepoint(connection: Any, savepoint: str) -> None:
        connection.exec_driver_sql(f"ROLLBACK TO SAVEPOINT {name(savepoint)}")

    def do_release_savepoint(connection: Any, savepoint: str) -> None:
        connection.exec_driver_sql(f"RELEASE SAVEPOINT {name(savepoint)}")

    dialect.do_savepoint = do_savepoint
    dialect.do_rollback_to_savepoint = do_rollback_to_savepoint
    dialect.do_release_savepoint = do_release_savepoint


def make_engine(target: DatabaseTarget) -> Engine:
    if target.is_sqlite:
        engine = create_engine(target.url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _configure_sqlite_connection)
        event.listen(engine, "begin", _begin_sqlite_transaction)
    else:
        engine = create_engine(target.url, pool_pre_ping=True, connect_args={"connect_timeout": 10})
    _plain_savepoints(engine.dialect)
    write_door.install(engine)  # every write through one of the audited doors
    audit_trail.install_engine(engine)  # the anchor's pending line, just before each commit
    return engine


def _collect_changes(session: Session, _flush_context: Any) -> None:
    pending = session.info.setdefault("changes", [])
    for obj in (*session.new, *session.dirty, *session.deleted):
        state = inspect(obj)
        ident = state.identity[0] if state.identity else getattr(obj, "id", None)
        pending.append((state.mapper.local_table.name, ident))


def _announce_changes(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint released: announced with the commit
    pairs = session.info.pop("changes", [])
    database: Database | None = session.info.get("database")
    if pairs and database is not None:
        database.announce(Changes.of(pairs))


def _forget_changes(session: Session) -> None:
    if not session.in_nested_transaction():  # (a savepoint's own news are few: announced)
        session.info.pop("changes", None)


# Mappers whose tables' foreign keys, and those of every mapper related to them, point only
# at mapped tables (checked once each).
_keys_mapped: set[Mapper] = set()


def _map_what_keys_point_at(session: Session, _flush_context: Any, _instances: Any) -> None:
    """Map the registers that the keys of the tables this flush writes point at, and only those.

    The unit of work orders a flush's tables by all their foreign keys (a key to a table not in
    the metadata raises NoReferencedTableError), and models are mapped per register, when first
    imported (`db.models`): an action's keys point at meetings, audits, Section 11... which the
    code writing it need not have imported. The tables pointed at are only *named* (their own
    keys are not followed), so mapping them is enough. Related classes count as written (a
    cascade may write them during the flush); relationships stay inside a register.
    """
    missing: set[str] = set()
    seen: set[Mapper] = set()
    todo = [inspect(obj).mapper for obj in (*session.new, *session.dirty, *session.deleted)]
    while todo:
        mapper = todo.pop().base_mapper
        if mapper in _keys_mapped or mapper in seen:
            continue
        seen.add(mapper)
        for each in mapper.self_and_descendants:
            todo.extend(relation.mapper for relation in each.relationships)
            for table in each.tables:
                known = table.metadata.tables
                missing.update(
                    name
                    for key in table.foreign_keys
                    if (name := key.target_fullname.rpartition(".")[0]) not in known
                )
    if missing:
        models.load_tables(missing)
    _keys_mapped.update(seen)  # (only once mapped: another thread's flush may be checking too)


event.listen(BoardSession, "after_flush", _collect_changes)
event.listen(BoardSession, "after_commit", _announce_changes)
event.listen(BoardSession, "after_rollback", _forget_changes)
# Permissions first (a refused flush takes no lock), then the audit trail (db/access_rules.py,
# db/audit_trail.py); last the mapping of what the flush's keys point at, so that it sees
# whatever the others add to the flush.
access_rules.install(BoardSession)
audit_trail.install(BoardSession)
event.listen(BoardSession, "before_flush", _map_what_keys_point_at)


class Database:
    """An open database. Create it through `partnerboard.db.schema.open_database`."""

    def __init__(
        self,
        target: DatabaseTarget,
        engine: Engine,
        principal: Principal | None = None,
        clock: Clock | None = None,
    ):
        self.target = target
        self.engine = engine
        self.principal = principal or Principal.local_user()
        # "Today" and "now" for every service, rule, record and paper on this database
        # (partnerboard.clock); tests pin it, the app uses the system's.
        self.clock: Clock = clock or default_clock()
        self._listeners: list[Callable[[Changes], None]] = []
        # Writes that wait for the first unit of work that changes something (`with_next_change`)
        self._with_next_change: list[Callable[[BoardSession], None]] = []
        # Statements carry the database, so that column defaults (created_at, updated_at)
        # read this clock too (db.base.stamp).
        bound = engine.execution_options(partnerboard_database=self)
        writer_bind = (
            bound.execution_options(sqlite_begin="IMMEDIATE") if target.is_sqlite else bound
        )
        self._reader = sessionmaker(bind=bound, class_=BoardSession, expire_on_commit=False)
        self._writer = sessionmaker(bind=writer_bind, class_=BoardSession, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.target.is_sqlite

    def describe(self) -> str:
        return self.target.describe()

    def _info(self) -> dict[str, Any]:
        return {"database": self, "principal": self.principal}

    @contextmanager
    def session(self) -> Iterator[BoardSession]:
        """A unit of work that writes: committed when the block ends, rolled back on error."""
        try:
            with self._writer(info=self._info()) as session, session.begin():
                yield session
                if self._with_next_change:
                    session.flush()
                    if session.info.get("changes"):
                        for write in self._with_next_change:
                            write(session)
                        self._with_next_change.clear()
        except StaleDataError:
            # The row's version moved between loading and saving (another client committed
            # in between): the UPDATE matched nothing, so nothing was overwritten.
            raise StaleRecord(
                "Someone else saved this record while you were saving it; your changes were "
                "not saved. Reload it to see theirs."
            ) from None
        except OperationalError as error:
            self._raise_plain(error)

    @contextmanager
    def reader(self) -> Iterator[BoardSession]:
        """A unit of work that only reads (on SQLite it does not take the write lock)."""
        try:
            with self._reader(info=self._info()) as session:
                try:
                    yield session
                finally:
                    session.rollback()
        except OperationalError as error:
            self._raise_plain(error)

    def _raise_plain(self, error: OperationalError) -> None:
        """A full disk or a database locked too long is said in one line; anything else is a
        bug and goes on as it is."""
        folder = self.target.path.parent if self.target.path is not None else None
        plain = database_error(error, folder)
        if plain is None:
            raise error
        raise plain from None

    def with_next_change(self, write: Callable[[BoardSession], None]) -> None:
        """Make `write` part of the next unit of work that changes something, not a unit of its
        own: a sign-in is recorded with the user's first change, so that signing in to read (or
        to `check`) writes nothing."""
        self._with_next_change.append(write)

    def subscribe(self, listener: Callable[[Changes], None]) -> Callable[[], None]:
        """Call `listener` after every commit that changed something; returns an unsubscribe."""
        self._listeners.append(listener)
        return lambda: self._listeners.remove(listener)

    def announce(self, changes: Changes) -> None:
        for listener in list(self._listeners):
            try:
                listener(changes)
            except Exception:  # a broken listener must not undo a committed write
                log.exception("change listener failed")

    def close(self) -> None:
        self.engine.dispose()
