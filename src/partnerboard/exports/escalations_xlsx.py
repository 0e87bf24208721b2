"""The escalation log exported to Excel: the log with the date of each stage, and its figures.

Reads only through `services.escalations`, whose queries the session filters (`db.visibility`),
so the export holds exactly the escalations the person exporting may see.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from partnerboard.db.database import Database
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.thresholds import STAGES, EscalationCategory
from partnerboard.exports.xlsx import about_sheet, new_workbook, save_workbook, write_table
from partnerboard.services import escalation_figures as ef
from partnerboard.services import escalations as es
from partnerboard.services import partnership


def export_escalation_log(
    db: Database, path: Path, since: date | None = None, until: date | None = None
) -> Path:
    """Write the escalations raised between `since` and `until` (inclusive; None: no bound)."""
    rows = es.list_escalations(db, since, until)
    sees_restricted = db.principal.role.sees_restricted or any(r.restricted for r in rows)
    workbook = new_workbook()
    period = (
        f"{since:%d/%m/%Y} to {until:%d/%m/%Y}"
        if since and until
        else f"from {since:%d/%m/%Y}"
        if since
        else f"up to {until:%d/%m/%Y}"
        if until
        else "All escalations"
    )
    partnership_name = partnership.get_partnership(db).name
    restricted = sum(1 for r in rows if r.restricted)
    classification = classify(
        [("escalation", restricted)], author=author_name(db.principal, partnership_name)
    )
    facts: list[tuple[str, object]] = [
        ("Partnership", partnership_name),
        ("Escalations raised", period),
        ("Exported on", db.clock.today()),
        ("Exported by", classification.author),
    ]
    if restricted:
        facts.append(
            (
                "Restricted",
                "Contains restricted escalations: for business support, the chair, co-chairs "
                "and those they are restricted to only; each says “Restricted: Yes”.",
            )
        )
    title = "Escalation log (resolution of professional disagreements)"
    about_sheet(workbook, title, facts, classification)
    _log_sheet(workbook, rows, sees_restricted)
    _figures_sheet(workbook, ef.figures_from(rows, since, until))
    return save_workbook(workbook, path, title=title, classification=classification)


def _log_sheet(workbook, rows: list[es.EscalationRow], with_restricted: bool) -> None:
    sheet = workbook.create_sheet("Escalation log")
    stages = sorted(STAGES)
    header = [
        "Reference",
        "Raised on",
        "Raised by",
        "Raised with",
        "Category",
        "Stage now",
        *(f"Stage {s} reached" for s in stages),
        "Open or resolved",
        "Resolved on",
        "Days to resolve",
        "Summary",
        "Outcome",
        "Learning theme",
        "Learning",
        "Action",
    ]
    if with_restricted:
        header.append("Restricted")
    values = []
    for row in rows:
        line = [
            row.reference,
            row.raised_on,
            row.raising_agency,
            row.other_agency,
            row.category,
            row.stage,
            *(row.reached_on(s) for s in stages),
            "Open" if row.is_open else "Resolved",
            row.resolved_on,
            row.days_to_resolve,
            row.summary,
            row.outcome,
            row.learning_theme,
            row.learning,
            row.learning_action,
        ]
        if with_restricted:
            line.append("Yes" if row.restricted else "No")
        values.append(line)
    widths = [12, 12, 36, 36, 22, 10, 13, 13, 13, 13, 14, 12, 10, 50, 50, 30, 50, 10, 11]
    write_table(sheet, header, values, widths=widths[: len(header)])


def _figures_sheet(workbook, figures: ef.EscalationFigures) -> None:
    sheet = workbook.create_sheet("Figures")
    last = write_table(
        sheet,
        ["Figure", "Value"],
        [
            ("Escalations raised", figures.raised),
            ("Open", figures.open),
            ("Resolved", figures.resolved),
            ("Median days to resolve", figures.median_days_to_resolve),
            *(
                (f"Open at stage {s}", n)
                for s, n in zip(sorted(STAGES), figures.open_by_stage, strict=True)
            ),
        ],
        widths=[26, 12, 16, 16, 16, 16, 12, 10],
    )
    categories = list(EscalationCategory)
    start = last + 3
    write_table(
        sheet,
        ["Quarter", "Months", *(c.label for c in categories), "Total"],
        [(q.label, q.period.months_text, *q.counts, q.total) for q in figures.quarters],
        first_row=start,
    )
    sheet.auto_filter.ref = None
    sheet.freeze_panes = None
