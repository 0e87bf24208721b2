"""The action register: filters over a table of every action, the chosen action in full.

`context.open_page("actions", **options)` opens it filtered; options are the fields of
`ActionFilter` (board_id, workstream_id, lead_person_id, agency_id, rags or rag, show,
overdue, due_within, text, action_ids) plus `action_id` to select one action. Filters not
named are reset. E.g. a meeting's actions arising:
`context.open_page("actions", action_ids=ids, show="all")`.

A big log opens in two steps: the first screenful of rows (`first_actions`, a few
milliseconds) is painted at once, and every row is then read off the GUI thread
(`ui.operations`). Until they are all in, the count says so ("First 100 of 80,211 open
actions; reading the rest…"); filters, searches and sorts apply to the rows read so far
(every row shown matches, and the count says they come from the first ones); an action asked
for is selected once it is read; changes committed meanwhile are applied when the rows are
in; the export (which writes the rows shown) waits for them.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.changes import Changes
from partnerboard.domain.access import Permission
from partnerboard.services.actions.choices import choice_lists
from partnerboard.services.actions.filtering import ActionFilter, Show
from partnerboard.services.actions.register import (
    changed_rows,
    finished_rows,
    first_actions,
    list_actions,
)
from partnerboard.services.actions.rows import ActionRow
from partnerboard.services.actions.search_index import SearchIndex
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.actions.columns import register_columns
from partnerboard.ui.pages.actions.detail_pane import DetailPane
from partnerboard.ui.pages.actions.filters import FilterBar
from partnerboard.ui.pages.actions.model import ActionTableModel, PassThroughProxy
from partnerboard.ui.pages.base import Page
from partnerboard.ui.widgets.table_view import RegisterTable

FILTER_FIELDS = {f.name for f in fields(ActionFilter)}
NAME_TABLES = ("workstream", "person", "agency", "board")
# If the page is not painted this soon after a load starts (hidden, minimised), the rest of
# the rows are read anyway.
READ_REST_AFTER_MS = 300


def _read_all(db, include_closed: bool) -> tuple[list[ActionRow], SearchIndex]:
    """Every row of the register and the index of their search texts (off the GUI thread)."""
    rows = list_actions(db, include_closed=include_closed)
    return rows, SearchIndex(rows)


class AfterFirstPaint(QObject):
    """Calls `then` once, just after `widget` next paints (or after READ_REST_AFTER_MS):
    the rest of the register is read once the first rows are on the screen, so that the
    reading thread does not hold up their painting."""

    def __init__(self, widget: QWidget, then) -> None:
        super().__init__(widget)
        self._widget, self._then = widget, then
        widget.installEventFilter(self)
        QTimer.singleShot(READ_REST_AFTER_MS, self, self._fire)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._fire)  # once this paint is done
        return False

    def _fire(self) -> None:
        then, self._then = self._then, None
        if then is not None:
            self._widget.removeEventFilter(self)
            self.deleteLater()
            then()


class ActionsPage(Page):
    key = "actions"
    title = "Action log"
    tables = frozenset({"action", "action_update", "action_event", *NAME_TABLES})
    # Rows painted before the whole register is read (a tall screen shows some 40).
    first_rows = 100
    # Every row of the register is in the table (after the first rows, when it is big).
    all_read = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._full_reload = True
        self._changed_actions: set[int] = set()
        self._changed_updates: set[int] = set()
        self._changed_events: set[int] = set()
        self._selecting = False
        self._finished_loaded = False
        # While the rest of the register is being read: which reading (a newer one replaces
        # it), how many rows it will bring, and an action asked for that is not read yet.
        self._reading: int | None = None
        self._readings = 0
        self._total = 0
        self._select_when_read: int | None = None

        self.model = ActionTableModel(register_columns(self.db.clock.today), self.db.clock.today())
        self.proxy = PassThroughProxy(self)
        self.table = RegisterTable(self.model, self.proxy, self.key, sort_column=None)
        self.table.setAccessibleName("Actions table")
        # Size columns from the rows in view only: measuring 100,000 rows would take seconds.
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.filters = FilterBar()
        self.filters.changed.connect(self._filter_changed)
        self.detail = DetailPane(self.db, context.status)
        self.detail.saved.connect(self._saved)
        self.count_label = QLabel()
        self.count_label.setAccessibleName("Number of actions shown")
        self.model.modelReset.connect(self._update_count)
        self.model.layoutChanged.connect(self._update_count)

        self.new_button = QPushButton("&New action")
        self.new_button.setAccessibleName("New action")
        self.new_button.clicked.connect(self.start_new)
        self.columns_button = QPushButton("Colu&mns…")
        self.columns_button.setAccessibleName("Choose columns")
        self.columns_button.clicked.connect(
            lambda: self.table.column_menu().exec(
                self.columns_button.mapToGlobal(self.columns_button.rect().bottomLeft())
            )
        )
        self.export_button = QPushButton("E&xport to Excel…")
        self.export_button.setAccessibleName("Export the actions shown to Excel")
        self.export_button.clicked.connect(self.export_view)
        self.more_button = QPushButton("Mo&re")
        self.more_button.setAccessibleName("More: report, import, templates")
        more = QMenu(self.more_button)
        more.setAccessibleName("More")
        self.report_action = more.addAction("Action &report (PDF) of the actions shown…")
        self.report_action.triggered.connect(self.report_pdf)
        self.import_action = more.addAction("&Import an existing action log…")
        self.import_action.triggered.connect(self.import_log)
        self.templates_action = more.addAction("Update &templates and chasers for partners…")
        self.templates_action.triggered.connect(self.send_templates)
        self.more_button.setMenu(more)
        # Others read, export and print (`domain.access.PERMISSIONS`).
        self.only_for(Permission.EDIT_RECORDS, self.new_button)
        self.only_for(Permission.IMPORT_RETURNS, self.import_action)
        self.only_for(Permission.GENERATE_TEMPLATES, self.templates_action)
        self._layout_page()
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        QShortcut(QKeySequence.StandardKey.Find, self, activated=self.filters.search.setFocus)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.start_new)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.detail.save)

    def _layout_page(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.filters)
        box.addWidget(self.table, 1)
        footer = QHBoxLayout()
        for button in (self.new_button, self.columns_button, self.export_button, self.more_button):
            footer.addWidget(button)
        footer.addStretch(1)
        footer.addWidget(self.count_label)
        box.addLayout(footer)
        self.detail.setMinimumWidth(360)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([760, 460])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addWidget(splitter)

    # ------------------------------------------------------------ loading
    def _on_changes(self, changes: Changes) -> None:
        if changes.touches(*NAME_TABLES):
            self._full_reload = True
        self._changed_actions |= changes.ids_by_table.get("action", frozenset())
        self._changed_updates |= changes.ids_by_table.get("action_update", frozenset())
        self._changed_events |= changes.ids_by_table.get("action_event", frozenset())
        super()._on_changes(changes)

    @property
    def loading(self) -> bool:
        """True while the rest of the register is being read (the first rows are shown)."""
        return self._reading is not None

    def refresh(self) -> None:
        keep = self.current_id()
        if self._full_reload or not self.model.count_all():
            self._start_reading()
        elif self.loading:
            return  # what changed is applied once every row is read (`_all_read`)
        else:
            self._refresh_changed()
        self._full_reload = False
        self._changed_actions.clear()
        self._changed_updates.clear()
        self._changed_events.clear()
        if keep is not None:
            self.select_id(keep, load=not self.detail.dirty)
        self._update_count()

    def _start_reading(self) -> None:
        """Show the first rows now; read the rest off the GUI thread once they are painted."""
        # Finished actions accumulate over the years; they are read when first asked for.
        wanted_all = self.model.current_filter.show != Show.OPEN
        self._readings += 1
        reading = self._readings
        opening = first_actions(self.db, wanted_all, self.first_rows)
        self._finished_loaded = wanted_all
        self._total = opening.total
        self._refresh_choices(opening.rows)
        self.model.load(opening.rows, self.db.clock.today())
        self.table.fit_columns()
        if len(opening.rows) >= opening.total:
            self._reading = None
            self._show_reading()
            self.all_read.emit()
            return
        self._reading = reading
        self._show_reading()
        db = self.db

        def read_rest() -> None:
            if self._reading == reading:
                self.context.operations.run(
                    lambda _progress, _cancel: _read_all(db, wanted_all),
                    lambda read: self._all_read(reading, *read),
                    label="Reading the action log…",
                    progress=False,
                    on_error=lambda _error: self._read_failed(reading),
                )

        if self.context.operations.synchronous or not self.isVisible():
            read_rest()
        else:
            AfterFirstPaint(self.table.viewport(), read_rest)

    def _all_read(self, reading: int, rows: list[ActionRow], index: SearchIndex) -> None:
        if reading != self._reading:
            return  # a newer reading replaced this one
        self._reading = None
        keep = self._select_when_read or self.current_id()
        self._select_when_read = None
        self._refresh_choices(rows)
        self.model.load(rows, self.db.clock.today(), index)
        if self._changed_actions or self._changed_updates or self._changed_events:
            self._refresh_changed()  # committed while the rows were being read
            self._changed_actions.clear()
            self._changed_updates.clear()
            self._changed_events.clear()
        self._show_reading()
        if keep is not None:
            other = self.detail.detail is None or self.detail.detail.id != keep
            self.select_id(keep, load=other and not self.detail.dirty)
        self._update_count()
        self.all_read.emit()

    def _read_failed(self, reading: int) -> bool:
        """The reading failed (the operations show why): the next refresh reads again."""
        if reading == self._reading:
            self._reading = None
            self._full_reload = True
            self._show_reading()
            self._update_count()
        return False

    def _show_reading(self) -> None:
        reading = self.loading
        self.export_button.setEnabled(not reading)
        self.export_button.setToolTip(
            "Available once every action is read" if reading else "Export the actions shown"
        )

    def _refresh_changed(self) -> None:
        """Reload only the actions a commit touched (a save must not reread 100,000 rows)."""
        fresh = changed_rows(
            self.db, self._changed_actions, self._changed_updates, self._changed_events
        )
        self.model.replace_rows(fresh)

    def _refresh_choices(self, rows: list[ActionRow]) -> None:
        lists = choice_lists(self.db)
        leading = {row.lead_person_id for row in rows} - {None}
        leads = sorted(
            ((i, lists.people_names[i]) for i in leading if i in lists.people_names),
            key=lambda item: item[1].casefold(),
        )
        self.filters.set_choices(lists.boards, lists.workstreams, leads, lists.agencies)
        self.detail.set_choices(
            {
                "workstream_id": lists.workstreams,
                "lead_person_id": lists.people,
                "lead_agency_id": lists.agencies,
                "board_id": lists.boards,
            },
            lists.person_agency,
        )

    def _update_count(self, *_args) -> None:
        shown, read = self.model.rowCount(), self.model.count_all()
        what = "actions" if self._finished_loaded else "open actions"
        if not self.loading:
            self.count_label.setText(f"{shown:,} of {read:,} {what}")
        elif self._narrowed():
            self.count_label.setText(
                f"{shown:,} of the first {read:,} match; reading all {self._total:,}…"
            )
        else:
            self.count_label.setText(f"First {read:,} of {self._total:,} {what}; reading the rest…")

    def _narrowed(self) -> bool:
        wanted = self.model.current_filter
        return bool(wanted.words) or wanted.structural() != ActionFilter(show=wanted.show)

    # ------------------------------------------------------------ filtering and selection
    def _filter_changed(self, wanted: ActionFilter) -> None:
        keep = self.current_id()
        if wanted.show != Show.OPEN and not self._finished_loaded and self.model.count_all():
            if self.loading:  # read them all again, finished ones too
                self.model.set_filter(wanted)
                self._start_reading()
                self._update_count()
                return
            self.model.replace_rows(finished_rows(self.db))
            self._finished_loaded = True
        self.model.set_filter(wanted)
        if keep is not None:
            self.select_id(keep, load=False)

    def open_with(self, **options: Any) -> None:
        self.ensure_loaded()
        action_id = options.pop("action_id", None)
        if "rag" in options:
            rag = options.pop("rag")
            options["rags"] = frozenset([rag] if isinstance(rag, str) else rag or ())
        if "rags" in options:
            options["rags"] = frozenset(options["rags"])
        if options.get("action_ids") is not None:
            options["action_ids"] = frozenset(options["action_ids"])
        unknown = set(options) - FILTER_FIELDS
        if unknown:
            raise TypeError(f"unknown action register options: {', '.join(sorted(unknown))}")
        if action_id is not None and "show" not in options:
            options["show"] = Show.ALL
        self.filters.set_value(ActionFilter(**options))
        if action_id is not None:
            self.select_id(action_id)

    def current_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid() or not self.table.selectionModel().isSelected(index):
            return self.detail.detail.id if self.detail.detail else None
        row = self.proxy.row_at(index.row())
        return row.id if row is not None else None

    def select_id(self, action_id: int, load: bool = True) -> bool:
        """Select an action (and show it, unless `load` is False: a refresh keeping edits).
        Showing another action asks about unsaved work first; False when the user stayed."""
        position = self.model.position_of_id(action_id)
        if position is None and not self.loading:
            return False
        other = self.detail.detail is None or self.detail.detail.id != action_id
        if load and other and not unsaved.settle(self, self.detail):
            return False
        if position is None:  # not read yet: shown now, selected once it is
            self._select_when_read = action_id
            self._selecting = True
            try:
                self.table.clearSelection()
            finally:
                self._selecting = False
            if load and other:
                self.detail.load(action_id)
            return True
        self._selecting = True
        try:
            self.table.selectRow(position)
            self.table.scrollTo(self.proxy.index(position, 0))
        finally:
            self._selecting = False
        if load and other:
            self.detail.load(action_id)
        return True

    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.proxy.row_at(current.row())
        if row is None or (self.detail.detail is not None and self.detail.detail.id == row.id):
            return
        wanted = row.id
        if not unsaved.settle(self, self.detail):
            shown = self.detail.detail
            self._selecting = True
            try:
                if shown is not None:
                    self.select_id(shown.id, load=False)
                else:
                    self.table.clearSelection()
            finally:
                self._selecting = False
            return
        self.select_id(wanted, load=False)
        self.detail.load(wanted)

    def editors(self) -> list[unsaved.Editor]:
        return [self.detail]

    def start_new(self) -> None:
        if not unsaved.settle(self, self.detail):
            return
        self._selecting = True
        self.table.clearSelection()
        self._selecting = False
        self.detail.show_detail(None)
        self.detail.tabs.setCurrentIndex(1)  # the details to fill in
        self.detail.form.field("text").setFocus()

    def _saved(self, action_id: int) -> None:
        # The commit's news has already refreshed the rows (incrementally); show the action.
        if not self.select_id(action_id, load=False):
            self.context.status("Saved; the action is hidden by the current filters.")

    # ------------------------------------------------------------ export
    def export_view(self) -> None:
        from partnerboard.ui.pages.actions.export_dialog import export_rows  # noqa: PLC0415

        export_rows(
            self,
            self.context,
            self.model.rows(),
            self.model.current_filter,
            self.db.clock.today(),
            self.filters.names(),
        )

    def report_pdf(self) -> None:
        from partnerboard.reports.actions import action_report  # noqa: PLC0415  (reportlab)
        from partnerboard.ui.pages.actions.export_dialog import ask_save_path  # noqa: PLC0415

        today = self.db.clock.today()
        path = ask_save_path(
            self, "Action report", f"action-report-{today.isoformat()}.pdf", "PDF (*.pdf)"
        )
        if path is None:
            return
        wanted, names, db = self.model.current_filter, self.filters.names(), self.db
        self.context.operations.run(
            lambda progress, cancel: action_report(
                db, path, wanted, names=names, progress=progress, cancel=cancel
            ),
            lambda result: self.context.status(
                f"Wrote {result.path} ({result.actions} actions, {result.pages} pages)."
            ),
            label="Writing the action report…",
        )

    def import_log(self) -> None:
        from partnerboard.ui.pages.actions.import_dialog import ImportDialog  # noqa: PLC0415

        self.import_dialog = ImportDialog(self.context, self)
        self.import_dialog.open()

    def send_templates(self) -> None:
        from partnerboard.ui.pages.actions.templates_dialog import TemplatesDialog  # noqa: PLC0415

        self.templates_dialog = TemplatesDialog(self.context, self)
        self.templates_dialog.open()
