"""Child process of the training-import measure.

    python -m benchmarks.training_import_child DATABASE FILE COURSE_ID ROUNDS

Each round times, one after the other on the same file: the baseline reading every value
(openpyxl for a workbook, the csv module for CSV), then `services.training.import_bookings
(--course)` into a fresh copy of DATABASE.
Both are warmed up first (lazy imports). Prints one JSON object as its last line.
"""

from __future__ import annotations

import csv
import json
import shutil
import sys
import time
from pathlib import Path

import openpyxl

from partnerboard.db.schema import open_database
from partnerboard.services.training import import_bookings


def read_everything(path: Path) -> int:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path)
        return sum(
            len(row) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True)
        )
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(len(row) for row in csv.reader(handle))


def import_all(database: Path, scratch: Path, path: Path, course_id: int) -> tuple[float, int]:
    shutil.copyfile(database, scratch)
    db = open_database(str(scratch))
    try:
        started = time.perf_counter()
        result = import_bookings(db, path, course_id=course_id)
        took = time.perf_counter() - started
    finally:
        db.close()
    if not result.ok or not result.written:
        raise SystemExit("import failed: " + "\n".join(result.lines()[-20:]))
    return took, result.added


def main() -> None:
    database, path = Path(sys.argv[1]), Path(sys.argv[2])
    course_id, rounds = int(sys.argv[3]), int(sys.argv[4])
    scratch = database.with_name("training-scratch.sqlite")
    read_everything(path)
    import_all(database, scratch, path, course_id)  # warm up: lazy imports, compiled queries
    baseline, imports, rows = [], [], 0
    for _ in range(rounds):
        started = time.perf_counter()
        read_everything(path)
        baseline.append(time.perf_counter() - started)
        took, rows = import_all(database, scratch, path, course_id)
        imports.append(took)
    print(json.dumps({"rows": rows, "baseline": baseline, "imports": imports}))


if __name__ == "__main__":
    main()
