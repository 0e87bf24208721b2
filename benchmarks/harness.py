"""What every measure shares: results with goals, statistics, and child processes run the
way an installed app runs (offscreen, its own home folder, compiled bytecode)."""

from __future__ import annotations

import json
import math
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Result:
    """One row of the table: samples of one figure and the goal it is held to (an upper bound)."""

    key: str
    title: str
    unit: str  # "x" (ratio to the baseline), "s", "ms", "MB", "count"
    samples: list[float]
    goal: float | None
    details: dict[str, Any] = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def met(self) -> bool | None:
        if self.goal is None or not self.samples:
            return None
        return self.median <= self.goal

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "measure": self.title,
            "unit": self.unit,
            "median": _round(self.median),
            "min": _round(min(self.samples)),
            "max": _round(max(self.samples)),
            "runs": len(self.samples),
            "goal": self.goal,
            "goal_text": goal_text(self.goal, self.unit),
            "met": self.met,
            "samples": [_round(s) for s in self.samples],
            "details": self.details,
        }


def _round(value: float) -> float:
    return round(value, 4)


def goal_text(goal: float | None, unit: str) -> str:
    if goal is None:
        return "—"
    if unit == "x":
        return f"≤ {goal:g}×"
    if unit == "count":
        return f"= {goal:g}" if goal == 0 else f"≤ {goal:g}"
    return f"≤ {goal:g} {unit}"


def format_value(value: float, unit: str) -> str:
    if unit == "x":
        return f"{value:.2f}×"
    if unit == "count":
        return f"{value:g}"
    if unit == "MB":
        return f"{value:.0f} MB"
    if unit == "ms":
        return f"{value:.1f} ms"
    return f"{value:.3f} s"


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest-rank percentile (p95: the value 95 % of the samples are at or below)."""
    ordered = sorted(values)
    if not ordered:
        return math.nan
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def ratios(measured: Sequence[float], baseline: Sequence[float]) -> list[float]:
    """Per-pair ratios of a measure to its baseline taken in the same round (same load)."""
    if len(measured) != len(baseline):
        raise ValueError(f"{len(measured)} samples against {len(baseline)} of the baseline")
    return [m / b for m, b in zip(measured, baseline, strict=True)]


def spread(values: Sequence[float]) -> dict[str, float]:
    return {
        "median": _round(statistics.median(values)),
        "min": _round(min(values)),
        "max": _round(max(values)),
    }


def summary(values: Sequence[float]) -> dict[str, float]:
    return {
        "count": len(values),
        "median": _round(statistics.median(values)) if values else math.nan,
        "p95": _round(percentile(values, 0.95)),
        "max": _round(max(values)) if values else math.nan,
    }


class Run:
    """One run of the command: where it works, how many times to repeat, what it has found."""

    def __init__(self, work: Path, quick: bool, repeat: int | None = None):
        self.work = work
        self.quick = quick
        self._repeat = repeat
        self.results: list[Result] = []
        self.notes: list[str] = []
        self._homes = 0

    def repeat(self, full: int, quick: int) -> int:
        return self._repeat or (quick if self.quick else full)

    def add(self, result: Result) -> Result:
        self.results.append(result)
        print(f"  {result.title}: {format_value(result.median, result.unit)}", flush=True)
        return result

    def fresh_home(self) -> Path:
        """An empty PARTNERBOARD_HOME (settings, logs, backups) for one child process."""
        self._homes += 1
        home = self.work / "homes" / f"home{self._homes:03d}"
        home.mkdir(parents=True, exist_ok=True)
        return home

    def env(self, home: Path | None = None) -> dict[str, str]:
        """The environment of a child: offscreen Qt, its own home, bytecode cached (as an
        installed or packaged app has it: without it every start compiles 40,000 lines)."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERBOARD_")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = str(self.work.parent / "pycache")
        env["PARTNERBOARD_HOME"] = str(home or self.fresh_home())
        env["QT_QPA_PLATFORM"] = "offscreen"
        env["PYTHONPATH"] = os.pathsep.join(
            filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])
        )
        return env

    def child(
        self, args: Sequence[str], *, home: Path | None = None, timeout: float = 600
    ) -> tuple[float, str]:
        """Run `python ARGS…` to the end; (wall seconds, stdout). Fails loudly on an error."""
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, *args],
            env=self.env(home),
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        wall = time.perf_counter() - started
        if done.returncode != 0:
            raise RuntimeError(
                f"{' '.join(args)} failed ({done.returncode}):\n{done.stderr[-3000:]}"
            )
        return wall, done.stdout

    def child_json(self, args: Sequence[str], **kwargs: Any) -> dict[str, Any]:
        """Run a child that prints one JSON object as its last line of output."""
        _wall, out = self.child(args, **kwargs)
        return json.loads(out.strip().splitlines()[-1])
