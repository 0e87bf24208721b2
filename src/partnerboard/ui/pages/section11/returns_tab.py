"""Returns tab: each agency in the round, its return's status, overdue returns highlighted.

Beside the table, the selected agency's return: move its status, agree an extension, write its
template or its feedback letter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain import palette
from partnerboard.domain.access import Permission
from partnerboard.domain.section11 import ReturnStatus
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import section11 as s11
from partnerboard.services.section11 import ReturnRow
from partnerboard.ui import dialogs
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.fields import DateEdit
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

OVERDUE_FILL = "#F9DEDC"  # pale red behind the row; the text stays black (16:1)


def _overdue(row: ReturnRow) -> str | None:
    return OVERDUE_FILL if row.overdue else None


def return_columns() -> list[Column[ReturnRow]]:
    return [
        Column("agency", "Agency", lambda r: r.agency_name, background=_overdue),
        Column(
            "status",
            "Status",
            lambda r: r.status,
            sort_key=lambda r: r.status.rank,
            background=_overdue,
        ),
        Column(
            "deadline",
            "Deadline",
            lambda r: r.deadline,
            text=lambda r: (
                (r.deadline.strftime("%d/%m/%Y") if r.deadline else "")
                + (" (extended)" if r.extended else "")
            ),
        ),
        Column(
            "overdue",
            "Overdue",
            lambda r: r.days_overdue or None,
            text=lambda r: f"{r.days_overdue} days" if r.overdue else "",
            background=_overdue,
            foreground=lambda r: palette.RED.fill if r.overdue else None,
            align_right=True,
        ),
        Column("issued", "Issued", lambda r: r.issued_on),
        Column(
            "returned",
            "Returned",
            lambda r: r.returned_on,
            text=lambda r: (
                (r.returned_on.strftime("%d/%m/%Y") + (" (late)" if r.late else ""))
                if r.returned_on
                else ""
            ),
        ),  # fmt: skip
        Column("by", "Submitted by", lambda r: r.submitted_by),
        Column("submissions", "Submissions", lambda r: r.submissions or None, align_right=True),
        Column("validated", "Validated", lambda r: r.validated_on, visible=False),
        Column("feedback", "Feedback sent", lambda r: r.feedback_sent_on, visible=False),
    ]


class ReturnsTab(QWidget):
    # the page writes what is asked for: an agency's template (ids), a feedback letter (id, name)
    templates_wanted = Signal(list)
    letter_wanted = Signal(int, str)

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.model: RowTableModel[ReturnRow] = RowTableModel(return_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "s11_returns")
        self.table.setAccessibleName("Returns by agency")
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.outstanding_only = QCheckBox("Only &outstanding returns")
        self.outstanding_only.setAccessibleName("Show only returns not yet in")
        self.outstanding_only.toggled.connect(self._filter)
        self.counts = QLabel()
        self.counts.setAccessibleName("Returns summary")

        self.agency_title = QLabel("Select an agency.")
        self.agency_title.setObjectName("formTitle")
        self.agency_title.setWordWrap(True)
        self.status_choice = QComboBox()
        self.status_choice.setAccessibleName("New status")
        for status in ReturnStatus:
            self.status_choice.addItem(status.label, status)
        self.status_button = QPushButton("Set &status")
        self.status_button.setAccessibleName("Set the return's status")
        self.status_button.clicked.connect(self.set_status)
        self.extension = DateEdit(optional=True)
        self.extension.setAccessibleName("Extended deadline")
        self.extension_button = QPushButton("Agree &extension")
        self.extension_button.setAccessibleName("Agree the extended deadline")
        self.extension_button.clicked.connect(self.agree_extension)
        self.template_button = QPushButton("Te&mplate for this agency…")
        self.template_button.setAccessibleName("Write this agency's template")
        self.template_button.clicked.connect(self.write_template)
        self.letter_button = QPushButton("Feedback &letter…")
        self.letter_button.setAccessibleName("Write this agency's feedback letter")
        self.letter_button.clicked.connect(self.write_letter)
        page.only_for(
            Permission.EDIT_RECORDS,
            self.status_choice,
            self.status_button,
            self.extension,
            self.extension_button,
        )
        page.only_for(Permission.GENERATE_TEMPLATES, self.template_button)
        self.problem = QLabel()
        self.problem.setStyleSheet("color: #b00020;")
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName("Problem")

        side = QWidget()
        form = QFormLayout()
        status_row = QHBoxLayout()
        status_row.addWidget(self.status_choice, 1)
        status_row.addWidget(self.status_button)
        form.addRow("Status", status_row)
        extension_row = QHBoxLayout()
        extension_row.addWidget(self.extension, 1)
        extension_row.addWidget(self.extension_button)
        form.addRow("Extension", extension_row)
        side_box = QVBoxLayout(side)
        side_box.addWidget(self.agency_title)
        side_box.addLayout(form)
        side_box.addWidget(self.problem)
        side_box.addWidget(self.template_button)
        side_box.addWidget(self.letter_button)
        side_box.addStretch(1)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.outstanding_only)
        top.addStretch(1)
        top.addWidget(self.counts)
        left_box.addLayout(top)
        left_box.addWidget(self.table)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setSizes([880, 320])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)
        self._enable(False)

    def load(self, the_round: s11.RoundRow | None) -> None:
        keep = self.selected.id if self.selected else None
        rows = s11.round_returns(self.page.db, the_round.id) if the_round else []
        self.model.set_rows(rows)
        self.table.fit_columns()
        overdue = sum(1 for r in rows if r.overdue)
        outstanding = sum(1 for r in rows if r.status.awaiting_return)
        self.counts.setText(
            f"{len(rows)} agencies · {len(rows) - outstanding} returned · {outstanding} "
            f"outstanding · {overdue} overdue"
        )
        if keep is not None:
            for position, row in enumerate(self.proxy.visible_rows()):
                if row.id == keep:
                    self.table.selectRow(position)
                    return
        self._selected()

    @property
    def selected(self) -> ReturnRow | None:
        current = self.table.currentIndex()
        return self.proxy.row_at(current.row()) if current.isValid() else None

    def _filter(self) -> None:
        only = self.outstanding_only.isChecked()
        self.proxy.set_predicate(
            "outstanding", (lambda r: r.status.awaiting_return) if only else None
        )

    def _enable(self, on: bool) -> None:
        for widget in (
            self.status_choice, self.status_button, self.extension, self.extension_button,
            self.template_button, self.letter_button,
        ):  # fmt: skip
            widget.setEnabled(on)

    def _selected(self, *_args) -> None:
        row = self.selected
        self.problem.clear()
        self._enable(row is not None)
        if row is None:
            self.agency_title.setText("Select an agency.")
            return
        note = f" – overdue by {row.days_overdue} days" if row.overdue else ""
        self.agency_title.setText(f"<h3>{_escape(row.agency_name)}</h3>{row.status.label}{note}")
        self.status_choice.setCurrentIndex(self.status_choice.findData(row.status))
        self.extension.set_value(row.deadline if row.extended else None)

    def set_status(self) -> None:
        row = self.selected
        if row is None:
            return
        status = ReturnStatus(self.status_choice.currentData())  # Qt hands back the plain value
        try:
            s11.set_return_status(self.page.db, row.id, status, expected_version=row.row_version)
        except ValidationFailed as failed:
            self.problem.setText(" ".join(e.message for e in failed.errors))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot change the status", str(problem))
            return
        self.page.context.status(f"{row.agency_name}: {status.label}.")

    def agree_extension(self) -> None:
        row = self.selected
        if row is None:
            return
        try:
            extended_to = self.extension.value()
        except ValueError as problem:  # a date that is not one: said here, nothing changed
            self.problem.setText(str(problem))
            return
        try:
            s11.extend_deadline(self.page.db, row.id, extended_to, row.row_version)
        except ValidationFailed as failed:
            self.problem.setText(" ".join(e.message for e in failed.errors))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot agree the extension", str(problem))
            return
        self.page.context.status(f"{row.agency_name}: deadline updated.")

    def write_template(self) -> None:
        row = self.selected
        if row is not None:
            self.templates_wanted.emit([row.agency_id])

    def write_letter(self) -> None:
        row = self.selected
        if row is not None:
            self.letter_wanted.emit(row.agency_id, row.agency_name)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
