"""A register table: sortable, one row selected at a time, columns the user can hide and show.

A selected row keeps the colours its cells carry (a RAG, a status): the selection is drawn as a
frame around the row instead of painting over them.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QMenu,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from partnerboard.ui.table_model import FilterProxy, RowTableModel

SELECTION_FRAME = "#1d4e89"  # the selection colour of the navigation (style.qss)


class KeepColours(QStyledItemDelegate):
    """Cells with a colour of their own stay that colour when selected, framed top and bottom
    (and at the row's ends) in the selection colour, so a red row still reads red."""

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        # Asked of the view painting the cell, not of `option.state`: reading the state builds
        # PySide6's QStyle enums (~5 ms of the start-up, which paints the home page's lists).
        view = option.widget
        selected = isinstance(view, QAbstractItemView) and view.selectionModel().isSelected(index)
        if not selected or index.data(Qt.ItemDataRole.BackgroundRole) is None:
            super().paint(painter, option, index)
            return
        from PySide6.QtWidgets import QStyle  # noqa: PLC0415  (see above)

        plain = QStyleOptionViewItem(option)
        plain.state &= ~QStyle.StateFlag.State_Selected
        super().paint(painter, plain, index)
        rect = option.rect
        painter.save()
        painter.setPen(QPen(QColor(SELECTION_FRAME), 3))
        painter.drawLine(rect.left(), rect.top() + 1, rect.right(), rect.top() + 1)
        painter.drawLine(rect.left(), rect.bottom() - 1, rect.right(), rect.bottom() - 1)
        painter.restore()


class RegisterTable(QTableView):
    def __init__(
        self,
        model: RowTableModel,
        proxy: FilterProxy,
        name: str,
        parent: QWidget | None = None,
        sort_column: int | None = 0,
    ):
        super().__init__(parent)
        self.setObjectName(f"table_{name}")
        self._settings_key = f"tables/{name}/header"
        proxy.setSourceModel(model)
        self.setModel(proxy)
        self.setSortingEnabled(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAlternatingRowColors(True)
        # Only cells with a colour of their own need `KeepColours`; the rest are painted by
        # Qt's own delegate without a call into Python per cell (a big register repaints
        # some 250 cells per keystroke of its search).
        colours = KeepColours(self)
        for position, column in enumerate(model.columns):
            if column.background is not None:
                self.setItemDelegateForColumn(position, colours)
        self.setWordWrap(False)
        self.setTabKeyNavigation(False)  # Tab leaves the table, arrows move within it
        self.verticalHeader().hide()
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._column_menu)
        header.setToolTip("Right-click to choose the columns shown")
        for position, column in enumerate(model.columns):
            self.setColumnHidden(position, not column.visible)
        # None keeps the order the service gave (e.g. chair first, then members).
        self.sortByColumn(-1 if sort_column is None else sort_column, Qt.SortOrder.AscendingOrder)
        state = QSettings().value(self._settings_key)
        if state is not None:
            header.restoreState(state)
        # Saved a moment after the user stops dragging or sorting: writing the settings file on
        # every resize signal made opening a page slow.
        self._save_timer = QTimer(self)
        self._save_timer.setSingleShot(True)
        self._save_timer.setInterval(400)
        self._save_timer.timeout.connect(self._save_header)
        self._fitting = False
        header.sectionResized.connect(self._header_changed)
        header.sectionMoved.connect(self._header_changed)
        header.sortIndicatorChanged.connect(self._header_changed)

    def _header_changed(self, *_args) -> None:
        if not self._fitting:
            self._save_timer.start()

    def _save_header(self) -> None:
        QSettings().setValue(self._settings_key, self.horizontalHeader().saveState())

    def column_menu(self) -> QMenu:
        """The column chooser (also reachable from the page's 'Columns' button, by keyboard)."""
        menu = QMenu(self)
        menu.setAccessibleName("Columns shown")
        model = self.model().sourceModel()
        for position, column in enumerate(model.columns):
            action = QAction(column.title, menu)
            action.setCheckable(True)
            action.setChecked(not self.isColumnHidden(position))
            action.toggled.connect(lambda shown, p=position: self._show_column(p, shown))
            menu.addAction(action)
        return menu

    def _show_column(self, position: int, shown: bool) -> None:
        self.setColumnHidden(position, not shown)
        self._save_header()

    def _column_menu(self, point: QPoint) -> None:
        self.column_menu().exec(self.horizontalHeader().mapToGlobal(point))

    def fit_columns(self, maximum: int = 320) -> None:
        """Size columns to their contents (capped), unless the user has sized them already."""
        if QSettings().contains(self._settings_key):
            return
        self._fitting = True
        try:
            self.resizeColumnsToContents()
            header = self.horizontalHeader()
            for position in range(header.count()):
                if header.sectionSize(position) > maximum:
                    header.resizeSection(position, maximum)
        finally:
            self._fitting = False
