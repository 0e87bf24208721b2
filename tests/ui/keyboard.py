"""Typing and answering as a person does: key presses into real fields, clicks on real prompts."""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget


def retype(qtbot, widget: QWidget, text: str, enter: bool = True) -> None:
    """Click into a field, select what it holds, type `text` over it (and press Enter)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    if text:
        qtbot.keyClicks(widget, text)
    else:
        qtbot.keyClick(widget, Qt.Key.Key_Backspace)
    if enter:
        qtbot.keyClick(widget, Qt.Key.Key_Return)


def click(qtbot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


@dataclass
class Prompt:
    """The Save / Discard / Cancel prompts seen, and the one answer each is given."""

    answer: str = ""
    seen: list[str] = field(default_factory=list)


def answer_prompt(qtbot, answer: str) -> Prompt:
    """Click `answer` ("Save", "Discard" or "Cancel") on the unsaved-changes prompt when it
    opens, with the mouse; the prompt's text is kept in `.seen`."""
    prompt = Prompt(answer)

    def when_open(tries: int = 0) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox) or box.objectName() != "unsavedPrompt":
            if tries < 200:
                QTimer.singleShot(10, lambda: when_open(tries + 1))
            return
        prompt.seen.append(box.text())
        button = box.findChild(QWidget, f"unsaved{answer}")
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, when_open)
    return prompt
