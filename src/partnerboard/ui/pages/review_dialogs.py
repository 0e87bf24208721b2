"""Dialogs of the Reviews page: add a recommendation (an action-log action), close a review."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import partnership, review_actions
from partnerboard.services.review_actions import RecommendationInput, RecommendationRow
from partnerboard.services.reviews import ReviewRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form


def _buttons(dialog: QDialog, ok_text: str, on_ok) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    ok = buttons.addButton(ok_text, QDialogButtonBox.ButtonRole.AcceptRole)
    ok.setAccessibleName(ok_text.replace("&", ""))
    ok.setDefault(True)
    buttons.accepted.connect(on_ok)  # the dialog accepts itself once the save succeeded
    buttons.rejected.connect(dialog.reject)
    return buttons


class RecommendationDialog(QDialog):
    """A recommendation of the review, saved straight into the action log."""

    def __init__(self, db: Database, review: ReviewRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.review = db, review
        self.saved_action_id: int | None = None
        self.setWindowTitle(f"Add recommendation – {review.reference}")
        self.setAccessibleName(self.windowTitle())
        agencies = [(a.id, a.name) for a in partnership.list_agencies(db)]
        self.form = Form()
        self.form.multiline("text", "Recommendation", required=True, height=90)
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="No lead agency")
        self.form.date("due_on", "Due by")
        self.form.check("restricted", "Restricted (left out of the learning briefing)")
        note = QLabel("The recommendation becomes an action in the board's action log.")
        note.setWordWrap(True)
        buttons = _buttons(self, "&Add to action log", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(540, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        data = RecommendationInput(
            text=values["text"],
            lead_agency_id=values["lead_agency_id"],
            due_on=values["due_on"],
            restricted=values["restricted"],
        )
        try:
            self.saved_action_id = review_actions.add_recommendation(self.db, self.review.id, data)
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot add this recommendation", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot add this recommendation", str(problem))
            return
        self.accept()


class CloseReviewDialog(QDialog):
    """Close a review; with actions still open, the board's reason for accepting them is required."""

    def __init__(
        self,
        db: Database,
        review: ReviewRow,
        outstanding: list[RecommendationRow],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.db, self.review = db, review
        self.closed: ReviewRow | None = None
        self.setWindowTitle(f"Close review – {review.reference}")
        self.setAccessibleName(self.windowTitle())
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
        self.form = Form()
        self.form.date("closed_on", "Closed on", optional=False)
        self.form.text("closed_by", "Closed by", placeholder="e.g. Executive Board, 03/12/2026")
        self.form.multiline(
            "closure_reason",
            "Why the board accepts the remaining actions",
            required=bool(outstanding),
        )
        self.form.load({"closed_on": self.db.clock.today()})
        buttons = _buttons(self, "&Close review", self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        try:
            self.closed = review_actions.close_review(
                self.db,
                self.review.id,
                closed_on=values["closed_on"],
                reason=values["closure_reason"],
                by=values["closed_by"],
                expected_version=self.review.row_version,
            )
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot close this review", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot close this review", str(problem))
            return
        self.accept()
