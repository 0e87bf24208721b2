"""The one door every write passes: a guard on the engine that refuses any statement that would
change the database unless it comes through a door that applies the role rules and the audit
trail.

The ORM's rules and trail are session events (`db.access_rules`, `db.audit_trail`); a Core
statement on `session.connection()`, `session.execute(text("UPDATE …"))` or a connection of
`engine.connect()` never meets them (TECH-NOTES). So the rule is stated where *every* statement
passes, whatever API sent it: SQLAlchemy's `before_cursor_execute` on the engine. A statement that
writes (INSERT, UPDATE, DELETE, DDL, a pragma that sets something …) runs only while a door is
open in this thread:

- "flush": `BoardSession.flush`, after `access_rules` has checked the principal's role and with
  `audit_trail` recording what the flush writes;
- "bulk": `db.bulk`, the sanctioned fast path for many rows, which checks the same rules and
  records the same trail;
- "audit": the trail appending its own entries (`audit_trail.append_entries`);
- "migration": Alembic upgrading the schema (`db.migrate`).

Anything else raises `UnauditedWrite` before the statement reaches the database. What this does
not see: a program that opens the file itself (sqlite3, a SQLite browser) or another client of a
server. Those are what `check` is for (`db.data_check` compares the rows with the trail).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event

DOORS = frozenset({"flush", "bulk", "audit", "migration"})

_open: ContextVar[str | None] = ContextVar("partnerboard_write_door", default=None)


class UnauditedWrite(RuntimeError):
    """A programming error: a write that would escape the role rules and the audit trail."""


@contextmanager
def opened(door: str) -> Iterator[None]:
    """Let writes through for the length of the block, in this thread only."""
    assert door in DOORS, door
    token = _open.set(door)
    try:
        yield
    finally:
        _open.reset(token)


def current_door() -> str | None:
    return _open.get()


# ---------------------------------------------------------------- what counts as a write

# Statements that only read, or only steer the transaction. Anything else writes.
_READS = frozenset(
    {"select", "begin", "commit", "end", "rollback", "savepoint", "release", "show", "values"}
)
# Pragmas a reader uses (SQLAlchemy's reflection, `check`); with an argument, only these.
_READING_PRAGMAS = frozenset(
    {
        "table_info",
        "table_xinfo",
        "table_list",
        "index_list",
        "index_info",
        "index_xinfo",
        "foreign_key_list",
        "foreign_key_check",
        "integrity_check",
        "quick_check",
    }
)
_COMMENTS = re.compile(r"(--[^\n]*\n?|/\*.*?\*/|\s+)", re.DOTALL)
_WORD = re.compile(r"[A-Za-z_]+")
_STRINGS = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"")
_WRITE_WORDS = re.compile(r"\b(insert|update|delete|replace|merge|upsert)\b", re.IGNORECASE)
_EXPLAIN_OPTIONS = re.compile(r"^(\s*(query\s+plan|analy[sz]e|verbose|\([^)]*\)))*\s*", re.I)
_PRAGMA = re.compile(r"^pragma\s+(?:\w+\.)?(\w+)\s*(=|\()?", re.IGNORECASE)


def _start(statement: str) -> str:
    """The statement without leading comments, whitespace and opening brackets."""
    position = 0
    while True:
        match = _COMMENTS.match(statement, position)
        if match and match.end() > position:
            position = match.end()
        elif statement.startswith("(", position):
            position += 1
        else:
            return statement[position:]


def is_write(statement: str) -> bool:
    """Whether running `statement` could change the database (conservative: unknown = write)."""
    text = _start(statement)
    word = _WORD.match(text)
    if word is None:
        return bool(text.strip())
    first = word.group(0).lower()
    if first in _READS:
        # `SELECT … INTO` makes a table (PostgreSQL); a SELECT with FOR UPDATE only locks.
        return (
            first == "select" and re.search(r"\binto\b", _STRINGS.sub("''", text), re.I) is not None
        )
    if first == "with":  # a CTE may end in a data-modifying statement
        return _WRITE_WORDS.search(_STRINGS.sub("''", text)) is not None
    if first == "explain":  # EXPLAIN ANALYZE runs the statement it explains (PostgreSQL)
        return is_write(_EXPLAIN_OPTIONS.sub("", text[word.end() :]))
    if first == "pragma":
        pragma = _PRAGMA.match(text)
        if pragma is None:
            return True
        name, argument = pragma.group(1).lower(), pragma.group(2)
        return argument == "=" or (argument == "(" and name not in _READING_PRAGMAS)
    return True


def _guard(
    _connection: Any,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    if _open.get() is None and is_write(statement):
        first = " ".join(_start(statement).split()[:3])
        raise UnauditedWrite(
            f"A write outside the audited doors was refused ({first} …): change records through "
            "the ORM inside db.session() (or db.bulk for many rows), where the role rules and "
            "the audit trail apply."
        )


def install(engine: Engine) -> None:
    event.listen(engine, "before_cursor_execute", _guard)
