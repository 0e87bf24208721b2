"""Opening databases: new ones are created, old ones upgraded (backup first), others refused untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from partnerboard.db import migrate
from partnerboard.db.schema import open_database
from partnerboard.errors import DatabaseRefused
from partnerboard.services import partnership
from partnerboard.services.partnership import AgencyInput
from tests.db.schema_helpers import outside


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_created_at_the_newest_schema(storage_target):
    db = open_database(storage_target)
    try:
        with db.reader() as session:
            revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
            marker = session.execute(
                text("SELECT value FROM partnerboard_meta WHERE key='application'")
            ).scalar()
        assert revision == migrate.head_revision()
        assert marker == "partnerboard"
        saved = partnership.save_agency(
            db, AgencyInput(name="Wrenfield Constabulary", sector="police")
        )
        assert partnership.get_agency(db, saved.id).name == "Wrenfield Constabulary"
    finally:
        db.close()
    reopened = open_database(storage_target)
    try:
        assert [a.name for a in partnership.list_agencies(reopened)] == ["Wrenfield Constabulary"]
    finally:
        reopened.close()


def test_sqlite_connections_have_wal_foreign_keys_and_busy_timeout(db):
    with db.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000


def test_foreign_keys_are_enforced(db):
    from sqlalchemy.exc import IntegrityError

    from partnerboard.db.models.partnership import Person

    with pytest.raises(IntegrityError), db.session() as session:
        session.add(Person(name="X", agency_id=999))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"", "the file is empty"),
        (b"Minutes of the executive board\nItem 1\n", "not a database file"),
        (b"PK\x03\x04" + b"\x00" * 200, "not a database file"),
    ],
    ids=["empty file", "text file", "zip file"],
)
def test_files_that_are_not_databases_are_refused_unchanged(tmp_path, content, message):
    path = tmp_path / "board.sqlite"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(str(path))
    assert message in str(refused.value)
    assert "left unchanged" in str(refused.value)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["board.sqlite"]


def test_a_corrupt_sqlite_file_is_refused_unchanged(tmp_path, demo_db_path):
    path = tmp_path / "corrupt.sqlite"
    data = bytearray(demo_db_path.read_bytes())
    data[100:4096] = b"\xff" * (4096 - 100)  # wreck the schema page, keep the header
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(str(path))
    assert "damaged" in str(refused.value)
    assert digest(path) == before


def test_another_applications_sqlite_database_is_refused_unchanged(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE contacts (name TEXT)")
    before = digest(path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(str(path))
    assert "not a partnerboard database" in str(refused.value)
    assert digest(path) == before


def test_a_newer_schema_is_refused_unchanged(tmp_path, db_path):
    with sqlite3.connect(db_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9001'")
    connection.close()
    before = digest(db_path)
    with pytest.raises(DatabaseRefused) as refused:
        open_database(str(db_path))
    assert "newer version of partnerboard" in str(refused.value)
    assert "9001" in str(refused.value)
    assert digest(db_path) == before


def test_a_newer_schema_on_the_server_is_refused_unchanged(pg_server):
    url = pg_server.new_database()
    db = open_database(url)
    with outside(db).begin() as connection:  # not through the app's sessions (they refuse it)
        connection.execute(text("UPDATE alembic_version SET version_num = '9001'"))
    db.close()
    with pytest.raises(DatabaseRefused, match="newer version"):
        open_database(url)
    import psycopg

    with psycopg.connect(url.replace("postgresql://", "postgresql://", 1)) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "9001"


def test_a_server_database_holding_other_tables_is_refused(pg_server):
    import psycopg

    url = pg_server.new_database()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(DatabaseRefused, match="not a partnerboard database"):
        open_database(url)
    with psycopg.connect(url) as conn:
        tables = [
            r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname='public'")
        ]
    assert tables == ["invoices"]


def test_an_unreachable_server_gives_one_clear_message():
    with pytest.raises(DatabaseRefused, match="Cannot connect"):
        open_database("postgresql://nobody@127.0.0.1:1/none")


def test_opening_a_current_database_does_not_load_alembic(db_path):
    import subprocess
    import sys

    script = (
        "import sys\nfrom partnerboard.db.schema import open_database\n"
        f"db = open_database({str(db_path)!r})\nprint('alembic' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "False"


def test_a_missing_file_is_not_created_when_creation_is_off(tmp_path):
    with pytest.raises(DatabaseRefused):
        open_database(str(tmp_path / "missing.sqlite"), create=False)
    assert not (tmp_path / "missing.sqlite").exists()


def test_backups_folder_copy_is_a_database_of_the_old_revision(tmp_path, demo_db_path):
    """Upgrading from an older revision first writes a backup that still opens at that revision."""
    from tests.db.schema_helpers import downgrade_copy

    old = downgrade_copy(demo_db_path, tmp_path / "old.sqlite", "0006")
    backups = tmp_path / "backups"
    db = open_database(str(old), backups=backups)
    db.close()
    saved = list(backups.glob("old-before-upgrade-from-0006-*.sqlite"))
    assert len(saved) == 1
    with sqlite3.connect(saved[0]) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0006"
        assert connection.execute("SELECT count(*) FROM agency").fetchone()[0] == 26
    connection.close()
    shutil.rmtree(backups)
