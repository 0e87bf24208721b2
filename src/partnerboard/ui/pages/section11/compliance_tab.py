"""Compliance at a glance: the agencies × standards heatmap of a round, and year on year.

Both are tables whose cells are coloured by rating (palette fills with readable text), so that
they read by keyboard and screen reader as well as by colour; each cell's tooltip gives the
counts behind it. Their columns depend on the round's standards (or the rounds compared), so
the model is rebuilt on each load.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.section11 import Change
from partnerboard.services import section11 as s11
from partnerboard.services.section11 import MatrixCell, MatrixRow, TrendRow
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import KeepColours

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

CHANGE_MARK = {
    Change.IMPROVED: "▲ Improved",
    Change.DECLINED: "▼ Declined",
    Change.SAME: "= No change",
    Change.NEW: "New",
    Change.NONE: "–",
}


def rating_column(key: str, title: str, cell_of) -> Column:
    """A column showing a MatrixCell's rating in its colour, with the counts as tooltip."""

    def cell(row) -> MatrixCell | None:
        return cell_of(row)

    return Column(
        key,
        title,
        lambda r: cell(r).level if cell(r) else None,
        text=lambda r: cell(r).rating.label if cell(r) and cell(r).rating else "",
        tooltip=lambda r: cell(r).describe() if cell(r) else "Nothing returned",
        background=lambda r: cell(r).rating.colour if cell(r) and cell(r).rating else None,
        foreground=lambda r: cell(r).rating.text_colour if cell(r) and cell(r).rating else None,
    )


def grid_view(name: str) -> QTableView:
    view = QTableView()
    view.setObjectName(name)
    view.setSortingEnabled(True)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setTabKeyNavigation(False)
    view.setItemDelegate(KeepColours(view))  # a selected cell keeps its rating's colour
    view.verticalHeader().hide()
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    view.horizontalHeader().setDefaultAlignment(
        Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    )
    return view


def legend(the_round: s11.RoundRow | None) -> str:
    if the_round is None:
        return ""
    chips = " ".join(
        f'<span style="background:{o.colour}; color:{o.text_colour}">&nbsp;{o.label}&nbsp;</span>'
        for o in the_round.scale.options
    )
    return f"Key: {chips}"


class ComplianceTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.the_round: s11.RoundRow | None = None
        self.matrix: s11.ComplianceMatrix | None = None
        self.which = QComboBox()
        self.which.setAccessibleName("Ratings shown")
        self.which.addItem("Board's ratings (moderated where challenged)", True)
        self.which.addItem("Agencies' own ratings", False)
        self.which.currentIndexChanged.connect(lambda _i: self.load(self.the_round))
        self.proxy = FilterProxy(self)
        self.view = grid_view("s11_heatmap")
        self.view.setAccessibleName("Compliance heatmap: agencies by standards")
        self.view.setModel(self.proxy)
        self.key = QLabel()
        self.key.setAccessibleName("Colour key")
        self.standards = QLabel()
        self.standards.setWordWrap(True)
        self.standards.setAccessibleName("Standards")
        self.standards.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(QLabel("Show"))
        top.addWidget(self.which)
        top.addStretch(1)
        top.addWidget(self.key)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        box.addWidget(self.standards)

    def load(self, the_round: s11.RoundRow | None) -> None:
        self.the_round = the_round
        if the_round is None:
            self.matrix = None
            self.proxy.setSourceModel(RowTableModel([]))
            return
        matrix = s11.compliance_matrix(self.page.db, the_round.id, bool(self.which.currentData()))
        self.matrix = matrix
        columns: list[Column[MatrixRow]] = [
            Column("agency", "Agency", lambda r: r.agency_name, tooltip=lambda r: r.agency_name),
            Column("status", "Status", lambda r: r.status, sort_key=lambda r: r.status.rank),
        ]
        for index, (number, _title) in enumerate(matrix.standards):
            columns.append(rating_column(f"s{number}", f"S{number}", lambda r, i=index: r.cells[i]))
        columns.append(rating_column("overall", "Overall", lambda r: r.overall))
        model: RowTableModel[MatrixRow] = RowTableModel(columns, matrix.rows, self)
        self.proxy.setSourceModel(model)
        self.view.resizeColumnsToContents()
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 260))  # full name as tooltip
        for position in range(2, model.columnCount()):
            self.view.setColumnWidth(position, self.view.columnWidth(position) + 6)
        self.key.setText(legend(the_round))
        self.standards.setText(" · ".join(f"<b>S{n}</b> {_escape(t)}" for n, t in matrix.standards))


