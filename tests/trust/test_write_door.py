"""One door for every write: whatever API a change comes through, it meets the role rules and
the audit trail, or it is refused before it reaches the database."""

from __future__ import annotations

import pytest
from sqlalchemy import insert, select, text, update

from partnerboard.db import bulk
from partnerboard.db.access_rules import UnauditedWrite
from partnerboard.db.audit_anchor import read_anchor
from partnerboard.db.models.partnership import Agency
from partnerboard.db.write_door import is_write
from partnerboard.domain.access import Role
from partnerboard.errors import NotPermitted
from tests.trust.helpers import as_role, problems, trail


def _names(db) -> list[str]:
    with db.reader() as session:
        return session.scalars(select(Agency.name).order_by(Agency.id)).all()


@pytest.mark.parametrize(
    "write",
    [
        lambda db: _on(db.session(), lambda s: s.connection().execute(
            insert(Agency.__table__).values(name="Sneaked in", sector="other"))),
        lambda db: _on(db.session(), lambda s: s.connection().execute(
            update(Agency.__table__).values(name="Renamed"))),
        lambda db: _on(db.session(), lambda s: s.connection().exec_driver_sql(
            "DELETE FROM membership")),
        lambda db: _on(db.session(), lambda s: s.connection().execute(text(
            "WITH x AS (SELECT 1) UPDATE agency SET name = 'Renamed'"))),
        lambda db: _on(db.reader(), lambda s: s.connection().execute(text(
            "UPDATE agency SET active = 0"))),
        lambda db: _on(db.engine.begin(), lambda c: c.execute(text(
            "INSERT INTO agency (name, sector) VALUES ('Sneaked in', 'other')"))),
        lambda db: _on(db.engine.begin(), lambda c: c.exec_driver_sql(
            "CREATE TRIGGER t AFTER INSERT ON action BEGIN SELECT 1; END")),
        lambda db: _on(db.engine.begin(), lambda c: c.exec_driver_sql("PRAGMA user_version = 7")),
        lambda db: _on(db.engine.begin(), lambda c: c.exec_driver_sql("DROP TABLE membership")),
    ],
    ids=["core insert on the session's connection", "core update", "driver delete",
         "text CTE update", "write in a reader", "engine insert", "engine trigger",
         "engine pragma", "engine drop"],
)  # fmt: skip
def test_writes_around_the_door_are_refused(demo_db, demo_db_path, write):
    before = (_names(demo_db), trail(demo_db_path))
    with pytest.raises(UnauditedWrite, match="A write outside the audited doors was refused"):
        write(demo_db)
    assert (_names(demo_db), trail(demo_db_path)) == before
    assert problems(demo_db_path) == []


def _on(context, action):
    with context as handle:
        action(handle)


def test_reading_through_every_api_still_works(demo_db):
    with demo_db.engine.connect() as connection:
        assert connection.execute(text("SELECT count(*) FROM agency")).scalar() == 26
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        assert connection.exec_driver_sql("PRAGMA main.table_info('agency')").fetchall()
    with demo_db.reader() as session:
        assert session.execute(text("WITH x AS (SELECT 'update') SELECT count(*) FROM x")).scalar()


@pytest.mark.parametrize(
    "statement, writes",
    [
        ("SELECT * FROM action_update", False),
        ("/* a */ (SELECT 1)", False),
        ("EXPLAIN QUERY PLAN SELECT 1", False),
        ("EXPLAIN ANALYZE DELETE FROM x", True),
        ("SELECT a INTO b FROM c", True),
        ("PRAGMA foreign_keys=OFF", True),
        ("PRAGMA user_version(3)", True),
        ("VACUUM", True),
        ("ATTACH DATABASE 'x' AS y", True),
        ("replace into agency values (1)", True),
    ],
)
def test_what_counts_as_a_write(statement, writes):
    assert is_write(statement) is writes


def test_the_bulk_door_applies_the_rules_and_the_trail(demo_db, demo_db_path):
    with demo_db.session() as session:
        new = bulk.insert_rows(
            session, Agency, [{"name": f"Bulk {n}", "sector": "other"} for n in range(3)]
        )
        bulk.update_row(session, Agency, new[0], {"phone": "01632 960001"})
    entries = trail(demo_db_path)[-2:]
    assert entries[0]["record_key"] == "*" and [r["name"] for r in entries[0]["after"]["rows"]] == [
        "Bulk 0", "Bulk 1", "Bulk 2"]  # fmt: skip
    assert (entries[1]["action"], entries[1]["after"]["phone"]) == ("update", "01632 960001")
    assert problems(demo_db_path) == []  # the rows are what the trail says
    member = as_role(demo_db_path, Role.MEMBER)
    try:
        with pytest.raises(NotPermitted), member.session() as session:
            bulk.insert_row(session, Agency, {"name": "By a member", "sector": "other"})
    finally:
        member.close()
    assert "By a member" not in _names(demo_db)


def test_a_savepoint_rolled_back_keeps_what_came_before_it(db_path, db):
    with db.session() as session:
        bulk.insert_row(session, Agency, {"name": "Kept", "sector": "other"})
        with pytest.raises(RuntimeError), session.begin_nested():
            bulk.insert_row(session, Agency, {"name": "Undone", "sector": "other"})
            session.add(Agency(name="Undone too", sector="other"))
            session.flush()
            raise RuntimeError("this file is rejected")
        bulk.insert_row(session, Agency, {"name": "Also kept", "sector": "other"})
    names = [e["after"]["name"] for e in trail(db_path) if e["table_name"] == "agency"]
    assert names == ["Kept", "Also kept"]
    assert problems(db_path) == []
    assert read_anchor(db.target).seq == trail(db_path)[-1]["seq"]
