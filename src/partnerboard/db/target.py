"""What the user asked to open: a SQLite file or a PostgreSQL server, and how to say which."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

from partnerboard.errors import UserError


@dataclass(frozen=True)
class DatabaseTarget:
    url: URL
    path: Path | None  # the file, for SQLite

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """For the status line and messages; never shows a password."""
        if self.path is not None:
            return f"SQLite file {self.path}"
        port = f":{self.url.port}" if self.url.port else ""
        user = f"{self.url.username}@" if self.url.username else ""
        return f"PostgreSQL {user}{self.url.host or 'localhost'}{port}/{self.url.database}"


def parse_target(text: str) -> DatabaseTarget:
    """A path (SQLite) or a `postgresql://` URL; `sqlite:///path` is accepted too."""
    text = text.strip()
    if not text:
        raise UserError("No database given.")
    if "://" not in text:
        path = Path(text).expanduser().resolve()
        return DatabaseTarget(URL.create("sqlite", database=str(path)), path)
    try:
        url = make_url(text)
    except ArgumentError:
        raise UserError(f"“{text}” is neither a file path nor a database URL.") from None
    backend = url.get_backend_name()
    if backend == "sqlite":
        if not url.database or url.database == ":memory:":
            raise UserError("A SQLite database must be a file, not in memory.")
        path = Path(url.database).expanduser().resolve()
        return DatabaseTarget(URL.create("sqlite", database=str(path)), path)
    if backend in ("postgresql", "postgres"):
        # psycopg 3 is the driver we ship; a plain postgresql:// URL means it.
        return DatabaseTarget(url.set(drivername="postgresql+psycopg"), None)
    raise UserError(f"Unsupported database “{backend}”: use a SQLite file or a PostgreSQL URL.")
