"""`python -m benchmarks [--quick] [--only NAME …] [--repeat N] [--out FILE] [--work DIR]`

Makes its own seeded data, runs each measure several times, prints a table and writes JSON
(median, min, max, goal, met, the samples, and the machine). See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
import traceback
from datetime import datetime
from pathlib import Path

from benchmarks.harness import REPO, Run, format_value, goal_text

MEASURES = (
    "startup",
    "cli_cost",
    "import",
    "register",
    "minutes_pdf",
    "action_report",
    "export",
    "shared_pg",
    "dataset_import",
    "scorecard",
    "training_import",
)
DEFAULT_WORK = REPO / "benchmarks" / ".work" / "run"
RESULTS = REPO / "benchmarks" / "results"


def run_measure(name: str, run: Run, data) -> None:
    from benchmarks import (  # noqa: PLC0415
        batch_import,
        cli_cost,
        documents,
        performance,
        register,
        shared_server,
        startup,
        training_import,
    )

    {
        "startup": lambda: startup.measure(run, data),
        "cli_cost": lambda: cli_cost.measure(run, data),
        "import": lambda: batch_import.measure(run, data),
        "register": lambda: register.measure(run, data),
        "minutes_pdf": lambda: documents.minutes(run, data),
        "action_report": lambda: documents.action_report(run, data),
        "export": lambda: documents.excel_export(run, data),
        "shared_pg": lambda: shared_server.measure(run),
        "training_import": lambda: training_import.measure(run, data),
        "dataset_import": lambda: performance.dataset_import(run, data),
        "scorecard": lambda: performance.scorecard(run, data),
    }[name]()


def table(run: Run) -> str:
    lines = [f"{'measure':<56} {'median':>10} {'min':>10} {'max':>10} {'goal':>9}  met"]
    for r in run.results:
        met = {True: "yes", False: "NO", None: "—"}[r.met]
        lines.append(
            f"{r.title:<56} {format_value(r.median, r.unit):>10} "
            f"{format_value(min(r.samples), r.unit):>10} {format_value(max(r.samples), r.unit):>10} "
            f"{goal_text(r.goal, r.unit):>9}  {met}"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer repeats: under 5 minutes")
    parser.add_argument(
        "--only", nargs="+", choices=MEASURES, metavar="NAME", help=", ".join(MEASURES)
    )
    parser.add_argument("--repeat", type=int, help="repeats of every measure (overrides the mode)")
    parser.add_argument(
        "--out",
        type=Path,
        help="JSON file (default: benchmarks/results/latest.json, quick.json with --quick)",
    )
    parser.add_argument(
        "--work", type=Path, default=DEFAULT_WORK, help="scratch folder (data, homes)"
    )
    args = parser.parse_args(argv)
    work = args.work.resolve()
    for part in ("data", "homes", "out", "pg"):
        shutil.rmtree(work / part, ignore_errors=True)
    work.mkdir(parents=True, exist_ok=True)
    # This process makes the data through the services: its own home, never the user's.
    os.environ["PARTNERBOARD_HOME"] = str(work / "homes" / "harness")
    os.environ.pop("PARTNERBOARD_DB", None)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from benchmarks.data import Data  # noqa: PLC0415
    from benchmarks.machine import describe, load_average  # noqa: PLC0415

    run = Run(work, quick=args.quick, repeat=args.repeat)
    data = Data(run)
    started, load_start = time.perf_counter(), load_average()
    started_at = datetime.now().astimezone()
    errors = {}
    for name in args.only or MEASURES:
        print(f"{name} …", flush=True)
        began = time.perf_counter()
        try:
            run_measure(name, run, data)
        except Exception as error:  # noqa: BLE001 - one broken measure must not hide the others
            traceback.print_exc()
            errors[name] = f"{type(error).__name__}: {error}"[:2000]
        print(f"  ({time.perf_counter() - began:.0f} s)", flush=True)
    machine = describe() | {"load_average_start": load_start, "load_average_end": load_average()}
    report = {
        "command": "python -m benchmarks " + " ".join(argv if argv is not None else sys.argv[1:]),
        "mode": "quick" if args.quick else "full",
        "started_at": started_at.isoformat(timespec="seconds"),
        "duration_s": round(time.perf_counter() - started),
        "machine": machine,
        "goals_met": f"{sum(r.met is True for r in run.results)} of "
        f"{sum(r.met is not None for r in run.results)}",
        "results": [r.as_json() for r in run.results],
        "errors": errors,
    }
    out = args.out or RESULTS / ("quick.json" if args.quick else "latest.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print()
    print(table(run))
    print(
        f"\n{machine['cpu']}, {machine['cores']} cores; load average {load_start} at start, "
        f"{machine['load_average_end']} at end; {report['duration_s']} s. Written to {out}."
    )
    for name, error in errors.items():
        print(f"FAILED {name}: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
