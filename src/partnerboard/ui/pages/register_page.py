"""A register page: a searchable table on the left, the selected record's form on the right.

Subclasses say what the rows are (columns, how to load them), what the form holds and how
to save and (de)activate a record; this class does the rest the same way on every register:
search, 'show deactivated', New / Save / Deactivate with keyboard shortcuts, messages beside
fields, the question before unsaved edits are left (`ui.unsaved`: Save / Discard / Cancel), and
keeping the selection across refreshes.

A page that names `row_table` refreshes only the rows a commit names (`refresh_rows`): an edit
elsewhere reloads one row, not the register; a change that does not say which rows, or touches
another table the page shows, reloads everything as before.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any, ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.changes import Changes
from partnerboard.domain.access import Permission
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

# At most this many rows named by a commit are refreshed one by one; more: the whole list.
FEW_ROWS = 100


class RegisterPage(Page):
    noun: ClassVar[str] = "record"  # "agency", "person" ... for buttons and messages
    plural: ClassVar[str] = "records"
    # Who may add and change these records (`domain.access.PERMISSIONS`); others read them.
    edit_permission: ClassVar[Permission] = Permission.EDIT_RECORDS
    # The table whose records are the rows (with `load_rows_by_id` and `row_place`): a commit
    # naming only its ids (and `row_parts`) refreshes just those rows. None: always reload all.
    row_table: ClassVar[str | None] = None
    # Tables holding parts of a row, written together with it (an escalation's steps): covered
    # when the row's own ids are named, reloaded with the row.
    row_parts: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.editing_id: int | None = None
        self.editing_version: int | None = None
        self._selecting = False

        self.model: RowTableModel = RowTableModel(self.columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, self.key)
        self.table.setAccessibleName(f"{self.title} table")
        self.proxy.set_predicate(
            "active", lambda row: self.show_inactive.isChecked() or self.row_is_active(row)
        )

        self.search = QLineEdit()
        self.search.setPlaceholderText(f"Search {self.plural}…")
        self.search.setAccessibleName(f"Search {self.plural}")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(140)
        self.search.textChanged.connect(self.proxy.set_text)
        self.show_inactive = QCheckBox("Show &deactivated")
        self.show_inactive.setAccessibleName("Show deactivated")
        self.show_inactive.toggled.connect(self._toggle_inactive)
        self.columns_button = QPushButton("Colu&mns…")
        self.columns_button.setAccessibleName("Choose columns")
        self.columns_button.clicked.connect(
            lambda: self.table.column_menu().exec(
                self.columns_button.mapToGlobal(self.columns_button.rect().bottomLeft())
            )
        )
        self.count_label = QLabel()
        self.count_label.setAccessibleName(f"Number of {self.plural} shown")
        for signal in (
            self.proxy.rowsInserted,
            self.proxy.rowsRemoved,
            self.proxy.modelReset,
            self.proxy.layoutChanged,
        ):
            signal.connect(self._update_count)

        self.new_button = QPushButton(f"&New {self.noun}")
        self.new_button.setAccessibleName(f"New {self.noun}")
        self.new_button.clicked.connect(lambda: self.start_new())
        self.save_button = QPushButton("&Save")
        self.save_button.setAccessibleName(f"Save {self.noun}")
        self.save_button.clicked.connect(self.save)
        self.active_button = QPushButton("Deac&tivate")
        self.active_button.setAccessibleName(f"Deactivate {self.noun}")
        self.active_button.clicked.connect(self.toggle_active)
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        self.form = Form()
        self.build_form(self.form)
        self.editor = unsaved.FormEditor([self.form], self._unsaved_what, self.save, self.discard)

        self._layout_page()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, activated=lambda: self.start_new())
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        self.start_new(ask=False)
        self.may_edit = self.only_for(
            self.edit_permission, self.new_button, self.save_button, self.active_button
        )
        if not self.may_edit:  # read, not type into a form that cannot be saved
            self.form.setEnabled(False)

    # ------------------------------------------------------------ to provide in subclasses
    def columns(self) -> list[Column]:
        raise NotImplementedError

    def load_rows(self) -> list[Any]:
        raise NotImplementedError

    def build_form(self, form: Form) -> None:
        raise NotImplementedError

    def row_values(self, row: Any) -> dict[str, Any]:
        raise NotImplementedError

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> Any:
        raise NotImplementedError

    def set_active(self, record_id: int, active: bool) -> Any:
        raise NotImplementedError

    def load_rows_by_id(self, ids: Collection[int]) -> list[Any]:
        """The rows of these records as `load_rows` gives them (missing: gone or not visible)."""
        raise NotImplementedError

    def row_place(self, row: Any) -> Any:
        """What puts a row where it is in `load_rows`'s order (e.g. its name)."""
        raise NotImplementedError

    def row_label(self, row: Any) -> str:
        return str(getattr(row, "name", ""))

    def row_is_active(self, row: Any) -> bool:
        return bool(getattr(row, "active", True))

    def new_record_values(self) -> dict[str, Any]:
        """What the form holds for a new record (defaults)."""
        return {}

    def extra_panel(self) -> QWidget | None:
        """Anything shown under the form (e.g. a board's members)."""
        return None

    def filter_widgets(self) -> list[QWidget]:
        """Extra filters for the toolbar (each sets a predicate on `self.proxy`)."""
        return []

    def record_loaded(self, row: Any | None) -> None:
        """Called after the form shows `row` (None: a new record)."""

    # ------------------------------------------------------------ layout
    def _layout_page(self) -> None:
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 2)
        for widget in self.filter_widgets():
            toolbar.addWidget(widget)
        toolbar.addWidget(self.show_inactive)
        footer = QHBoxLayout()
        footer.addWidget(self.new_button)
        footer.addWidget(self.columns_button)
        footer.addStretch(1)
        footer.addWidget(self.count_label)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(toolbar)
        left_box.addWidget(self.table)
        left_box.addLayout(footer)

        editor = QWidget()
        editor_box = QVBoxLayout(editor)
        editor_box.addWidget(self.form_title)
        editor_box.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.active_button)
        buttons.addStretch(1)
        editor_box.addLayout(buttons)
        extra = self.extra_panel()
        if extra is not None:
            editor_box.addWidget(extra)
        editor_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(360)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 470])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    # ------------------------------------------------------------ behaviour
    def refresh(self) -> None:
        keep = self.editing_id
        self._selecting = True
        try:
            self.model.set_rows(self.load_rows())
        finally:
            self._selecting = False
        self.table.fit_columns()
        self._update_count()
        if keep is not None:
            self.select_id(keep, load=not self.dirty)

    def changed_rows(self, changes: Changes) -> frozenset[int] | None:
        """The ids of the rows a commit changed, when that is all it changed that this page
        shows; None when the whole list must be loaded again."""
        if self.row_table is None:
            return None
        touched = changes.tables & self.tables
        ids = changes.ids_by_table.get(self.row_table)
        if not ids or not touched <= {self.row_table, *self.row_parts}:
            return None
        return ids

    def _on_changes(self, changes: Changes) -> None:
        # A hidden page reloads when next shown, as before; a commit naming many rows (an
        # import) reloads the list, which is then the cheaper read.
        ids = self.changed_rows(changes)
        if (
            ids is not None
            and len(ids) <= FEW_ROWS
            and self.isVisible()
            and self._ever_loaded
            and not self._stale
        ):
            self.refresh_rows(ids)
        else:
            super()._on_changes(changes)

    def refresh_rows(self, ids: Collection[int]) -> None:
        """Reload only these records' rows (the selection and scroll stay), or everything
        when the page cannot (no `row_table`, a new row, a row moving in the order)."""
        if self.row_table is None:
            self.refresh()
            return
        fresh = {row.id: row for row in self.load_rows_by_id(ids)}
        named = {record_id: fresh.get(record_id) for record_id in ids}
        if not self.model.replace_rows(named, key=lambda row: row.id, place=self.row_place):
            self.refresh()
            return
        self.table.fit_columns()
        self._update_count()

    def _update_count(self, *_args) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            f"{shown} of {total} {self.plural}"
            if shown != total
            else f"{total} {self.noun if total == 1 else self.plural}"
        )

    def _toggle_inactive(self) -> None:
        self.proxy.refilter()
        self._update_count()

    # ------------------------------------------------------------ unsaved work
    @property
    def dirty(self) -> bool:
        return self.form.is_dirty()

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def _unsaved_what(self) -> str:
        if self.editing_id is None:
            return f"the new {self.noun}"
        position = self.model.position_of(lambda r: r.id == self.editing_id)
        label = self.row_label(self.model.row(position)) if position is not None else ""
        return f"your changes to {label or 'this ' + self.noun}"

    def discard(self) -> None:
        """Drop unsaved edits: the stored record again (or an empty new one)."""
        if self.editing_id is None:
            self.start_new(ask=False)
        else:
            self.reload_record()

    def select_id(self, record_id: int, load: bool = True) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            row = self.proxy.row_at(proxy_row)
            if getattr(row, "id", None) == record_id:
                self._selecting = not load
                try:
                    self.table.selectRow(proxy_row)
                    self.table.scrollTo(self.proxy.index(proxy_row, 0))
                finally:
                    self._selecting = False
                return True
        return False

    def _row_changed(self, current, previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.proxy.row_at(current.row())
        if row is None or getattr(row, "id", None) == self.editing_id:
            return
        wanted = row.id
        if not unsaved.settle(self, self.editor):
            self._selecting = True
            try:
                if self.editing_id is not None:
                    self.select_id(self.editing_id, load=False)
                else:
                    self.table.clearSelection()
            finally:
                self._selecting = False
            return
        # A save or a discard may have reloaded the rows: open the one chosen afresh.
        position = self.model.position_of(lambda r: r.id == wanted)
        if position is not None:
            self.select_id(wanted, load=False)
            self.load_record(self.model.row(position))

    def load_record(self, row: Any) -> None:
        self.editing_id = row.id
        self.editing_version = getattr(row, "row_version", None)
        self.form.load(self.row_values(row))
        self.form_title.setText(f"<h3>{_escape(self.row_label(row))}</h3>")
        active = bool(getattr(row, "active", True))
        self.active_button.setText("Deac&tivate" if active else "Reac&tivate")
        self.active_button.setAccessibleName(
            f"{'Deactivate' if active else 'Reactivate'} {self.noun}"
        )
        self.active_button.setEnabled(True)
        self.record_loaded(row)

    def start_new(self, ask: bool = True) -> None:
        if ask and not getattr(self, "may_edit", True):
            return
        if ask and not unsaved.settle(self, self.editor):
            return
        self.editing_id = None
        self.editing_version = None
        self.form.load(self.new_record_values())
        self.form_title.setText(f"<h3>New {self.noun}</h3>")
        self.active_button.setEnabled(False)
        self._selecting = True
        self.table.clearSelection()
        self._selecting = False
        self.record_loaded(None)
        if ask:
            first = self.form.field(self.form.keys()[0])
            first.setFocus()

    def save(self) -> bool:
        """Save the form; False (with the reasons shown) when nothing was saved."""
        if not self.may_edit:
            return False
        try:
            row = self.save_values(self.form.values(), self.editing_id, self.editing_version)
        except ValidationFailed as failed:
            self.form.refuse(failed, self, f"Cannot save this {self.noun}", self.context.status)
            return False
        except StaleRecord as stale:
            # Nothing was overwritten; offer their version (the user's edits stay otherwise).
            if dialogs.confirm(
                self, f"{self.noun.capitalize()} changed by someone else", str(stale), yes="Reload"
            ):
                self.reload_record()
            return False
        except UserError as problem:
            dialogs.show_problem(self, f"Cannot save this {self.noun}", str(problem))
            return False
        self.editing_id = row.id
        self.refresh_rows({row.id})
        self.select_id(row.id)
        self.load_record(row)
        self.context.status(f"Saved {self.row_label(row)}.")
        return True

    def reload_record(self) -> None:
        """Show the stored version of the record being edited, dropping unsaved edits."""
        keep = self.editing_id
        self.refresh()
        position = self.model.position_of(lambda r: r.id == keep)
        if position is None:
            self.start_new(ask=False)
            return
        self.select_id(keep, load=False)
        self.load_record(self.model.row(position))
        self.context.status(f"Reloaded {self.row_label(self.model.row(position))}.")

    def toggle_active(self) -> None:
        if self.editing_id is None or not unsaved.settle(self, self.editor):
            return
        position = self.model.position_of(lambda r: r.id == self.editing_id)
        row = self.model.row(position) if position is not None else None
        active = bool(getattr(row, "active", True))
        label = self.row_label(row) if row is not None else self.noun
        if active and not dialogs.confirm(
            self,
            f"Deactivate {self.noun}",
            f"Deactivate {label}? It stays in the records that mention it, but is no longer offered "
            "in lists. You can reactivate it later.",
            yes="Deactivate",
        ):
            return
        try:
            updated = self.set_active(self.editing_id, not active)
        except UserError as problem:
            dialogs.show_problem(self, f"Cannot change this {self.noun}", str(problem))
            return
        self.refresh_rows({updated.id})
        if not self.select_id(updated.id):
            self.start_new(ask=False)
        else:
            self.load_record(updated)
        self.context.status(f"{'Deactivated' if active else 'Reactivated'} {label}.")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
