"""Practice reviews: the register, each review's statutory clock, recommendations and closure.

The deadline board sits at the top; the table lists the reviews the user may see; the form
holds one review; under it, its deadlines (each with its sum), its recommendations (actions
of the action log) with their RAG, and the buttons to close it and to print its briefing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QComboBox, QFileDialog, QLayout, QPushButton, QWidget

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.domain.reviews import Deadline, ReviewDecision, ReviewKind, ReviewStatus
from partnerboard.domain.working_days import weekday_date
from partnerboard.services import partnership, review_actions
from partnerboard.services.review_deadlines import deadlines_of, next_deadline
from partnerboard.services.reviews import (
    ReviewInput,
    ReviewRow,
    get_review,
    list_reviews,
    save_review,
)
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.pages.reviews.dialogs import CloseReviewDialog, RecommendationDialog
from partnerboard.ui.pages.reviews.panels import ReviewDetailPanel
from partnerboard.ui.table_model import Column
from partnerboard.ui.widgets.audience import add_restriction_fields
from partnerboard.ui.widgets.check_list import CheckList
from partnerboard.ui.widgets.review_deadlines import ReviewDeadlinesPanel

TEXT_FIELDS = ("reviewer", "decision_by", "decision_reason", "summary", "learning_points",
               "do_differently", "confidential_notes")  # fmt: skip
DATE_FIELDS = ("aware_on", "notified_on", "rapid_review_on", "decision_on", "published_on")


@dataclass(frozen=True)
class ReviewLine:
    """A review as the table shows it, with its next outstanding deadline."""

    review: ReviewRow
    next_deadline: Deadline | None
    today: date

    @property
    def id(self) -> int:
        return self.review.id

    @property
    def row_version(self) -> int:
        return self.review.row_version

    @property
    def next_text(self) -> str:
        d = self.next_deadline
        if d is None or d.due is None:
            return ""
        return f"{d.title}: {weekday_date(d.due)} ({d.status_text(self.today)})"


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    """Where to save a file (tests replace this function)."""
    chosen, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(chosen) if chosen else None


class ReviewsPage(RegisterPage):
    key = "reviews"
    title = "Practice reviews"
    noun = "review"
    plural = "reviews"
    tables = frozenset(
        {"practice_review", "practice_review_agency", "action", "action_update", "agency"}
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None, today=None):
        self._today = today or context.db.clock.today
        super().__init__(context, parent)
        self.active_button.hide()  # reviews close (with their rule) rather than deactivate
        self.show_inactive.hide()
        self.form_title.setWordWrap(True)  # "Local child safeguarding practice review ..." is long
        for layout in self.findChildren(QLayout):
            # Sizes cached while the hidden controls were still there would keep the page wide.
            layout.invalidate()
        self.deadline_board = ReviewDeadlinesPanel(context, today=today)
        outer = self.layout()
        outer.insertWidget(0, self.deadline_board, 0)
        outer.setStretch(1, 1)  # the register takes the height the board does not need
        self.detail.add_button.clicked.connect(self.add_recommendation)
        self.detail.close_button.clicked.connect(self.close_review)
        self.detail.briefing_button.clicked.connect(self.write_briefing)

    # ------------------------------------------------------------ register
    def columns(self) -> list[Column[ReviewLine]]:
        return [
            Column("reference", "Reference", lambda r: r.review.reference),
            Column("status", "Status", lambda r: r.review.status),
            Column(
                "next",
                "Next deadline",
                lambda r: r.next_text,
                sort_key=lambda r: r.next_deadline.due if r.next_deadline else None,
            ),
            Column("kind", "Kind", lambda r: r.review.kind),
            Column("aware", "Became aware", lambda r: r.review.aware_on),
            Column("decision", "Decision", lambda r: r.review.decision, visible=False),
            Column("published", "Published", lambda r: r.review.published_on),
            Column("restricted", "Restricted", lambda r: r.review.restricted),
            Column("agencies", "Agencies involved", lambda r: r.review.agency_names, visible=False),
        ]

    def filter_widgets(self) -> list[QWidget]:
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All reviews", None)
        self.status_filter.addItem("Not closed", "not_closed")
        for status in ReviewStatus:
            self.status_filter.addItem(status.label, status)
        self.status_filter.currentIndexChanged.connect(self._filter_status)
        self.export_button = QPushButton("E&xport to Excel…")
        self.export_button.setAccessibleName("Export the review register to Excel")
        self.export_button.clicked.connect(self.export_register)
        return [self.status_filter, self.export_button]

    def _filter_status(self) -> None:
        wanted = self.status_filter.currentData()
        if wanted is None:
            predicate = None
        elif wanted == "not_closed":
            predicate = lambda r: r.review.status != ReviewStatus.CLOSED  # noqa: E731
        else:
            predicate = lambda r: r.review.status == wanted  # noqa: E731
        self.proxy.set_predicate("status", predicate)
        self._update_count()

    def row_label(self, row: ReviewLine) -> str:
        return f"{row.review.kind.label} {row.review.reference}"

    def row_is_active(self, row: Any) -> bool:
        return True

    def _line(self, review: ReviewRow) -> ReviewLine:
        today = self._today()
        return ReviewLine(review, next_deadline(deadlines_of(review, today)), today)

    def load_rows(self) -> list[ReviewLine]:
        agencies = partnership.list_agencies(self.db)
        self.agencies.set_options([(a.id, a.display_name) for a in agencies])
        return [self._line(r) for r in list_reviews(self.db)]

    def open_with(self, **options: Any) -> None:
        review_id = options.get("review_id")
        if review_id is not None:
            self.ensure_loaded()
            self.status_filter.setCurrentIndex(0)
            self.search.clear()
            self.select_id(review_id)

    # ------------------------------------------------------------ form
    def build_form(self, form: Form) -> None:
        form.choice(
            "kind", "Kind of review", [(k.value, k.label) for k in ReviewKind], required=True
        )
        form.text("reference", "Anonymised reference", required=True, max_length=40,
                  placeholder="e.g. RR-2026-03 or Child H – no names, no dates of birth")  # fmt: skip
        form.date("aware_on", "Partnership became aware on", required=True)
        add_restriction_fields(form, self.db)
        form.choice("status", "Status", [(s.value, s.label) for s in ReviewStatus])
        self.agencies = CheckList()
        form.custom("agency_ids", "Agencies involved", self.agencies)
        form.text("reviewer", "Reviewer")
        form.date("notified_on", "National panel notified on")
        form.date("rapid_review_on", "Rapid review completed on")
        form.choice("decision", "Decision", [(d.value, d.label) for d in ReviewDecision],
                    none_label="No decision yet")  # fmt: skip
        form.date("decision_on", "Decision made on")
        form.text("decision_by", "Decision made by")
        form.multiline("decision_reason", "Reasons for the decision")
        form.date("published_on", "Published on")
        form.multiline("summary", "What happened, in brief (for the learning briefing)")
        form.multiline("learning_points", "Learning points (one a line)", height=90)
        form.multiline("do_differently", "What to do differently (one a line)", height=90)
        form.multiline("confidential_notes", "Confidential notes (never in a briefing or export)")

    def extra_panel(self) -> QWidget:
        self.detail = ReviewDetailPanel()
        self.only_for(Permission.EDIT_RECORDS, self.detail.add_button, self.detail.close_button)
        return self.detail

    def new_record_values(self) -> dict[str, Any]:
        return {"kind": ReviewKind.RAPID_REVIEW.value, "status": ReviewStatus.OPEN.value,
                "restricted": True}  # fmt: skip

    def row_values(self, row: ReviewLine) -> dict[str, Any]:
        r = row.review
        values: dict[str, Any] = {name: getattr(r, name) for name in TEXT_FIELDS + DATE_FIELDS}
        values.update(
            kind=r.kind.value,
            reference=r.reference,
            restricted=r.restricted,
            restricted_to=r.restricted_to,
            status=r.status.value,
            agency_ids=list(r.agency_ids),
            decision=r.decision.value if r.decision else None,
        )
        return values

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> ReviewLine:
        data = ReviewInput(
            kind=values["kind"] or "",
            reference=values["reference"],
            aware_on=values["aware_on"],
            agency_ids=values["agency_ids"],
            status=values["status"] or ReviewStatus.OPEN.value,
            decision=values["decision"],
            restricted=values["restricted"],
            restricted_to=values["restricted_to"],
            **{name: values[name] for name in TEXT_FIELDS if name != "decision"},
            **{name: values[name] for name in DATE_FIELDS if name != "aware_on"},
        )
        return self._line(save_review(self.db, data, record_id, version, today=self._today()))

    def record_loaded(self, row: ReviewLine | None) -> None:
        if row is None:
            self.detail.show_review(None, [], [], self._today(), False, "")
            return
        review = row.review
        closure = ""
        if review.closed:
            closure = (
                f"Closed on {format_date(review.closed_on)} by {review.closed_by or 'unknown'}."
            )
            if review.closure_reason:
                closure += f" The board accepted the remaining actions: {review.closure_reason}"
        self.detail.show_review(
            review.kind,
            deadlines_of(review, self._today()),
            review_actions.list_recommendations(self.db, review.id),
            self._today(),
            review.closed,
            closure,
        )

    def refresh(self) -> None:
        super().refresh()
        if self.editing_id is not None and not self.dirty:
            position = self.model.position_of(lambda r: r.id == self.editing_id)
            self.record_loaded(self.model.row(position) if position is not None else None)

    # ------------------------------------------------------------ actions
    def _current(self) -> ReviewRow | None:
        return get_review(self.db, self.editing_id) if self.editing_id is not None else None

    def add_recommendation(self) -> None:
        review = self._current()
        if review is None:
            return
        dialog = RecommendationDialog(self.db, review, parent=self)
        if dialog.exec() and dialog.saved_action_id is not None:
            self.context.status(f"Recommendation added to the action log for {review.reference}.")

    def close_review(self) -> None:
        review = self._current()
        if review is None or not unsaved.settle(self, self.editor):
            return
        outstanding = review_actions.outstanding_actions(self.db, review.id)
        dialog = CloseReviewDialog(self.db, review, outstanding, parent=self)
        if dialog.exec() and dialog.closed is not None:
            # The closed review has a new version: show it, or the next save would be refused.
            self.refresh()
            position = self.model.position_of(lambda r: r.id == review.id)
            if position is not None:
                self.load_record(self.model.row(position))
            self.context.status(f"Closed {review.reference}.")

    def write_briefing(self) -> None:
        review = self._current()
        if review is None:
            return
        suggested = f"7-minute briefing {review.reference}.pdf".replace("/", "-")
        path = ask_save_path(self, "Save the learning briefing", suggested, "PDF (*.pdf)")
        if path is None:
            return
        db, today = self.db, self._today()

        def work(_progress, _cancel):
            from partnerboard.reports.briefing import write_briefing  # noqa: PLC0415 (reportlab)

            return write_briefing(db, review.id, path, today=today)

        self.context.operations.run(
            work,
            lambda report: self.context.status(
                f"Briefing saved to {report.path} ({report.pages} page(s))."
            ),
            label="Writing the learning briefing…",
        )

    def export_register(self) -> None:
        path = ask_save_path(
            self, "Export practice reviews", "Practice reviews.xlsx", "Excel (*.xlsx)"
        )
        if path is None:
            return
        db, today = self.db, self._today()

        def work(progress, cancel):
            from partnerboard.exports.reviews import export_reviews  # noqa: PLC0415 (openpyxl)

            return export_reviews(db, path, today=today, progress=progress, cancel=cancel)

        self.context.operations.run(
            work,
            lambda report: self.context.status(
                f"Exported {report.reviews} review(s) to {report.path}."
            ),
            label="Exporting practice reviews…",
        )
