"""`partnerboard export reviews -o FILE.xlsx`: the practice review register for Excel.

Three sheets: the reviews, their deadlines (each with how it was computed) and their
recommendations with RAG. Only reviews the current user may see are written (the rule of
`services.reviews`), and the confidential notes never are: an export travels.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.marking import author_name, classify
from partnerboard.exports.xlsx import about_sheet, save_workbook
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.partnership import get_partnership
from partnerboard.services.review_actions import RecommendationRow, list_recommendations
from partnerboard.services.review_deadlines import deadlines_of
from partnerboard.services.reviews import ReviewRow, list_reviews
from partnerboard.spreadsheets.cells import put

REVIEW_COLUMNS: list[tuple[str, int]] = [
    ("Reference", 18),
    ("Kind", 30),
    ("Became aware", 13),
    ("Agencies involved", 40),
    ("Reviewer", 22),
    ("Status", 20),
    ("Panel notified", 13),
    ("Rapid review held", 13),
    ("Decision", 34),
    ("Decision date", 13),
    ("Decided by", 22),
    ("Published", 13),
    ("Recommendations", 10),
    ("Complete", 10),
    ("Closed", 13),
    ("Closure reason", 40),
    ("Restricted", 10),
    ("What happened in brief", 50),
    ("Learning points", 50),
    ("What to do differently", 50),
]
DEADLINE_COLUMNS = [
    ("Review", 18),
    ("Deadline", 26),
    ("Due", 13),
    ("How it was computed", 90),
    ("Done", 13),
    ("State", 14),
]
RECOMMENDATION_COLUMNS = [
    ("Review", 18),
    ("Action", 8),
    ("Recommendation", 70),
    ("Lead agency", 24),
    ("Due", 13),
    ("RAG", 8),
    ("Action status", 14),
    ("Restricted", 11),
]


@dataclass(frozen=True)
class ExportReport:
    path: Path
    reviews: int
    recommendations: int


def _sheet(workbook: Any, title: str, columns: Sequence[tuple[str, int]], rows: list[list[Any]]):
    from openpyxl.styles import Alignment, Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    sheet = workbook.create_sheet(title)
    for position, (heading, width) in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=position)
        put(cell, heading)
        cell.font = Font(bold=True)
        sheet.column_dimensions[get_column_letter(position)].width = width
    for row_number, values in enumerate(rows, start=2):
        for position, value in enumerate(values, start=1):
            cell = sheet.cell(row=row_number, column=position)
            put(cell, value)
            cell.alignment = Alignment(vertical="top", wrap_text=isinstance(value, str))
    sheet.freeze_panes = "B2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(1, len(rows) + 1)}"
    sheet.print_options.gridLines = True
    return sheet


def _review_line(review: ReviewRow, recommendations: list[RecommendationRow]) -> list[Any]:
    return [
        review.reference,
        review.kind.label,
        review.aware_on,
        "; ".join(review.agency_names),
        review.reviewer,
        review.status.label,
        review.notified_on,
        review.rapid_review_on,
        review.decision.label if review.decision else None,
        review.decision_on,
        review.decision_by,
        review.published_on,
        len(recommendations),
        sum(1 for r in recommendations if r.complete),
        review.closed_on,
        review.closure_reason,
        review.restricted,
        review.summary,
        review.learning_points,
        review.do_differently,
    ]


def export_reviews(
    db: Database,
    path: Path,
    today: date | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ExportReport:
    """Write the register to `path` (.xlsx), through a temporary file so a failure leaves none."""
    from openpyxl import Workbook  # noqa: PLC0415  (≈0.2 s: only when exporting)

    today = today or db.clock.today()
    reviews = list_reviews(db)
    review_rows, deadline_rows, recommendation_rows = [], [], []
    for done, review in enumerate(reviews):
        if cancel is not None:
            cancel.raise_if_cancelled()
        progress(done, len(reviews), review.reference)
        recommendations = list_recommendations(db, review.id)
        review_rows.append(_review_line(review, recommendations))
        for deadline in deadlines_of(review, today):
            deadline_rows.append(
                [
                    review.reference,
                    deadline.title,
                    deadline.due,
                    deadline.explanation,
                    deadline.done_on,
                    deadline.state.label,
                ]
            )
        for r in recommendations:
            recommendation_rows.append(
                [
                    review.reference,
                    r.reference,
                    r.text,
                    r.lead_agency,
                    r.due_on,
                    r.rag.label if r.rag else "Not rated",
                    r.status.label,
                    "Restricted" if r.restricted else None,
                ]
            )
    name = get_partnership(db).name
    classification = classify(
        [
            ("review", sum(1 for r in reviews if r.restricted)),
            ("action", sum(1 for r in recommendation_rows if r[-1] == "Restricted")),
        ],
        author=author_name(db.principal, name),
    )
    workbook = Workbook()
    workbook.remove(workbook.active)
    about_sheet(
        workbook,
        "Practice reviews",
        [
            ("Partnership", name),
            ("Reviews", len(reviews)),
            ("Exported on", today),
            ("Exported by", classification.author),
        ],
        classification,
    )
    _sheet(workbook, "Reviews", REVIEW_COLUMNS, review_rows)
    _sheet(workbook, "Deadlines", DEADLINE_COLUMNS, deadline_rows)
    _sheet(workbook, "Recommendations", RECOMMENDATION_COLUMNS, recommendation_rows)
    path = save_workbook(
        workbook, Path(path), title="Practice reviews", classification=classification
    )
    progress(len(reviews), len(reviews), "saved")
    return ExportReport(path, len(reviews), len(recommendation_rows))
