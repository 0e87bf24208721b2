"""Make databases of older schemas for upgrade tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command
from sqlalchemy import Engine, create_engine

from partnerboard.db import migrate
from partnerboard.db.database import Database


def outside(db: Database) -> Engine:
    """An engine of someone else's SQL client on the same database: none of the app's doors
    (`db.write_door`), rules or trail. For tests that damage a database as such a client would."""
    return create_engine(db.engine.url)


def downgrade_copy(source: Path, destination: Path, revision: str) -> Path:
    """A copy of `source` taken back to `revision` with Alembic's downgrade (keeps older tables' rows)."""
    shutil.copy(source, destination)
    engine = create_engine(f"sqlite:///{destination}")  # Alembic's own, as a developer runs it
    with engine.connect() as connection:
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.downgrade(migrate._config(connection), revision)
    engine.dispose()
    return destination
