"""Panels under the review form: its statutory deadlines and its recommendations with RAG."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerboard.domain import palette
from partnerboard.domain.reviews import Deadline, DeadlineState, ReviewKind
from partnerboard.domain.working_days import weekday_date
from partnerboard.services.review_actions import RecommendationRow
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

_STATE_COLOUR = {
    DeadlineState.OVERDUE: palette.RED.fill,
    DeadlineState.LATE: palette.RED.fill,
    DeadlineState.DUE: palette.TEXT,
    DeadlineState.MET: palette.GREEN.fill,
}


def deadlines_html(kind: ReviewKind | None, deadlines: list[Deadline], today: date) -> str:
    """Each deadline with its state and, beneath it, the sum that produced it (escaped)."""
    if kind is None:
        return "Save the review to see its deadlines."
    if not deadlines:
        if kind == ReviewKind.SCR:
            return "No statutory clock: serious case reviews predate the 2018 framework."
        return "No statutory clock for this kind of review."
    parts = []
    for d in deadlines:
        when = weekday_date(d.due) if d.due else "date not known yet"
        colour = _STATE_COLOUR.get(d.state, palette.MUTED_TEXT)
        parts.append(
            f"<b>{escape(d.title)}</b>: {escape(when)} — "
            f"<span style='color:{colour}'><b>{escape(d.status_text(today))}</b></span><br/>"
            f"<span style='color:{palette.MUTED_TEXT}'>{escape(d.explanation)}</span>"
        )
    return "<br/><br/>".join(parts)


def _rag_swatch(row: RecommendationRow) -> palette.Swatch:
    return palette.named_swatch(row.rag.value if row.rag else None) or palette.GREY


class ReviewDetailPanel(QWidget):
    """Deadlines and recommendations of the review on the form; the page fills it."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.deadlines_box = QGroupBox("Statutory deadlines")
        self.deadlines = QLabel()
        self.deadlines.setWordWrap(True)
        self.deadlines.setTextFormat(Qt.TextFormat.RichText)
        # Focusable and selectable, so that keyboard and screen-reader users reach the sums.
        self.deadlines.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard
            | Qt.TextInteractionFlag.TextSelectableByMouse
        )
        self.deadlines.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.deadlines.setAccessibleName("Statutory deadlines of this review")
        box = QVBoxLayout(self.deadlines_box)
        box.addWidget(self.deadlines)

        self.recommendations_box = QGroupBox("Recommendations (in the action log)")
        self.model: RowTableModel[RecommendationRow] = RowTableModel(
            [
                Column("reference", "Action", lambda r: r.reference),
                Column(
                    "rag",
                    "RAG",
                    lambda r: r.rag,
                    text=lambda r: r.rag.label if r.rag else "Not rated",
                    background=lambda r: _rag_swatch(r).fill,
                    foreground=lambda r: _rag_swatch(r).text,
                ),
                Column("text", "Recommendation", lambda r: r.text),
                Column("lead", "Lead agency", lambda r: r.lead_agency),
                Column("due", "Due", lambda r: r.due_on),
                Column("status", "Status", lambda r: r.status),
                Column("restricted", "Restricted", lambda r: r.restricted, visible=False),
            ]
        )
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(
            self.model, self.proxy, "review_recommendations", sort_column=None
        )
        self.table.setAccessibleName("Recommendations of this review and their RAG")
        self.table.setMinimumHeight(160)
        self.add_button = QPushButton("Add &recommendation…")
        self.add_button.setAccessibleName("Add recommendation to the action log")
        self.progress = QLabel()
        self.progress.setAccessibleName("Progress of the recommendations")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        rec_box = QVBoxLayout(self.recommendations_box)
        rec_box.addWidget(self.table)
        rec_box.addLayout(buttons)

        self.close_button = QPushButton("C&lose review…")
        self.close_button.setAccessibleName("Close review")
        self.briefing_button = QPushButton("Learning &briefing (PDF)…")
        self.briefing_button.setAccessibleName("Write the learning briefing as PDF")
        actions = QHBoxLayout()
        actions.addWidget(self.briefing_button)
        actions.addWidget(self.close_button)
        actions.addStretch(1)
        self.closure = QLabel()
        self.closure.setWordWrap(True)
        self.closure.setAccessibleName("How the review was closed")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.deadlines_box)
        layout.addWidget(self.recommendations_box)
        layout.addLayout(actions)
        layout.addWidget(self.closure)

    def show_review(
        self,
        kind: ReviewKind | None,
        deadlines: list[Deadline],
        recommendations: list[RecommendationRow],
        today: date,
        closed: bool,
        closure: str,
    ) -> None:
        saved = kind is not None
        self.deadlines.setText(deadlines_html(kind, deadlines, today))
        self.model.set_rows(recommendations)
        self.table.fit_columns(220)
        complete = sum(1 for r in recommendations if r.complete)
        self.progress.setText(
            f"{complete} of {len(recommendations)} complete" if recommendations else "None yet"
        )
        self.recommendations_box.setEnabled(saved)
        self.add_button.setEnabled(saved and not closed)
        self.close_button.setEnabled(saved and not closed)
        self.briefing_button.setEnabled(saved)
        self.closure.setText(closure)
        self.closure.setVisible(bool(closure))
