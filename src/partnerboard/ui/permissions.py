"""What the signed-in role may not do is not offered: one helper for every page.

The one table of who may do what is `domain.access.PERMISSIONS`; the services and the session
rules refuse anything else whatever the page does. Pages hide the controls a role may not use,
tagged with the permission they need (tests read the tag), so that nobody types into a form they
cannot save or presses a button that can only say no.
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.domain.access import Permission

# A control's dynamic property naming the permission it needs.
PERMISSION_PROPERTY = "permission"


def hide_unless(db: Database, permission: Permission, *controls: QWidget | QAction) -> bool:
    """Hide `controls` unless the signed-in role has `permission`; True when it has."""
    may = db.principal.may(permission)
    for control in controls:
        control.setProperty(PERMISSION_PROPERTY, permission.value)
        if not may:
            control.setVisible(False)
    return may
