"""Dialogs of the Reviews page: add a recommendation (an action-log action), close a review."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.services import partnership, review_actions
from partnerboard.services.review_actions import RecommendationInput, RecommendationRow
from partnerboard.services.reviews import ReviewRow
from partnerboard.ui.form_dialog import FormDialog


class RecommendationDialog(FormDialog):
    """A recommendation of the review, saved straight into the action log."""

    problem_title = "Cannot add this recommendation"

    def __init__(self, db: Database, review: ReviewRow, parent: QWidget | None = None):
        super().__init__(
            f"Add recommendation – {review.reference}",
            "&Add to action log",
            parent,
            note="The recommendation becomes an action in the board's action log.",
        )
        self.db, self.review = db, review
        self.saved_action_id: int | None = None
        agencies = [(a.id, a.display_name) for a in partnership.list_agencies(db)]
        self.form.multiline("text", "Recommendation", required=True, height=90)
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="No lead agency")
        self.form.date("due_on", "Due by")
        self.form.check("restricted", "Restricted (left out of the learning briefing)")
        self.resize(540, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        data = RecommendationInput(
            text=values["text"],
            lead_agency_id=values["lead_agency_id"],
            due_on=values["due_on"],
            restricted=values["restricted"],
        )
        self.saved_action_id = review_actions.add_recommendation(self.db, self.review.id, data)


class CloseReviewDialog(FormDialog):
    """Close a review; with actions still open, the board's reason for accepting them is required."""

    problem_title = "Cannot close this review"

    def __init__(
        self,
        db: Database,
        review: ReviewRow,
        outstanding: list[RecommendationRow],
        parent: QWidget | None = None,
    ):
        super().__init__(f"Close review – {review.reference}", "&Close review", parent)
        self.db, self.review = db, review
        self.closed: ReviewRow | None = None
        if outstanding:
            lines = "\n".join(
                f"• {r.reference} {r.text} ({r.rag.label if r.rag else 'not rated'}"
                + (f", due {format_date(r.due_on)})" if r.due_on else ")")
                for r in outstanding
            )
            text = (
                f"{len(outstanding)} action(s) of this review are not complete:\n{lines}\n\n"
                "The review closes only if the board accepts the remainder. Record the reason."
            )
        else:
            text = "Every action of this review is complete."
        self.explanation = QLabel(text)
        self.explanation.setWordWrap(True)
        self.explanation.setAccessibleName("Actions not complete")
        self.body.insertWidget(0, self.explanation)
        self.form.date("closed_on", "Closed on", optional=False)
        self.form.text("closed_by", "Closed by", placeholder="e.g. Executive Board, 03/12/2026")
        self.form.multiline(
            "closure_reason",
            "Why the board accepts the remaining actions",
            required=bool(outstanding),
        )
        self.form.load({"closed_on": self.db.clock.today()})
        self.resize(560, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        self.closed = review_actions.close_review(
            self.db,
            self.review.id,
            closed_on=values["closed_on"],
            reason=values["closure_reason"],
            by=values["closed_by"],
            expected_version=self.review.row_version,
        )
