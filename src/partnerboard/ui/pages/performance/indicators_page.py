"""The indicators of the dataset: definitions (added and changed in a dialog), each one's
figures by period with the form to record or correct them, and the actions raised from it.

Superseded versions (a changed definition started a new series) and retired indicators are
hidden unless asked for; they keep their figures. A figure typed but not recorded is asked
about (`ui.unsaved`) before another indicator is chosen, the page is left or the window closes.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import Period
from partnerboard.errors import UserError
from partnerboard.services import performance as perf
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.performance import IndicatorRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.performance.figures_panel import FiguresPanel
from partnerboard.ui.pages.performance.indicator_dialog import IndicatorDialog
from partnerboard.ui.pages.performance.labels import button, facts_html
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable


def indicator_columns(sees_restricted: bool) -> list[Column[IndicatorRow]]:
    columns = [
        Column("reference", "Ref", lambda r: r.reference, sort_key=lambda r: r.sort_key[1:]),
        Column("title", "Indicator", lambda r: r.title),
        Column("version", "Version", lambda r: r.version, align_right=True, visible=False),
        Column("theme", "Theme", lambda r: r.theme),
        Column("agency", "Supplied by", lambda r: r.agency_name),
        Column("unit", "Unit", lambda r: r.unit),
        Column("polarity", "Polarity", lambda r: r.polarity),
        Column("frequency", "Frequency", lambda r: r.frequency, visible=False),
        Column("target", "Target", lambda r: r.target_text(), sort_key=lambda r: r.target),
        Column("status", "Status", lambda r: r.status_label),
        Column("owner", "Owner", lambda r: r.owner, visible=False),
    ]
    if sees_restricted:
        columns.append(Column("restricted", "Restricted", lambda r: r.restricted))
    return columns


class IndicatorsPage(Page):
    key = "indicators"
    title = "Indicators"
    tables = frozenset({"indicator", "indicator_value", "action", "agency"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self._quiet = False  # the table being reloaded or put back: no choice made by the user
        self.model: RowTableModel[IndicatorRow] = RowTableModel(
            indicator_columns(context.db.principal.role.sees_restricted)
        )
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "indicators")
        self.table.setAccessibleName("Indicators table")
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search indicators…")
        self.search.setAccessibleName("Search indicators")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.show_all = QCheckBox("Show retired and earlier &versions")
        self.show_all.setAccessibleName("Show retired indicators and earlier versions")
        self.show_all.toggled.connect(self._filter)
        self.count = QLabel()
        self.count.setAccessibleName("Number of indicators shown")
        self.new_button = button("New &indicator…", "New indicator", self.new_indicator)
        self.edit_button = button(
            "&Edit indicator…", "Change the chosen indicator's definition", self.edit_indicator
        )
        self.retire_button = button("Re&tire", "Retire the chosen indicator", self.toggle_retired)
        self.may_edit = self.only_for(
            Permission.EDIT_RECORDS, self.new_button, self.edit_button, self.retire_button
        )

        self.detail = QLabel("Choose an indicator.")
        self.detail.setObjectName("indicatorDefinition")
        self.detail.setAccessibleName("The chosen indicator's definition")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.figures = FiguresPanel(self)
        self.figures.recorded.connect(self._recorded)
        self.actions_model: RowTableModel[ActionRow] = RowTableModel(
            [
                Column("reference", "Ref", lambda a: a.reference),
                Column("text", "Action", lambda a: a.text),
                Column("status", "Status", lambda a: a.status),
                Column("rag", "RAG", lambda a: a.rag.label if a.rag else "Not rated"),
                Column("due", "Due", lambda a: a.due_on),
            ]
        )
        self.actions = RegisterTable(self.actions_model, FilterProxy(self), "indicator_actions")
        self.actions.setAccessibleName("Actions raised from this indicator")
        self.actions.setMaximumHeight(130)
        self.open_action = button(
            "Show in the &action log", "Show the chosen action in the action log", self._show_action
        )
        self._layout()
        self._filter()
        self._selected()

    def _layout(self) -> None:
        toolbar = QHBoxLayout()
        toolbar.addWidget(self.search, 2)
        toolbar.addWidget(self.show_all)
        footer = QHBoxLayout()
        for shown in (self.new_button, self.edit_button, self.retire_button):
            footer.addWidget(shown)
        footer.addStretch(1)
        footer.addWidget(self.count)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(toolbar)
        left_box.addWidget(self.table)
        left_box.addLayout(footer)
        actions_box = QGroupBox("Actions raised from it")
        actions_layout = QVBoxLayout(actions_box)
        actions_layout.addWidget(self.actions)
        actions_layout.addWidget(self.open_action, 0, Qt.AlignmentFlag.AlignLeft)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.addWidget(self.detail)
        side_box.addWidget(self.figures)
        side_box.addWidget(actions_box)
        side_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(side)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(420)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([640, 560])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    # ------------------------------------------------------------ data
    def refresh(self) -> None:
        keep = self.figures.indicator.id if self.figures.indicator else None
        self._quiet = True
        try:
            self.model.set_rows(perf.list_indicators(self.db))
            self.table.fit_columns(300)
            self._filter()
            if keep is not None:
                self.select_indicator(keep)
        finally:
            self._quiet = False
        self._selected()

    def editors(self) -> list[unsaved.Editor]:
        return [self.figures.editor]

    def _filter(self, *_args: Any) -> None:
        everything = self.show_all.isChecked()
        self.proxy.set_predicate("active", None if everything else lambda r: r.active)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count.setText(f"{shown} of {total}" if shown != total else f"{total} indicators")

    @property
    def selected(self) -> IndicatorRow | None:
        current = self.table.currentIndex()
        return self.proxy.row_at(current.row()) if current.isValid() else None

    def select_indicator(self, indicator_id: int) -> bool:
        for position, row in enumerate(self.proxy.visible_rows()):
            if row.id == indicator_id:
                self.table.selectRow(position)
                self.table.scrollTo(self.proxy.index(position, 0))
                return True
        return False

    def open_with(self, **options: Any) -> None:
        self.ensure_loaded()
        if "indicator_id" in options and not self.select_indicator(options["indicator_id"]):
            self.show_all.setChecked(True)
            self.select_indicator(options["indicator_id"])

    def _selected(self, *_args: Any) -> None:
        if self._quiet:
            return
        row, shown = self.selected, self.figures.indicator
        moving = row is None or shown is None or row.id != shown.id
        if moving and shown is not None and not unsaved.settle(self, self.figures.editor):
            self._quiet = True  # Cancel: the indicator whose figure was typed stays chosen
            try:
                self.select_indicator(shown.id)
            finally:
                self._quiet = False
            return
        row = self.selected  # afresh: a save may have reloaded the table
        self.edit_button.setEnabled(row is not None and row.status != "superseded")
        self.retire_button.setEnabled(row is not None and row.status != "superseded")
        self.retire_button.setText(
            "Re&instate" if row is not None and row.status == "retired" else "Re&tire"
        )
        self.detail.setText(definition_text(row) if row else "Choose an indicator.")
        # The same indicator reloaded keeps a figure being typed as it is on the form.
        if moving or not self.figures.editor.dirty():
            self.figures.show_indicator(row)
        actions = perf.indicator_actions(self.db, row.id) if row else []
        self.actions_model.set_rows(actions)
        self.actions.fit_columns(260)
        self.open_action.setEnabled(bool(actions))

    def _recorded(self, message: str) -> None:
        self.context.status(message)

    # ------------------------------------------------------------ changes
    def new_indicator(self) -> None:
        if not self.may_edit:
            return
        dialog = IndicatorDialog(self.db, None, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self.select_indicator(dialog.saved.id)
            self.context.status(f"Added {dialog.saved.name}.")

    def edit_indicator(self) -> None:
        row = self.selected
        if row is None or not self.may_edit:
            return
        dialog = IndicatorDialog(self.db, row, self)
        if dialog.exec() and dialog.saved is not None:
            saved = dialog.saved
            self.refresh()
            self.select_indicator(saved.id)
            started = (
                f": a new series from {Period.from_key(saved.starts).label}"
                if saved.id != row.id and saved.starts
                else ""
            )
            self.context.status(f"Saved {saved.name}{started}.")

    def toggle_retired(self) -> None:
        row = self.selected
        if row is None or not self.may_edit:
            return
        retiring = row.active
        if retiring and not dialogs.confirm(
            self,
            "Retire indicator",
            f"Retire {row.name}? It leaves the scorecard and the returns; its figures are kept "
            "and it can be reinstated.",
            yes="Retire",
        ):
            return
        try:
            saved = perf.set_indicator_active(self.db, row.id, not retiring)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot change the indicator", str(problem))
            return
        self.refresh()
        self.show_all.setChecked(self.show_all.isChecked() or retiring)
        self.select_indicator(saved.id)
        self.context.status(f"{'Retired' if retiring else 'Reinstated'} {saved.name}.")

    def _show_action(self) -> None:
        current = self.actions.currentIndex()
        proxy = self.actions.model()
        row = proxy.row_at(current.row()) if current.isValid() else proxy.row_at(0)
        if row is not None:
            self.context.open_page("actions", action_id=row.id)


def definition_text(row: IndicatorRow) -> str:
    """The indicator's definition as rich text (every user string escaped)."""
    facts = [
        ("What is counted", row.definition),
        ("Numerator", row.numerator),
        ("Denominator", row.denominator),
        ("Unit", row.unit.label),
        ("Polarity", row.polarity.label),
        ("Reported", row.frequency.label),
        ("Target", row.target_text()),
        ("Comparators", row.comparator_text()),
        ("Theme", row.theme),
        ("Supplied by", row.agency_name),
        ("Owner", row.owner),
        ("Status", f"{row.status_label}, version {row.version}"
         + (f", from {Period.from_key(row.starts).label}" if row.starts else "")),
        ("Notes", row.notes),
    ]  # fmt: skip
    restricted = "<p><b>Restricted</b></p>" if row.restricted else ""
    return f"<h3>{escape(row.reference)} {escape(row.title)}</h3>{restricted}{facts_html(facts)}"
