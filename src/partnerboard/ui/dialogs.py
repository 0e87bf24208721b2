"""The app's few message boxes, in one place so tests can answer them.

Expected problems are shown as plain messages; bugs show a dialog whose details can be
copied and that says where the log is (the traceback is in the log, not on screen).
"""

from __future__ import annotations

import logging
import traceback
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from partnerboard.logs import log_file

log = logging.getLogger(__name__)


def show_problem(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Warning, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()


def show_info(parent: QWidget | None, title: str, message: str) -> None:
    box = QMessageBox(
        QMessageBox.Icon.Information, title, message, QMessageBox.StandardButton.Ok, parent
    )
    box.setAccessibleName(title)
    box.exec()


def confirm(parent: QWidget | None, title: str, question: str, yes: str = "Yes") -> bool:
    box = QMessageBox(
        QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent
    )
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    box.setAccessibleName(title)
    box.exec()
    return box.clickedButton() is yes_button


def show_bug(
    parent: QWidget | None,
    kind: type[BaseException],
    error: BaseException,
    tb: TracebackType | None,
) -> None:
    """Log the traceback and tell the user plainly, with copyable details."""
    details = "".join(traceback.format_exception(kind, error, tb))
    log.error("unexpected error\n%s", details)
    if QApplication.instance() is None:
        return
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Something went wrong")
    box.setText(
        "partnerboard hit an unexpected problem. Your saved work is safe; the last change may "
        "not have been saved.\n\nPlease send the details below (or the log file) to your "
        f"support contact.\nLog: {log_file()}"
    )
    box.setDetailedText(details)
    box.setAccessibleName("Something went wrong")
    box.exec()
