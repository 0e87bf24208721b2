"""A record's history from the audit trail, for register pages to embed under their form.

    self.history = RecordHistory(context)
    ...                                   # in record_loaded(row):
    self.history.show_record("agency", row.id) if row else self.history.clear()

Newest change first: when (local time), who, what, and the fields before → after. It reloads
itself when a commit touches the record's table. Restricted records follow the principal's
role (`services.audit.record_history`).
"""

from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QLabel, QTableView, QVBoxLayout, QWidget

from partnerboard.db.changes import Changes
from partnerboard.errors import UserError
from partnerboard.services.audit import HistoryRow, record_history
from partnerboard.ui.context import AppContext
from partnerboard.ui.table_model import Column, RowTableModel


class RecordHistory(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.table_name: str | None = None
        self.record_id: int | str | None = None
        self.setObjectName("recordHistory")
        self.heading = QLabel("<b>History</b>")
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("History note")
        self.model: RowTableModel[HistoryRow] = RowTableModel(
            [
                Column("at", "When", lambda r: r.at),
                Column("who", "Who", lambda r: r.who),
                Column("what", "What", lambda r: r.action_label),
                Column("changes", "Changes", lambda r: r.summary()),
            ]
        )
        self.view = QTableView()
        self.view.setObjectName("historyTable")
        self.view.setAccessibleName("History of this record")
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setTabKeyNavigation(False)
        self.view.verticalHeader().hide()
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.setWordWrap(True)  # the changes in words, read whole
        self.view.setMinimumHeight(140)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.heading)
        box.addWidget(self.note)
        box.addWidget(self.view)
        context.subscribe(self._on_changes)
        self.clear()

    def rows(self) -> list[HistoryRow]:
        return self.model.rows()

    def show_record(self, table: str, record_id: int | str) -> None:
        self.table_name, self.record_id = table, record_id
        self.reload()

    def clear(self) -> None:
        self.table_name = self.record_id = None
        self.model.set_rows([])
        self.note.setText("Choose a record to see who changed what, and when.")

    def reload(self) -> None:
        if self.table_name is None or self.record_id is None:
            return
        try:
            rows = record_history(self.context.db, self.table_name, self.record_id)
        except UserError as problem:
            self.model.set_rows([])
            self.note.setText(str(problem))
            return
        self.model.set_rows(rows)
        self.note.setText(
            f"{len(rows)} change{'s' if len(rows) != 1 else ''} recorded."
            if rows
            else "No changes recorded (made before the audit trail began)."
        )
        # When, who and what as wide as they need; the changes take the rest and wrap.
        for column in range(self.model.columnCount() - 1):
            self.view.resizeColumnToContents(column)
        self.view.resizeRowsToContents()

    def _on_changes(self, changes: Changes) -> None:
        if self.table_name is not None and changes.touches(self.table_name):
            self.reload()
