"""Child process of the document measures: writes PDFs and workbooks through the services.

    python -m benchmarks.documents_child minutes DATABASE MEETING_ID TIMES OUT_FOLDER
    python -m benchmarks.documents_child report DATABASE IDS_FILE TIMES OUT_FOLDER
    python -m benchmarks.documents_child export DATABASE IDS_FILE OUT_FOLDER

`minutes` and `report` time the first call (fonts registered, reportlab warmed) and then
TIMES more; `export` times one export in a fresh process and reports the process's peak
resident memory. Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

from partnerboard.db.schema import open_database
from partnerboard.services.actions.filtering import ActionFilter, Show


def _chosen(ids_file: str) -> ActionFilter:
    ids = frozenset(json.loads(Path(ids_file).read_text()))
    return ActionFilter(show=Show.ALL, action_ids=ids)


def _timed(make, times: int) -> dict[str, object]:
    started = time.perf_counter()
    first = make(0)
    first_s = time.perf_counter() - started
    runs, cpu = [], []
    for n in range(1, times + 1):
        started, used = time.perf_counter(), time.process_time()
        made = make(n)
        runs.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    # The process's CPU time beside the wall time: on a loaded machine it is what moved.
    first["cpu_s"] = [round(c, 3) for c in cpu]
    return {"first_s": first_s, "runs": runs, "facts": first, "last": made}


def main() -> None:
    mode, database = sys.argv[1], sys.argv[2]
    db = open_database(database)
    out = Path(sys.argv[-1])
    out.mkdir(parents=True, exist_ok=True)
    if mode == "minutes":
        from partnerboard.reports.minutes_pdf import minutes_pdf  # noqa: PLC0415

        meeting = int(sys.argv[3])

        def make(n: int) -> dict[str, int]:
            return {"bytes": len(minutes_pdf(db, meeting, out / f"minutes{n}.pdf"))}

        found = _timed(make, int(sys.argv[4]))
    elif mode == "report":
        from partnerboard.reports.actions import action_report  # noqa: PLC0415

        wanted = _chosen(sys.argv[3])

        def make(n: int) -> dict[str, int]:
            done = action_report(db, out / f"report{n}.pdf", wanted)
            return {"actions": done.actions, "pages": done.pages}

        found = _timed(make, int(sys.argv[4]))
    else:
        from partnerboard.exports.actions import export_actions  # noqa: PLC0415

        wanted = _chosen(sys.argv[3])
        before_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        started = time.perf_counter()
        done = export_actions(db, out / "actions.xlsx", wanted)
        found = {
            "seconds": time.perf_counter() - started,
            "rows": done.rows,
            "bytes": (out / "actions.xlsx").stat().st_size,
            "rss_before_mb": before_kb / 1024,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        }
    db.close()
    print(json.dumps(found))


if __name__ == "__main__":
    main()
