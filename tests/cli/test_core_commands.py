"""The command line as a user runs it: real processes, real files, one-line errors."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys

import pytest

from partnerboard import __version__


def run(
    *args: str, env_extra: dict[str, str] | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    env.update(env_extra or {})
    return subprocess.run(
        [sys.executable, "-m", "partnerboard", *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"partnerboard {__version__}"


def test_demo_fills_an_empty_database_and_refuses_a_second_time(tmp_path):
    path = tmp_path / "board.sqlite"
    first = run("--db", str(path), "demo")
    assert first.returncode == 0, first.stderr
    assert "26 agencies, 60 people, 5 boards" in first.stdout
    with sqlite3.connect(path) as connection:
        statutory = connection.execute(
            "SELECT statutory_partner FROM agency WHERE statutory_partner != 'none' ORDER BY 1"
        ).fetchall()
        assert [s[0] for s in statutory] == ["health", "local_authority", "police"]
        assert connection.execute("SELECT count(*) FROM person").fetchone()[0] == 60
        assert (
            connection.execute(
                "SELECT count(*) FROM membership WHERE deputy_person_id IS NOT NULL"
            ).fetchone()[0]
            > 5
        )
        assert connection.execute("SELECT count(DISTINCT sector) FROM agency").fetchone()[0] == 9
    connection.close()
    second = run("--db", str(path), "demo")
    assert second.returncode == 1
    assert "already holds data" in second.stderr
    assert "Traceback" not in second.stderr
    kept = run("--db", str(path), "demo", "--if-empty")
    assert kept.returncode == 0 and "not added" in kept.stdout


def test_default_database_lives_in_the_data_folder(tmp_path):
    home = tmp_path / "home"
    done = run("demo", env_extra={"PARTNERBOARD_HOME": str(home)})
    assert done.returncode == 0, done.stderr
    assert (home / "data" / "partnerboard.sqlite").exists()


def test_environment_variable_selects_the_database(tmp_path):
    path = tmp_path / "env.sqlite"
    done = run("demo", env_extra={"PARTNERBOARD_DB": str(path)})
    assert done.returncode == 0 and path.exists()


def test_check_and_its_exit_codes(tmp_path, demo_db_path):
    good = run("--db", str(demo_db_path), "check")
    assert good.returncode == 0, good.stdout + good.stderr
    assert "OK: no problems found." in good.stdout
    with sqlite3.connect(demo_db_path) as connection:
        connection.execute("PRAGMA foreign_keys=OFF")
        connection.execute("UPDATE membership SET board_id = 999 WHERE id = 1")
    connection.close()
    bad = run("--db", str(demo_db_path), "check", "--json")
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["ok"] is False
    assert any("membership row 1 points at a missing board" in p for p in report["problems"])


def test_backup_writes_a_consistent_copy(tmp_path, demo_db_path):
    target = tmp_path / "copies" / "backup.sqlite"
    done = run("--db", str(demo_db_path), "backup", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert "Backed up" in done.stdout
    with sqlite3.connect(target) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert connection.execute("SELECT count(*) FROM agency").fetchone()[0] == 26
    connection.close()
    check = run("--db", str(target), "check")
    assert check.returncode == 0


@pytest.mark.parametrize(
    "content", [b"", b"just some text\n", b"SQLite format 3\x00" + b"\x13" * 5000]
)
def test_bad_database_files_give_one_line_and_stay_unchanged(tmp_path, content):
    path = tmp_path / "bad.sqlite"
    path.write_bytes(content)
    for command in (
        ["check"],
        ["demo"],
        ["backup", "-o", str(tmp_path / "b.sqlite")],
        ["list", "agencies"],
    ):
        done = run("--db", str(path), *command)
        assert done.returncode != 0
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("partnerboard: Cannot open"), done.stderr
        assert "Traceback" not in done.stderr
        assert path.read_bytes() == content


def test_unknown_command_is_a_usage_error():
    done = run("frobnicate")
    assert done.returncode == 2
    assert "invalid choice" in done.stderr


def test_list_prints_the_register(demo_db_path):
    done = run("--db", str(demo_db_path), "list", "boards", "--json")
    assert done.returncode == 0
    boards = json.loads(done.stdout)
    assert [b["name"] for b in boards][0] == "Safeguarding Partnership Executive Board"
    assert all(b["chair_name"] for b in boards)


def test_smoke_opens_the_main_window_and_reports_ready(demo_db_path):
    done = run("--db", str(demo_db_path), "--smoke", env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 0, done.stderr
    words = done.stdout.strip().split()
    assert words[0] == "ready" and int(words[1]) > 0


def test_smoke_on_a_refused_database_exits_non_zero_with_a_message(tmp_path):
    path = tmp_path / "text.sqlite"
    path.write_text("not a database")
    done = run("--db", str(path), "--smoke", env_extra={"QT_QPA_PLATFORM": "offscreen"})
    assert done.returncode == 1
    assert "not a database file" in done.stderr
    assert "Traceback" not in done.stderr
