"""A register table: sortable, one row selected at a time, columns the user can hide and show."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QMenu, QTableView, QWidget

from partnerboard.ui.table_model import FilterProxy, RowTableModel


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
        header.sectionResized.connect(self._save_header)
        header.sectionMoved.connect(self._save_header)
        header.sortIndicatorChanged.connect(self._save_header)

    def _save_header(self, *_args) -> None:
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
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for position in range(header.count()):
            if header.sectionSize(position) > maximum:
                header.resizeSection(position, maximum)
