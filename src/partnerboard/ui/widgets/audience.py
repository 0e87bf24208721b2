"""The 'Restricted' box of a record's form and, under it, who else may see it when ticked.

Business support and the chairs always see restricted records; the list offers the roles
that do not (every member, every read-only user) and each person with such a sign-in. The
rule itself is the session's (`db.visibility`); this only collects `restricted_to`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtWidgets import QCheckBox, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.access import Audience
from partnerboard.services.restriction import audience_options
from partnerboard.ui.forms import Form
from partnerboard.ui.widgets.check_list import CheckList

RESTRICTED_LABEL = "Restricted"
AUDIENCE_LABEL = "While restricted, seen by business support, the chairs and"


class AudienceList(CheckList):
    """A check list whose form value is the stored audience text ("member person:12")."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent, visible_rows=4)
        self.set_options(audience_options(db))

    def form_value(self) -> str | None:
        return Audience.from_tokens(self.checked_values()).stored()

    def set_form_value(self, values: Sequence[Any] | str | None) -> None:
        if values is None or isinstance(values, str):
            values = Audience.parse(values).tokens
        self.set_checked(values)


def add_restriction_fields(
    form: Form, db: Database, label: str = RESTRICTED_LABEL
) -> tuple[QCheckBox, AudienceList]:
    """`restricted` and `restricted_to` fields; the list only matters (and is enabled) while the
    box is ticked, and both are hidden from those who cannot see restricted records at all."""
    box = form.check("restricted", label)
    audience = AudienceList(db)
    form.custom("restricted_to", AUDIENCE_LABEL, audience)
    audience.setEnabled(box.isChecked())
    box.toggled.connect(audience.setEnabled)
    if not db.principal.role.sees_restricted:
        form.set_field_shown("restricted", False)
        form.set_field_shown("restricted_to", False)
    return box, audience
