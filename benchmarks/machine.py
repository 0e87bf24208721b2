"""The machine a run was made on: absolute figures mean little without it."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from importlib import metadata
from pathlib import Path

from benchmarks.harness import REPO

LIBRARIES = (
    "PySide6-Essentials",
    "SQLAlchemy",
    "alembic",
    "openpyxl",
    "python-calamine",
    "reportlab",
    "psycopg",
    "argon2-cffi",
)


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def memory_mb() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def load_average() -> list[float]:
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except OSError:
        return []


def _versions() -> dict[str, str]:
    found = {}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    try:
        from PySide6.QtCore import qVersion  # noqa: PLC0415

        found["Qt"] = qVersion()
    except ImportError:
        pass
    import sqlite3  # noqa: PLC0415

    found["SQLite"] = sqlite3.sqlite_version
    return found


def _postgres() -> str | None:
    from tests.pg_server import find_postgres_bin  # noqa: PLC0415

    folder = find_postgres_bin()
    if folder is None:
        return None
    done = subprocess.run([str(folder / "postgres"), "--version"], capture_output=True, text=True)
    return done.stdout.strip() or None


def _git_commit() -> str | None:
    done = subprocess.run(
        ["git", "-C", str(REPO), "rev-parse", "HEAD"], capture_output=True, text=True
    )
    commit = done.stdout.strip() or None
    dirty = subprocess.run(
        ["git", "-C", str(REPO), "status", "--porcelain", "--", "src"],
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{commit} (src modified)" if commit and dirty else commit


def describe() -> dict[str, object]:
    return {
        "cpu": cpu_model(),
        "cores": os.cpu_count(),
        "memory_mb": memory_mb(),
        "os": platform.platform(),
        "python": sys.version.split()[0],
        "implementation": platform.python_implementation(),
        "libraries": _versions(),
        "postgresql": _postgres(),
        "git_commit": _git_commit(),
    }
