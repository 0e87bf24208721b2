"""Findings (strength / area for development / learning, tagged to a theme) and recommendations.

A recommendation goes straight into the action log with the audit (and the finding it arises
from) as its source; the table below shows each one's RAG from the action log, so that closing
the loop is visible where the audit is.
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
from partnerboard.domain.audits import FindingKind
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import audits
from partnerboard.services.audits import FindingRow, RecommendationRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.audits.dialogs import RecommendationDialog
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page


def _rag(row: RecommendationRow) -> palette.Swatch:
    return palette.named_swatch(row.rag.value if row.rag else None) or palette.GREY


def recommendation_columns() -> list[Column[RecommendationRow]]:
    return [
        Column("reference", "Action", lambda r: r.reference),
        Column(
            "rag",
            "RAG",
            lambda r: r.rag,
            text=lambda r: r.rag.label if r.rag else "Not rated",
            background=lambda r: _rag(r).fill,
            foreground=lambda r: _rag(r).text,
        ),  # fmt: skip
        Column("text", "Recommendation", lambda r: r.text),
        Column("lead", "Lead agency", lambda r: r.lead_agency),
        Column("due", "Due", lambda r: r.due_on),
        Column("status", "Status", lambda r: r.status),
    ]


class FindingsTab(QWidget, unsaved.Editors):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.audit: audits.AuditRow | None = None
        self.editing: FindingRow | None = None
        self.findings: list[FindingRow] = []
        self.model: RowTableModel[FindingRow] = RowTableModel(
            [
                Column("kind", "Kind", lambda r: r.kind, sort_key=lambda r: list(FindingKind).index(r.kind)),
                Column("text", "Finding", lambda r: r.text),
                Column("theme", "Theme", lambda r: r.theme_tag),
                Column("recommendations", "Recommendations", lambda r: r.recommendations or None,
                       align_right=True),
            ]
        )  # fmt: skip
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "ma_findings", sort_column=None)
        self.table.setAccessibleName("Findings of the audit")
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        self.form = Form()
        self.form.choice("kind", "Kind of finding", [(k.value, k.label) for k in FindingKind],
                         required=True)  # fmt: skip
        self.form.multiline("text", "Finding", required=True, height=80)
        self.form.text("theme_tag", "Theme (blank: the audit's theme)", max_length=100)
        self.editor = unsaved.FormEditor(
            [self.form],
            lambda: "your changes to this finding" if self.editing else "the new finding",
            self.save,
            lambda: self._show(self.editing) if self.editing else self.start_new(False, ask=False),
        )
        self.chooser = unsaved.RowChooser(
            self.table, self, self.editor, lambda: self.editing and self.editing.id, self._show
        )
        self.new_button = self._button("Ne&w finding", "New finding", self.start_new)
        self.save_button = self._button("Sa&ve finding", "Save finding", self.save)
        self.delete_button = self._button("De&lete finding", "Delete finding", self.delete)
        self.recommend_button = self._button(
            "Add reco&mmendation…", "Add a recommendation to the action log", self.recommend
        )
        if not page.only_for(
            Permission.EDIT_RECORDS,
            self.new_button,
            self.save_button,
            self.delete_button,
            self.recommend_button,
        ):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        self.rec_model: RowTableModel[RecommendationRow] = RowTableModel(recommendation_columns())
        self.rec_proxy = FilterProxy(self)
        self.rec_table = RegisterTable(self.rec_model, self.rec_proxy, "ma_recommendations",
                                       sort_column=None)  # fmt: skip
        self.rec_table.setAccessibleName("Recommendations of the audit and their RAG")
        self.loop = QLabel()
        self.loop.setAccessibleName("Progress of the recommendations")

        top = QWidget()
        top_box = QVBoxLayout(top)
        top_box.setContentsMargins(0, 0, 0, 0)
        top_box.addWidget(self.table)
        side = QWidget()
        side_box = QVBoxLayout(side)
        side_box.addWidget(self.form_title)
        side_box.addWidget(self.form)
        buttons = QHBoxLayout()
        for button in (self.new_button, self.save_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        side_box.addLayout(buttons)
        side_box.addStretch(1)
        upper = QSplitter()
        upper.addWidget(top)
        upper.addWidget(side)
        upper.setSizes([720, 440])
        upper.setChildrenCollapsible(False)
        recs = QGroupBox("Recommendations (actions in the action log)")
        recs_box = QVBoxLayout(recs)
        recs_box.addWidget(self.rec_table)
        footer = QHBoxLayout()
        footer.addWidget(self.recommend_button)
        footer.addStretch(1)
        footer.addWidget(self.loop)
        recs_box.addLayout(footer)
        box = QVBoxLayout(self)
        box.addWidget(upper, 3)
        box.addWidget(recs, 2)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda: slot())
        return button

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def load(self, audit: audits.AuditRow | None) -> None:
        # The same audit again (a refresh): a finding being typed stays as it is.
        same = audit is not None and self.audit is not None and audit.id == self.audit.id
        typing = same and self.editor.dirty()
        self.audit = audit
        keep = self.editing.id if self.editing else None
        db = self.page.db
        self.findings = audits.list_findings(db, audit.id) if audit else []
        self.model.set_rows(self.findings)
        self.table.fit_columns(420)
        recs = audits.list_recommendations(db, audit.id) if audit else []
        self.rec_model.set_rows(recs)
        self.rec_table.fit_columns(420)
        done = sum(1 for r in recs if r.complete)
        self.loop.setText(
            f"{done} of {len(recs)} complete (closed, or Green)" if recs else "None yet"
        )
        self.setEnabled(audit is not None)
        if keep is not None and self.chooser.select(keep, load=not typing):
            return
        if not typing:
            self.start_new(focus=False, ask=False)

    def _show(self, row: FindingRow) -> None:
        self.editing = row
        self.form.load({"kind": row.kind.value, "text": row.text, "theme_tag": row.theme_tag})
        self.form_title.setText(f"<h3>{row.kind.label}</h3>")
        self.delete_button.setEnabled(row.recommendations == 0)

    def start_new(self, focus: bool = True, ask: bool = True) -> None:
        if ask and not unsaved.settle(self, self.editor):
            return
        self.editing = None
        self.chooser.clear()
        self.form.load({"kind": FindingKind.STRENGTH.value})
        self.form_title.setText("<h3>New finding</h3>")
        self.delete_button.setEnabled(False)
        if focus:
            self.form.field("kind").setFocus()

    def save(self) -> bool:
        if self.audit is None:
            return False
        editing = self.editing
        try:
            values = self.form.values()
            data = audits.FindingInput(values["kind"] or "", values["text"], values["theme_tag"])
            saved = audits.save_finding(
                self.page.db, self.audit.id, data, editing.id if editing else None,
                editing.row_version if editing else None,
            )  # fmt: skip
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save this finding", self.page.context.status)
            return False
        except (StaleRecord, UserError) as problem:
            dialogs.show_problem(self, "Cannot save this finding", str(problem))
            return False
        self.editing = saved
        self.form.mark_clean()
        self.page.context.status(f"Saved the finding ({saved.kind.label.lower()}).")
        return True

    def delete(self) -> None:
        row = self.editing
        if row is None or not dialogs.confirm(
            self, "Delete finding", "Delete this finding?", yes="Delete"
        ):
            return
        try:
            audits.delete_finding(self.page.db, row.id)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot delete this finding", str(problem))
            return
        self.editing = None
        self.form.mark_clean()  # the finding is gone: nothing of it is left to save
        self.page.context.status("Finding deleted.")

    def recommend(self) -> None:
        if self.audit is None:
            return
        finding = self.editing.id if self.editing else None
        dialog = RecommendationDialog(self.page.db, self.audit, self.findings, finding, self)
        if dialog.exec() and dialog.saved_action_id is not None:
            self.page.context.status("Recommendation added to the action log.")
