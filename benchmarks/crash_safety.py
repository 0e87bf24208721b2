"""The long crash-safety run: many SIGKILLs of a writer, nothing acknowledged lost.

    .venv/bin/python benchmarks/crash_safety.py [--kills 500]

The same procedure as `tests/trust/test_crash_safety.py` (40 kills) on a fresh demo database.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("PARTNERBOARD_HOME", tempfile.mkdtemp(prefix="pb-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from partnerboard.db.schema import open_database  # noqa: E402
from partnerboard.services.demo import build_demo  # noqa: E402
from tests.trust.crash_run import run_kills  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    path = Path(tempfile.mkdtemp(prefix="pb-crash-")) / "crash.sqlite"
    db = open_database(str(path))
    build_demo(db)
    db.close()
    started = time.perf_counter()
    report = run_kills(path, args.kills, args.seed)
    print(f"{report.as_text()} in {time.perf_counter() - started:.0f} s")
    for problem in (report.check_problems + report.records_lost)[:20]:
        print("  ", problem)
    sys.exit(1 if report.check_problems or report.records_lost else 0)


if __name__ == "__main__":
    main()
