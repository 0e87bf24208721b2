"""A list of options with a check box each (e.g. the agencies involved in a review).

Keyboard: arrows move, Space ticks or unticks. A form field through `Form.custom`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QAbstractItemView, QListView, QWidget


class CheckList(QListView):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None, visible_rows: int = 6):
        super().__init__(parent)
        self._model = QStandardItemModel(self)
        self.setModel(self._model)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        # Long agency names scroll sideways instead of widening the whole form.
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setMinimumWidth(120)
        self.setFixedHeight(self.fontMetrics().height() * visible_rows + 16)
        self._loading = False
        self._model.itemChanged.connect(self._item_changed)

    def _item_changed(self, _item: QStandardItem) -> None:
        if not self._loading:
            self.changed.emit()

    def set_options(self, options: Iterable[tuple[Any, str]]) -> None:
        """Refill the list, keeping the ticks of options still offered."""
        kept = set(self.checked_values())
        self._loading = True
        try:
            self._model.clear()
            for value, label in options:
                item = QStandardItem(label)
                item.setData(value, Qt.ItemDataRole.UserRole)
                item.setCheckable(True)
                item.setEditable(False)
                item.setCheckState(
                    Qt.CheckState.Checked if value in kept else Qt.CheckState.Unchecked
                )
                self._model.appendRow(item)
        finally:
            self._loading = False

    def _items(self) -> list[QStandardItem]:
        return [self._model.item(row) for row in range(self._model.rowCount())]

    def checked_values(self) -> list[Any]:
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in self._items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def form_value(self) -> Any:
        return self.checked_values()

    def set_form_value(self, values: Sequence[Any] | None) -> None:
        self.set_checked(values)

    def set_checked(self, values: Sequence[Any] | None) -> None:
        wanted = set(values or ())
        self._loading = True
        try:
            for item in self._items():
                checked = item.data(Qt.ItemDataRole.UserRole) in wanted
                item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        finally:
            self._loading = False

    def checked_labels(self) -> list[str]:
        return [i.text() for i in self._items() if i.checkState() == Qt.CheckState.Checked]
