"""`check` finds problems; `backup` makes consistent copies, also while someone is writing."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import textwrap
import time

from sqlalchemy import text

from partnerboard.db.backup import backup_target
from partnerboard.db.check import check_database
from partnerboard.db.schema import open_database
from tests.conftest import need
from tests.db.schema_helpers import outside


def test_check_passes_on_a_sound_database(storage_target):
    db = open_database(storage_target)
    try:
        from partnerboard.services.demo import build_demo

        build_demo(db)
        report = check_database(db)
    finally:
        db.close()
    assert report.ok, report.problems
    assert "foreign keys" in report.checks_run


def test_check_finds_a_record_pointing_at_nothing_on_sqlite(demo_db_path):
    with sqlite3.connect(demo_db_path) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("UPDATE person SET agency_id = 4242 WHERE id = 3")
    connection.close()
    db = open_database(str(demo_db_path))
    try:
        report = check_database(db)
    finally:
        db.close()
    assert not report.ok
    assert any("person row 3 points at a missing agency" in p for p in report.problems)


def test_check_finds_a_record_pointing_at_nothing_on_postgresql(pg_server):
    url = pg_server.new_database()
    db = open_database(url)
    try:
        from partnerboard.services.demo import build_demo

        build_demo(db)
        # Simulate damage the server would normally prevent (e.g. a restore without constraints),
        # on a raw connection: the app's own sessions refuse statement writes (audit trail).
        with outside(db).begin() as connection:
            connection.execute(
                text("ALTER TABLE person DROP CONSTRAINT fk_person_agency_id_agency")
            )
            connection.execute(text("UPDATE person SET agency_id = 4242 WHERE id = 3"))
        report = check_database(db)
    finally:
        db.close()
    assert any("person row 3 points at a missing agency" in p for p in report.problems)


def test_check_reports_a_wrong_schema_revision(db_path):
    db = open_database(str(db_path))
    try:
        with outside(db).begin() as connection:
            connection.execute(text("DELETE FROM partnerboard_meta WHERE key='nothing'"))
        with outside(db).connect() as connection:
            connection.connection.dbapi_connection.execute("DROP TABLE minutes_correction")
        report = check_database(db)
    finally:
        db.close()
    assert "Table minutes_correction is missing." in report.problems


WRITER = textwrap.dedent(
    """
    import sys, time
    from partnerboard.db.schema import open_database
    from partnerboard.services.partnership import save_agency, AgencyInput
    db = open_database(sys.argv[1])
    n = 0
    end = time.monotonic() + float(sys.argv[2])
    print("started", flush=True)
    while time.monotonic() < end:
        n += 1
        save_agency(db, AgencyInput(name=f"Agency {n}", sector="other"))
    print(n, flush=True)
    """
)


def test_backup_is_consistent_while_another_process_writes(tmp_path, demo_db_path):
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(demo_db_path), "4"], stdout=subprocess.PIPE, text=True
    )
    assert writer.stdout.readline().strip() == "started"
    db = open_database(str(demo_db_path))
    counts = []
    try:
        for number in range(6):
            copy = backup_target(db.target, tmp_path / f"copy{number}.sqlite")
            with sqlite3.connect(copy) as connection:
                assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
                assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
                counts.append(connection.execute("SELECT count(*) FROM agency").fetchone()[0])
            connection.close()
            assert not (tmp_path / f"copy{number}.sqlite-wal").exists()
            time.sleep(0.3)
    finally:
        db.close()
        written = int(writer.communicate(timeout=60)[0].strip())
    assert writer.returncode == 0
    assert counts == sorted(counts) and counts[-1] > 26
    assert written > 0
    final = backup_target(open_database(str(demo_db_path)).target, tmp_path / "final.sqlite")
    with sqlite3.connect(final) as connection:
        assert connection.execute("SELECT count(*) FROM agency").fetchone()[0] == 26 + written


def test_backup_of_a_server_database_is_a_pg_dump(tmp_path, pg_server):
    from partnerboard.db.backup import pg_dump_command

    url = pg_server.new_database()
    db = open_database(url)
    try:
        from partnerboard.services.demo import build_demo

        build_demo(db)
        saved = backup_target(db.target, tmp_path / "shared.dump")
    finally:
        db.close()
    restore = pg_dump_command().replace("pg_dump", "pg_restore")
    need(bool(restore), "pg_restore not found")
    listing = subprocess.run(
        [restore, "--list", str(saved)], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE DATA public agency" in listing
    assert "TABLE DATA public membership" in listing
