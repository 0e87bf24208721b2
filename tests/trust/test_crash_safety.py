"""SIGKILL a writer at random moments, many times: no acknowledged commit is ever lost.

A kill tests a process crash (the operating system keeps what was written); power loss would
need `synchronous=FULL` (TECH-NOTES). The long run is `benchmarks/crash_safety.py`.
"""

from __future__ import annotations

import os

from tests.trust.crash_run import run_kills

KILLS = int(os.environ.get("PARTNERBOARD_CRASH_KILLS", "40"))


def test_killed_writers_lose_nothing_they_acknowledged(demo_db_path, capsys):
    report = run_kills(demo_db_path, KILLS)
    with capsys.disabled():
        print(f"\ncrash safety: {report.as_text()}")
    assert report.kills == KILLS
    assert report.commits_checked > KILLS  # the writers did get work done before dying
    assert report.check_problems == []
    assert report.records_lost == []
