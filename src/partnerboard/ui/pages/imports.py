"""Import returns: drop workbooks or a folder (here or anywhere on the window), or choose them.

The import (`workbooks.importer.import_paths`) runs off the GUI thread through the operations
helper, with a progress bar and Cancel. The results table shows every file's status, kind,
agency and records; selecting a file lists its problems (sheet, cell, message), and a
rejected file's list can be saved as a workbook to send back to the partner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain import palette
from partnerboard.domain.safe_text import printable
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable
from partnerboard.workbooks.importer import CellError, FileResult, FileStatus, ImportReport

STATUS_FILL = {
    FileStatus.IMPORTED: "#DCEFE3",
    FileStatus.UNCHANGED: "#EEF1F5",
    FileStatus.REJECTED: "#F9DEDC",
}


def local_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    """The local files and folders carried by a drag (nothing for text or web links)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


class DropArea(QFrame):
    """The visible target: says what to drop, and takes the drop itself too."""

    def __init__(self, page: ImportPage):
        super().__init__()
        self.page = page
        self.setObjectName("dropArea")
        self.setAcceptDrops(True)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet(
            "#dropArea { border: 2px dashed #8a96a3; border-radius: 6px; background: #f7f9fb; }"
        )
        self.setAccessibleName("Drop returned workbooks here")
        text = QLabel(
            "<b>Drop returned workbooks, or a folder of them, here</b> (or anywhere on this "
            "window).<br>Each file is checked whole and imported whole, or not at all."
        )
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.files_button = QPushButton("Choose f&iles…")
        self.files_button.setAccessibleName("Choose workbook files to import")
        self.files_button.clicked.connect(page.choose_files)
        self.folder_button = QPushButton("Choose a f&older…")
        self.folder_button.setAccessibleName("Choose a folder of workbooks to import")
        self.folder_button.clicked.connect(page.choose_folder)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.files_button)
        buttons.addWidget(self.folder_button)
        buttons.addStretch(1)
        box = QVBoxLayout(self)
        box.addWidget(text)
        box.addLayout(buttons)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        paths = local_paths(event)
        if paths:
            event.acceptProposedAction()
            self.page.import_files(paths)


