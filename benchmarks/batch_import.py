"""Batch import: 60 filled Section 11 returns against openpyxl merely reading the same files.

The goal's figure: inside one process (`import_child`), `import_paths` of the 60 files (what
`partnerboard import FOLDER` does once started) over `openpyxl.load_workbook` of the same
files reading every value, paired round by round; the median of the per-round ratios.

Also reported, without a goal: the whole `partnerboard import FOLDER` command as a process
against a process that imports openpyxl and reads the files. That ratio adds each side's
start-up (Python, SQLAlchemy and the models against openpyxl alone), which the start-up
measure covers.
"""

from __future__ import annotations

from benchmarks.data import Data
from benchmarks.harness import Result, Run, ratios, spread
from benchmarks.startup import app_command

GOAL = 0.3

READ_ALL = """
import sys, pathlib, openpyxl
for path in sorted(pathlib.Path(sys.argv[1]).glob("*.xlsx")):
    for sheet in openpyxl.load_workbook(path).worksheets:
        for row in sheet.iter_rows(values_only=True):
            pass
"""


def measure(run: Run, data: Data) -> None:
    database, files = data.s11_returns()
    folder = files[0].parent
    rounds = run.repeat(full=7, quick=3)
    found = run.child_json(
        ["-m", "benchmarks.import_child", str(database), str(folder), str(rounds)]
    )
    run.add(
        Result(
            "import",
            f"batch import of {found['files']} S11 returns / openpyxl read",
            "x",
            ratios(found["imports"], found["baseline"]),
            GOAL,
            {
                "import_s": spread(found["imports"]),
                "openpyxl_s": spread(found["baseline"]),
                "cells_read_by_baseline": found["cells"],
            },
        )
    )

    # The command as a whole, against a process doing the baseline's reading.
    home = run.fresh_home()
    scratch = data.folder / "import-command.sqlite"
    command = app_command(scratch)[:-1] + ["import", str(folder)]  # without --smoke
    baseline = ["-c", READ_ALL, str(folder)]
    pairs = run.repeat(full=5, quick=2)
    walls: dict[str, list[float]] = {"command": [], "baseline": []}
    for n in range(pairs + 1):  # the first pair warms up (bytecode) and is not counted
        order = [("command", command), ("baseline", baseline)]
        for name, args in order if n % 2 else reversed(order):
            data.copy(database, scratch.name)
            wall, _out = run.child(args, home=home)
            if n:
                walls[name].append(wall)
    run.add(
        Result(
            "import_command",
            "`partnerboard import` process / openpyxl process",
            "x",
            ratios(walls["command"], walls["baseline"]),
            None,
            {"command_s": spread(walls["command"]), "baseline_s": spread(walls["baseline"])},
        )
    )
