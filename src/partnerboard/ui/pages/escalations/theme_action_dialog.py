"""Turn a learning theme from the escalation log into an action on the board's action log."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.services import escalation_figures as ef
from partnerboard.services import partnership
from partnerboard.ui.form_dialog import FormDialog


class ThemeActionDialog(FormDialog):
    problem_title = "Cannot create the action"

    def __init__(self, db: Database, theme: ef.ThemeRow, parent: QWidget | None = None):
        unlinked = theme.without_action
        super().__init__(
            "Create an action from a learning theme",
            "&Save",
            parent,
            note=(
                f"“{theme.theme}” comes up in {theme.escalations} escalation"
                f"{'s' if theme.escalations != 1 else ''} ({', '.join(theme.references)}). "
                f"The {unlinked} not yet linked to an action will be linked to the new one."
            ),
        )
        self.db, self.theme = db, theme
        self.reference: str | None = None
        self.form.multiline("text", "Action", required=True, height=80)
        agencies = [
            (a.id, a.display_name) for a in partnership.list_agencies(db, include_inactive=False)
        ]
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="Not decided yet")
        self.form.date("due_on", "Due by")
        self.form.multiline("measure", "How we will know")
        self.form.load({"text": f"Act on the learning from escalations: {theme.theme.lower()}."})
        self.resize(540, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        data = ef.ThemeActionInput(
            text=values["text"],
            lead_agency_id=values["lead_agency_id"],
            due_on=values["due_on"],
            measure=values["measure"],
        )
        self.reference = ef.create_action_from_theme(self.db, self.theme.theme, data)
