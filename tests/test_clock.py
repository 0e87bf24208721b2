"""One clock: every rule, record and paper reads the database's clock, never the system's.

The suite runs on a pinned day (tests/clock.py); CI runs it again with the system clock moved
ahead (faketime), which only passes if nothing reads the real date behind the clock's back.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import pytest

from partnerboard.clock import FixedClock, SystemClock, default_clock, pinned_day
from partnerboard.db.schema import open_database
from partnerboard.errors import UserError
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, create_action, get_action
from tests.clock import TODAY
from tests.trust.helpers import trail

ROOT = Path(__file__).resolve().parents[1]
RUFF = [sys.executable, "-m", "ruff", "check", "--no-cache", "--select", "TID251"]


def test_nothing_reads_the_system_clock_behind_the_databases_back():
    """ruff's banned-api rule (pyproject.toml) over the app, the tests, benchmarks and tools."""
    found = subprocess.run(
        [*RUFF, "--output-format", "concise", "src", "tests", "benchmarks", "tools"],
        cwd=ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert found.returncode == 0, found.stdout + found.stderr


def test_the_rule_catches_a_direct_call(tmp_path):
    leak = tmp_path / "leak.py"
    leak.write_text(
        "from datetime import date, datetime\n"
        "due = date.today()\nnow = datetime.now()\n"
        "from PySide6.QtCore import QDate\nshown = QDate.currentDate()\n"
    )
    found = subprocess.run(
        [*RUFF, "--config", str(ROOT / "pyproject.toml"), "--output-format", "concise", str(leak)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert found.returncode == 1
    flagged = [line for line in found.stdout.splitlines() if "TID251" in line]
    assert len(flagged) == 3, found.stdout
    for name in ("datetime.date.today", "datetime.datetime.now", "QtCore.QDate.currentDate"):
        assert any(
            f"`{name}` is banned" in line or f".{name}` is banned" in line for line in flagged
        )


def test_the_suite_runs_on_its_pinned_day(db):
    assert isinstance(db.clock, FixedClock) and db.clock.today() == TODAY
    assert pinned_day() == TODAY


def test_records_and_the_audit_trail_are_stamped_by_the_databases_clock(db_path):
    day = date(2031, 5, 6)
    db = open_database(str(db_path))
    db.clock = FixedClock(day)
    try:
        agency = p.save_agency(db, p.AgencyInput(name="Wrenfield College", sector="education"))
        action_id = create_action(db, ActionInput(text="Audit neglect"))
        detail = get_action(db, action_id)
        with db.reader() as session:
            from partnerboard.db.models.partnership import Agency

            stored = session.get(Agency, agency.id)
            created, updated = stored.created_at, stored.updated_at
    finally:
        db.close()
    # Raised "today" means the clock's day, and the stamps are that day's.
    assert detail.row.raised_on == day
    assert abs(created - db.clock.now_utc()) < timedelta(minutes=10)
    assert created.date() == updated.date() == day
    stamps = [e["at"] for e in trail(db_path) if e["table_name"] in ("agency", "action")]
    assert stamps and all(date.fromisoformat(at[:10]) == day for at in stamps)


def test_the_environment_pins_the_day_and_a_bad_value_is_one_clear_message(monkeypatch):
    monkeypatch.setenv("PARTNERBOARD_TODAY", "2030-02-28")
    assert default_clock().today() == date(2030, 2, 28)
    monkeypatch.setenv("PARTNERBOARD_TODAY", "28/02/2030")
    with pytest.raises(UserError, match="not a date; write it as yyyy-mm-dd"):
        default_clock()
    monkeypatch.delenv("PARTNERBOARD_TODAY")
    assert isinstance(default_clock(), SystemClock)


def test_a_pinned_clock_keeps_time_moving_so_records_stay_in_order():
    clock = FixedClock(TODAY)
    first, second = clock.now_local(), clock.now_local()
    assert first.date() == TODAY and second >= first
    assert clock.today() == TODAY


def test_commands_run_on_the_pinned_day_too(tmp_path):
    """A command started by a test inherits PARTNERBOARD_TODAY: its papers say the suite's day."""
    target = tmp_path / "demo.sqlite"
    env_run = [sys.executable, "-m", "partnerboard", "--db", str(target)]
    made = subprocess.run([*env_run, "demo"], capture_output=True, text=True)
    assert made.returncode == 0, made.stderr
    db = open_database(str(target))
    try:
        from partnerboard.services import section11 as s11

        labels = sorted(r.label for r in s11.list_rounds(db))
    finally:
        db.close()
    year = (TODAY - timedelta(days=60)).year
    assert labels == [str(year - 1), str(year)]
