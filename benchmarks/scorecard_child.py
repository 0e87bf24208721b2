"""Child process of the scorecard measure: the real app window on a big dataset.

    python -m benchmarks.scorecard_child DATABASE

Opens the main window as `partnerboard` does (home page first), then opens the Scorecard page
and times it until its table's first rows have painted; then times building the scorecard
alone (`services.performance.build_scorecard`, warm) and a change of the RAG filter until the
table has repainted. Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import sys
import time

from benchmarks.register_child import Stopwatch, settle
from partnerboard.db.schema import open_database
from partnerboard.services.performance import build_scorecard
from partnerboard.ui.app import make_application
from partnerboard.ui.main_window import MainWindow
from partnerboard.ui.sign_in import sign_in


def main() -> None:
    app = make_application()
    db = open_database(sys.argv[1])
    db.principal = sign_in(db)
    window = MainWindow(db)
    window.resize(1400, 860)
    window.show()
    settle(app, 1.0)  # the home page loads and paints first, as at start-up

    started = time.perf_counter()
    window.open_page("scorecard")
    page = window.pages["scorecard"]
    watch = Stopwatch(page.table.viewport(), page.table)
    watch.arm()
    first_paint = watch.wait() - started
    rows = page.model.rowCount()
    settle(app, 0.3)

    built = time.perf_counter()
    card = build_scorecard(db)
    build_s = time.perf_counter() - built

    watch.arm()
    filtered = time.perf_counter()
    page.rag.setCurrentIndex(page.rag.findData("red"))
    filter_s = watch.wait() - filtered

    print(
        json.dumps(
            {
                "first_paint_s": first_paint,
                "rows": rows,
                "figures_in_trends": sum(
                    1 for r in card.rows for point in r.trend if point.value is not None
                ),
                "build_s": build_s,
                "filter_s": filter_s,
            }
        ),
        flush=True,
    )
    window.close()
    db.close()


if __name__ == "__main__":
    main()
