"""The questions the meeting pages ask: a correction's reason, the approval date, where to save.

Kept in one module so that tests answer them (monkeypatch) as they answer `ui.dialogs`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.services.meetings import minutes
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui.form_dialog import FormDialog


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


class ApproveDialog(FormDialog):
    """The chair approves the minutes: the date of approval and who approved them. A date the
    rules refuse (before the meeting) is said beside the field, and the dialog stays."""

    problem_title = "Cannot approve the minutes"

    def __init__(self, db: Database, meeting: MeetingRow, parent: QWidget | None = None):
        super().__init__(
            "Approve minutes",
            "&Approve",
            parent,
            note=f"Approve the minutes of {meeting.name}. Approved minutes are locked: any "
            "later change is a correction, which needs a reason and is recorded.",
        )
        self.db, self.meeting = db, meeting
        self.form.date("approved_on", "Approved on", optional=False, required=True)
        self.form.text("approved_by", "Approved by", required=True)
        self.form.load({"approved_on": db.clock.today(), "approved_by": meeting.chair_name or ""})
        self.resize(520, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        minutes.approve_minutes(
            self.db, self.meeting.id, values["approved_on"], values["approved_by"]
        )


def approve(parent: QWidget | None, db: Database, meeting: MeetingRow) -> bool:
    """Ask the chair's approval and record it; False when cancelled."""
    return bool(ApproveDialog(db, meeting, parent).exec())


def choose_save_path(parent: QWidget | None, title: str, suggested: str, kinds: str) -> str | None:
    """Where to save a file (the native save dialog); None if cancelled."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, kinds)
    return name or None


def choose_folder(parent: QWidget | None, title: str) -> str | None:
    """A folder to write into (the native folder dialog); None if cancelled."""
    return QFileDialog.getExistingDirectory(parent, title) or None
