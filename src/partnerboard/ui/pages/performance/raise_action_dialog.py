"""Raise an action in the action log from an indicator (a Red figure the board wants acted on).

The action is led by the supplying agency unless another is chosen, and links back to the
indicator; its source note says what the figure was. The due date is the app's one date
field; closing the dialog with typed work asks Save / Discard / Cancel (`ui.form_dialog`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.services import partnership
from partnerboard.services import performance as perf
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.performance.indicator_actions import source_note
from partnerboard.ui.form_dialog import FormDialog


class RaiseActionDialog(FormDialog):
    problem_title = "Cannot raise the action"

    def __init__(self, db: Database, row: perf.ScoreRow, parent: QWidget | None = None):
        indicator = row.indicator
        super().__init__(
            f"Raise an action from {indicator.reference}",
            "&Save",
            parent,
            note="The action goes to the action log with this indicator as its source: "
            + source_note(row, indicator.reference, indicator.title),
        )
        self.db, self.row = db, row
        self.saved: ActionRow | None = None
        self.form.multiline("text", "What will be done", required=True, height=90)
        agencies = [
            (a.id, a.display_name) for a in partnership.list_agencies(db, include_inactive=False)
        ]
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="Not decided yet")
        self.form.date("due_on", "Due by")
        self.form.load({"lead_agency_id": indicator.agency_id})
        self.resize(560, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        data = perf.RaiseInput(
            text=values["text"], lead_agency_id=values["lead_agency_id"], due_on=values["due_on"]
        )
        self.saved = perf.raise_action(self.db, self.row.id, data, self.row)
