"""Turn a learning theme from the escalation log into an action on the board's action log."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import escalation_figures as ef
from partnerboard.services import partnership
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form


class ThemeActionDialog(QDialog):
    def __init__(self, db: Database, theme: ef.ThemeRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.theme = db, theme
        self.reference: str | None = None
        self.setWindowTitle("Create an action from a learning theme")
        self.setAccessibleName(self.windowTitle())
        unlinked = theme.without_action
        intro = QLabel(
            f"“{theme.theme}” comes up in {theme.escalations} escalation"
            f"{'s' if theme.escalations != 1 else ''} ({', '.join(theme.references)}). "
            f"The {unlinked} not yet linked to an action will be linked to the new one."
        )
        intro.setWordWrap(True)
        self.form = Form()
        self.form.multiline("text", "Action", required=True, height=80)
        agencies = [(a.id, a.name) for a in partnership.list_agencies(db, include_inactive=False)]
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="Not decided yet")
        self.form.date("due_on", "Due by")
        self.form.multiline("measure", "How we will know")
        self.form.load({"text": f"Act on the learning from escalations: {theme.theme.lower()}."})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(540, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        data = ef.ThemeActionInput(
            text=values["text"],
            lead_agency_id=values["lead_agency_id"],
            due_on=values["due_on"],
            measure=values["measure"],
        )
        try:
            self.reference = ef.create_action_from_theme(self.db, self.theme.theme, data)
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot create the action", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot create the action", str(problem))
            return
        self.accept()
