"""Start-up: `partnerboard --smoke` on the demo database against `startup_baseline.py`.

Both are whole processes timed from launch to exit (wall time), in pairs whose order
alternates (app first, then baseline first), so that both see the same load on a shared
machine; the figure is the median of the per-pair ratios. Both run from compiled bytecode
after one untimed warm-up each (as an installed app does).
"""

from __future__ import annotations

import sys
from pathlib import Path

from benchmarks.data import Data
from benchmarks.harness import REPO, Result, Run, ratios, spread

GOAL = 1.3


def app_command(database: Path) -> list[str]:
    script = Path(sys.executable).with_name("partnerboard")  # the installed entry point
    entry = [str(script)] if script.exists() else ["-m", "partnerboard"]
    return [*entry, "--db", str(database), "--smoke"]


def _ready_ms(out: str) -> float:
    line = next(x for x in out.splitlines() if x.startswith("ready "))
    return float(line.split()[1])


def measure(run: Run, data: Data) -> None:
    database = data.copy(data.demo_db(), "startup.sqlite")
    home = run.fresh_home()
    app = app_command(database)
    baseline = [str(REPO / "benchmarks" / "startup_baseline.py"), str(database)]
    run.child(app, home=home)  # warm-up: bytecode, settings, the first automatic backup
    run.child(baseline, home=home)
    pairs = run.repeat(full=10, quick=4)
    walls: dict[str, list[float]] = {"app": [], "baseline": []}
    ready: dict[str, list[float]] = {"app": [], "baseline": []}
    for n in range(pairs):
        order = [("app", app), ("baseline", baseline)]
        if n % 2:
            order.reverse()
        for name, command in order:
            wall, out = run.child(command, home=home)
            walls[name].append(wall)
            ready[name].append(_ready_ms(out))
    run.add(
        Result(
            "startup",
            "start-up: partnerboard --smoke / baseline (wall)",
            "x",
            ratios(walls["app"], walls["baseline"]),
            GOAL,
            {
                "pairs": pairs,
                "app_wall_s": spread(walls["app"]),
                "baseline_wall_s": spread(walls["baseline"]),
                "app_ready_ms": spread(ready["app"]),
                "baseline_ready_ms": spread(ready["baseline"]),
                "command": "partnerboard --db demo.sqlite --smoke",
            },
        )
    )
