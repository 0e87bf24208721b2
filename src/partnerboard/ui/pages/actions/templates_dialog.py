"""Send action update templates: to one agency, to every agency with open actions, or as
chasers to every agency with actions overdue or due within N days (45 by default)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerboard.services import partnership
from partnerboard.ui.context import AppContext
from partnerboard.workbooks.action_update.template import CHASER_DAYS, Batch, write_templates


def ask_folder(parent: QWidget) -> Path | None:
    """Where to write the templates (None when cancelled); tests replace this function."""
    name = QFileDialog.getExistingDirectory(parent, "Folder for the templates")
    return Path(name) if name else None


class TemplatesDialog(QDialog):
    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.batch: Batch | None = None
        self.setWindowTitle("Action update templates")
        self.setAccessibleName("Action update templates")
        self.one = QRadioButton("&One agency")
        self.every = QRadioButton("&Every agency leading open actions")
        self.chasers = QRadioButton("&Chasers: agencies with actions overdue or due within")
        self.chasers.setChecked(True)
        group = QButtonGroup(self)
        for button in (self.one, self.every, self.chasers):
            group.addButton(button)
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency")
        for agency in partnership.list_agencies(context.db, include_inactive=False):
            self.agency.addItem(agency.display_name, agency.id)
        self.days = QSpinBox()
        self.days.setRange(1, 365)
        self.days.setValue(CHASER_DAYS)
        self.days.setSuffix(" days")
        self.days.setAccessibleName("Days ahead for chasers")
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for the templates")
        browse = QPushButton("C&hoose…")
        browse.setAccessibleName("Choose the folder")
        browse.clicked.connect(self._browse)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Close
        )
        self.write_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.write_button.setText("&Write templates")
        self.write_button.clicked.connect(self.write)
        self.buttons.rejected.connect(self.reject)
        grid = QGridLayout()
        grid.addWidget(self.one, 0, 0)
        grid.addWidget(self.agency, 0, 1)
        grid.addWidget(self.every, 1, 0, 1, 2)
        grid.addWidget(self.chasers, 2, 0)
        grid.addWidget(self.days, 2, 1)
        folder_row = QHBoxLayout()
        folder_label = QLabel("F&older")  # with a buddy, or Qt shows the "&" as typed
        folder_label.setBuddy(self.folder)
        folder_row.addWidget(folder_label)
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        box = QVBoxLayout(self)
        box.addWidget(
            QLabel("Each agency gets one workbook listing its actions, to fill in and e-mail back.")
        )
        box.addLayout(grid)
        box.addLayout(folder_row)
        box.addWidget(self.result)
        box.addWidget(self.buttons)

    def _browse(self) -> None:
        folder = ask_folder(self)
        if folder is not None:
            self.folder.setText(str(folder))

    def write(self) -> None:
        if not self.folder.text().strip():
            self._browse()
        if not self.folder.text().strip():
            return
        folder = Path(self.folder.text().strip())
        db = self.context.db
        agency_ids = [self.agency.currentData()] if self.one.isChecked() else None
        days = self.days.value() if self.chasers.isChecked() else None

        def done(batch: Batch) -> None:
            self.batch = batch
            lines = [f"{len(batch.written)} template(s) written to {folder}."]
            lines += [f"• {agency}: {count} action(s)" for agency, _path, count in batch.written]
            if batch.skipped:
                lines.append("Nothing to send to: " + ", ".join(batch.skipped))
            self.result.setText("\n".join(lines))
            self.context.status(lines[0])

        self.context.operations.run(
            lambda progress, cancel: write_templates(
                db, folder, agency_ids, chaser_days=days, progress=progress, cancel=cancel
            ),
            done,
            label="Writing templates…",
        )
