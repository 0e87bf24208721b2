"""The sign-in dialogs: a login and password, or a shared database's first administrator.

Built only when a sign-in is needed (`ui.sign_in`); the local user's start opens neither.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.database import Database
from partnerboard.domain.access import Principal, Role, os_user_name
from partnerboard.errors import SignInFailed, UserError, ValidationFailed
from partnerboard.services import access
from partnerboard.services.passwords import MAX_PASSWORD

ERROR_STYLE = "color: #b00020;"


class _Dialog(QDialog):
    def __init__(self, title: str, intro: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(380)
        self.fields = QFormLayout()
        self.message = QLabel()
        self.message.setObjectName("signInMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Problem")
        self.message.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.attempt)
        self.buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        heading = QLabel(intro)
        heading.setWordWrap(True)
        box.addWidget(heading)
        box.addLayout(self.fields)
        box.addWidget(self.message)
        box.addWidget(self.buttons)

    def line(self, label: str, name: str, secret: bool = False) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setAccessibleName(label.replace("&", ""))
        edit.setMaxLength(MAX_PASSWORD if secret else 200)
        if secret:
            edit.setEchoMode(QLineEdit.EchoMode.Password)
        caption = QLabel(label)
        caption.setBuddy(edit)
        self.fields.addRow(caption, edit)
        return edit

    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()

    def attempt(self) -> None:
        raise NotImplementedError


class SignInDialog(_Dialog):
    """Login and password; on success `principal` is the signed-in user."""

    def __init__(self, db: Database, login: str = "", parent: QWidget | None = None):
        super().__init__("Sign in to partnerboard", f"Sign in to {db.describe()}.", parent)
        self.db = db
        self.principal: Principal | None = None
        self.login = self.line("&Login", "login")
        self.password = self.line("&Password", "password", secret=True)
        self.login.setText(login)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Sign in")
        (self.password if login else self.login).setFocus()

    def attempt(self) -> None:
        try:
            self.principal = access.authenticate(self.db, self.login.text(), self.password.text())
        except SignInFailed as failed:
            self.password.clear()
            self.password.setFocus()
            self.show_message(str(failed))
            return
        self.accept()


class FirstAdministratorDialog(_Dialog):
    """A shared database with no users yet: its first user, business support, with a password."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            "Create the administrator",
            "This shared database has no users yet. Create the first one: a business support "
            "user who can then add everyone else (Administration → Users).",
            parent,
        )
        self.db = db
        self.name = self.line("&Name", "name")
        self.login = self.line("&Login", "login")
        self.password = self.line("&Password", "password", secret=True)
        self.again = self.line("Password &again", "again", secret=True)
        self.login.setText(os_user_name())
        self.name.setFocus()

    def attempt(self) -> None:
        if self.password.text() != self.again.text():
            self.show_message("The two passwords differ.")
            return
        data = access.UserInput(self.name.text(), self.login.text(), Role.BUSINESS_SUPPORT.value)
        try:
            access.save_user(self.db, data, password=self.password.text())
        except ValidationFailed as failed:
            self.show_message("\n".join(e.message for e in failed.errors))
            return
        except UserError as problem:
            self.show_message(str(problem))
            return
        self.accept()
