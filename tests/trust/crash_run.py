"""Kill a writer with SIGKILL at random moments, then check that nothing acknowledged was lost.

Used by `tests/trust/test_crash_safety.py` (a short run) and `benchmarks/crash_safety.py`
(a long one). After every kill: `check_database` must pass (integrity, foreign keys, the
audit chain and its anchor) and every acknowledged record must be there, each with its
audit entry; every acknowledged phone change must be in the trail.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select

from partnerboard.db.check import check_database
from partnerboard.db.models.access import AuditEntry
from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.db.models.partnership import Agency, Person
from partnerboard.db.schema import open_database

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"agency": Agency, "person": Person, "action": Action, "update": ActionUpdate}
AUDIT_NAMES = {
    "agency": "agency",
    "person": "person",
    "action": "action",
    "update": "action_update",
}


@dataclass
class CrashReport:
    kills: int = 0
    commits_acknowledged: int = 0
    commits_checked: int = 0
    records_lost: list[str] = field(default_factory=list)
    check_problems: list[str] = field(default_factory=list)

    def as_text(self) -> str:
        return (
            f"{self.kills} kills survived, {self.commits_checked} acknowledged commits checked, "
            f"{len(self.records_lost)} lost, {len(self.check_problems)} check problems"
        )


class Zygote:
    """The process that forks one writer per kill (see crash_writer)."""

    def __init__(self, path: Path):
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.trust.crash_writer", str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        )

    def _line(self) -> str:
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        if not line:
            raise RuntimeError("the writer zygote ended")
        return line.rstrip("\n")

    def kill_after(self, seed: int, delay: float) -> list[str]:
        """Fork a writer, let it work for `delay` seconds, SIGKILL it; its acknowledged lines."""
        assert self.process.stdin is not None
        self.process.stdin.write(f"{seed}\n")
        self.process.stdin.flush()
        pid, acked, started = None, [], False
        while pid is None or not started:
            line = self._line()
            if line.startswith("pid "):
                pid = int(line.split()[1])
            elif line == "ready":
                started = True
            else:
                raise RuntimeError(f"the writer did not start: {line}")
        time.sleep(delay)
        os.kill(pid, signal.SIGKILL)
        dead = f"dead {pid}"
        while not (line := self._line()).endswith(dead):
            acked.append(line)
        # Whole lines only: should a line ever be cut off by the kill, the zygote's `dead N`
        # follows it on the same line, and that part was not acknowledged.
        return [a for a in acked if a.endswith(tuple("0123456789"))]

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        self.process.wait(timeout=30)


def _verify(path: Path, acked: list[str], report: CrashReport) -> None:
    db = open_database(str(path))
    try:
        checked = check_database(db)
        report.check_problems += checked.problems
        wanted: dict[str, set[int]] = {kind: set() for kind in TABLES}
        phones: list[tuple[int, str]] = []
        for line in acked:
            kind, ident, *rest = line.split(" ", 2)
            if kind == "phone":
                phones.append((int(ident), rest[0]))
            else:
                wanted[kind].add(int(ident))
        with db.reader() as session:
            for kind, ids in wanted.items():
                model = TABLES[kind]
                found = set(session.scalars(select(model.id).where(model.id.in_(ids))))
                audited = {
                    int(k)
                    for k in session.scalars(
                        select(AuditEntry.record_key).where(
                            AuditEntry.table_name == AUDIT_NAMES[kind],
                            AuditEntry.action == "insert",
                            AuditEntry.record_key.in_([str(i) for i in ids]),
                        )
                    )
                }
                report.records_lost += [f"{kind} {i}" for i in sorted(ids - found)]
                report.records_lost += [
                    f"{kind} {i} (no audit entry)" for i in sorted(ids - audited)
                ]
            for agency_id, phone in phones:
                entries = session.scalars(
                    select(AuditEntry.after).where(
                        AuditEntry.table_name == "agency",
                        AuditEntry.record_key == str(agency_id),
                        AuditEntry.action == "update",
                    )
                )
                if not any(json.loads(a).get("phone") == phone for a in entries):
                    report.records_lost.append(f"phone {agency_id} {phone}")
        report.commits_checked += len(acked)
    finally:
        db.close()


def run_kills(path: Path, kills: int, seed: int = 2026) -> CrashReport:
    """`kills` writers on the database at `path`, each killed at a random moment."""
    rng = random.Random(seed)
    report = CrashReport()
    zygote = Zygote(path)
    try:
        for number in range(kills):
            acked = zygote.kill_after(seed * 1000 + number, rng.uniform(0.02, 0.5))
            report.kills += 1
            report.commits_acknowledged += len(acked)
            _verify(path, acked, report)
    finally:
        zygote.close()
    return report
