"""The home page: the action log at a glance. Every figure, bar segment and listed action
opens the register filtered to exactly what it counts."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain import palette
from partnerboard.domain.actions import NOT_RATED, NOT_RATED_LABEL, Rag
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.services.actions.dashboard import (
    DUE_SOON_DAYS,
    RAG_ORDER,
    Dashboard,
    load_dashboard,
)
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.actions.columns import rag_column
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import ROW_ROLE, Column, RowTableModel
from partnerboard.ui.widgets.charts import StackedBarChart
from partnerboard.ui.widgets.review_deadlines import ReviewDeadlinesPanel

SERIES = {
    Rag.RED.value: "Red",
    Rag.AMBER.value: "Amber",
    Rag.GREEN.value: "Green",
    NOT_RATED: NOT_RATED_LABEL,
}
RAG_BY_SERIES = {label: value for value, label in SERIES.items()}


class Figure(QPushButton):
    """A number with its meaning, as a button that opens what it counts."""

    def __init__(self, caption: str, swatch: palette.Swatch | None = None):
        super().__init__()
        self.caption = caption
        self.setObjectName("dashboardFigure")
        self.setMinimumHeight(64)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        fill, ink = (swatch.fill, swatch.text) if swatch else ("#F3F2F1", palette.TEXT)
        self.setStyleSheet(
            f"QPushButton#dashboardFigure {{ background: {fill}; color: {ink}; border: 1px solid "
            f"{palette.RULE}; border-radius: 4px; padding: 6px; text-align: left; }}"
            f"QPushButton#dashboardFigure:focus {{ border: 3px solid {palette.FOCUS}; }}"
        )
        font = self.font()
        font.setPointSizeF(max(font.pointSizeF(), 10) + 1)
        font.setBold(True)
        self.setFont(font)
        self.set_count(0)

    def set_count(self, count: int) -> None:
        self.count = count
        self.setText(f"{count}\n{self.caption}")
        self.setAccessibleName(f"{self.caption}: {count}. Opens the list.")


def _list_columns(kind: str) -> list[Column]:
    if kind == "recent":
        return [
            Column("ref", "Ref", lambda r: r.reference),
            Column("text", "Action", lambda r: r.text, tooltip=lambda r: r.text),
            Column("on", "Updated", lambda r: r.update_on),
            rag_column(),
        ]
    return [
        Column("ref", "Ref", lambda r: r.reference),
        Column(
            "text",
            "Action",
            lambda r: r.text,
            tooltip=lambda r: f"{r.text}\nLead: {r.lead or 'none'}, {r.agency or 'no agency'}",
        ),
        Column("due", "Due", lambda r: r.due_on),
        rag_column(),
    ]


class ActionList(QTableView):
    """A short list of actions; Enter or a double click opens the action in the register."""

    def __init__(self, name: str, kind: str, open_action):
        super().__init__()
        self.setObjectName(f"dashboard_{kind}")
        self.setAccessibleName(name)
        self.model_ = RowTableModel(_list_columns(kind))
        self.setModel(self.model_)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        self.verticalHeader().hide()
        self.horizontalHeader().setStretchLastSection(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWordWrap(False)
        self._open = open_action
        self.activated.connect(self._activated)
        self.doubleClicked.connect(self._activated)

    def set_rows(self, rows: list[Any]) -> None:
        self.model_.set_rows(rows)
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if row is not None:
            self._open(getattr(row, "action_id", None) or row.id)


class DashboardPage(Page):
    key = "dashboard"
    title = "Dashboard"
    tables = frozenset({"action", "action_update", "action_event", "workstream"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.board: Dashboard | None = None
        self._workstream_ids: dict[str, int | None] = {}
        self.heading = QLabel()
        self.heading.setObjectName("formTitle")
        self.heading.setWordWrap(True)
        self.figures = {
            "open": Figure("open actions"),
            "overdue": Figure("overdue", palette.RED),
            "due_soon": Figure(f"due in the next {DUE_SOON_DAYS} days", palette.AMBER),
            "proposals": Figure("partner updates to review"),
        }
        self.rag_figures = {
            value: Figure(
                f"{SERIES[value].lower()} (open)", palette.named_swatch(value) or palette.GREY
            )
            for value in RAG_ORDER
        }
        self.figures["open"].clicked.connect(lambda: self.open_register())
        self.figures["overdue"].clicked.connect(lambda: self.open_register(overdue=True))
        self.figures["due_soon"].clicked.connect(
            lambda: self.open_register(due_within=DUE_SOON_DAYS)
        )
        self.figures["proposals"].clicked.connect(lambda: context.open_page("action_updates"))
        for value, figure in self.rag_figures.items():
            figure.clicked.connect(lambda _c=False, v=value: self.open_register(rag=v))
        self.chart = StackedBarChart("RAG of open actions by workstream")
        self.chart.setObjectName("dashboard_chart")
        self.chart.setMinimumHeight(220)
        self.chart.segment_clicked.connect(self._segment_clicked)
        self.overdue_list = ActionList("Overdue actions", "overdue", self.open_action)
        self.soon_list = ActionList(
            f"Actions due in the next {DUE_SOON_DAYS} days", "soon", self.open_action
        )
        self.recent_list = ActionList("Recently updated actions", "recent", self.open_action)
        # The statutory clock of practice reviews belongs on the home page too (it reloads itself).
        self.review_deadlines = ReviewDeadlinesPanel(context)
        self._layout_page()

    def _layout_page(self) -> None:
        figures = QGridLayout()
        for column, figure in enumerate(self.figures.values()):
            figures.addWidget(figure, 0, column)
        for column, figure in enumerate(self.rag_figures.values()):
            figures.addWidget(figure, 1, column)
        chart_box = QGroupBox("RAG of open actions by workstream")
        chart_layout = QVBoxLayout(chart_box)
        hint = QLabel("Click a bar, or use the arrow keys and Enter, to see its actions.")
        hint.setWordWrap(True)
        chart_layout.addWidget(hint)
        chart_layout.addWidget(self.chart, 1)

        def boxed(title: str, table: QTableView) -> QGroupBox:
            group = QGroupBox(title)
            inner = QVBoxLayout(group)
            inner.setContentsMargins(4, 4, 4, 4)
            inner.addWidget(table)
            return group

        left = QVBoxLayout()
        left.addWidget(chart_box, 3)
        left.addWidget(boxed("Recently updated", self.recent_list), 2)
        right = QVBoxLayout()
        right.addWidget(boxed("Overdue", self.overdue_list))
        right.addWidget(boxed(f"Due in the next {DUE_SOON_DAYS} days", self.soon_list))
        right.addWidget(self.review_deadlines)
        body = QHBoxLayout()
        body.addLayout(left, 3)
        body.addLayout(right, 2)
        outer = QVBoxLayout(self)
        outer.addWidget(self.heading)
        outer.addLayout(figures)
        outer.addLayout(body, 1)

    def refresh(self) -> None:
        board = load_dashboard(self.db)
        self.board = board
        self.heading.setText(f"<h2>Action log at a glance – {format_date(board.today)}</h2>")
        self.figures["open"].set_count(board.open_count)
        self.figures["overdue"].set_count(board.overdue_count)
        self.figures["due_soon"].set_count(board.due_soon_count)
        self.figures["proposals"].set_count(board.proposals)
        for value, count in board.rag_totals().items():
            self.rag_figures[value].set_count(count)
        shown = [w for w in board.by_workstream if w.total]
        self._workstream_ids = {w.label: w.workstream_id for w in shown}
        self.chart.set_data(
            Breakdown(
                tuple(w.label for w in shown),
                tuple(SERIES[v] for v in RAG_ORDER),
                tuple(tuple(w.counts[v] for v in RAG_ORDER) for w in shown),
            )
        )
        self.overdue_list.set_rows(board.overdue)
        self.soon_list.set_rows(board.due_soon)
        self.recent_list.set_rows(board.recent)

    # ------------------------------------------------------------ opening the register
    def open_register(self, **options: Any) -> None:
        from partnerboard.services.actions.filtering import Show  # noqa: PLC0415  (on a click)

        self.context.open_page("actions", show=Show.OPEN, **options)

    def open_action(self, action_id: int) -> None:
        self.context.open_page("actions", action_id=action_id)

    def _segment_clicked(self, category: str, series: str) -> None:
        if category not in self._workstream_ids:
            return
        workstream_id = self._workstream_ids[category]
        from partnerboard.services.actions.filtering import NO_WORKSTREAM  # noqa: PLC0415

        self.open_register(
            rag=RAG_BY_SERIES.get(series, NOT_RATED),
            workstream_id=NO_WORKSTREAM if workstream_id is None else workstream_id,
        )

    def today(self) -> date:
        return self.board.today if self.board else self.db.clock.today()
