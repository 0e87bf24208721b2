"""Child process of the batch-import measure.

    python -m benchmarks.import_child DATABASE RETURNS_FOLDER ROUNDS

Each round times, one after the other on the same files:
- the baseline: `openpyxl.load_workbook` of every file, reading every value of every sheet;
- the import: `workbooks.importer.import_paths` of all the files at once (what
  `partnerboard import FOLDER` runs: guard, read, check, write) into a fresh copy of DATABASE.
Both are warmed up first on one file (lazy imports, font and style tables), as in a session
that has already opened a workbook. Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from pathlib import Path

import openpyxl

from partnerboard.db.schema import open_database
from partnerboard.workbooks.importer import import_paths


def read_everything(path: Path) -> int:
    book = openpyxl.load_workbook(path)
    cells = 0
    for sheet in book.worksheets:
        for row in sheet.iter_rows(values_only=True):
            cells += len(row)
    return cells


def import_all(database: Path, scratch: Path, files: list[Path]) -> float:
    shutil.copyfile(database, scratch)
    db = open_database(str(scratch))
    try:
        started = time.perf_counter()
        report = import_paths(db, files)
        took = time.perf_counter() - started
    finally:
        db.close()
    if not report.ok or len(report.files) != len(files):
        raise SystemExit(f"import failed: {report.summary()}")
    return took


def main() -> None:
    database, folder, rounds = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
    files = sorted(folder.glob("*.xlsx"))
    scratch = database.with_name("import-scratch.sqlite")
    read_everything(files[0])
    import_all(database, scratch, files[:1])
    baseline, imports, cells = [], [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        cells = sum(read_everything(path) for path in files)
        baseline.append(time.perf_counter() - started)
        imports.append(import_all(database, scratch, files))
    print(
        json.dumps({"files": len(files), "cells": cells, "baseline": baseline, "imports": imports})
    )


if __name__ == "__main__":
    main()
