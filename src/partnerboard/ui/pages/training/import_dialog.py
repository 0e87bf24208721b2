"""Bring bookings or evaluations in from a booking site's or forms tool's export.

Choose the file and the session (or, for bookings, the course: each row's date then says which
session); Check reads it and lists the columns used, the rows it could not read and the
agencies it could not place, writing nothing; Import writes it, whole or not at all. Headings
that are not recognised are named in Column headings (FIELD=HEADING, one a line), as
`--map` does on the command line. Closing the dialog with a file chosen (or headings typed) and
nothing imported asks Save (import it) / Discard / Cancel, the app's one prompt (`ui.unsaved`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.training_import import BOOKING_KEYS, EVALUATION_FIELDS
from partnerboard.errors import UserError
from partnerboard.services import training
from partnerboard.ui import unsaved

if TYPE_CHECKING:
    from partnerboard.services.training import ImportResult


def ask_open_path(parent: QWidget, title: str) -> Path | None:
    """The export to read (tests replace this); None when the user cancels."""
    name, _ = QFileDialog.getOpenFileName(
        parent, title, "", "Exports (*.csv *.xlsx);;CSV (*.csv);;Excel workbook (*.xlsx)"
    )
    return Path(name) if name else None


class ImportDialog(QDialog):
    def __init__(self, page, *, evaluations: bool, session_id: int | None = None) -> None:
        super().__init__(page)
        self.page = page
        self.evaluations = evaluations
        self.result: ImportResult | None = None
        self.imported = False  # the file chosen has been imported (nothing left to lose)
        what = "evaluations" if evaluations else "bookings"
        self.what = what
        self.setWindowTitle(f"Import {what}")
        self.setAccessibleName(f"Import {what}")
        self.path = QLineEdit()
        self.path.setAccessibleName("File to import")
        self.path.textChanged.connect(self._typed)
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Choose the file to import")
        self.browse.clicked.connect(self._browse)
        self.target = QComboBox()
        self.target.setAccessibleName("Session" if evaluations else "Session or course")
        sessions = training.list_sessions(page.db)
        options = [(("session", s.id), f"Session {s.id}: {s.label}") for s in reversed(sessions)]
        if not evaluations:
            options += [(("course", c.id), f"Course {c.label} (each row's date)")
                        for c in training.list_courses(page.db, include_inactive=False)]  # fmt: skip
        for value, label in options:
            self.target.addItem(label, value)
        if session_id is not None:
            self.target.setCurrentIndex(max(0, self.target.findData(("session", session_id))))
        self.follow_up = QCheckBox("F&ollow-up (about three months later)")
        self.follow_up.setAccessibleName("The file holds follow-up responses")
        self.follow_up.setVisible(evaluations)
        self.mapping = QPlainTextEdit()
        self.mapping.setAccessibleName("Column headings")
        self.mapping.setTabChangesFocus(True)
        self.mapping.textChanged.connect(self._typed)
        self.mapping.setFixedHeight(60)
        keys = (
            (*(f.key for f in EVALUATION_FIELDS), "before1", "after1")
            if evaluations
            else BOOKING_KEYS
        )
        self.mapping.setPlaceholderText(
            "Only when a heading is not recognised, e.g. agency=Which team are you in?\n"
            f"Fields: {', '.join(keys)}"
        )
        self.report = QPlainTextEdit()
        self.report.setReadOnly(True)
        self.report.setAccessibleName("What the file holds")
        self.report.setMinimumSize(640, 220)
        self.check_button = QPushButton("&Check")
        self.check_button.setAccessibleName("Check the file without importing")
        self.check_button.clicked.connect(lambda: self.run(dry_run=True))
        self.import_button = QPushButton("&Import")
        self.import_button.setAccessibleName("Import the file")
        self.import_button.clicked.connect(lambda: self.run(dry_run=False))
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        self._layout(close)

    def _layout(self, close: QDialogButtonBox) -> None:
        form = QFormLayout()
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(self.browse)
        for text, item in (("Fi&le:", file_row), ("&Session:", self.target)):
            caption = QLabel(text)
            caption.setBuddy(self.path if item is file_row else self.target)
            form.addRow(caption, item)
        form.addRow("", self.follow_up)
        caption = QLabel("Column hea&dings:")
        caption.setBuddy(self.mapping)
        form.addRow(caption, self.mapping)
        buttons = QHBoxLayout()
        buttons.addWidget(self.check_button)
        buttons.addWidget(self.import_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        box = QVBoxLayout(self)
        box.addLayout(form)
        box.addWidget(self.report, 1)
        box.addLayout(buttons)

    def _typed(self, *_args) -> None:
        self.imported = False

    def unsaved(self) -> str:
        path = self.path.text().strip()
        if self.imported or not (path or self.mapping.toPlainText().strip()):
            return ""
        return f"the {self.what} of {Path(path).name}" if path else "the column headings typed"

    def save_unsaved(self) -> bool:
        """Save = import now; the dialog stays open to show what the import did."""
        self.run(dry_run=False)
        return False

    def discard_unsaved(self) -> None:
        self.imported = True  # closing drops what was chosen

    def reject(self) -> None:
        if unsaved.settle(self, self):
            super().reject()

    def _browse(self) -> None:
        path = ask_open_path(self, self.windowTitle())
        if path is not None:
            self.path.setText(str(path))

    def run(self, dry_run: bool) -> None:
        path = self.path.text().strip()
        kind, target = self.target.currentData() or (None, None)
        given = [line.strip() for line in self.mapping.toPlainText().splitlines() if line.strip()]
        if not path or target is None:
            self.report.setPlainText("Choose the file and the session first.")
            return
        db = self.page.db

        def work(_progress, cancel):
            if self.evaluations:
                return training.import_evaluations(
                    db, path, session_id=target, follow_up=self.follow_up.isChecked(),
                    given=given, dry_run=dry_run, cancel=cancel,
                )  # fmt: skip
            return training.import_bookings(
                db, path, session_id=target if kind == "session" else None,
                course_id=target if kind == "course" else None, given=given, dry_run=dry_run,
                cancel=cancel,
            )  # fmt: skip

        def done(result) -> None:
            self.result = result
            self.report.setPlainText("\n".join(result.lines()))
            if result.written:
                self.imported = True
                self.page.context.status(result.summary())

        def failed(error: BaseException) -> bool:
            if isinstance(error, UserError):
                self.report.setPlainText(str(error))
                return True
            return False

        self.page.context.operations.run(
            work, done, label="Reading the file…", write=not dry_run, on_error=failed
        )
