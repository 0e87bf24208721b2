"""A table whose rows are put in order by dragging them or by keyboard (Ctrl+Up, Ctrl+Down).

The table never moves rows itself: it asks (`move_requested(from_row, to_row)`), the page
stores the new order through a service, and the rows come back in their new order. So a drag
and a key press take the same path, and a refused move (locked minutes) changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QByteArray, QMimeData, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

from partnerboard.ui.table_model import Column, RowTableModel

MIME_TYPE = "application/x-partnerboard-row"
Index = QModelIndex | QPersistentModelIndex


class ReorderModel(RowTableModel):
    """Rows that can be dragged; a drop asks for a move instead of moving anything."""

    row_moved = Signal(int, int)  # from row, to row (the row's index after the move)

    def flags(self, index: Index) -> Qt.ItemFlag:
        base = super().flags(index)
        if index.isValid():
            return base | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return base | Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802 (Qt's name)
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = sorted({i.row() for i in indexes if i.isValid()})
        data.setData(MIME_TYPE, QByteArray(str(rows[0] if rows else -1).encode("ascii")))
        return data

    def dropMimeData(  # noqa: N802
        self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index
    ) -> bool:
        if action != Qt.DropAction.MoveAction or not data.hasFormat(MIME_TYPE):
            return False
        source = int(bytes(data.data(MIME_TYPE).data()).decode("ascii") or -1)
        if not 0 <= source < self.rowCount():
            return False
        if parent.isValid():  # dropped onto a row: take its place
            target = parent.row()
        elif row < 0:  # dropped below the last row
            target = self.rowCount() - 1
        else:  # dropped between rows: `row` is the row it lands before
            target = row - 1 if row > source else row
        if target != source:
            self.row_moved.emit(source, target)
        # False: the view must not remove the dragged row; the page reloads the new order.
        return False


class ReorderTable(QTableView):
    move_requested = Signal(int, int)

    def __init__(self, columns: Sequence[Column[Any]], name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"table_{name}")
        self.rows_model = ReorderModel(columns)
        self.setModel(self.rows_model)
        self.rows_model.row_moved.connect(self.move_requested)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setAlternatingRowColors(True)
        self.setTabKeyNavigation(False)
        self.setWordWrap(False)
        self.verticalHeader().hide()
        header = self.horizontalHeader()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for position, column in enumerate(columns):
            self.setColumnHidden(position, not column.visible)

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def select(self, row: int) -> None:
        if 0 <= row < self.rows_model.rowCount():
            self.selectRow(row)
            self.setCurrentIndex(self.rows_model.index(row, 0))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        row = self.current_row()
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and row >= 0:
            if event.key() == Qt.Key.Key_Up and row > 0:
                self.move_requested.emit(row, row - 1)
                return
            if event.key() == Qt.Key.Key_Down and row < self.rows_model.rowCount() - 1:
                self.move_requested.emit(row, row + 1)
                return
        super().keyPressEvent(event)

    def fit_columns(self, maximum: int = 360) -> None:
        self.resizeColumnsToContents()
        header = self.horizontalHeader()
        for position in range(header.count()):
            if header.sectionSize(position) > maximum:
                header.resizeSection(position, maximum)
