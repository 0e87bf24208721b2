"""The action report for board papers: a RAG summary chart, then every action grouped by
workstream with its lead, due date, RAG and latest progress. A4, page X of Y (shared layout).

`report actions --as-of 30/09/2026` prints the log as it stood at the end of a quarter:
updates dated later are left out and actions finished later count as open.

Restricted actions the reader may see are printed with "Restricted:" before their text, and
make the report OFFICIAL-SENSITIVE (`domain.marking`); without them it is OFFICIAL.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from partnerboard.db.database import Database
from partnerboard.domain.actions import NOT_RATED, NOT_RATED_LABEL, Rag
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import author_name, classify, labelled
from partnerboard.gc_policy import no_collection_pauses
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.reports import fonts
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.charts import figure, proportion_bar, stacked_bar_charts
from partnerboard.reports.layout import PageProgress, ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para, rich
from partnerboard.services.actions.filtering import ActionFilter, apply_filter
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow, list_actions
from partnerboard.services.actions.workstreams import WorkstreamRow, list_workstreams
from partnerboard.services.partnership import get_logo, get_partnership

RAG_ORDER = (Rag.RED.value, Rag.AMBER.value, Rag.GREEN.value, NOT_RATED)
SERIES = ("Red", "Amber", "Green", NOT_RATED_LABEL)
COLUMNS = ("Ref", "Action", "Lead", "Due", "RAG", "Latest progress")


@dataclass(frozen=True)
class ReportResult:
    path: Path
    actions: int
    pages: int


def _rag_key(row: ActionRow) -> str:
    return row.rag.value if row.rag else NOT_RATED


def rag_breakdown(groups: Sequence[tuple[str, Sequence[ActionRow]]]) -> Breakdown:
    """Counts by group (workstream) and RAG, in the plan's order."""
    shown = [(name, rows) for name, rows in groups if rows]
    return Breakdown(
        tuple(name for name, _ in shown),
        SERIES,
        tuple(
            tuple(sum(1 for r in rows if _rag_key(r) == rag) for rag in RAG_ORDER)
            for _, rows in shown
        ),
    )


def _groups(
    rows: Sequence[ActionRow], workstreams: Sequence[WorkstreamRow]
) -> list[tuple[WorkstreamRow | None, list[ActionRow]]]:
    by_workstream: dict[int | None, list[ActionRow]] = {}
    for row in rows:
        by_workstream.setdefault(row.workstream_id, []).append(row)
    groups: list[tuple[WorkstreamRow | None, list[ActionRow]]] = [
        (w, by_workstream[w.id]) for w in workstreams if w.id in by_workstream
    ]
    if None in by_workstream:
        groups.append((None, by_workstream[None]))
    return groups


def column_widths(rows: Sequence[ActionRow], width: float) -> tuple[float, ...]:
    """Column widths in points: the reference as wide as the longest one up to an eighth of
    the page (longer ones, like "S11-2025-WCCEducation-1", break after a hyphen); the due
    date and RAG as wide as they need; lead, action and progress share the rest. The table
    widens any column whose longest word would not fit (`columns.share_widths`)."""
    style = report_styles().cell
    font, size = style.fontName, style.fontSize
    padding = 10
    longest = max((stringWidth(r.reference, font, size) for r in rows), default=0.0)
    reference = min(max(longest + padding, 30.0), width * 0.125)
    due = stringWidth("00/00/0000", font, size) + padding
    rag = stringWidth("Amber", fonts.BOLD, 8) + 2 * padding
    rest = width - reference - due - rag
    lead, action, progress = (rest * share for share in (0.18, 0.34, 0.48))
    return (reference, action, lead, due, rag, progress)


def _lead(row: ActionRow) -> str:
    return ", ".join(part for part in (row.lead, row.agency) if part)


def _progress(row: ActionRow, narrative: str | None, today: date) -> str:
    parts = []
    if row.last_update_on:
        parts.append(f"({format_date(row.last_update_on)}) {narrative or ''}".strip())
    else:
        parts.append("No update yet.")
    if not row.is_open:
        parts.append(f"{row.status.label} {format_date(row.closed_on)}".strip() + ".")
    elif row.overdue(today):
        parts.append("Overdue.")
    return "\n".join(parts)


