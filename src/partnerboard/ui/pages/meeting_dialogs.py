"""The questions the meeting pages ask: a correction's reason, the approval date, where to save.

Kept in one module so that tests answer them (monkeypatch) as they answer `ui.dialogs`.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.dates import format_date
from partnerboard.ui.forms import Form


def ask_correction_reason(
    parent: QWidget | None, meeting_name: str, approved_on: date | None
) -> str | None:
    """Why approved minutes are being changed (recorded with the change); None if cancelled."""
    dialog = QInputDialog(parent)
    dialog.setWindowTitle("Correct approved minutes")
    dialog.setAccessibleName("Correct approved minutes")
    dialog.setLabelText(
        f"The minutes of {meeting_name} were approved on {format_date(approved_on)}. "
        "A correction is recorded with your name and its reason.\n\nReason for the correction:"
    )
    dialog.setTextEchoMode(QLineEdit.EchoMode.Normal)
    while dialog.exec():
        reason = dialog.textValue().strip()
        if reason:
            return reason
    return None


class ApproveDialog(QDialog):
    """The chair approves the minutes: the date of approval and who approved them."""

    def __init__(
        self, meeting_name: str, chair: str | None, today: date, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.setWindowTitle("Approve minutes")
        self.setAccessibleName("Approve minutes")
        explain = QLabel(
            f"Approve the minutes of {meeting_name}. Approved minutes are locked: any later "
            "change is a correction, which needs a reason and is recorded."
        )
        explain.setWordWrap(True)
        self.form = Form()
        self.form.date("approved_on", "Approved on", optional=False, required=True)
        self.form.text("approved_by", "Approved by", required=True)
        self.form.load({"approved_on": today, "approved_by": chair or ""})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Approve")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.form)
        layout.addWidget(buttons)

    def answer(self) -> tuple[date, str]:
        values = self.form.values()
        return values["approved_on"], values["approved_by"]


def ask_approval(
    parent: QWidget | None, meeting_name: str, chair: str | None, today: date
) -> tuple[date, str] | None:
    dialog = ApproveDialog(meeting_name, chair, today, parent)
    return dialog.answer() if dialog.exec() else None


def choose_save_path(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str | None:
    """Where to save a file (the native save dialog); None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return name or None


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """A folder to write into (the native folder dialog); None if cancelled."""
    return QFileDialog.getExistingDirectory(parent, title) or None
