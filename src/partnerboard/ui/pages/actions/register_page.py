"""The action register: filters over a table of every action, the chosen action in full.

`context.open_page("actions", **options)` opens it filtered; options are the fields of
`ActionFilter` (board_id, workstream_id, lead_person_id, agency_id, rags or rag, show,
overdue, due_within, text, action_ids) plus `action_id` to select one action. Filters not
named are reset. E.g. a meeting's actions arising:
`context.open_page("actions", action_ids=ids, show="all")`.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from PySide6.QtCore import Qt
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
from partnerboard.services import actions
from partnerboard.services.actions.choices import choice_lists
from partnerboard.services.actions.filtering import ActionFilter, Show
from partnerboard.services.actions.register import changed_rows, finished_rows
from partnerboard.services.actions.rows import ActionRow
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


class ActionsPage(Page):
    key = "actions"
    title = "Action log"
    tables = frozenset({"action", "action_update", "action_event", *NAME_TABLES})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._full_reload = True
        self._changed_actions: set[int] = set()
        self._changed_updates: set[int] = set()
        self._changed_events: set[int] = set()
        self._selecting = False
        self._finished_loaded = False

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

    def refresh(self) -> None:
        keep = self.current_id()
        if self._full_reload or not self.model.all_rows():
            # Finished actions accumulate over the years; they are read when first asked for.
            wanted_all = self.model.current_filter.show != Show.OPEN
            rows = actions.list_actions(self.db, include_closed=wanted_all)
            self._finished_loaded = wanted_all
            self._refresh_choices(rows)
            self.model.load(rows, self.db.clock.today())
            self.table.fit_columns()
        else:
            self._refresh_changed()
        self._full_reload = False
        self._changed_actions.clear()
        self._changed_updates.clear()
        self._changed_events.clear()
        if keep is not None:
            self.select_id(keep, load=not self.detail.dirty)
        self._update_count()

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
        shown, total = self.model.rowCount(), len(self.model.all_rows())
        what = "actions" if self._finished_loaded else "open actions"
        self.count_label.setText(f"{shown} of {total} {what}")

    # ------------------------------------------------------------ filtering and selection
    def _filter_changed(self, wanted: ActionFilter) -> None:
        keep = self.current_id()
        if wanted.show != Show.OPEN and not self._finished_loaded and self.model.all_rows():
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
        if position is None:
            return False
        other = self.detail.detail is None or self.detail.detail.id != action_id
        if load and other and not unsaved.settle(self, self.detail):
            return False
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
