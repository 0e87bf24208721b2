"""The deadline board of practice reviews: what is overdue and what falls due soon.

A self-contained panel (shown on the Reviews page, and meant for the home dashboard): each
line gives the due date, the review, the deadline, how far off it is and the sum that
produced it. Enter or double-click opens the review. It reloads itself when reviews change.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.changes import Changes
from partnerboard.domain import palette
from partnerboard.domain.working_days import weekday_date
from partnerboard.services.review_deadlines import (
    DEFAULT_WITHIN_DAYS,
    UpcomingDeadline,
    upcoming_deadlines,
)
from partnerboard.ui.context import AppContext
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

WATCHED = ("practice_review", "practice_review_agency")


def _state_swatch(row: UpcomingDeadline) -> palette.Swatch:
    return palette.RED if row.overdue else palette.AMBER


class ReviewDeadlinesPanel(QGroupBox):
    """Overdue and due-soon review deadlines; `today` is injectable for tests and screenshots."""

    def __init__(
        self,
        context: AppContext,
        parent: QWidget | None = None,
        today: Callable[[], date] | None = None,
    ):
        super().__init__("Review deadlines", parent)
        self.context = context
        self._today = today or context.db.clock.today
        self.setObjectName("reviewDeadlines")
        self.setAccessibleName("Review deadlines: overdue and due soon")
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        self.summary = QLabel()
        self.summary.setAccessibleName("Review deadlines summary")
        self.within = QSpinBox()
        self.within.setRange(1, 366)
        self.within.setValue(DEFAULT_WITHIN_DAYS)
        self.within.setSuffix(" days")
        self.within.setAccessibleName("Show deadlines due within this many days")
        self.within.valueChanged.connect(lambda _value: self.refresh())
        within_label = QLabel("Due &within")
        within_label.setBuddy(self.within)

        self.model: RowTableModel[UpcomingDeadline] = RowTableModel(self.columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "review_deadlines", sort_column=None)
        self.table.setAccessibleName("Review deadlines table")
        self.table.setAccessibleDescription(
            "Press Enter on a deadline to open its review. The last column says how the date "
            "was computed."
        )
        self.table.activated.connect(self._open)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(within_label)
        top.addWidget(self.within)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        context.subscribe(self._on_changes)
        self.refresh()

    @staticmethod
    def columns() -> list[Column[UpcomingDeadline]]:
        return [
            Column("due", "Due", lambda r: r.due, text=lambda r: weekday_date(r.due)),
            Column("review", "Review", lambda r: r.reference),
            Column("deadline", "Deadline", lambda r: r.deadline.title),
            Column(
                "state",
                "When",
                lambda r: r.status_text,
                sort_key=lambda r: r.due,
                background=lambda r: _state_swatch(r).fill,
                foreground=lambda r: _state_swatch(r).text,
            ),
            Column(
                "computed",
                "How it was computed",
                lambda r: r.deadline.explanation,
                tooltip=lambda r: r.deadline.explanation,
            ),
        ]

    def rows(self) -> list[UpcomingDeadline]:
        return self.model.rows()

    def refresh(self) -> None:
        today = self._today()
        rows = upcoming_deadlines(self.context.db, today, self.within.value())
        self.model.set_rows(rows)
        self.table.fit_columns(360)
        self._fit_height(len(rows))
        overdue = sum(1 for r in rows if r.overdue)
        soon = len(rows) - overdue
        if not rows:
            text = f"No review deadline is overdue or due within {self.within.value()} days."
        else:
            text = f"{overdue} overdue, {soon} due within {self.within.value()} days"
            text += f" (today is {weekday_date(today)})."
        self.summary.setText(text)

    def _fit_height(self, count: int) -> None:
        """Tall enough for the rows (two to six shown; more scroll), so the board stays compact."""
        shown = max(2, min(count, 6))
        rows = self.table.verticalHeader().defaultSectionSize() * shown
        header = self.table.horizontalHeader().sizeHint().height()
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        self.table.setFixedHeight(rows + header + scroll + 2 * self.table.frameWidth())

    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*WATCHED):
            self.refresh()

    def _open(self, index: QModelIndex) -> None:
        row = self.proxy.row_at(index.row())
        if row is not None:
            self.context.open_page("reviews", review_id=row.review_id)
