"""Users (business support only): who may sign in, in which role, linked to which person.

A new password is typed twice; leaving it blank keeps the current one. Users are disabled,
never deleted: the audit trail names them. Sign-in can be turned on for a SQLite file here
(a shared server always requires it).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLineEdit, QVBoxLayout, QWidget

from partnerboard.domain.access import Permission, Role
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services import access
from partnerboard.services.access import UserInput, UserRow
from partnerboard.services.partnership import list_people
from partnerboard.services.passwords import MAX_PASSWORD
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.pages.restricted_logs import RestrictedLogsPanel
from partnerboard.ui.table_model import Column
from partnerboard.ui.widgets.history import RecordHistory


class UsersPage(RegisterPage):
    key = "users"
    title = "Users"
    noun = "user"
    plural = "users"
    tables = frozenset({"app_user", "person", "setting", "restricted_log"})
    edit_permission = Permission.MANAGE_USERS

    def columns(self) -> list[Column[UserRow]]:
        return [
            Column("name", "Name", lambda r: r.name),
            Column("login", "Login", lambda r: r.login),
            Column("role", "Role", lambda r: r.role),
            Column("person", "Person", lambda r: r.person_name),
            Column("password", "Password set", lambda r: r.has_password),
            Column("last", "Last signed in", lambda r: r.last_sign_in_at),
            Column("active", "Active", lambda r: r.active, visible=False),
        ]

    def build_form(self, form: Form) -> None:
        form.text("name", "Name", required=True)
        form.text("login", "Login", required=True, max_length=100)
        form.choice("role", "Role", [(r.value, r.label) for r in Role], required=True)
        form.choice("person_id", "Person in the register", [], none_label="Not linked")
        for key, label in (("password", "New password"), ("again", "New password again")):
            field = form.text(key, label, max_length=MAX_PASSWORD)
            field.setEchoMode(QLineEdit.EchoMode.Password)

    def extra_panel(self) -> QWidget | None:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        group = QGroupBox("Signing in")
        inner = QVBoxLayout(group)
        self.require_sign_in = QCheckBox("&Require sign-in to open this database")
        self.require_sign_in.setAccessibleName("Require sign-in")
        self.require_sign_in.setEnabled(self.db.is_sqlite)
        self.require_sign_in.clicked.connect(self._toggle_sign_in)
        inner.addWidget(self.require_sign_in)
        box.addWidget(group)
        self.restricted_logs = RestrictedLogsPanel(self.context)
        box.addWidget(self.restricted_logs)
        self.history = RecordHistory(self.context)
        box.addWidget(self.history)
        return panel

    def load_rows(self) -> list[UserRow]:
        people = list_people(self.db, include_inactive=False)
        self.form.set_choices("person_id", [(p.id, p.display_name) for p in people])
        self.require_sign_in.setChecked(access.sign_in_required(self.db))
        self.restricted_logs.reload()
        return access.list_users(self.db)

    def new_record_values(self) -> dict[str, Any]:
        return {"role": Role.MEMBER.value}

    def row_values(self, row: UserRow) -> dict[str, Any]:
        return {
            "name": row.name,
            "login": row.login,
            "role": row.role.value,
            "person_id": row.person_id,
        }

    def row_label(self, row: Any) -> str:
        return f"{row.name} ({row.login})"

    def record_loaded(self, row: UserRow | None) -> None:
        if row is None:
            self.history.clear()
        else:
            self.history.show_record("app_user", row.id)

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> UserRow:
        password = values["password"] or None
        if password is not None and password != values["again"]:
            raise ValidationFailed(FieldError("again", "The two passwords differ."))
        data = UserInput(
            name=values["name"],
            login=values["login"],
            role=values["role"] or "",
            person_id=values["person_id"],
        )
        return access.save_user(self.db, data, record_id, password, version)

    def set_active(self, record_id: int, active: bool) -> UserRow:
        row = next(r for r in self.model.rows() if r.id == record_id)
        return access.set_user_active(self.db, row.login, active)

    def _toggle_sign_in(self, checked: bool) -> None:
        try:
            access.set_sign_in_required(self.db, checked)
        except (ValidationFailed, UserError) as problem:
            self.require_sign_in.setChecked(not checked)
            dialogs.show_problem(self, "Signing in", str(problem))
            return
        self.context.status(
            "Sign-in is now required for this database."
            if checked
            else "Sign-in is no longer required for this database."
        )
