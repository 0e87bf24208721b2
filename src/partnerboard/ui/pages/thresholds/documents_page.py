"""Threshold documents: their versions (draft, approved, superseded) and levels of need."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.thresholds import VersionStatus, next_version_label
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import thresholds as th
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.thresholds.dialogs import DocumentDialog, LevelNamesDialog
from partnerboard.ui.pages.thresholds.levels import LevelsEditor
from partnerboard.ui.pages.thresholds.outputs import OutputButtons
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable


class ThresholdsPage(Page):
    key = "thresholds"
    title = "Threshold documents"
    tables = frozenset({"threshold_document", "threshold_version", "threshold_level", "meeting"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.version: th.VersionRow | None = None
        self._selecting = False
        self._document_shown: int | None = None
        self.document = QComboBox()
        self.document.setAccessibleName("Threshold document")
        self.document.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.document.setMinimumContentsLength(16)
        self.document.currentIndexChanged.connect(lambda _i: self._document_chosen())
        self.new_document_button = self._button(
            "New doc&ument…", "New threshold document", self.new_document
        )
        self.edit_document_button = self._button(
            "Document &title…", "Change the document's title", self.edit_document
        )
        self.level_names_button = self._button(
            "Levels of ne&ed…", "Set the levels of need", self.edit_level_names
        )

        self.model: RowTableModel[th.VersionRow] = RowTableModel(
            [
                Column("version", "Version", lambda v: v.version, sort_key=lambda v: v.id),
                Column("title", "Title", lambda v: v.title, visible=False),
                Column(
                    "status",
                    "Status",
                    lambda v: v.status,
                    text=lambda v: f"{v.status.label}{' (current)' if v.is_current else ''}",
                ),
                Column("approved_on", "Approved", lambda v: v.approved_on),
                Column("meeting", "Approved at", lambda v: v.approved_meeting),
                Column("review_due", "Review due", lambda v: v.review_due),
                Column("agreed", "Agencies agreed", lambda v: v.agreed, align_right=True),
            ]
        )
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "threshold_versions")
        self.table.setAccessibleName("Versions")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)

        self.form_title = QLabel()
        self.form = Form()
        self.form.text("version", "Version", required=True, max_length=30)
        self.form.text("title", "Title", required=True, max_length=300)
        self.form.choice("status", "Status", [(s.value, s.label) for s in VersionStatus])
        self.form.date("approved_on", "Approved by the board on")
        self.form.choice("approved_meeting_id", "Approved at meeting", [], none_label="Not linked")
        self.form.date("review_due", "Review due")
        self.form.multiline("notes", "Notes")
        self.editor = unsaved.FormEditor(
            [self.form],
            lambda: f"your changes to {self.version.label}" if self.version else "",
            self.save,
            lambda: self._load(self.version),
        )
        self.save_button = self._button("&Save version", "Save version", self.save)
        self.new_version_button = self._button("&New version", "New version", self.new_version)
        self.levels = LevelsEditor(self.db)
        self.levels.saved.connect(lambda: self.context.status("Levels saved."))
        self.outputs = OutputButtons(self, kinds=("document_pdf",))
        self._layout_page()
        self.may_edit = self.only_for(
            Permission.EDIT_RECORDS,
            self.new_document_button,
            self.edit_document_button,
            self.level_names_button,
            self.save_button,
            self.new_version_button,
        )
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save)
        QShortcut(QKeySequence.StandardKey.New, self, activated=self.new_version)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def _layout_page(self) -> None:
        top = QHBoxLayout()
        caption = QLabel("&Document:")
        caption.setBuddy(self.document)
        top.addWidget(caption)
        top.addWidget(self.document, 1)
        top.addWidget(self.new_document_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addLayout(top)
        left_box.addWidget(self.table)
        footer = QHBoxLayout()
        footer.addWidget(self.new_version_button)
        footer.addWidget(self.outputs)
        footer.addStretch(1)
        footer.addWidget(self.edit_document_button)
        footer.addWidget(self.level_names_button)
        left_box.addLayout(footer)
        editor = QWidget()
        editor_box = QVBoxLayout(editor)
        editor_box.addWidget(self.form_title)
        editor_box.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        editor_box.addLayout(row)
        editor_box.addWidget(self.levels)
        editor_box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setMinimumWidth(340)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([700, 500])
        splitter.setChildrenCollapsible(False)
        QVBoxLayout(self).addWidget(splitter)

    # ------------------------------------------------------------ loading
    def document_id(self) -> int | None:
        return self.document.currentData()

    def refresh(self) -> None:
        documents = th.list_documents(self.db)
        refill(self.document, [(d.id, d.title) for d in documents], self.document.currentData())
        self.form.set_choices("approved_meeting_id", th.meeting_options(self.db))
        self._load_versions()

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor, self.levels]

    def _document_chosen(self) -> None:
        if not unsaved.settle_choice(self, self.document, self._document_shown):
            return
        self._load_versions()

    def _load_versions(self) -> None:
        document_id = self.document_id()
        same = document_id == self._document_shown
        self._document_shown = document_id
        keep = self.version.id if self.version else None
        rows = th.list_versions(self.db, document_id) if document_id is not None else []
        self._selecting = True
        try:
            self.model.set_rows(rows)
        finally:
            self._selecting = False
        self.table.fit_columns(220)
        has_document = document_id is not None
        self.new_version_button.setEnabled(has_document)
        self.edit_document_button.setEnabled(has_document)
        wanted = next((r for r in rows if r.id == keep), None)
        # The same version after a refresh, with edits being typed: they stay on the form.
        typing = same and wanted is not None and (self.editor.dirty() or self.levels.dirty)
        wanted = wanted or next((r for r in rows if r.is_current), rows[-1] if rows else None)
        self._select(wanted, load=not typing)

    def _select(self, row: th.VersionRow | None, load: bool = True) -> None:
        if row is not None:
            for proxy_row in range(self.proxy.rowCount()):
                if self.proxy.row_at(proxy_row).id == row.id:
                    self._selecting = True
                    self.table.selectRow(proxy_row)
                    self._selecting = False
        if load:
            self._load(row)
        else:
            self.version = row

    def _load(self, row: th.VersionRow | None) -> None:
        self.version = row
        self.form.setEnabled(row is not None and self.may_edit)
        self.save_button.setEnabled(row is not None)
        self.outputs.setEnabled(row is not None)
        if row is None:
            self.form_title.setText(
                "<h3>No versions yet</h3>"
                if self.document_id()
                else "<h3>No threshold document yet</h3>"
            )
            self.form.load({})
        else:
            self.form_title.setText(f"<h3>{row.label}</h3>")
            self.form.load(
                {
                    "version": row.version,
                    "title": row.title,
                    "status": row.status.value,
                    "approved_on": row.approved_on,
                    "approved_meeting_id": row.approved_meeting_id,
                    "review_due": row.review_due,
                    "notes": row.notes,
                }
            )
        self.levels.load(row)

    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.proxy.row_at(current.row())
        if row is None or (self.version and row.id == self.version.id):
            return
        wanted = row.id
        if not unsaved.settle(self, self):
            self._select(self.version, load=False)
            return
        self._select(next((r for r in self.model.rows() if r.id == wanted), row))

    def open_with(self, **options: Any) -> None:
        if "document_id" in options:
            self.document.setCurrentIndex(self.document.findData(options["document_id"]))

    # ------------------------------------------------------------ actions
    def new_document(self) -> None:
        dialog = DocumentDialog(self.db, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self.document.setCurrentIndex(self.document.findData(dialog.saved.id))
            self.context.status(f"Added {dialog.saved.title}.")

    def edit_document(self) -> None:
        document = next((d for d in th.list_documents(self.db) if d.id == self.document_id()), None)
        if document is None:
            return
        dialog = DocumentDialog(self.db, document, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()

    def edit_level_names(self) -> None:
        dialog = LevelNamesDialog(self.db, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.context.status(f"Levels of need: {', '.join(dialog.saved)}.")

    def new_version(self) -> None:
        document_id = self.document_id()
        if document_id is None or not self.may_edit or not unsaved.settle(self, self):
            return
        rows = self.model.rows()
        latest = rows[-1] if rows else None
        title = latest.title if latest else self.document.currentText()
        data = th.VersionInput(next_version_label(latest.version if latest else None), title)
        try:
            made = th.create_version(self.db, document_id, data)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot add a version", str(problem))
            return
        self.version = made
        self._load_versions()
        self.form.field("version").setFocus()
        self.context.status(
            f"{made.label} added as a draft; every agency's sign-up starts at pending."
        )

    def save(self) -> bool:
        if self.version is None or not self.may_edit:
            return False
        try:
            values = self.form.values()
            data = th.VersionInput(
                version=values["version"],
                title=values["title"],
                status=values["status"],
                approved_on=values["approved_on"],
                review_due=values["review_due"],
                notes=values["notes"],
                approved_meeting_id=values["approved_meeting_id"],
            )
            saved = th.save_version(self.db, self.version.id, data, self.version.row_version)
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot save this version", self.context.status)
            return False
        except StaleRecord as stale:
            dialogs.show_problem(self, "Version changed by someone else", str(stale))
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save this version", str(problem))
            return False
        self.form.mark_clean()
        self.version = saved
        self._load_versions()
        self._load(saved)
        self.context.status(f"Saved {saved.label}.")
        return True
