"""The small dialog behind Close, Supersede and Merge: when, why, and (for the last two) which
open action takes over. Nothing is deleted: the dialog only asks what to record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from partnerboard.ui import unsaved
from partnerboard.ui.widgets.fields import DateEdit, date_with_message


@dataclass(frozen=True)
class FinishAnswer:
    on: date
    note: str
    other_id: int | None


WORDS = {
    "close": (
        "Close action",
        "Close",
        "Closing note (what was achieved, or why it is no longer needed)",
    ),
    "supersede": ("Supersede action", "Supersede", "Why it is superseded"),
    "merge": ("Merge action", "Merge", "Why they are merged"),
}


class FinishDialog(QDialog):
    def __init__(
        self,
        kind: str,
        action_label: str,
        others: list[tuple[int, str]],
        today: date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._today = today
        title, verb, note_label = WORDS[kind]
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName(f"finish_{kind}")
        intro = QLabel(f"{verb} {action_label}? Its updates and history are kept.")
        intro.setWordWrap(True)
        self.on = DateEdit(optional=False)
        self.on.setObjectName("finish_on")
        self.on.setAccessibleName("Date")
        self.other = QComboBox()
        self.other.setObjectName("finish_other")
        self.other.setAccessibleName("Superseded by" if kind == "supersede" else "Merged into")
        for ident, label in others:
            self.other.addItem(label, ident)
        self.note = QPlainTextEdit()
        self.note.setObjectName("finish_note")
        self.note.setAccessibleName(note_label)
        self.note.setTabChangesFocus(True)
        self.note.setFixedHeight(80)
        form = QFormLayout()
        form.addRow("&Date", date_with_message(self.on))
        if kind != "close":
            form.addRow("&Superseded by" if kind == "supersede" else "&Merged into", self.other)
        form.addRow(note_label, self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(verb)
        self.buttons.accepted.connect(self._finish)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(intro)
        box.addLayout(form)
        box.addWidget(self.buttons)
        self._kind = kind

    def reject(self) -> None:
        # A closing note being written is asked about, as every form's unsaved work is.
        if self.note.toPlainText().strip():
            answer = unsaved.ask(self, f"the note you were writing to {self.windowTitle().lower()}")
            if answer is unsaved.Answer.CANCEL:
                return
            if answer is unsaved.Answer.SAVE:
                self._finish()
                return
        super().reject()

    def _finish(self) -> None:
        # A date that is not one is said under the field; the dialog stays until it is.
        if self.on.commit():
            self.accept()
        else:
            self.on.setFocus()

    def answer(self) -> FinishAnswer:
        return FinishAnswer(
            self.on.value() or self._today,
            self.note.toPlainText().strip(),
            self.other.currentData() if self._kind != "close" else None,
        )


def ask_finish(
    parent: QWidget, kind: str, action_label: str, others: list[tuple[int, str]], today: date
) -> FinishAnswer | None:
    """Show the dialog; None when cancelled (tests drive the real dialog or replace this)."""
    dialog = FinishDialog(kind, action_label, others, today, parent)
    return dialog.answer() if dialog.exec() == QDialog.DialogCode.Accepted else None
