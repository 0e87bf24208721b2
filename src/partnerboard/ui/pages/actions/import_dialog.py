"""Bring an existing action log in: choose the file and sheet, confirm which column holds
what, preview every row (and what cannot be read), then import in one go."""

from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.log_import import FIELDS, guess_mapping
from partnerboard.errors import UserError
from partnerboard.services.actions.log_import import ImportPlan, ImportReport, PlannedAction
from partnerboard.services.actions.plan_reading import Table, read_table
from partnerboard.services.actions.plan_writing import plan_for, run_import
from partnerboard.ui import dialogs
from partnerboard.ui.context import AppContext
from partnerboard.ui.table_model import Column, RowTableModel
from partnerboard.ui.widgets.fields import DateEdit, date_with_message


def ask_open_path(parent: QWidget) -> Path | None:
    """The spreadsheet to read (None when cancelled); tests replace this function."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Choose the action log", "", "Spreadsheets (*.xlsx *.xlsm *.csv)"
    )
    return Path(name) if name else None


def _preview_columns() -> list[Column[PlannedAction]]:
    return [
        Column("row", "Row", lambda a: a.row, align_right=True),
        Column("workstream", "Workstream", lambda a: a.workstream),
        Column("reference", "Ref", lambda a: a.reference),
        Column("action", "Action", lambda a: a.text, tooltip=lambda a: a.text),
        Column("lead", "Lead", lambda a: a.lead),
        Column("due", "Due", lambda a: a.due_on),
        Column("rag", "RAG", lambda a: a.rag),
        Column("status", "Closed", lambda a: a.closed),
        Column("progress", "Progress", lambda a: a.progress, tooltip=lambda a: a.progress),
    ]


class ImportDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setWindowTitle("Import an existing action log")
        self.setAccessibleName("Import an existing action log")
        self.resize(980, 640)
        self.table: Table | None = None
        self.plan: ImportPlan | None = None
        self.report: ImportReport | None = None
        self.steps = QStackedWidget()
        self.steps.addWidget(self._file_step())
        self.steps.addWidget(self._mapping_step())
        self.steps.addWidget(self._preview_step())
        self.steps.addWidget(self._done_step())
        self.back_button = QPushButton("&Back")
        self.next_button = QPushButton("&Next")
        self.import_button = QPushButton("&Import")
        self.close_button = QPushButton("Close")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.run)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.close_button):
            buttons.addWidget(button)
        self.step_label = QLabel()
        box = QVBoxLayout(self)
        box.addWidget(self.step_label)
        box.addWidget(self.steps, 1)
        box.addLayout(buttons)
        self._show_step(0)

    # ------------------------------------------------------------ steps
    def _file_step(self) -> QWidget:
        page = QWidget()
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Spreadsheet file")
        self.path_edit.setPlaceholderText("An .xlsx workbook or a .csv file")
        browse = QPushButton("C&hoose…")
        browse.setAccessibleName("Choose the spreadsheet file")
        browse.clicked.connect(self._browse)
        self.sheet = QComboBox()
        self.sheet.setAccessibleName("Sheet")
        self.sheet.activated.connect(lambda _i: self._load(sheet=self.sheet.currentText()))
        self.header_row = QSpinBox()
        self.header_row.setRange(1, 50)
        self.header_row.setAccessibleName("Row of the headers")
        self.header_row.editingFinished.connect(
            lambda: self._load(sheet=self.sheet.currentText(), header_row=self.header_row.value())
        )
        self.file_facts = QLabel("Choose the spreadsheet your board keeps its actions in.")
        self.file_facts.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        form = QFormLayout(page)
        form.addRow("&File", row)
        form.addRow("&Sheet", self.sheet)
        form.addRow("&Headers on row", self.header_row)
        form.addRow(self.file_facts)
        return page

    def _mapping_step(self) -> QWidget:
        inner = QWidget()
        form = QFormLayout(inner)
        form.addRow(
            QLabel("Check which column holds each field; choose “not imported” to leave one out.")
        )
        self.field_combos: dict[str, QComboBox] = {}
        for field in FIELDS:
            combo = QComboBox()
            combo.setAccessibleName(f"Column for {field.label}")
            combo.setObjectName(f"map_{field.key}")
            self.field_combos[field.key] = combo
            form.addRow(field.label, combo)
        self.as_of = DateEdit(optional=False)
        self.as_of.setAccessibleName("Date of the first updates when the sheet has none")
        form.addRow("Date of the first updates", date_with_message(self.as_of))
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        return scroll

    def _preview_step(self) -> QWidget:
        page = QWidget()
        self.preview_summary = QLabel()
        self.preview_summary.setWordWrap(True)
        self.preview_model: RowTableModel[PlannedAction] = RowTableModel(_preview_columns())
        self.preview = QTableView()
        self.preview.setModel(self.preview_model)
        self.preview.setAccessibleName("Rows to import")
        self.preview.verticalHeader().hide()
        self.problems = QTextBrowser()
        self.problems.setAccessibleName("Rows that cannot be read, and notes")
        box = QVBoxLayout(page)
        box.addWidget(self.preview_summary)
        box.addWidget(self.preview, 3)
        box.addWidget(QLabel("<b>Rows not imported, and notes</b>"))
        box.addWidget(self.problems, 1)
        return page

    def _done_step(self) -> QWidget:
        self.done_text = QTextBrowser()
        self.done_text.setAccessibleName("What was imported")
        return self.done_text

    # ------------------------------------------------------------ moving between steps
    def _show_step(self, index: int) -> None:
        self.steps.setCurrentIndex(index)
        titles = ["1. The file", "2. Which column holds what", "3. Preview", "Done"]
        self.step_label.setText(f"<h3>{titles[index]}</h3>")
        self.back_button.setEnabled(0 < index < 3)
        self.next_button.setVisible(index < 2)
        self.next_button.setEnabled(index > 0 or self.table is not None)
        self.import_button.setVisible(index == 2)
        self.import_button.setEnabled(bool(self.plan and self.plan.actions))
        self.close_button.setText("Close" if index == 3 else "Cancel")

    def back(self) -> None:
        self._show_step(max(0, self.steps.currentIndex() - 1))

    def next(self) -> None:
        if self.steps.currentIndex() == 0 and self.table is not None:
            self._show_step(1)
        elif self.steps.currentIndex() == 1:
            self._make_plan()

    def _browse(self) -> None:
        path = ask_open_path(self)
        if path is not None:
            self.open_file(path)

    def open_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self._load()

    def _load(self, sheet: str | None = None, header_row: int | None = None) -> None:
        try:
            self.table = read_table(Path(self.path_edit.text()), sheet or None, header_row)
        except UserError as problem:
            self.table = None
            dialogs.show_problem(self, "Cannot read the file", str(problem))
            self._show_step(0)
            return
        table = self.table
        self.sheet.blockSignals(True)
        self.sheet.clear()
        self.sheet.addItems(table.sheet_names)
        self.sheet.setCurrentText(table.sheet)
        self.sheet.blockSignals(False)
        self.header_row.setValue(table.header_row)
        rows = sum(1 for _ in table.data_rows())
        self.file_facts.setText(
            f"Sheet “{escape(table.sheet)}”: headers on row {table.header_row} "
            f"({', '.join(escape(h) for h in table.headers if h)}), {rows} rows below them."
        )
        guessed = guess_mapping(table.headers)
        for key, combo in self.field_combos.items():
            combo.clear()
            combo.addItem("— not imported —", None)
            for column, header in enumerate(table.headers):
                if header:
                    combo.addItem(header, column)
            combo.setCurrentIndex(max(0, combo.findData(guessed.get(key, -1))))
        self._show_step(0)

    def mapping(self) -> dict[str, int]:
        return {
            key: combo.currentData()
            for key, combo in self.field_combos.items()
            if combo.currentData() is not None
        }

    def _make_plan(self) -> None:
        if self.table is None:
            return
        mapping = self.mapping()
        used = list(mapping.values())
        if len(used) != len(set(used)):
            dialogs.show_problem(
                self, "One column, one field", "Each column can hold one field only."
            )
            return
        if not self.as_of.commit():  # the reason shows under the date
            self.as_of.setFocus()
            return
        try:
            self.plan = plan_for(self.context.db, self.table, mapping, as_of=self.as_of.value())
        except UserError as problem:
            dialogs.show_problem(self, "Cannot import with this mapping", str(problem))
            return
        plan = self.plan
        self.preview_model.set_rows(plan.actions)
        self.preview.resizeColumnsToContents()
        skipped = [p for p in plan.problems if not p.imported]
        self.preview_summary.setText(
            f"{len(plan.actions)} actions to import into {len(plan.workstreams)} workstream(s); "
            f"{len(skipped)} row(s) cannot be imported and are listed below."
        )
        self.problems.setHtml(_problems_html(plan.problems))
        self._show_step(2)

    def run(self) -> None:
        plan = self.plan
        if plan is None:
            return
        db = self.context.db

        def done(report: ImportReport) -> None:
            self.report = report
            self.done_text.setHtml(
                f"<p><b>{escape(report.summary())}</b></p>"
                + "".join(
                    f"<p>Created workstream {escape(w)}</p>" for w in report.workstreams_created
                )
                + _problems_html(report.problems)
            )
            self.context.status(report.summary())
            self._show_step(3)

        self.context.operations.run(
            lambda progress, cancel: run_import(db, plan, progress, cancel),
            done,
            label="Importing actions…",
            write=True,
        )


def _problems_html(problems) -> str:
    if not problems:
        return "<p><i>Every row can be read.</i></p>"
    lines = []
    for problem in problems:
        mark = "note" if problem.imported else "<b>not imported</b>"
        lines.append(
            f"<p>Row {problem.row} {escape(problem.reference or '')} – {mark}: "
            f"{escape(problem.message)}</p>"
        )
    return "".join(lines)