class TrendTab(QWidget):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.trend: s11.YearOnYear | None = None
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency compared")
        self.agency.currentIndexChanged.connect(lambda _i: self._show())
        self.proxy = FilterProxy(self)
        self.view = grid_view("s11_trend")
        self.view.setAccessibleName("Ratings by standard and round")
        self.view.setModel(self.proxy)
        self.note = QLabel()
        self.note.setWordWrap(True)
        top = QHBoxLayout()
        agency_label = QLabel("&Agency")
        agency_label.setBuddy(self.agency)
        top.addWidget(agency_label)
        top.addWidget(self.agency, 1)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(self.view, 1)
        box.addWidget(self.note)

    def load(self, the_round: s11.RoundRow | None) -> None:
        returns = s11.round_returns(self.page.db, the_round.id) if the_round is not None else []
        options = [(None, "All agencies together")]
        options += [(r.agency_id, r.agency_name) for r in returns]
        refill(self.agency, options, self.agency.currentData())
        self._show()

    def _show(self) -> None:
        agency_id = self.agency.currentData()
        trend = s11.year_on_year(self.page.db, agency_id)
        self.trend = trend
        columns: list[Column[TrendRow]] = [
            Column(
                "standard",
                "Standard",
                lambda r: r.standard_number if r.standard_number is not None else 99,
                text=lambda r: f"{r.standard_number}. {r.title}" if r.standard_number else r.title,
                tooltip=lambda r: r.title,
            )
        ]
        if agency_id is None:
            # Every agency together: how many criteria had each rating, each round. A mean of
            # many agencies would read "Partially met" everywhere and hide the movement.
            columns += share_columns(trend)
            columns.append(
                Column(
                    "change",
                    "Change since\nthe round before",
                    lambda r: r.change,
                    text=lambda r: r.shift_text().replace("; ", "\n") or CHANGE_MARK[r.change],
                    tooltip=lambda r: f"Mean rating: {r.change.label.lower()}",
                )
            )
            self.note.setText(
                "Each cell: criteria with that rating across every agency, and their share of "
                "the criteria rated (the board's rating where moderated). Change: how each "
                "share moved, in percentage points, since the last earlier round rated."
            )
        else:
            for index, the_round in enumerate(trend.rounds):
                columns.append(
                    rating_column(
                        f"r{the_round.id}", the_round.label, lambda r, i=index: r.cells[i]
                    )
                )
            columns.append(
                Column("change", "Change", lambda r: r.change, text=lambda r: CHANGE_MARK[r.change])
            )
            self.note.setText(
                "Each cell: the mean of the standard's criteria ratings (the board's where "
                "moderated). Change compares the latest round with the last earlier round rated."
            )
        self.proxy.setSourceModel(RowTableModel(columns, trend.rows, self))
        self.view.resizeColumnsToContents()
        # Every round in view beside the standards: the titles wrap, the full one as tooltip.
        self.view.setColumnWidth(0, min(self.view.columnWidth(0), 460 if agency_id else 300))
        self.view.resizeRowsToContents()


def share_columns(trend: s11.YearOnYear) -> list[Column[TrendRow]]:
    """Per round and rating: "12 (39%)" — criteria so rated, and their share of those rated."""
    columns: list[Column[TrendRow]] = []
    for index, the_round in enumerate(trend.rounds):
        # "Not applicable" is no rating to move between (its count is in each cell's tooltip).
        for option in (o for o in the_round.scale.options if o.applicable):

            def share(row: TrendRow, i: int = index, label: str = option.label) -> float | None:
                cell = row.cells[i]
                return cell.share(label) if cell is not None else None

            def text(row: TrendRow, i: int = index, label: str = option.label) -> str:
                cell = row.cells[i]
                if cell is None or not cell.rated:
                    return ""
                return f"{dict(cell.counts).get(label, 0)} ({cell.share(label):.0f}%)"

            columns.append(
                Column(
                    f"r{the_round.id}_{option.value}",
                    f"{the_round.label}:\n{option.label}",
                    share,
                    text=text,
                    tooltip=lambda r, i=index: r.cells[i].describe() if r.cells[i] else "",
                    background=lambda r, o=option, f=share: o.colour if f(r) else None,
                    foreground=lambda r, o=option, f=share: o.text_colour if f(r) else None,
                    align_right=True,
                )
            )
    return columns


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
