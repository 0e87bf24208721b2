"""Agencies' targets for the year, the e-mail domains that place their practitioners, and the
cost of a place: the settings behind the training figures (a tab of the figures page).

Both forms are unsaved work (`ui.unsaved`): another agency, another tab, period or page, or
closing the window asks Save / Discard / Cancel first."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import whole_year
from partnerboard.services import training
from partnerboard.services.training import AgencyTraining
from partnerboard.ui import unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.training.saving import NOT_SAVED, save_form
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page


class TargetsPanel(QWidget, unsaved.Editors):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.year = 0
        self.shown: AgencyTraining | None = None  # the agency the form holds
        self._quiet = False
        self.model: RowTableModel[AgencyTraining] = RowTableModel(
            [
                Column("agency", "Agency", lambda r: r.agency),
                Column("target", "Target (places)", lambda r: r.target, align_right=True),
                Column("domains", "E-mail domains", lambda r: ", ".join(r.domains)),
            ]
        )
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "training_targets")
        self.table.setAccessibleName("Agencies' targets and e-mail domains")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._row_changed())
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.form = Form()
        self.form.number("target", "Target: places attended in the year", maximum=100_000)
        self.form.text("domains", "E-mail domains that place its practitioners", max_length=600,
                       placeholder="e.g. wrenfield.police.uk (several: separate by spaces)")  # fmt: skip
        self.save_button = QPushButton("Save &target")
        self.save_button.setAccessibleName("Save the agency's target and domains")
        self.save_button.clicked.connect(self.save)
        self.cost = Form()
        self.cost.text("cost_per_place", "Cost of a place (£)", max_length=12,
                       placeholder="e.g. 65")  # fmt: skip
        self.cost_button = QPushButton("Save c&ost")
        self.cost_button.setAccessibleName("Save the cost of a place")
        self.cost_button.clicked.connect(self.save_cost)
        self.may_edit = hide_unless(
            page.db, Permission.EDIT_RECORDS, self.save_button, self.cost_button
        )
        if not self.may_edit:
            self.cost.setEnabled(False)  # read: nothing to type that could not be saved
        self.target_editor = unsaved.FormEditor(
            [self.form],
            lambda: f"the target of {self.shown.agency}" if self.shown else "the target",
            self.save,
            lambda: self._chosen(),
        )
        self.cost_editor = unsaved.FormEditor(
            [self.cost], lambda: "the cost of a place", self.save_cost, self._load_cost
        )
        agency_box = QGroupBox("The chosen agency")
        agency_layout = QVBoxLayout(agency_box)
        agency_layout.addWidget(self.form)
        agency_layout.addWidget(self.save_button)
        cost_box = QGroupBox("What a place left empty costs")
        cost_layout = QVBoxLayout(cost_box)
        note = QLabel(
            "Places lost (did not attend, cancelled late) × this cost is the cost of "
            "non-attendance in the figures and the report."
        )
        note.setWordWrap(True)
        cost_layout.addWidget(note)
        cost_layout.addWidget(self.cost)
        cost_layout.addWidget(self.cost_button)
        side = QVBoxLayout()
        side.addWidget(agency_box)
        side.addWidget(cost_box)
        side.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.table, 3)
        row.addLayout(side, 2)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addLayout(row, 1)

    def editors(self) -> list[unsaved.Editor]:
        return [self.target_editor, self.cost_editor]

    def load(self, year: int) -> None:
        """The year's targets; a target or cost being typed stays as typed."""
        self.year = year
        self.heading.setText(
            f"Targets for {whole_year(year).label}: the places each agency aims to have attended. "
            "E-mail domains place practitioners whose booking names no agency of the register."
        )
        chosen = self.shown
        self._quiet = True
        try:
            self.model.set_rows(training.agency_settings(self.page.db, year))
            self.table.fit_columns(360)
            for position, row in enumerate(self.proxy.visible_rows()):
                if chosen is not None and row.agency_id == chosen.agency_id:
                    self.table.selectRow(position)
        finally:
            self._quiet = False
        if not self.cost_editor.dirty():
            self._load_cost()
        if not self.target_editor.dirty():
            self._chosen()

    def _load_cost(self) -> None:
        self.cost.load({"cost_per_place": _pounds(training.cost_per_place(self.page.db))})

    def _current(self) -> AgencyTraining | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def _row_changed(self) -> None:
        if self._quiet:
            return
        row = self._current()
        if row is None or (self.shown is not None and row.agency_id == self.shown.agency_id):
            return
        wanted = row.agency_id
        if not unsaved.settle(self.page, self.target_editor):
            self._select(self.shown.agency_id if self.shown else None)  # Cancel: stay
            return
        self._select(wanted)  # afresh: a save reloads the list
        self._chosen()

    def _select(self, agency_id: int | None) -> None:
        self._quiet = True
        try:
            for position, row in enumerate(self.proxy.visible_rows()):
                if row.agency_id == agency_id:
                    self.table.selectRow(position)
                    return
            self.table.clearSelection()
        finally:
            self._quiet = False

    def _chosen(self) -> None:
        row = self._current()
        self.shown = row
        self.form.setEnabled(row is not None and self.may_edit)
        self.save_button.setEnabled(row is not None)
        self.form.load({"target": row.target, "domains": " ".join(row.domains)} if row else {})

    def save(self) -> bool:
        """Save the chosen agency's target and domains; False when refused."""
        row, year = self.shown, self.year
        if row is None or not self.may_edit:
            return False
        saved = save_form(
            self, self.form, "the target",
            lambda values: training.save_agency_training(
                self.page.db, row.agency_id, year, values["target"], values["domains"]
            ),
            self.page.context.status,
        )  # fmt: skip
        if saved is NOT_SAVED:
            return False
        self.form.mark_clean()
        self.load(year)  # as stored (domains tidied)
        self.page.context.status(f"Saved the target of {row.agency}.")
        return True

    def save_cost(self) -> bool:
        """Save the cost of a place; False when refused."""
        if not self.may_edit:
            return False
        value = save_form(
            self, self.cost, "the cost",
            lambda values: training.save_cost_per_place(self.page.db, values["cost_per_place"]),
            self.page.context.status,
        )  # fmt: skip
        if value is NOT_SAVED:
            return False
        self.cost.mark_clean()
        self._load_cost()
        self.page.context.status(f"The cost of a place is {training.format_pounds(value)}.")
        return True


def _pounds(value) -> str:
    return "" if value is None else f"{value:.2f}".removesuffix(".00")
