"""A dialog around a form that saves something, the same way everywhere.

The OK button saves and closes only when the save succeeded; otherwise the reasons show beside
the fields and the dialog stays, with everything typed. Cancel, Escape or the window's close
button with changes typed asks Save / Discard / Cancel (`ui.unsaved`). Access keys are given
to the captions when the dialog is first shown (`ui.access_keys`).

    class StepDialog(FormDialog):
        problem_title = "Cannot record this stage"
        def __init__(...):
            super().__init__("Escalate …", "&Save", parent, note="…")
            self.form.choice(...)
            ...
        def store(self, values) -> None:   # raise ValidationFailed / UserError to refuse
            self.saved = escalation_steps.add_step(...)
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.ui import access_keys, dialogs, unsaved
from partnerboard.ui.forms import Form


class FormDialog(QDialog):
    problem_title = "Cannot save"

    def __init__(
        self,
        title: str,
        ok_text: str,
        parent: QWidget | None = None,
        note: str = "",
        scroll: bool = False,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self.form = Form()
        self.note = QLabel(note)
        self.note.setTextFormat(Qt.TextFormat.PlainText)  # it may quote what people typed
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About this dialog")
        self.note.setVisible(bool(note))
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(ok_text)
        self.ok_button.setAccessibleName(access_keys.plain(ok_text))
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.save)  # closes itself once the save succeeded
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)
        self.body.addWidget(self.note)
        if scroll:  # a long form scrolls inside the dialog; the buttons stay in view
            area = QScrollArea()
            area.setWidget(self.form)
            area.setWidgetResizable(True)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            self.body.addWidget(area, 1)
        else:
            self.body.addWidget(self.form)
        self.body.addWidget(self.buttons)
        self._keys_given = False

    def add_below_form(self, widget: QWidget) -> None:
        """A widget between the form and the buttons (a preview, a list)."""
        self.body.insertWidget(self.body.indexOf(self.buttons), widget)

    def store(self, values: dict[str, Any]) -> None:
        """Save `values`; raise ValidationFailed or UserError to refuse (subclasses)."""
        raise NotImplementedError

    def save(self) -> bool:
        try:
            self.store(self.form.values())
        except ValidationFailed as failed:
            self.form.refuse(failed, self, self.problem_title)
            return False
        except StaleRecord as stale:  # nothing overwritten; what was typed stays
            dialogs.show_problem(self, "Changed by someone else", str(stale))
            return False
        except UserError as problem:
            dialogs.show_problem(self, self.problem_title, str(problem))
            return False
        self.form.mark_clean()
        self.accept()
        return True

    def reject(self) -> None:
        if self.form.is_dirty():
            answer = unsaved.ask(self, f"what you typed in “{self.windowTitle()}”")
            if answer is unsaved.Answer.CANCEL:
                return
            if answer is unsaved.Answer.SAVE:
                self.save()  # closes when saved; stays open, with the reasons, when refused
                return
        super().reject()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        if not self._keys_given:
            self._keys_given = True
            access_keys.assign(self)
        super().showEvent(event)