class ImportPage(Page):
    key = "imports"
    title = "Import returns"
    tables = frozenset()  # shows the last import's results, not a register

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.report: ImportReport | None = None
        self.drop_area = DropArea(self)
        self.summary = QLabel("No import yet in this session.")
        self.summary.setObjectName("importSummary")
        self.summary.setAccessibleName("Import summary")
        self.summary.setWordWrap(True)

        self.model: RowTableModel[FileResult] = RowTableModel(self._file_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "import_results", sort_column=None)
        self.table.setAccessibleName("Imported files")
        self.table.selectionModel().currentRowChanged.connect(self._show_errors)

        self.error_model: RowTableModel[CellError] = RowTableModel(
            [
                Column("sheet", "Sheet", lambda e: e.sheet or "(whole file)"),
                Column("cell", "Cell", lambda e: e.cell),
                Column(
                    "message", "What to correct", lambda e: e.message, tooltip=lambda e: e.message
                ),
            ]
        )
        self.error_proxy = FilterProxy(self)
        self.errors = RegisterTable(
            self.error_model, self.error_proxy, "import_errors", sort_column=None
        )
        self.errors.setAccessibleName("Problems in the selected file")
        self.errors.setWordWrap(True)
        self.errors_title = QLabel("Select a file to see its problems.")
        self.save_errors_button = QPushButton("&Save error list for the partner…")
        self.save_errors_button.setAccessibleName(
            "Save the selected file's error list as a workbook"
        )
        self.save_errors_button.setEnabled(False)
        self.save_errors_button.clicked.connect(self.save_error_list)

        lower = QWidget()
        lower_box = QVBoxLayout(lower)
        lower_box.setContentsMargins(0, 0, 0, 0)
        heading = QHBoxLayout()
        heading.addWidget(self.errors_title, 1)
        heading.addWidget(self.save_errors_button)
        lower_box.addLayout(heading)
        lower_box.addWidget(self.errors)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(lower)
        splitter.setSizes([320, 260])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addWidget(self.drop_area)
        outer.addWidget(self.summary)
        outer.addWidget(splitter, 1)

    @staticmethod
    def _file_columns() -> list[Column[FileResult]]:
        def fill(result: FileResult) -> str:
            return STATUS_FILL[result.status]

        return [
            Column("file", "File", lambda r: r.name, tooltip=lambda r: printable(str(r.path))),
            Column("status", "Status", lambda r: r.status, background=fill),
            Column(
                "problems",
                "Problems",
                lambda r: len(r.errors) or None,
                align_right=True,
                foreground=lambda r: palette.RED.fill if r.errors else None,
            ),
            Column("records", "Records", lambda r: r.records or None, align_right=True),
            Column("kind", "Form", lambda r: r.kind_title or r.kind),
            Column("agency", "Agency", lambda r: r.agency),
            Column("context", "Round", lambda r: r.context),
        ]

    # ------------------------------------------------------------ choosing and dropping
    def ask_files(self) -> list[Path]:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Import returned workbooks", "", "Excel workbooks (*.xlsx);;All files (*)"
        )
        return [Path(n) for n in names]

    def ask_folder(self) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, "Import a folder of returned workbooks")
        return Path(name) if name else None

    def ask_save_path(self, suggested: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, "Save the error list", suggested, "Excel workbook (*.xlsx)"
        )
        return Path(name) if name else None

    def choose_files(self) -> None:
        paths = self.ask_files()
        if paths:
            self.import_files(paths)

    def choose_folder(self) -> None:
        folder = self.ask_folder()
        if folder is not None:
            self.import_files([folder])

    def handle_dropped_files(self, paths: list[Path]) -> None:
        """Files dropped anywhere on the main window come here."""
        self.import_files(paths)

    # ------------------------------------------------------------ importing
    def import_files(self, paths: list[Path]) -> None:
        from partnerboard.workbooks.importer import import_paths  # noqa: PLC0415

        self.summary.setText("Importing…")
        self.context.operations.run(
            lambda progress, cancel: import_paths(self.db, paths, progress, cancel),
            self.show_report,
            label="Importing returns…",
            write=True,
        )

    def show_report(self, report: ImportReport) -> None:
        self.report = report
        self.model.set_rows(report.files)
        self.table.fit_columns()
        text = report.summary() + "."
        if report.rejected:
            text += " Select a rejected file to see what to correct and save its error list."
        self.summary.setText(text)
        self.context.status(report.summary())
        self.error_model.set_rows([])
        self.save_errors_button.setEnabled(False)
        if report.files:
            first = next((i for i, f in enumerate(self.proxy.visible_rows()) if f.errors), 0)
            self.table.selectRow(first)

    def _selected(self) -> FileResult | None:
        current = self.table.currentIndex()
        return self.proxy.row_at(current.row()) if current.isValid() else None

    def _show_errors(self, *_args) -> None:
        result = self._selected()
        if result is None:
            return
        self.error_model.set_rows(result.errors)
        self.errors.resizeColumnToContents(0)
        self.errors.resizeColumnToContents(1)
        self.errors.resizeRowsToContents()
        count = len(result.errors)
        self.errors_title.setText(
            f"<b>{_escape(result.name)}</b>: "
            + (f"{count} problem(s) to correct." if count else "no problems.")
        )
        self.save_errors_button.setEnabled(result.status == FileStatus.REJECTED)

    def save_error_list(self) -> None:
        from partnerboard.services.partnership import get_partnership  # noqa: PLC0415
        from partnerboard.workbooks.error_list import (  # noqa: PLC0415
            error_list_file_name,
            write_error_list,
        )

        result = self._selected()
        if result is None or result.status != FileStatus.REJECTED:
            return
        target = self.ask_save_path(str(result.path.with_name(error_list_file_name(result))))
        if target is None:
            return
        name = get_partnership(self.db).name
        self.context.operations.run(
            lambda _progress, _cancel: write_error_list(result, target, name),
            lambda saved: self.context.status(f"Error list saved to {saved}."),
            label="Saving the error list…",
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
