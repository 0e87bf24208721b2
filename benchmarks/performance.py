"""The performance dataset: partners' returns imported in a batch, and the scorecard opened.

- `dataset_import`: `import_paths` of 26 filled dataset returns (what `partnerboard import
  FOLDER` runs: guard, read, check every figure, write) against `openpyxl.load_workbook` of
  the same files reading every value, paired round by round in one process
  (`import_child`); the median of the per-round ratios. Goal: the Section 11 import's.
- `scorecard_open`: the real main window on a dataset of 300 indicators × 20 quarters; the
  Scorecard page opened until its table's first rows have painted (`scorecard_child`), with
  the scorecard's own build and a RAG filter change reported beside it.
"""

from __future__ import annotations

from benchmarks.batch_import import GOAL as IMPORT_GOAL
from benchmarks.data import Data
from benchmarks.harness import Result, Run, ratios, spread

OPEN_GOAL_S = 1.0
INDICATORS = 300
QUARTERS = 20


def dataset_import(run: Run, data: Data) -> None:
    from benchmarks.performance_data import dataset_returns  # noqa: PLC0415

    database, files = data._once(  # noqa: SLF001 - the data's own cache
        "26 filled dataset returns", lambda: dataset_returns(data.folder / "dataset")
    )
    rounds = run.repeat(full=7, quick=3)
    found = run.child_json(
        ["-m", "benchmarks.import_child", str(database), str(files[0].parent), str(rounds)]
    )
    run.add(
        Result(
            "dataset_import",
            f"batch import of {found['files']} dataset returns / openpyxl read",
            "x",
            ratios(found["imports"], found["baseline"]),
            IMPORT_GOAL,
            {
                "import_s": spread(found["imports"]),
                "openpyxl_s": spread(found["baseline"]),
                "cells_read_by_baseline": found["cells"],
            },
        )
    )


def scorecard(run: Run, data: Data) -> None:
    from benchmarks.performance_data import scorecard_db  # noqa: PLC0415

    database = data._once(  # noqa: SLF001
        f"{INDICATORS} indicators × {QUARTERS} quarters",
        lambda: scorecard_db(data.folder / "scorecard.sqlite", INDICATORS, QUARTERS),
    )
    runs = [
        run.child_json(["-m", "benchmarks.scorecard_child", str(database)], timeout=600)
        for _ in range(run.repeat(full=5, quick=2))
    ]
    run.add(
        Result(
            "scorecard_open",
            f"scorecard ({INDICATORS} indicators × {QUARTERS} quarters): open until painted",
            "s",
            [r["first_paint_s"] for r in runs],
            OPEN_GOAL_S,
            {
                "rows": runs[0]["rows"],
                "figures_in_trends": runs[0]["figures_in_trends"],
                "build_scorecard_s": spread([r["build_s"] for r in runs]),
                "rag_filter_to_repaint_s": spread([r["filter_s"] for r in runs]),
            },
        )
    )
