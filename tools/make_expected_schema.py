"""Write `src/partnerboard/db/expected_schema.py`: the schema the migrations make, for `check`,
and the models' tables as `check` reads them (`db.checked_tables`).

`partnerboard check` compares a database with the schema a fresh database gets from the
migrations. Building that schema (importing Alembic and running every migration into a
temporary file) cost about a second on every call; the result is stored instead, with the
head revision and a digest of the migration files it was made from. When either differs (a
migration added or edited and this not re-run), `check` builds the schema from the migrations
as before, so it is never wrong, only slower (the tables are then read from the models, mapping
them all); a test fails until this is re-run:

    .venv/bin/python tools/make_expected_schema.py
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from partnerboard.db import migrate
from partnerboard.db.checked_tables import models_described
from partnerboard.db.schema_check import migrated_master

TARGET = Path(__file__).resolve().parents[1] / "src/partnerboard/db/expected_schema.py"


def source() -> str:
    lines = [
        '"""The schema the migrations make, as `sqlite_master` rows (type, name, table, sql): made by',
        "tools/make_expected_schema.py from the migrations; do not edit by hand. `check` uses it only",
        "while REVISION and MIGRATIONS_DIGEST match the migrations (db.schema_check).",
        "",
        "TABLES: every table of the models as `check` reads it, parents before children (name,",
        'primary key, columns and their types; db.checked_tables)."""',
        "",
        f"REVISION = {migrate.head_revision()!r}",
        f"MIGRATIONS_DIGEST = {migrate.migrations_digest()!r}",
        "ITEMS: tuple[tuple[str, str, str, str | None], ...] = (",
    ]
    for row in migrated_master():
        lines.append(f"    {row!r},")
    lines.append(")")
    lines.append("TABLES: tuple[tuple[str, str, str], ...] = (")
    for table in models_described():
        lines.append(f"    {table!r},")
    lines.append(")")
    return "\n".join(lines) + "\n"


def main() -> None:
    TARGET.write_text(source(), encoding="utf-8")
    ruff = Path(sys.executable).with_name("ruff")  # formatted as the rest of the source
    if ruff.exists():
        subprocess.run([str(ruff), "format", "-q", str(TARGET)], check=True)
    print(TARGET)


if __name__ == "__main__":
    main()
