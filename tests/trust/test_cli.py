"""`partnerboard user …`, signing in on the command line, `export audit-trail`, `restore`."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from openpyxl import load_workbook

from partnerboard.db.auto_backup import make_automatic_backup
from partnerboard.db.schema import open_database
from partnerboard.domain.access import os_user_name
from partnerboard.services import partnership as p
from partnerboard.settings import app_paths


def run(*args: str, stdin: str = "", **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERBOARD_USER")}
    environment.pop("PARTNERBOARD_PASSWORD", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "partnerboard", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
    )


def test_users_are_managed_from_the_command_line(demo_db_path):
    db = str(demo_db_path)
    added = run(
        "--db",
        db,
        "user",
        "add",
        "g.adeyemi",
        "--name",
        "Grace Adeyemi",
        "--role",
        "chair",
        "--password-stdin",
        stdin="a chair's password\n",
    )
    assert added.returncode == 0, added.stderr
    assert added.stdout.strip() == "Added Grace Adeyemi (g.adeyemi), Chair / co-chair."
    short = run("--db", db, "user", "passwd", "g.adeyemi", "--password-stdin", stdin="short\n")
    assert short.returncode == 1 and "at least 10 characters" in short.stderr
    changed = run(
        "--db", db, "user", "passwd", "g.adeyemi", "--password-stdin", stdin="new password 2\n"
    )
    assert changed.returncode == 0, changed.stderr
    disabled = run("--db", db, "user", "disable", "g.adeyemi")
    assert disabled.stdout.strip() == "Disabled Grace Adeyemi (g.adeyemi)."
    listing = run("--db", db, "user", "list")
    lines = listing.stdout.strip().splitlines()
    assert not any(  # the app's first run makes them the administrator; a command does not
        line.startswith(f"{os_user_name()}\t") and "Business support" in line for line in lines
    )
    assert any(
        line.startswith("g.adeyemi\tGrace Adeyemi\tChair / co-chair\tdisabled") for line in lines
    )


def test_a_file_that_requires_sign_in_refuses_commands_without_it(demo_db_path):
    db = str(demo_db_path)
    assert run("--db", db, "user", "sign-in", "required").returncode == 1  # no password yet
    run(
        "--db",
        db,
        "user",
        "add",
        "admin",
        "--role",
        "business_support",
        "--password-stdin",
        stdin="admin password 1\n",
    )
    on = run("--db", db, "user", "sign-in", "required")
    assert on.returncode == 0, on.stderr

    anonymous = run("--db", db, "list", "agencies")
    assert anonymous.returncode == 1 and "requires sign-in: give --user LOGIN" in anonymous.stderr
    wrong = run("--db", db, "--user", "admin", "list", "agencies", PARTNERBOARD_PASSWORD="nope")
    assert wrong.returncode == 1 and "Unknown login or wrong password" in wrong.stderr
    right = run(
        "--db", db, "--user", "admin", "list", "agencies", PARTNERBOARD_PASSWORD="admin password 1"
    )
    assert right.returncode == 0 and len(right.stdout.splitlines()) == 26


def test_members_cannot_change_records_from_the_command_line(tmp_path):
    db = str(tmp_path / "new.sqlite")
    member = run(
        "--db",
        db,
        "user",
        "add",
        "mo",
        "--role",
        "member",
        "--password-stdin",
        stdin="member pass 12\n",
    )
    assert member.returncode == 0, member.stderr
    demo = run("--db", db, "--user", "mo", "demo", PARTNERBOARD_PASSWORD="member pass 12")
    assert demo.returncode == 1
    assert "signed in as mo (Member): only business support may add" in demo.stderr
    users = run("--db", db, "--user", "mo", "user", "list", PARTNERBOARD_PASSWORD="member pass 12")
    assert users.returncode == 1 and "only business support may manage users" in users.stderr
    assert run("--db", db, "demo").returncode == 0  # the administrator (no sign-in) may


def test_the_first_administrator_of_a_shared_server(pg_server):
    url = pg_server.new_database()
    refused = run("--db", url, "list", "agencies")
    assert refused.returncode == 1 and "has no users yet" in refused.stderr
    first = run(
        "--db",
        url,
        "user",
        "add",
        "admin",
        "--role",
        "business_support",
        "--password-stdin",
        stdin="server admin 123\n",
    )
    assert first.returncode == 0, first.stderr
    signed_in = run(
        "--db", url, "--user", "admin", "check", PARTNERBOARD_PASSWORD="server admin 123"
    )
    assert signed_in.returncode == 0 and "OK: no problems found." in signed_in.stdout
    second = run(
        "--db",
        url,
        "user",
        "add",
        "eve",
        "--role",
        "business_support",
        "--password-stdin",
        stdin="sneaky pass 123\n",
    )
    assert second.returncode == 1 and "requires sign-in" in second.stderr


def test_the_audit_trail_exports_to_excel_as_plain_text(tmp_path, demo_db_path):
    db = open_database(str(demo_db_path))
    p.save_agency(db, p.AgencyInput(name='=HYPERLINK("http://evil","Click")', sector="other"))
    db.close()
    out = tmp_path / "trail.xlsx"
    done = run("--db", str(demo_db_path), "export", "audit-trail", "-o", str(out))
    assert done.returncode == 0, done.stderr
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("No.", "When", "Who", "What", "Table", "Record")
    assert len(rows) - 1 == int(done.stdout.split()[1])
    evil = [r for r in rows if r[4] == "agency" and "HYPERLINK" in (r[7] or "")]
    assert len(evil) == 1
    cells = [c for row in sheet.iter_rows() for c in row]
    assert all(c.data_type != "f" for c in cells), "a value became a formula"
    assert rows[1][3] == "Added" and rows[1][1].year >= 2026

    later = run(
        "--db", str(demo_db_path), "export", "audit-trail", "-o", str(out), "--since", "01/01/2099"
    )
    assert later.returncode == 0 and "Wrote 0 audit trail entries from 01/01/2099" in later.stdout


def test_check_of_an_unopenable_file_points_to_the_last_good_backup(demo_db_path):
    db = open_database(str(demo_db_path))
    good = make_automatic_backup(db.target, app_paths().backups, keep=3)
    db.close()
    with open(demo_db_path, "r+b") as handle:
        handle.write(b"garbage garbage!")  # the SQLite header itself
    done = run("--db", str(demo_db_path), "check")
    assert done.returncode == 3
    assert done.stderr.startswith("partnerboard: Cannot open")
    assert f"Last good backup: {good}" in done.stdout
    restored = run("--db", str(demo_db_path), "restore", str(good))
    assert restored.returncode == 0, restored.stderr
    assert "kept in" in restored.stdout
    assert run("--db", str(demo_db_path), "check").returncode == 0
    assert Path(str(demo_db_path)).read_bytes()[:16] == b"SQLite format 3\x00"


def test_check_of_a_copy_writes_nothing_into_it(demo_db_path):
    from tests.trust.helpers import trail

    before = trail(demo_db_path)
    assert run("--db", str(demo_db_path), "check").returncode == 0
    assert run("--db", str(demo_db_path), "list", "agencies").returncode == 0
    assert trail(demo_db_path) == before


def test_check_creates_and_upgrades_nothing(tmp_path):
    missing = tmp_path / "missing.sqlite"
    done = run("--db", str(missing), "check")
    assert done.returncode == 3 and "There is no database" in done.stderr
    assert not list(tmp_path.iterdir())
    old = tmp_path / "old.sqlite"
    shutil.copy(Path(__file__).parents[1] / "fixtures" / "schemas" / "0009.sqlite", old)
    before = old.read_bytes()
    done = run("--db", str(old), "check")
    assert done.returncode == 3 and "has schema 0009" in done.stderr
    assert old.read_bytes() == before
