"""Benchmark: importing 60 filled Section 11 returns vs merely opening them with openpyxl.

    .venv/bin/python benchmarks/s11_import.py [--files 60]

Target (issue 4): the import takes at most 0.3x the time of `openpyxl.load_workbook` on the
same files. Files are made in benchmarks/.work/ (ignored by git): a round of N agencies, one
template each, filled in with openpyxl as partners would.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

WORK = Path(__file__).resolve().parent / ".work" / "s11_import"


def prepare(count: int, work: Path = WORK) -> tuple[Path, list[Path]]:
    """A round of `count` agencies in `work`/board.sqlite and their filled returns."""
    import openpyxl

    from partnerboard.db.schema import open_database
    from partnerboard.services import partnership as p
    from partnerboard.services import section11 as s11
    from partnerboard.workbooks.section11.template import write_templates

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    db = open_database(str(work / "board.sqlite"))
    ids = [
        p.save_agency(
            db, p.AgencyInput(name=f"Agency {i:02d}", sector="other", section11_duty=True)
        ).id
        for i in range(count)
    ]
    framework = s11.ensure_default_framework(db)
    the_round = s11.save_round(
        db,
        s11.RoundInput(
            "2026",
            framework.id,
            issue_date=date(2026, 1, 12),
            deadline=date(2026, 3, 31),
            agency_ids=ids,
        ),
    )
    templates = write_templates(db, the_round.id, work / "templates")
    filled = []
    for index, template in enumerate(templates):
        book = openpyxl.load_workbook(template)
        sheet = book["Self-assessment"]
        for row in range(6, sheet.max_row + 1):
            if sheet.cell(row, 1).value:
                partly = (row + index) % 5 == 0
                sheet[f"D{row}"] = "Partially met" if partly else "Fully met"
                sheet[f"E{row}"] = "Annual audit reported to the board; training at 92%."
                if partly:
                    sheet[f"F{row}"] = "Refresh the policy and re-audit."
                    sheet[f"G{row}"] = "Head of Safeguarding"
                    sheet[f"H{row}"] = "31/03/2027"
        signed = book["Sign-off"]
        for ref, value in (
            ("B3", "Una Underwood"),
            ("B4", "Lead"),
            ("B5", "u@x.example"),
            ("B6", "01/03/2026"),
        ):
            signed[ref] = value
        target = work / "returns" / template.name
        target.parent.mkdir(exist_ok=True)
        book.save(target)
        filled.append(target)
    db.close()
    return work / "board.sqlite", filled


def timed(action) -> float:
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    database, files = prepare(args.files)

    import openpyxl

    from partnerboard.db.schema import open_database
    from partnerboard.workbooks.importer import import_paths

    def load_all() -> None:
        for path in files:
            openpyxl.load_workbook(path)

    def load_all_read_only() -> None:
        for path in files:
            openpyxl.load_workbook(path, read_only=True).close()

    # Interleaved, so that both see the same load on a shared machine; the ratio reported is the
    # median of the per-round ratios.
    openpyxl_full, openpyxl_ro, imports = [], [], []
    for attempt in range(args.repeat):
        openpyxl_full.append(timed(load_all))
        openpyxl_ro.append(timed(load_all_read_only))
        copy = WORK / f"run{attempt}.sqlite"
        shutil.copyfile(database, copy)
        db = open_database(str(copy))
        import_paths(db, files[:1])  # warm the imports (calamine, kinds) out of the timing
        db.close()
        copy.unlink()
        shutil.copyfile(database, copy)
        db = open_database(str(copy))
        started = time.perf_counter()
        report = import_paths(db, files)
        imports.append(time.perf_counter() - started)
        assert report.ok and len(report.files) == len(files), report.summary()
        db.close()
    shutil.copyfile(database, WORK / "cli.sqlite")
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "partnerboard", "--db", str(WORK / "cli.sqlite"), "import", str(WORK / "returns")],
        check=True, capture_output=True,
    )  # fmt: skip
    command = time.perf_counter() - started

    best_full, best_import = min(openpyxl_full), min(imports)
    ratios = [i / o for i, o in zip(imports, openpyxl_full, strict=True)]
    print(f"{len(files)} returns")
    print(
        f"openpyxl.load_workbook (full):      {best_full:.3f} s  (median {statistics.median(openpyxl_full):.3f})"
    )
    print(f"openpyxl.load_workbook (read-only): {min(openpyxl_ro):.3f} s")
    print(
        f"import_paths (guard, read, check, write): {best_import:.3f} s  (median {statistics.median(imports):.3f})"
    )
    print(f"`partnerboard import FOLDER` as a process: {command:.3f} s")
    print(
        f"ratio import / openpyxl full load: best {best_import / best_full:.2f}, median of "
        f"paired runs {statistics.median(ratios):.2f} (target <= 0.30)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
