"""Store a database of the current schema, filled with the demo, for the upgrade tests.

Run once per released schema:  python -m tests.db.make_schema_fixture
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from datetime import date
from pathlib import Path

os.environ.setdefault("PARTNERBOARD_HOME", tempfile.mkdtemp())

from partnerboard.clock import FixedClock  # noqa: E402
from partnerboard.db import migrate  # noqa: E402
from partnerboard.db.schema import open_database  # noqa: E402
from partnerboard.services.demo import build_demo  # noqa: E402

STORED = Path(__file__).parents[1] / "fixtures" / "schemas"


def main() -> None:
    STORED.mkdir(parents=True, exist_ok=True)
    path = STORED / f"{migrate.head_revision()}.sqlite"
    path.unlink(missing_ok=True)
    db = open_database(str(path))
    db.clock = FixedClock(date(2026, 11, 23))  # the day the released schemas' demos were made
    build_demo(db)
    db.close()
    with sqlite3.connect(path) as connection:  # one self-contained file, no -wal beside it
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("VACUUM")
    connection.close()
    print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
