"""Signing in before the main window: required on a shared server, or where business support
turned it on for a SQLite file; otherwise the operating-system user works as business support.

A shared database without any user yet first asks for its administrator (business support).
The dialogs (`ui.sign_in_dialogs`) are imported only when one is shown: a start as the local
user builds none of their Qt classes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from partnerboard.db.database import Database
from partnerboard.domain.access import Principal
from partnerboard.services import access

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def sign_in(db: Database, parent: QWidget | None = None) -> Principal | None:
    """Who is working: the signed-in user, the local user where sign-in is not needed, or None
    when the person cancelled."""
    principal = access.start_without_sign_in(db)
    if principal is not None:
        return principal
    from PySide6.QtWidgets import QDialog  # noqa: PLC0415  (see the module's note)

    from partnerboard.ui.sign_in_dialogs import (  # noqa: PLC0415
        FirstAdministratorDialog,
        SignInDialog,
    )

    login = ""
    if not access.has_users(db):
        first = FirstAdministratorDialog(db, parent)
        if first.exec() != QDialog.DialogCode.Accepted:
            return None
        login = first.login.text()
    dialog = SignInDialog(db, login, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.principal
