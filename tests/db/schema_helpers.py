"""Make databases of older schemas for upgrade tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from alembic import command

from partnerboard.db import migrate
from partnerboard.db.database import make_engine
from partnerboard.db.target import parse_target


def downgrade_copy(source: Path, destination: Path, revision: str) -> Path:
    """A copy of `source` taken back to `revision` with Alembic's downgrade (keeps older tables' rows)."""
    shutil.copy(source, destination)
    engine = make_engine(parse_target(str(destination)))
    with engine.connect() as connection:
        connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")
        with connection.begin():
            command.downgrade(migrate._config(connection), revision)
    engine.dispose()
    return destination
