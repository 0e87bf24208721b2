"""`partnerboard report performance`: the scorecard for the board, A4 landscape.

Key figures and a RAG summary first; then the exceptions (Red, or worsening two periods
running) with their commentary; then every indicator by theme: latest figure, RAG, direction
of travel, a small trend of the last 8 periods, target, comparators and commentary; last, the
returns still missing for the quarter, by agency. Restricted indicators are labelled
"Restricted: …" and make the paper OFFICIAL-SENSITIVE (`performance.classification_of`, the
one rule of `domain.marking`). Every string a person typed reaches reportlab escaped
(`para`, `data_table`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.graphics.shapes import Circle, Drawing, Line, PolyLine
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable

from partnerboard.db.database import Database
from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.domain.public_sector_year import Period
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.reports import fonts
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.charts import figure, proportion_bar
from partnerboard.reports.layout import PageProgress, ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services.partnership import get_logo, get_partnership
from partnerboard.services.performance.indicators import classification_of
from partnerboard.services.performance.scorecard import (
    Scorecard,
    ScoreRow,
    build_scorecard,
    filter_rows,
)

COLUMNS = (
    "Ref", "Indicator", "Period", "Figure", "RAG", "Direction", "Trend (8 periods)", "Target",
    "Comparators", "Commentary",
)  # fmt: skip
WIDTHS = (5, 22, 8, 8, 8, 12, 12, 9, 13, 30)
TREND_COLUMN = 6
SPARK_HEIGHT = 7 * mm
RAG_ORDER = ("red", "amber", "green", "none")
RAG_SERIES = ("Red", "Amber", "Green", "No RAG")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    indicators: int
    pages: int
    marking: str


def spark_width(content_width: float) -> float:
    """As wide as the trend column leaves room for (less the cell's padding)."""
    return content_width * WIDTHS[TREND_COLUMN] / sum(WIDTHS) - 5 * mm


def sparkline(row: ScoreRow, width: float, height: float = SPARK_HEIGHT) -> Drawing:
    """The trend of the last periods as a line (gaps where there is no figure), the latest
    point in its RAG colour, and the target as a dotted line where it falls in the range."""
    # The embedded font, or the drawing's state names Helvetica (never embedded).
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    values = [p.value for p in row.trend]
    known = [v for v in values if v is not None]
    if not known:
        return drawing
    target = row.indicator.target
    span = [*known, *([target] if target is not None else [])]
    low, high = min(span), max(span)
    if high - low < 1e-9:
        low, high = low - 1, high + 1
    pad = 2.0

    def x(index: int) -> float:
        return pad + index * (width - 2 * pad) / max(len(values) - 1, 1)

    def y(value: float) -> float:
        return pad + (value - low) * (height - 2 * pad) / (high - low)

    line_colour = colors.HexColor(palette.TEXT)
    if target is not None and low <= target <= high:
        drawing.add(
            Line(
                pad,
                y(target),
                width - pad,
                y(target),
                strokeColor=colors.HexColor(palette.MUTED_TEXT),
                strokeWidth=0.4,
                strokeDashArray=[1, 1.5],
            )  # fmt: skip
        )
    run: list[float] = []
    for index, value in enumerate(values):
        if value is None:
            if len(run) >= 4:
                drawing.add(PolyLine(run, strokeColor=line_colour, strokeWidth=0.9))
            run = []
            continue
        run += [x(index), y(value)]
    if len(run) >= 4:
        drawing.add(PolyLine(run, strokeColor=line_colour, strokeWidth=0.9))
    last = max(i for i, v in enumerate(values) if v is not None)
    swatch = palette.named_swatch(row.rag.value if row.rag else None) or palette.GREY
    drawing.add(
        Circle(
            x(last),
            y(values[last]),
            1.8,
            fillColor=colors.HexColor(swatch.fill),  # type: ignore[arg-type]
            strokeColor=line_colour,
            strokeWidth=0.3,
        )  # fmt: skip
    )
    return drawing


def _indicator_text(row: ScoreRow) -> str:
    text = row.indicator.labelled_title
    if row.indicator.agency_name:
        text += f"\n{row.indicator.agency_name}"
    return text


def _commentary(row: ScoreRow, quarter: Period) -> str:
    parts = []
    if row.missing and row.period is not None:
        parts.append(f"No figure for {quarter.label} yet: the latest one is shown.")
    if row.why_exception:
        parts.append(f"Exception: {row.why_exception.lower()}.")
    if row.not_available and row.reason:
        parts.append(f"Not available: {row.reason}")
    if row.commentary:
        parts.append(row.commentary)
    if row.open_actions:
        parts.append(f"{row.open_actions} open action(s) in the action log.")
    return "\n".join(parts)


def _table(rows: Sequence[ScoreRow], width: float, quarter: Period) -> Flowable:
    return data_table(
        COLUMNS,
        [
            (
                r.indicator.reference,
                _indicator_text(r),
                r.period_text(),
                r.value_text(),
                rag_badge(r.rag.value if r.rag else None, r.rag_label),
                r.direction_text(),
                sparkline(r, spark_width(width)),
                r.indicator.target_text(),
                r.indicator.comparator_text(),
                _commentary(r, quarter),
            )
            for r in rows
        ],
        widths=WIDTHS,
        empty_text="No indicators.",
        split_in_rows=False,  # a trend drawing cannot split: rows stay whole
    )


def _section(title: str) -> list[Flowable]:
    """A heading that starts a new page only when too little room is left for it and a row or
    two: the board's tables then run on from one theme to the next instead of each taking a
    page of its own (a heading kept with a whole table moves the table to the next page)."""
    found = heading(title)
    found.keepWithNext = 0
    return [CondPageBreak(55 * mm), found]


def story(
    card: Scorecard, rows: Sequence[ScoreRow], info: ReportInfo, described: str
) -> list[Flowable]:
    styles = report_styles()
    period = card.period
    stood = f" Figures as they stood on {format_date(card.as_of)}." if card.as_of else ""
    counts = {key: sum(1 for r in rows if r.rag_key == key) for key in RAG_ORDER}
    exceptions = [r for r in rows if r.exception]
    totals = Breakdown(
        ("Indicators",),
        RAG_SERIES,
        ((tuple(counts[k] for k in RAG_ORDER)),),
        (palette.RED, palette.AMBER, palette.GREEN, palette.GREY),
    )
    flow: list[Flowable] = [
        para(info.title, styles.title),
        para(
            f"{period.long_label}: the latest figure of each indicator up to the quarter's end. "
            f"{described}.{stood}",
            styles.subtitle,
        ),  # fmt: skip
        facts_table(
            [
                ("Indicators", len(rows)),
                ("Red / Amber / Green", f"{counts['red']} / {counts['amber']} / {counts['green']}"),
                ("No target, not available or no figure", counts["none"]),
                ("Exceptions", len(exceptions)),
                ("Agencies with returns missing", len(card.missing)),
            ],
            label_width=0.3,
        ),
        figure(proportion_bar(totals, info.content_width), totals.describe("Indicators by RAG")),
        para(
            "RAG compares the latest figure with its target (Amber: within the tolerance). "
            "Direction of travel compares it with the period before, read by polarity: "
            "▲ improving, ▼ worsening, ▶ the same; ↑ ↓ for context-only indicators. The trend "
            "shows the last 8 periods, the latest point in its RAG colour, the target dotted.",
            styles.small,
        ),
        *_section("Exceptions"),
        para("Red against target, or worsening two periods running.", styles.small),
        _table(exceptions, info.content_width, period)
        if exceptions
        else para("No exceptions this quarter.", styles.muted),
    ]
    for theme, group in card.by_theme():
        shown = [r for r in group if r in rows]
        if shown:
            flow += [*_section(theme), _table(shown, info.content_width, period)]
    flow += _section(f"Returns missing for {period.label}")
    if card.missing:
        flow.append(
            data_table(
                ("Agency", "Indicators", "Periods"),
                [
                    (m.agency_name, ", ".join(m.references), ", ".join(m.periods))
                    for m in card.missing
                ],
                widths=(3, 4, 3),
            )
        )
    else:
        flow.append(para("Every agency's figures for the quarter are in.", styles.muted))
    return flow


def performance_report(
    db: Database,
    path: Path,
    quarter: Period | None = None,
    *,
    as_of: date | None = None,
    theme: str | None = None,
    agency_id: int | None = None,
    rags: Sequence[str] = (),
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ReportResult:
    """Write the scorecard of `quarter` (default: the latest complete one) to `path`."""
    progress(0, 0, "Reading the dataset")
    card = build_scorecard(db, quarter, as_of)
    rows = filter_rows(card.rows, theme=theme, agency_id=agency_id, rags=rags)
    described = _described(theme, agency_id, rags, card, rows)
    classification = classification_of(db, [r.indicator for r in rows])
    partnership = get_partnership(db)
    logo = get_logo(db)
    info = ReportInfo(
        title=f"Performance scorecard {card.period.label}",
        partnership=partnership.name,
        subject=f"The partnership's core dataset, {card.period.long_label}",
        classification=classification,
        logo=logo[0] if logo else None,
        generated_on=db.clock.today(),
        landscape=True,
        keywords=("performance", "scorecard", "dataset", card.period.label),
    )
    pages = PageProgress(progress, cancel)
    path.parent.mkdir(parents=True, exist_ok=True)
    build_pdf(info, story(card, rows, info, described), path, on_page=pages)
    return ReportResult(path, len(rows), pages.pages, classification.marking)


def _described(theme, agency_id, rags, card: Scorecard, rows: Sequence[ScoreRow]) -> str:
    parts = []
    if theme:
        parts.append(f"theme {theme}")
    if agency_id is not None:
        name = next(
            (r.indicator.agency_name for r in card.rows if r.indicator.agency_id == agency_id), None
        )
        parts.append(f"supplied by {name or 'the agency chosen'}")
    if rags:
        parts.append("RAG " + ", ".join(sorted(rags)))
    if not parts:
        return f"All {len(rows)} current indicators"
    return f"{len(rows)} indicators: " + "; ".join(parts)
