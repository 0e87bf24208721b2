"""`partnerboard export dataset`: the performance dataset as an Excel workbook.

Sheets: About (what the file holds, its marking), Scorecard (the latest quarter's figure,
RAG, direction, target, comparators and commentary of each current indicator), Figures (the
common layout: one indicator per row, one period per column, so the file can be read back by
`import-dataset`), Commentary (every current figure's commentary, not-available reason and
correction), Definitions (every version of every indicator). It prints as every workbook does
(`workbooks.printing`: A4, one page wide, the header row on every page, the marking in header
and footer with the title and the page). Restricted indicators are labelled "Restricted: …" and
make the workbook OFFICIAL-SENSITIVE (`performance.classification_of`, `domain.marking`).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain import palette
from partnerboard.domain.dates import format_datetime
from partnerboard.domain.performance import format_figure
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period
from partnerboard.exports.xlsx import (
    about_sheet,
    colour_cell,
    new_workbook,
    save_workbook,
    write_table,
)
from partnerboard.services import partnership
from partnerboard.services.performance.indicators import (
    IndicatorRow,
    classification_of,
    list_indicators,
)
from partnerboard.services.performance.scorecard import Scorecard, build_scorecard
from partnerboard.services.performance.values import ValueRow, current_records
from partnerboard.spreadsheets.formats import FIGURE

TITLE = "Performance dataset"


@dataclass(frozen=True)
class ExportResult:
    path: Path
    indicators: int
    figures: int
    marking: str


def _scorecard_sheet(book: Any, card: Scorecard) -> None:
    sheet = book.create_sheet("Scorecard")
    header = [
        "Ref", "Indicator", "Theme", "Supplying agency", "Period", "Figure", "RAG",
        "Direction", "Exception", "Target", "Comparators", "Commentary",
    ]  # fmt: skip
    rows = [
        [
            r.indicator.reference, r.indicator.labelled_title, r.indicator.theme, r.indicator.agency_name,
            r.period_text(), r.value_text(), r.rag_label, r.direction.label, r.why_exception,
            r.indicator.target_text(), r.indicator.comparator_text(), r.commentary or r.reason,
        ]
        for r in card.rows
    ]  # fmt: skip
    write_table(sheet, header, rows, [7, 34, 14, 20, 11, 9, 10, 11, 14, 12, 24, 50])
    for offset, row in enumerate(card.rows, start=2):
        swatch = palette.named_swatch(row.rag.value if row.rag else None) or palette.GREY
        colour_cell(sheet.cell(row=offset, column=7), swatch.fill, swatch.text)


def _figures_sheet(
    book: Any, title: str, rows: list[IndicatorRow], figures: dict[tuple[int, str], ValueRow]
) -> int:
    """One indicator per row, one period per column (quarterly and monthly ones apart)."""
    sheet = book.create_sheet(title)
    ids = {r.id for r in rows}
    figures = {key: value for key, value in figures.items() if key[0] in ids}
    periods = sorted({v.period for v in figures.values()})
    header = ["Ref", "Indicator", "Unit", "Polarity", "Target", *(p.label for p in periods)]
    table = []
    for row in rows:
        line: list[object] = [
            row.reference, row.labelled_title, row.unit.label, row.polarity.label, row.target,
        ]  # fmt: skip
        for period in periods:
            value = figures.get((row.id, period.key))
            line.append(None if value is None else "n/a" if value.not_available else value.value)
        table.append(line)
    write_table(sheet, header, table, [8, 44, 14, 16, 9, *([11] * len(periods))])
    FIGURE.show_all(sheet, range(6, 6 + len(periods)), range(2, len(table) + 2))
    return sum(1 for v in figures.values())


def _commentary_sheet(
    book: Any, rows: list[IndicatorRow], figures: dict[tuple[int, str], ValueRow]
) -> None:
    sheet = book.create_sheet("Commentary")
    by_id = {r.id: r for r in rows}
    header = [
        "Ref", "Period", "Figure", "Commentary", "Why not available", "Correction", "Recorded",
        "By", "Source",
    ]  # fmt: skip
    table = []
    for value in sorted(figures.values(), key=lambda v: (by_id[v.indicator_id].sort_key, v.period)):
        if not (value.commentary or value.reason or value.correction_reason):
            continue
        indicator = by_id[value.indicator_id]
        table.append(
            [
                indicator.reference, value.period.label,
                "not available" if value.not_available else format_figure(value.value, indicator.unit),
                value.commentary, value.reason, value.correction_reason,
                format_datetime(value.recorded_at), value.recorded_by, value.source_label,
            ]
        )  # fmt: skip
    write_table(sheet, header, table, [8, 12, 12, 60, 30, 30, 17, 26, 16])


def _definitions_sheet(book: Any, rows: list[IndicatorRow]) -> None:
    sheet = book.create_sheet("Definitions")
    header = [
        "Ref", "Version", "Indicator", "Definition", "Numerator", "Denominator", "Unit",
        "Polarity", "Frequency", "Target", "Tolerance", "Theme", "Supplying agency", "Owner",
        "Comparators", "Status", "Starts", "Restricted",
    ]  # fmt: skip
    table = [
        [
            r.reference, r.version, r.title, r.definition, r.numerator, r.denominator,
            r.unit.label, r.polarity.label, r.frequency.label, r.target, r.tolerance, r.theme,
            r.agency_name, r.owner, r.comparator_text(), r.status_label,
            Period.from_key(r.starts).label if r.starts else None, r.restricted,
        ]
        for r in rows
    ]  # fmt: skip
    write_table(
        sheet, header, table, [8, 8, 40, 50, 30, 30, 12, 16, 11, 9, 9, 16, 26, 26, 30, 14, 11, 10]
    )


def export_dataset(db: Database, path: Path, quarter: Period | None = None) -> ExportResult:
    """Write the dataset (every indicator the user may see) to `path`."""
    card = build_scorecard(db, quarter)
    everything = list_indicators(db)
    with db.reader() as session:
        records = current_records(session, [r.id for r in everything])
    figures = {key: value for key, (value, _n) in records.items()}
    classification = classification_of(db, everything)
    partnership_row = partnership.get_partnership(db)
    book = new_workbook()
    _scorecard_sheet(book, card)
    count = _figures_sheet(
        book, "Figures", [r for r in everything if r.period_kind == QUARTER], figures
    )
    monthly = [r for r in everything if r.period_kind == MONTH]
    if monthly:
        count += _figures_sheet(book, "Monthly figures", monthly, figures)
    _commentary_sheet(book, everything, figures)
    _definitions_sheet(book, everything)
    facts: list[tuple[str, object]] = [
        ("Partnership", partnership_row.name),
        ("Scorecard quarter", card.period.long_label),
        ("Indicators", f"{len(card.rows)} current; {len(everything)} definitions in all"),
        ("Figures", count),
        ("Exported", format_datetime(db.clock.now_local())),
        ("Exported by", classification.author),
    ]
    about_sheet(book, TITLE, facts, classification)
    path.parent.mkdir(parents=True, exist_ok=True)
    save_workbook(book, path, title=TITLE, classification=classification)
    return ExportResult(path, len(everything), count, classification.marking)
