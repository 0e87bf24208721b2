"""Running the Alembic migrations from code.

Alembic is imported only here, and only when a database must be created or upgraded: reading
the schema revision is a plain query (see `schema.py`), so that a normal start pays nothing.

Migration files are named `NNNN_what.py` with revision id `NNNN`, each revising the one before,
so the list of known revisions can be read from file names without importing Alembic.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path

from sqlalchemy import Connection, Engine

from partnerboard.db import write_door
from partnerboard.errors import UserError

log = logging.getLogger(__name__)

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
_REVISION_FILE = re.compile(r"^(\d{4})_\w+\.py$")


def known_revisions() -> list[str]:
    """Revision ids this version of partnerboard knows, oldest first."""
    names = (p.name for p in (MIGRATIONS_DIR / "versions").iterdir())
    return sorted(m.group(1) for n in names if (m := _REVISION_FILE.match(n)))


def head_revision() -> str:
    return known_revisions()[-1]


def migrations_digest() -> str:
    """A digest of every migration file (and Alembic's env.py): what a stored copy of the schema
    the migrations make (`db.expected_schema`) was made from."""
    digest = hashlib.sha256()
    files = [MIGRATIONS_DIR / "env.py", *sorted((MIGRATIONS_DIR / "versions").glob("*.py"))]
    for path in files:
        digest.update(path.name.encode() + b"\0" + path.read_bytes().replace(b"\r\n", b"\n"))
    return digest.hexdigest()


def _config(connection: Connection):  # -> alembic.config.Config
    from alembic.config import Config  # noqa: PLC0415  (costly; only when migrating)

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, to: str = "head") -> None:
    """Bring the schema up to `to` in one transaction.

    On SQLite, foreign keys are switched off (outside any transaction, or the pragma is
    ignored) because a batch migration rebuilds a parent table by DROP TABLE, which with
    foreign keys on silently deletes every child row. `foreign_key_check` must then come back
    empty before the transaction commits.
    """
    from alembic import command  # noqa: PLC0415

    is_sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as connection:
        raw = connection.connection.dbapi_connection
        if is_sqlite:
            raw.execute("PRAGMA foreign_keys=OFF")
        try:
            with connection.begin(), write_door.opened("migration"):
                command.upgrade(_config(connection), to)
                if is_sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        tables = sorted({row[0] for row in broken})
                        raise UserError(
                            "The upgrade would leave records pointing at missing records "
                            f"(tables: {', '.join(tables)}); nothing was changed."
                        )
        finally:
            if is_sqlite:
                raw.execute("PRAGMA foreign_keys=ON")
    log.info("database upgraded to %s", to)
