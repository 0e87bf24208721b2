"""Data of the performance dataset measures, seeded, made through the app's own services.

- `dataset_returns`: 26 agencies each supplying 12 indicators (shares and rates with a
  numerator and a denominator, counts, days), their return workbooks for the latest complete
  quarter written by the template generator behind `partnerboard template dataset`, and each
  filled in with openpyxl as a partner would (figures, a commentary where one is needed, the
  sign-off);
- `scorecard_db`: 300 current indicators across the themes with 20 quarters of figures each
  (6,000 figures, some corrected), for opening the scorecard.
"""

from __future__ import annotations

import random
import shutil
from datetime import datetime, time, timedelta
from pathlib import Path

AGENCIES = 26
PER_AGENCY = 12
KINDS = (  # unit, polarity, target, tolerance, has parts
    ("percentage", "higher", 85.0, 5.0, True),
    ("percentage", "lower", 20.0, 3.0, True),
    ("count", "context", None, None, False),
    ("rate", "context", None, None, True),
    ("days", "lower", 20.0, 5.0, False),
    ("count", "lower", 40.0, 10.0, False),
)


def _indicators(session, agency_ids: list[int], per_agency: int, rng: random.Random) -> list:
    from partnerboard.domain.performance import THEMES  # noqa: PLC0415
    from partnerboard.services.performance.indicators import (  # noqa: PLC0415
        IndicatorInput,
        save_indicator_in,
    )

    made = []
    number = 0
    for agency_id in agency_ids:
        for _ in range(per_agency):
            number += 1
            unit, polarity, target, tolerance, parts = KINDS[number % len(KINDS)]
            made.append(
                save_indicator_in(
                    session,
                    IndicatorInput(
                        reference=f"B{number:03d}",
                        title=f"Benchmark indicator {number} of the partnership's dataset",
                        unit=unit,
                        polarity=polarity,
                        definition="What is counted, in plain words, for the benchmark.",
                        numerator="Cases meeting the standard" if parts else None,
                        denominator="All cases" if parts else None,
                        theme=THEMES[number % len(THEMES)],
                        agency_id=agency_id,
                        target=target,
                        tolerance=tolerance,
                        england=rng.uniform(10, 80) if number % 3 == 0 else None,
                        england_period="2024/25" if number % 3 == 0 else None,
                    ),
                )
            )
    return made


def dataset_returns(folder: Path) -> tuple[Path, list[Path]]:
    """A database and 26 filled dataset returns of its latest complete quarter."""
    import openpyxl  # noqa: PLC0415

    from partnerboard.db.schema import open_database  # noqa: PLC0415
    from partnerboard.domain.public_sector_year import Period  # noqa: PLC0415
    from partnerboard.services import partnership as p  # noqa: PLC0415
    from partnerboard.workbooks.dataset import layout as L  # noqa: PLC0415
    from partnerboard.workbooks.dataset.template import write_templates  # noqa: PLC0415

    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    rng = random.Random(19)
    db = open_database(str(folder / "board.sqlite"))
    p.ensure_partnership(db)
    ids = [
        p.save_agency(db, p.AgencyInput(name=f"Agency {i:02d}", sector="other")).id
        for i in range(AGENCIES)
    ]
    with db.session() as session:
        _indicators(session, ids, PER_AGENCY, rng)
    quarter = Period.latest_complete(db.clock.today())
    written = write_templates(db, quarter, folder / "templates")
    db.close()
    filled = []
    for item in written:
        book = openpyxl.load_workbook(item.path)
        sheet = book[L.FIGURES_SHEET]
        for row in range(L.FIRST_ROW, L.FIRST_ROW + item.figures):
            unit = sheet[f"{L.UNIT.letter}{row}"].value
            parts = not sheet[f"{L.NUMERATOR.letter}{row}"].protection.locked
            if parts:
                denominator = rng.randint(200, 400) if unit == "Percentage" else 48_600
                share = rng.uniform(0.6, 0.98) if unit == "Percentage" else rng.uniform(0.003, 0.01)
                sheet[f"{L.NUMERATOR.letter}{row}"] = round(denominator * share)
                sheet[f"{L.DENOMINATOR.letter}{row}"] = denominator
            else:
                sheet[f"{L.VALUE.letter}{row}"] = rng.randint(5, 60)
            sheet[f"{L.COMMENTARY.letter}{row}"] = "Reviewed by the team manager; see the notes."
        for ref, value in (("B3", "Una Underwood"), ("B4", "Data lead"),
                           ("B5", "u@x.example"), ("B6", "01/10/2026")):  # fmt: skip
            book["Sign-off"][ref] = value
        target = folder / "returns" / item.path.name
        target.parent.mkdir(exist_ok=True)
        book.save(target)
        filled.append(target)
    return folder / "board.sqlite", filled


def scorecard_db(path: Path, indicators: int = 300, quarters: int = 20) -> Path:
    """A database of `indicators` current indicators with `quarters` quarters of figures."""
    from partnerboard.db.models.performance import IndicatorValue  # noqa: PLC0415
    from partnerboard.db.schema import open_database  # noqa: PLC0415
    from partnerboard.domain.public_sector_year import Period  # noqa: PLC0415
    from partnerboard.services import partnership as p  # noqa: PLC0415

    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    rng = random.Random(20)
    db = open_database(str(path))
    p.ensure_partnership(db)
    ids = [
        p.save_agency(db, p.AgencyInput(name=f"Agency {i:02d}", sector="other")).id
        for i in range(30)
    ]
    latest = Period.latest_complete(db.clock.today())
    periods = latest.last(quarters)
    with db.session() as session:
        made = _indicators(session, ids, indicators // len(ids), rng)
        for indicator in made:
            level = rng.uniform(20, 90)
            for period in periods:
                level = max(0.0, min(100.0, level + rng.gauss(0, 3)))
                when = datetime.combine(period.end + timedelta(days=30), time(10))
                session.add(
                    IndicatorValue(
                        indicator_id=indicator.id,
                        period=period.key,
                        period_start=period.start,
                        agency_id=indicator.agency_id,
                        value=round(level) if indicator.unit == "count" else round(level, 1),
                        commentary="Explained at the QA sub-group." if rng.random() < 0.2 else None,
                        recorded_at=min(when, datetime.combine(db.clock.today(), time(9))),
                        recorded_by="Benchmark",
                        source="import",
                    )
                )
            session.flush()
    db.close()
    return path
