"""The command line's fixed cost: cheap commands against `cli_baseline.py`, pair by pair.

Batch users call `partnerboard` in loops, so what a call costs before it does anything counts.
Each command below is a whole process timed from launch to exit (wall time), paired with the
baseline (a Python that imports `sqlalchemy.orm` and runs one query on the same file) in the
same round, the order alternating; the figure is the median of the per-pair ratios. Both run
from compiled bytecode after one untimed warm-up each (as an installed command does):

- `--version`: nothing but the arguments;
- `--db demo.sqlite list boards`: open the database, one listing;
- `--db demo.sqlite check`: every check of the demo database (schema, integrity, links, the
  audit trail's chain and every row against it);
- `--db returns.sqlite import FILE`: one filled Section 11 return, into a fresh copy of its
  database each time (the copy is made before the clock starts, for both sides).
"""

from __future__ import annotations

from pathlib import Path

from benchmarks.data import Data
from benchmarks.harness import REPO, Result, Run, ratios, spread
from benchmarks.startup import app_command

GOAL = 1.5
BASELINE = REPO / "benchmarks" / "cli_baseline.py"


def _pairs(
    run: Run,
    key: str,
    shown: str,
    args: list[str],
    database: Path,
    fresh: Data | None = None,
    source: Path | None = None,
) -> None:
    """`partnerboard ARGS…` against the baseline on `database`, in alternating pairs after a
    warm-up; with `fresh`, `database` is copied again from `source` before every run (a command
    that writes)."""
    home = run.fresh_home()
    command = [*app_command(database)[:-3], *args]  # the entry point, without --db … --smoke
    baseline = [str(BASELINE), str(database)]
    pairs = run.repeat(full=10, quick=4)
    walls: dict[str, list[float]] = {"command": [], "baseline": []}
    for n in range(pairs + 1):  # the first pair warms up (bytecode, settings) and is not counted
        order = [("command", command), ("baseline", baseline)]
        if n % 2:
            order.reverse()
        for name, argv in order:
            if fresh is not None and source is not None:
                fresh.copy(source, database.name)
            wall, _out = run.child(argv, home=home)
            if n:
                walls[name].append(wall)
    run.add(
        Result(
            key,
            f"command line: {shown} / baseline",
            "x",
            ratios(walls["command"], walls["baseline"]),
            GOAL,
            {
                "pairs": pairs,
                "command": f"partnerboard {shown}",
                "command_wall_s": spread(walls["command"]),
                "baseline_wall_s": spread(walls["baseline"]),
            },
        )
    )


def measure(run: Run, data: Data) -> None:
    demo = data.copy(data.demo_db(), "cli.sqlite")
    _pairs(run, "cli_version", "--version", ["--version"], demo)
    _pairs(run, "cli_list", "list boards", ["--db", str(demo), "list", "boards"], demo)
    _pairs(run, "cli_check", "check (demo)", ["--db", str(demo), "check"], demo)
    returns_db, files = data.s11_returns()
    scratch = data.folder / "cli-import.sqlite"
    _pairs(
        run,
        "cli_import",
        "import (one S11 return)",
        ["--db", str(scratch), "import", str(files[0])],
        scratch,
        fresh=data,
        source=returns_db,
    )
