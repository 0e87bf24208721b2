"""What the audit trail costs: time per audited change, and how fast `check` verifies the chain.

    .venv/bin/python benchmarks/audit_trail.py [--entries 20000]

Writes the same agencies through a plain SQLAlchemy session (no events: no permission rules,
no audit trail) and through partnerboard's `BoardSession`, one commit each and many per
commit, on SQLite files in a temporary folder; then builds a trail of `--entries` entries
and times `verify_chain` over it. Prints one line per figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PARTNERBOARD_HOME", tempfile.mkdtemp(prefix="pb-bench-"))

from sqlalchemy import func, select  # noqa: E402
from sqlalchemy.orm import Session, sessionmaker  # noqa: E402

from partnerboard.db.audit_chain import verify_chain  # noqa: E402
from partnerboard.db.models.access import AuditEntry  # noqa: E402
from partnerboard.db.models.partnership import Agency  # noqa: E402
from partnerboard.db.schema import open_database  # noqa: E402


def _timed_commits(factory, count: int, label: str) -> float:
    started = time.perf_counter()
    for n in range(count):
        with factory() as session, session.begin():
            session.add(Agency(name=f"{label} {n}", sector="other"))
    return (time.perf_counter() - started) / count


def _timed_batch(factory, count: int, label: str) -> float:
    started = time.perf_counter()
    with factory() as session, session.begin():
        for n in range(count):
            session.add(Agency(name=f"{label} {n}", sector="other"))
            if n % 100 == 99:
                session.flush()
    return (time.perf_counter() - started) / count


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--commits", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="pb-bench-audit-"))
    db = open_database(str(folder / "bench.sqlite"))
    writer = db.engine.execution_options(sqlite_begin="IMMEDIATE")
    plain = sessionmaker(bind=writer, class_=Session, expire_on_commit=False)
    audited = lambda: db._writer(info=db._info())  # noqa: E731  (the app's own write sessions)

    rounds = []
    for round_number in range(3):
        bare = _timed_commits(plain, args.commits, f"plain{round_number}")
        full = _timed_commits(audited, args.commits, f"audited{round_number}")
        rounds.append((bare, full))
    bare, full = (statistics.median(r[i] for r in rounds) for i in (0, 1))
    print(
        f"one change per commit: plain {bare * 1000:.2f} ms, audited {full * 1000:.2f} ms, "
        f"audit overhead {(full - bare) * 1000:.2f} ms per entry (median of 3 x {args.commits})"
    )
    bare = _timed_batch(plain, 2000, "bplain")
    full = _timed_batch(audited, 2000, "baudited")
    print(
        f"2000 changes in one commit: plain {bare * 1000:.3f} ms, audited {full * 1000:.3f} ms "
        f"per change, overhead {(full - bare) * 1000:.3f} ms per entry"
    )

    with db.reader() as session:
        have = session.scalar(select(func.count()).select_from(AuditEntry))
    missing = max(0, args.entries - have)
    while missing > 0:
        step = min(missing, 5000)
        _timed_batch(audited, step, f"fill{missing}")
        missing -= step
    with db.engine.connect() as connection:
        times = []
        for _ in range(3):
            started = time.perf_counter()
            report = verify_chain(connection)
            times.append(time.perf_counter() - started)
    assert not report.problems, report.problems
    print(
        f"verify_chain over {report.entries} entries: {min(times):.3f} s best, "
        f"{statistics.median(times):.3f} s median of 3"
    )
    db.close()


if __name__ == "__main__":
    main()
