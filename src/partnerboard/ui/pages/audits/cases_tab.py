"""The case sample: anonymised references, the agencies involved in each case, re-audits.

A reference that looks like a name or a date of birth (or breaks the partnership's pattern) is
refused beside the field with the reason. The pattern itself is set here too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain import palette
from partnerboard.domain.access import Permission
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import audits
from partnerboard.services.audits import CaseRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.audits.dialogs import ReauditDialog
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.check_list import CheckList
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

FLAG_FILL = palette.RED.fill


def case_columns() -> list[Column[CaseRow]]:
    return [
        Column("reference", "Case", lambda r: r.reference),
        Column("agencies", "Agencies involved", lambda r: "; ".join(r.agency_names)),
        Column(
            "returned",
            "Returned",
            lambda r: r.returned,
            text=lambda r: f"{r.returned} of {len(r.agency_ids)}",
            align_right=True,
        ),  # fmt: skip
        Column(
            "reaudit",
            "Re-audit",
            lambda r: _reaudit_text(r),
            foreground=lambda r: FLAG_FILL if r.flagged and not r.reaudited_as else None,
        ),
    ]


def _reaudit_text(row: CaseRow) -> str:
    parts = []
    if row.reaudit_of:
        parts.append(f"Re-audit of {row.reaudit_of}")
    if row.reaudited_as:
        parts.append("Re-audited as " + "; ".join(row.reaudited_as))
    elif row.flagged:
        parts.append("Flagged: re-audit due")
    return " · ".join(parts)


class CasesTab(QWidget, unsaved.Editors):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.audit: audits.AuditRow | None = None
        self.editing: CaseRow | None = None
        self.locked = False
        self.model: RowTableModel[CaseRow] = RowTableModel(case_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "ma_cases")
        self.table.setAccessibleName("Cases in the sample")
        self.count = QLabel()
        self.count.setAccessibleName("Number of cases")
        self.locked_note = QLabel()
        self.locked_note.setWordWrap(True)
        self.locked_note.setAccessibleName("Why the sample cannot change")

        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        self.form = Form()
        self.form.text("reference", "Anonymised case reference", required=True, max_length=40,
                       placeholder="e.g. NG-2026-04 – no names, no dates of birth")  # fmt: skip
        self.agencies = CheckList(visible_rows=7)
        self.form.custom("agency_ids", "Agencies involved", self.agencies, required=True)
        self.form.multiline("notes", "Notes (no names or identifying details)", height=60)
        self.new_button = self._button("New ca&se", "New case", self.start_new)
        self.save_button = self._button("Sa&ve case", "Save case", self.save)
        self.remove_button = self._button(
            "Re&move case", "Remove case from the sample", self.remove
        )
        self.reaudit_button = self._button("Re-a&udit…", "Re-audit this case", self.reaudit)

        self.pattern_form = Form()
        self.pattern_form.text("pattern", "Pattern every reference must match (blank: none)",
                               max_length=200, placeholder=r"e.g. [A-Z]{2,4}-\d{4}-\d{2}")  # fmt: skip
        self.pattern_button = self._button("Save &pattern", "Save the reference pattern",
                                           self.save_pattern)  # fmt: skip
        self.case_editor = unsaved.FormEditor(
            [self.form],
            lambda: (
                f"your changes to case {self.editing.reference}" if self.editing else "the new case"
            ),
            self.save,
            lambda: self._show(self.editing) if self.editing else self.start_new(False, ask=False),
        )
        self.pattern_editor = unsaved.FormEditor(
            [self.pattern_form],
            lambda: "the reference pattern",
            self.save_pattern,
            lambda: self.pattern_form.load({"pattern": audits.reference_pattern(self.page.db)}),
        )
        self.chooser = unsaved.RowChooser(
            self.table, self, self.case_editor, lambda: self.editing and self.editing.id, self._show
        )
        pattern_box = QGroupBox("Case references")
        pattern_layout = QVBoxLayout(pattern_box)
        pattern_layout.addWidget(self.pattern_form)
        pattern_layout.addWidget(self.pattern_button)
        self.may_edit = page.only_for(
            Permission.EDIT_RECORDS,
            self.new_button,
            self.save_button,
            self.remove_button,
            self.reaudit_button,
            self.pattern_button,
        )
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
            self.pattern_form.setEnabled(False)

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table)
        footer = QHBoxLayout()
        footer.addWidget(self.new_button)
        footer.addStretch(1)
        footer.addWidget(self.count)
        left_box.addLayout(footer)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.addWidget(self.form_title)
        side_box.addWidget(self.locked_note)
        side_box.addWidget(self.form)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.remove_button, self.reaudit_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side_box.addLayout(buttons)
        side_box.addWidget(pattern_box)
        side_box.addStretch(1)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setSizes([700, 460])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda: slot())
        return button

    def editors(self) -> list[unsaved.Editor]:
        return [self.case_editor, self.pattern_editor]

    # ------------------------------------------------------------ loading
    def load(self, audit: audits.AuditRow | None) -> None:
        # The same audit again (a refresh): a case or pattern being typed stays as it is.
        same = audit is not None and self.audit is not None and audit.id == self.audit.id
        typing = same and self.case_editor.dirty()
        self.audit = audit
        keep = self.editing.id if self.editing else None
        rows = audits.list_cases(self.page.db, audit.id) if audit else []
        self.model.set_rows(rows)
        self.table.fit_columns()
        flagged = sum(1 for r in rows if r.flagged)
        self.count.setText(f"{len(rows)} case(s) · {flagged} flagged for re-audit")
        if audit is not None:
            names = dict(zip(audit.agency_ids, audit.agency_names, strict=True))
            self.agencies.set_options(list(names.items()))
        if not (same and self.pattern_editor.dirty()):
            self.pattern_form.load({"pattern": audits.reference_pattern(self.page.db)})
        self.setEnabled(audit is not None)
        self.locked = audit is not None and audit.status.complete
        self.locked_note.setText(
            f"This audit is {audit.status.label.lower()}: its sample is fixed. A case graded "
            "Inadequate can still be re-audited in another audit."
            if audit is not None and self.locked
            else ""
        )
        self.locked_note.setVisible(self.locked)
        for widget in (self.form, self.new_button, self.save_button):
            widget.setEnabled(not self.locked and self.may_edit)
        found = next((r for r in rows if r.id == keep), None)
        if found is not None:
            self.chooser.select(found.id, load=not typing)
        elif not typing:
            self.start_new(focus=False, ask=False)

    def _show(self, row: CaseRow) -> None:
        self.editing = row
        self.form.load(
            {"reference": row.reference, "agency_ids": list(row.agency_ids), "notes": row.notes}
        )
        self.form_title.setText(f"<h3>Case {_escape(row.reference)}</h3>{_reaudit_text(row)}")
        self.remove_button.setEnabled(row.returned == 0 and not self.locked)
        self.reaudit_button.setEnabled(row.flagged and not row.reaudited_as)

    def start_new(self, focus: bool = True, ask: bool = True) -> None:
        if ask and not unsaved.settle(self, self.case_editor):
            return
        self.editing = None
        self.chooser.clear()
        self.form.load({})
        self.form_title.setText("<h3>New case</h3>")
        self.remove_button.setEnabled(False)
        self.reaudit_button.setEnabled(False)
        if focus:
            self.form.field("reference").setFocus()

    # ------------------------------------------------------------ actions
    def save(self) -> bool:
        if self.audit is None:
            return False
        editing = self.editing
        try:
            values = self.form.values()
            data = audits.CaseInput(values["reference"], values["agency_ids"], values["notes"])
            saved = audits.save_case(
                self.page.db, self.audit.id, data, editing.id if editing else None,
                editing.row_version if editing else None,
            )  # fmt: skip
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save this case", self.page.context.status)
            return False
        except (StaleRecord, UserError) as problem:
            dialogs.show_problem(self, "Cannot save this case", str(problem))
            return False
        self.editing = saved
        self.form.mark_clean()
        self.page.context.status(f"Saved case {saved.reference}.")
        return True

    def remove(self) -> None:
        row = self.editing
        if row is None or not dialogs.confirm(
            self, "Remove case", f"Take {row.reference} out of the sample?", yes="Remove"
        ):
            return
        try:
            audits.remove_case(self.page.db, row.id)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot remove this case", str(problem))
            return
        self.editing = None
        self.form.mark_clean()  # the case is gone: nothing of it is left to save
        self.page.context.status(f"Removed {row.reference} from the sample.")

    def reaudit(self) -> None:
        row = self.editing
        if row is None:
            return
        dialog = ReauditDialog(self.page.db, row, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.page.context.status(
                f"Re-audit of {row.reference} added to “{dialog.target_title}”."
            )

    def save_pattern(self) -> bool:
        try:
            pattern = audits.save_reference_pattern(
                self.page.db, self.pattern_form.value("pattern")
            )
        except ValidationFailed as failed:
            self.pattern_form.refuse(failed, self, "Cannot save the pattern")
            return False
        self.pattern_form.load({"pattern": pattern})
        self.page.context.status(
            f"Case references must now match {pattern}." if pattern else "No reference pattern set."
        )
        return True


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
