"""Raise an action in the action log from an indicator (a Red figure the board wants acted on).

The action is led by the supplying agency unless another is chosen, and links back to the
indicator; its source note says what the figure was.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import partnership
from partnerboard.services import performance as perf
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.performance.indicator_actions import source_note
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.performance.labels import plain_names


class RaiseActionDialog(QDialog):
    def __init__(self, db: Database, row: perf.ScoreRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.row = db, row
        self.saved: ActionRow | None = None
        indicator = row.indicator
        self.setWindowTitle(f"Raise an action from {indicator.reference}")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            "The action goes to the action log with this indicator as its source: "
            + source_note(row, indicator.reference, indicator.title)
        )
        intro.setWordWrap(True)
        intro.setAccessibleName("What the action is raised from")
        self.form = Form()
        self.form.multiline("text", "&What will be done", required=True, height=90)
        agencies = [(a.id, a.name) for a in partnership.list_agencies(db, include_inactive=False)]
        self.form.choice("lead_agency_id", "&Lead agency", agencies, none_label="Not decided yet")
        self.form.date("due_on", "&Due by")
        plain_names(self.form)
        self.form.load({"lead_agency_id": indicator.agency_id})
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(560, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        data = perf.RaiseInput(
            text=values["text"], lead_agency_id=values["lead_agency_id"], due_on=values["due_on"]
        )
        try:
            self.saved = perf.raise_action(self.db, self.row.id, data, self.row)
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot raise the action", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot raise the action", str(problem))
            return
        self.accept()