def story(
    rows: Sequence[ActionRow],
    workstreams: Sequence[WorkstreamRow],
    narratives: dict[int, str],
    *,
    info: ReportInfo,
    today: date,
    described: str,
) -> list[Flowable]:
    styles = report_styles()
    groups = _groups(rows, workstreams)
    named = [(w.label if w else "Other actions", group) for w, group in groups]
    overdue = sum(1 for r in rows if r.overdue(today))
    finished = sum(1 for r in rows if not r.is_open)
    chart_data = rag_breakdown(named)
    totals = Breakdown(
        ("All actions",),
        SERIES,
        ((tuple(sum(1 for r in rows if _rag_key(r) == rag) for rag in RAG_ORDER)),),
    )
    flow: list[Flowable] = [
        para(info.title, styles.title),
        para(f"As at {format_date(today)}. {described}.", styles.subtitle),
        facts_table(
            [
                ("Actions in this report", len(rows)),
                ("Open", len(rows) - finished),
                ("Overdue", overdue),
                ("Finished", finished),
            ],
            label_width=0.3,
        ),
        heading("RAG summary"),
        para(
            "Red: limited or no progress. Amber: partially complete and on track, work still to "
            "do. Green: complete. An action's RAG is that of its latest accepted update.",
            styles.small,
        ),
        figure(proportion_bar(totals, info.content_width), totals.describe("All actions by RAG")),
    ]
    # Many workstreams: the chart is cut into parts that each fit on a page, on one scale.
    charts = stacked_bar_charts(chart_data, info.content_width)
    shown = 0
    for drawing, part in charts:
        title = "RAG by workstream"
        if len(charts) > 1:
            title += (
                f" ({shown + 1} to {shown + len(part.categories)} of {len(chart_data.categories)})"
            )
        shown += len(part.categories)
        flow.append(figure(drawing, part.describe(title)))
    for workstream, group in groups:
        flow.append(heading(workstream.label if workstream else "Other actions"))
        if workstream is not None and (workstream.lead or workstream.approach):
            if workstream.lead:
                flow.append(rich("<b>Lead:</b> {}", workstream.lead))
            if workstream.approach:
                flow.append(rich("<b>Our approach:</b> {}", workstream.approach))
        flow.append(
            data_table(
                COLUMNS,
                [
                    (
                        row.reference,
                        labelled(row.text, row.restricted),
                        _lead(row),
                        row.due_on,
                        rag_badge(_rag_key(row), row.rag.label if row.rag else NOT_RATED_LABEL),
                        _progress(row, narratives.get(row.id), today),
                    )
                    for row in group
                ],
                widths=column_widths(group, info.content_width),
            )
        )
    if not groups:
        flow.append(para("No actions match.", styles.muted))
    return flow


def action_report(
    db: Database,
    path: Path,
    wanted: ActionFilter | None = None,
    *,
    names: dict[str, str] | None = None,
    as_of: date | None = None,
    title: str = "Action log progress report",
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ReportResult:
    """Write the report of the actions matching `wanted` (default: open actions) to `path`."""
    today = as_of or db.clock.today()
    wanted = wanted or ActionFilter()
    progress(0, 0, "Reading the action log")
    rows = apply_filter(list_actions(db, as_of=as_of), wanted, today)
    with db.reader() as session:
        narratives = latest_narratives(session, [r.id for r in rows], as_of=as_of)
    partnership = get_partnership(db)
    logo = get_logo(db)
    info = ReportInfo(
        title=title,
        partnership=partnership.name,
        classification=classify(
            [("action", sum(1 for r in rows if r.restricted))],
            author=author_name(db.principal, partnership.name),
        ),
        subject=f"Progress of the action log as at {format_date(today)}",
        logo=logo[0] if logo else None,
        generated_on=db.clock.today(),
        keywords=("action log", "improvement plan", "RAG"),
    )
    workstreams = list_workstreams(db)
    pages = PageProgress(progress, cancel)
    path.parent.mkdir(parents=True, exist_ok=True)
    # Tens of thousands of flowables, none in a cycle that must be freed meanwhile: the
    # collector's full passes over them were a sixth of the time.
    with no_collection_pauses():
        flow = story(
            rows, workstreams, narratives, info=info, today=today, described=wanted.describe(names)
        )
        build_pdf(info, flow, path, on_page=pages)
    return ReportResult(path, len(rows), pages.pages)
