"""Automatic rotating backups, `restore` that checks first, and `check` pointing at a good backup."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta

import pytest

from partnerboard.db.app_lock import app_lock_path, database_in_use
from partnerboard.db.auto_backup import (
    automatic_backups,
    backup_due,
    last_good_backup,
    make_automatic_backup,
    sqlite_file_sound,
)
from partnerboard.db.restore import restore_database
from partnerboard.db.schema import open_database
from partnerboard.errors import UserError
from partnerboard.services import partnership as p
from partnerboard.settings import app_paths
from tests.trust.helpers import problems, tamper, trail


def _names(db) -> list[str]:
    return sorted(a.name for a in p.list_agencies(db))


def test_backups_rotate_keeping_the_newest(tmp_path, demo_db):
    folder = tmp_path / "backups"
    start = datetime(2026, 11, 1, 9, 0)
    made = [
        make_automatic_backup(demo_db.target, folder, keep=3, now=start + timedelta(days=n))
        for n in range(5)
    ]
    kept = automatic_backups(demo_db.target.path, folder)
    assert kept == list(reversed(made[-3:]))
    assert all(not path.exists() for path in made[:2])
    assert all(sqlite_file_sound(path) for path in kept)
    assert kept[0].name.startswith("demo-") and kept[0].name.endswith("-20261105-090000.sqlite")


def test_two_backups_in_one_second_do_not_overwrite_each_other(tmp_path, demo_db):
    now = datetime(2026, 11, 1, 9, 0)
    first = make_automatic_backup(demo_db.target, tmp_path, keep=5, now=now)
    second = make_automatic_backup(demo_db.target, tmp_path, keep=5, now=now)
    assert first != second and first.exists() and second.exists()


def test_backups_of_one_second_list_newest_first_and_a_stray_file_is_not_one(tmp_path, demo_db):
    now = datetime(2026, 11, 1, 9, 0)
    first = make_automatic_backup(demo_db.target, tmp_path, keep=5, now=now)
    second = make_automatic_backup(demo_db.target, tmp_path, keep=5, now=now)
    # Named like a backup, but its stamp is no time (month 13): not counted, and no failure.
    stray = tmp_path / first.name.replace("-20261101-", "-20261301-")
    shutil.copy(first, stray)
    assert automatic_backups(demo_db.target.path, tmp_path) == [second, first]


def test_databases_of_the_same_name_keep_separate_rotations(tmp_path, demo_db_path):
    other = tmp_path / "elsewhere" / demo_db_path.name
    other.parent.mkdir()
    shutil.copy(demo_db_path, other)
    folder = tmp_path / "backups"
    for n in range(3):
        now = datetime(2026, 11, 1 + n)
        for path in (demo_db_path, other):
            make_automatic_backup(open_database(str(path)).target, folder, keep=2, now=now)
    assert len(automatic_backups(demo_db_path, folder)) == 2
    assert len(automatic_backups(other, folder)) == 2


def test_a_daily_backup_is_due_after_a_day(tmp_path, demo_db):
    now = datetime(2026, 11, 1, 9, 0)
    assert backup_due(demo_db.target, tmp_path, now)
    make_automatic_backup(demo_db.target, tmp_path, keep=3, now=now)
    assert not backup_due(demo_db.target, tmp_path, now + timedelta(hours=23))
    assert backup_due(demo_db.target, tmp_path, now + timedelta(hours=24))


def test_restore_puts_the_backup_back_and_keeps_the_current_one(tmp_path, demo_db_path):
    backups = tmp_path / "backups"
    db = open_database(str(demo_db_path))
    saved = make_automatic_backup(db.target, backups, keep=5)
    p.save_agency(db, p.AgencyInput(name="Added after the backup", sector="other"))
    db.close()
    entries_after_backup = len(trail(demo_db_path))

    report = restore_database(open_database(str(demo_db_path)).target, saved, backups)

    db = open_database(str(demo_db_path))
    try:
        assert "Added after the backup" not in _names(db)
        assert report.safety_copy.exists() and "before-restore" in report.safety_copy.name
        kept = open_database(str(report.safety_copy))
        assert "Added after the backup" in _names(kept)
        kept.close()
    finally:
        db.close()
    # The trail is the backup's, plus one entry saying who restored what; the anchor follows,
    # so the shorter trail is not mistaken for a cut-off one.
    entries = trail(demo_db_path)
    assert len(trail(saved)) == entries_after_backup - 1
    assert len(entries) == len(trail(saved)) + 1
    assert entries[-1]["action"] == "restore" and entries[-1]["after"]["file"] == saved.name
    assert problems(demo_db_path) == []


def test_restore_refuses_a_file_that_fails_the_check(tmp_path, demo_db_path):
    backups = tmp_path / "backups"
    db = open_database(str(demo_db_path))
    saved = make_automatic_backup(db.target, backups, keep=5)
    db.close()
    tamper(saved, "UPDATE audit_entry SET who = 'Nobody' WHERE seq = 3")
    before = demo_db_path.read_bytes()
    with pytest.raises(UserError, match="did not pass the check") as refused:
        restore_database(open_database(str(demo_db_path)).target, saved, backups)
    assert "Audit entry 3" in str(refused.value)
    assert demo_db_path.read_bytes() == before
    assert not list(backups.glob("*before-restore*"))


@pytest.mark.parametrize(
    "content, message",
    [
        (b"not a database at all", "not a database file"),
        (b"", "the file is empty"),
    ],
)
def test_restore_refuses_what_is_not_a_partnerboard_database(tmp_path, demo_db, content, message):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(content)
    with pytest.raises(UserError, match=message):
        restore_database(demo_db.target, bad, tmp_path / "backups")


def test_restore_refuses_while_the_app_has_the_database_open(tmp_path, demo_db, qapp):
    from PySide6.QtCore import QLockFile  # the app's own lock, taken as the app takes it

    saved = make_automatic_backup(demo_db.target, tmp_path, keep=5)
    path = app_lock_path(demo_db.target.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path))
    assert lock.tryLock(100)
    try:
        assert database_in_use(demo_db.target.path)
        with pytest.raises(UserError, match="has demo.sqlite open"):
            restore_database(demo_db.target, saved, tmp_path)
    finally:
        lock.unlock()
    assert not database_in_use(demo_db.target.path)


def test_a_stale_lock_of_a_crashed_app_does_not_block_restore(tmp_path, demo_db):
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    path = app_lock_path(demo_db.target.path)
    path.parent.mkdir(parents=True, exist_ok=True)
    import socket

    path.write_text(f"{dead.stdout.strip()}\npartnerboard\n{socket.gethostname()}\n")
    try:
        assert not database_in_use(demo_db.target.path)
    finally:
        path.unlink()


def _damage(path) -> None:
    """Overwrite the middle of the `person` table's pages: SQLite still opens the file."""
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name='person'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    connection.close()
    with open(path, "r+b") as handle:
        handle.seek((root - 1) * page_size + 8)
        handle.write(os.urandom(200))


def test_check_reports_a_damaged_file_and_the_last_good_backup(tmp_path, demo_db_path):
    backups = app_paths().backups
    db = open_database(str(demo_db_path))
    good = make_automatic_backup(db.target, backups, keep=5)
    db.close()
    _damage(demo_db_path)
    done = subprocess.run(
        [sys.executable, "-m", "partnerboard", "--db", str(demo_db_path), "check"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert "PROBLEM: The integrity check" in done.stdout, done.stdout + done.stderr
    assert f"Last good backup: {good}" in done.stdout
    assert last_good_backup(demo_db_path, backups).path == good

    restored = subprocess.run(
        [sys.executable, "-m", "partnerboard", "--db", str(demo_db_path), "restore", str(good)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert restored.returncode == 0, restored.stderr
    assert problems(demo_db_path) == []
