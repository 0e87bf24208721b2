"""Attendance figures: how often each agency and each member came, over a chosen period.

Cancelled and planned meetings do not count; a deputy who came is counted apart from the
member. The chart shows agencies; a click (or Enter on a focused bar) picks the agency in the
table. "Export to Excel…" writes the same figures for the yearly report.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerboard.services import partnership
from partnerboard.services.meetings.figures import AttendanceFigures, Tally, attendance_figures
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.meetings import dialogs as meeting_dialogs
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.charts import StackedBarChart
from partnerboard.ui.widgets.fields import DateEdit
from partnerboard.ui.widgets.table_view import RegisterTable


def _percent(value: float | None) -> str:
    return "" if value is None else f"{value:.0%}"


def tally_columns(first: str, detail: str | None) -> list[Column[Tally]]:
    columns: list[Column[Tally]] = [Column("name", first, lambda t: t.name)]
    if detail:
        columns.append(Column("detail", detail, lambda t: t.detail))
    return columns + [
        Column("expected", "Meetings", lambda t: t.expected, align_right=True),
        Column("present", "In person", lambda t: t.present, align_right=True),
        Column("online", "Online", lambda t: t.online, align_right=True),
        Column("deputy", "Deputy", lambda t: t.deputy, align_right=True),
        Column("apologies", "Apologies", lambda t: t.apologies, align_right=True),
        Column("absent", "Absent", lambda t: t.absent, align_right=True),
        Column(
            "rate",
            "Came themselves",
            lambda t: t.rate,
            text=lambda t: _percent(t.rate),
            align_right=True,
        ),
        Column(
            "filled",
            "Seat filled",
            lambda t: t.rate_with_deputies,
            text=lambda t: _percent(t.rate_with_deputies),
            align_right=True,
        ),
    ]


class AttendanceFiguresPage(Page):
    key = "attendance_figures"
    title = "Attendance figures"
    tables = frozenset({"meeting", "attendance", "board"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.figures: AttendanceFigures | None = None
        self.start = DateEdit(optional=False)
        self.start.setAccessibleName("From")
        self.end = DateEdit(optional=False)
        self.end.setAccessibleName("To")
        today = self.db.clock.today()
        self.end.set_value(today)
        self.start.set_value(today - timedelta(days=365))
        self.board = QComboBox()
        self.board.setAccessibleName("Board")
        self.board.addItem("All boards", None)
        for widget in (self.start, self.end):
            widget.dateChanged.connect(lambda _d: self.refresh())
            widget.problemChanged.connect(lambda _p: self.refresh())
        self.board.currentIndexChanged.connect(lambda _i: self.refresh())
        self.export_button = QPushButton("&Export to Excel…")
        self.export_button.setAccessibleName("Export attendance figures to Excel")
        self.export_button.clicked.connect(self.export)
        self.summary = QLabel()
        self.summary.setAccessibleName("What is counted")
        self.summary.setWordWrap(True)
        self.chart = StackedBarChart("Attendance by agency")
        self.chart.segment_clicked.connect(self._agency_clicked)
        self.agency_model: RowTableModel[Tally] = RowTableModel(tally_columns("Agency", None))
        self.agency_proxy = FilterProxy(self)
        self.agencies = RegisterTable(self.agency_model, self.agency_proxy, "attendance_agencies")
        self.agencies.setAccessibleName("Attendance by agency")
        self.member_model: RowTableModel[Tally] = RowTableModel(tally_columns("Member", "Agency"))
        self.members = RegisterTable(self.member_model, FilterProxy(self), "attendance_members")
        self.members.setAccessibleName("Attendance by member")
        self._layout()

    def _layout(self) -> None:
        bar = QHBoxLayout()
        for text, widget in (("F&rom", self.start), ("&To", self.end), ("&Board", self.board)):
            label = QLabel(text)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        tables = QTabWidget()
        tables.setAccessibleName("Attendance tables")
        tables.addTab(self.agencies, "By &agency")
        tables.addTab(self.members, "By &member")
        splitter = QSplitter(Qt.Orientation.Vertical)
        scroll = QScrollArea()
        scroll.setWidget(self.chart)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter.addWidget(scroll)
        splitter.addWidget(tables)
        splitter.setChildrenCollapsible(False)
        splitter.setSizes([380, 320])
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary)
        layout.addWidget(splitter, 1)

    def refresh(self) -> None:
        current = self.board.currentData()
        self.board.blockSignals(True)
        self.board.clear()
        self.board.addItem("All boards", None)
        for board in partnership.list_boards(self.db, include_inactive=False):
            self.board.addItem(board.name, board.id)
        self.board.setCurrentIndex(max(0, self.board.findData(current)))
        self.board.blockSignals(False)
        problem = self.start.problem() or self.end.problem()
        if problem:
            self.summary.setText(problem)  # the dates typed stay for the user to correct
            return
        start, end = self.start.value(), self.end.value()
        if start is None or end is None or start > end:
            self.summary.setText("Choose a period that starts before it ends.")
            return
        self.figures = attendance_figures(self.db, start, end, self.board.currentData())
        f = self.figures
        self.summary.setText(
            f"{f.meetings} meetings held from {f.period} ({f.board_name or 'all boards'}). "
            "Cancelled and planned meetings are not counted; deputies are counted apart; "
            "guests are not counted."
        )
        self.chart.set_data(f.by_agency())
        # Every agency gets a readable bar; the chart scrolls rather than squeezing them.
        self.chart.setMinimumHeight(self.chart.sizeHint().height())
        self.chart.set_title(f"Attendance by agency, {f.period}")
        self.agency_model.set_rows(f.agencies)
        self.member_model.set_rows(f.members)
        self.agencies.fit_columns(300)
        self.members.fit_columns(260)

    def _agency_clicked(self, agency: str, _series: str) -> None:
        for row in range(self.agency_proxy.rowCount()):
            if self.agency_proxy.row_at(row).name == agency:
                self.agencies.selectRow(row)
                self.agencies.setFocus()
                return

    def export(self) -> None:
        figures = self.figures
        if figures is None:
            return
        name = meeting_dialogs.choose_save_path(
            self,
            "Export attendance figures",
            f"attendance-{figures.start:%Y-%m-%d}-to-{figures.end:%Y-%m-%d}.xlsx",
            "Excel workbooks (*.xlsx)",
        )
        if not name:
            return
        path = Path(name).with_suffix(".xlsx")

        def work(_progress, _cancel) -> Path:
            from partnerboard.exports.attendance_xlsx import write_attendance_xlsx  # noqa: PLC0415

            return write_attendance_xlsx(figures, path)

        self.context.operations.run(
            work,
            lambda saved: self.context.status(f"Attendance figures saved to {saved}."),
            label="Writing the attendance figures…",
        )
