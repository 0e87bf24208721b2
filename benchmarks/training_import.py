"""Importing 5,000 booking rows: `import-bookings --course` of a booking site's export, as an
Excel workbook against openpyxl merely reading it, and as CSV against the csv module.

The file is a Bookwhen-style booking report (Event starts, first and last name, e-mail,
organisation, Attendance status, Attended?) of 5,000 practitioners of the demo agencies booked
on the 50 sessions of one course, written once as .xlsx and once as .csv. Inside one process
(`training_import_child`), each round times the baseline reading every value of the file, then
`import_bookings` of the whole file into a fresh copy of the database (read through the safe
reader, map the columns, place every agency, check every row, write the practitioners, the
bookings and their audit trail in one transaction); the median of the per-round ratios is
reported, with both sides' seconds.
"""

from __future__ import annotations

import csv
import random
from datetime import datetime, time, timedelta
from pathlib import Path

from benchmarks.data import Data
from benchmarks.harness import Result, Run, ratios, spread

ROWS = 5_000
SESSIONS = 50
GOAL = 3.0  # × openpyxl reading the same workbook; see README "The measures"
HEADER = ["Event starts", "Attendee first name", "Attendee last name", "Attendee email",
          "Organisation", "Attendance status", "Attended?"]  # fmt: skip


def prepare(data: Data) -> tuple[Path, Path, Path, int]:
    """(database with the course and its sessions, the workbook, the CSV, the course's id)."""
    from partnerboard.db.schema import open_database  # noqa: PLC0415
    from partnerboard.services import partnership, training  # noqa: PLC0415

    database = data.copy(data.demo_db(), "training-base.sqlite")
    db = open_database(str(database))
    try:
        course = training.save_course(
            db, training.CourseInput("BENCH-1", "Benchmark course", "Neglect", "basic")
        )
        first = db.clock.today() - timedelta(days=SESSIONS * 3)
        starts = []
        for n in range(SESSIONS):
            session = training.save_session(
                db,
                training.SessionInput(course.id, first + timedelta(days=3 * n), time(9, 30),
                                      mode="online", venue="Teams", capacity=2 * ROWS // SESSIONS),
            )  # fmt: skip
            starts.append(session.starts_at)
        agencies = [a.name for a in partnership.list_agencies(db)]
    finally:
        db.close()
    rng = random.Random(5)
    rows = []
    for n in range(ROWS):
        start: datetime = starts[n % SESSIONS]
        rows.append([
            start.strftime("%d/%m/%Y %H:%M"), f"First{n}", f"Last{n}",
            f"first{n}.last{n}@example{n % 97}.org", rng.choice(agencies), "Complete",
            "Yes" if rng.random() < 0.88 else "No",
        ])  # fmt: skip
    text = data.folder / "bookings-5000.csv"
    with text.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        writer.writerows(rows)
    from openpyxl import Workbook  # noqa: PLC0415

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Bookings")
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    workbook = data.folder / "bookings-5000.xlsx"
    book.save(workbook)
    return database, workbook, text, course.id


def measure(run: Run, data: Data) -> None:
    database, workbook, text, course_id = prepare(data)
    rounds = run.repeat(full=5, quick=2)
    for key, path, baseline, goal in (
        ("training_import", workbook, "openpyxl", GOAL),
        ("training_import_csv", text, "csv module", None),
    ):
        found = run.child_json(
            ["-m", "benchmarks.training_import_child", str(database), str(path), str(course_id),
             str(rounds)],
            timeout=1800,
        )  # fmt: skip
        run.add(
            Result(
                key,
                f"import {found['rows']:,} booking rows ({path.suffix}) / {baseline} read",
                "x",
                ratios(found["imports"], found["baseline"]),
                goal,
                {
                    "import_s": spread(found["imports"]),
                    "baseline_read_s": spread(found["baseline"]),
                    "rows": found["rows"],
                    "sessions": SESSIONS,
                },
            )
        )
