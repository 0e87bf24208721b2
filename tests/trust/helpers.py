"""Shared helpers of the trust tests: databases as different people, raw looks at the trail."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from sqlalchemy import select

from partnerboard.db import bulk
from partnerboard.db.check import check_database
from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role


def as_role(
    target: str | Path, role: Role, name: str | None = None, person_id: int | None = None
) -> Database:
    """The same database opened on behalf of someone else (a second client, in effect)."""
    principal = Principal(name=name or f"A {role.value}", role=role, person_id=person_id)
    return open_database(str(target), principal=principal)


def trail(path: Path) -> list[dict]:
    """Every audit entry, read with plain sqlite3 (not through the app)."""
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        rows = [dict(r) for r in connection.execute("SELECT * FROM audit_entry ORDER BY seq")]
    connection.close()
    for row in rows:
        row["before"] = json.loads(row["before"]) if row["before"] else None
        row["after"] = json.loads(row["after"]) if row["after"] else None
    return rows


def tamper(path: Path, *statements: str) -> None:
    """Change the file behind the app's back, as someone with a SQLite browser would."""
    with sqlite3.connect(path) as connection:
        for statement in statements:
            connection.execute(statement)
    connection.close()


def write_batch_with_a_refused_file(db) -> list[str]:
    """Three agencies written as an import writes a batch of files (`db.bulk` rows, each file
    in a savepoint of one transaction), the second refused after its row was written; the
    names of the agencies stored."""
    with db.session() as session:
        for name in ("First", "Refused", "Third"):
            try:
                with session.begin_nested():
                    bulk.insert_row(session, Agency, {"name": name, "sector": "other"})
                    if name == "Refused":
                        raise ValueError(name)
            except ValueError:
                pass
    with db.reader() as session:
        return sorted(session.scalars(select(Agency.name).where(Agency.sector == "other")))


def problems(target: str | Path) -> list[str]:
    db = open_database(str(target))
    try:
        return check_database(db).problems
    finally:
        db.close()


# One user of each role, for the walks of the command line and the pages as each role.
PASSWORD = "role password 2026"
USERS = {
    "bs1": ("Bea Support", Role.BUSINESS_SUPPORT),
    "chair1": ("Chris Chair", Role.CHAIR),
    "member1": ("Mel Member", Role.MEMBER),
    "reader1": ("Rory Reader", Role.READ_ONLY),
}
