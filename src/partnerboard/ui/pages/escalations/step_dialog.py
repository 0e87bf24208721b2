"""Record that an escalation reached a higher stage: which stage, on what date, and a note."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.domain.thresholds import STAGES, stage_label
from partnerboard.services import escalation_steps
from partnerboard.services.escalations import EscalationRow
from partnerboard.ui.form_dialog import FormDialog


class StepDialog(FormDialog):
    problem_title = "Cannot record this stage"

    def __init__(self, db: Database, row: EscalationRow, parent: QWidget | None = None):
        super().__init__(
            f"Escalate {row.reference}",
            "&Save",
            parent,
            note=(
                f"{row.reference} is at {stage_label(row.stage).lower()} since "
                f"{row.steps[-1].on_date:%d/%m/%Y}."
                if row.steps
                else ""
            ),
        )
        self.db, self.row = db, row
        self.saved: EscalationRow | None = None
        higher = [(s, stage_label(s)) for s in sorted(STAGES) if s > row.stage]
        self.form.choice("stage", "Stage reached", higher, required=True)
        self.form.date("on_date", "Reached on", optional=False, required=True)
        self.form.multiline("note", "Note")
        self.form.load(
            {"stage": higher[0][0] if higher else None, "on_date": self.db.clock.today()}
        )
        self.resize(480, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        self.saved = escalation_steps.add_step(
            self.db, self.row.id, values["stage"] or 0, values["on_date"], values["note"]
        )
