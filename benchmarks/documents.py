"""Papers and exports: the minutes PDF, the action report PDF and the Excel export.

Each runs through the same service call as the app and the command line, in a child process
(`documents_child`). The PDFs are timed after a first, untimed call in the same process (that
call registers the embedded fonts; it is reported as `first_s`). The export is timed in a
fresh process each time, so that its peak memory is that export's.
"""

from __future__ import annotations

import json

from benchmarks.data import Data, load_action_ids
from benchmarks.harness import Result, Run, spread

MINUTES_GOAL_S = 0.5
REPORT_GOAL_S = 4.0
EXPORT_GOAL_S = 10.0
EXPORT_GOAL_MB = 500.0


def minutes(run: Run, data: Data) -> None:
    database, meeting = data.minutes_meeting()
    found = run.child_json(
        [
            "-m",
            "benchmarks.documents_child",
            "minutes",
            str(database),
            str(meeting),
            str(run.repeat(full=9, quick=5)),
            str(run.work / "out"),
        ]
    )
    run.add(
        Result(
            "minutes_pdf",
            "minutes PDF: 40 attendees, 20 items, 60 actions",
            "s",
            found["runs"],
            MINUTES_GOAL_S,
            {"first_s": round(found["first_s"], 4), **found["facts"]},
        )
    )


def action_report(run: Run, data: Data) -> None:
    database, ids = data.report_db()
    ids_file = run.work / "report-ids.json"
    ids_file.write_text(json.dumps(ids))
    found = run.child_json(
        [
            "-m",
            "benchmarks.documents_child",
            "report",
            str(database),
            str(ids_file),
            str(run.repeat(full=5, quick=2)),
            str(run.work / "out"),
        ]
    )
    run.add(
        Result(
            "action_report_pdf",
            f"action report PDF: {found['facts']['actions']:,} actions",
            "s",
            found["runs"],
            REPORT_GOAL_S,
            {"first_s": round(found["first_s"], 4), **found["facts"]},
        )
    )


def excel_export(run: Run, data: Data) -> None:
    database = data.big_db()
    ids_file = run.work / "export-ids.json"
    ids_file.write_text(json.dumps(load_action_ids(database)))
    runs = [
        run.child_json(
            [
                "-m",
                "benchmarks.documents_child",
                "export",
                str(database),
                str(ids_file),
                str(run.work / "out"),
            ]
        )
        for _ in range(run.repeat(full=3, quick=2))
    ]
    facts = {"rows": runs[0]["rows"], "file_mb": round(runs[0]["bytes"] / 2**20, 1)}
    run.add(
        Result(
            "export_time",
            f"Excel export of {facts['rows']:,} actions: time",
            "s",
            [r["seconds"] for r in runs],
            EXPORT_GOAL_S,
            facts,
        )
    )
    run.add(
        Result(
            "export_memory",
            "Excel export: peak memory of the process",
            "MB",
            [r["peak_rss_mb"] for r in runs],
            EXPORT_GOAL_MB,
            {"before_export_mb": spread([r["rss_before_mb"] for r in runs])},
        )
    )
