"""Record that an escalation reached a higher stage: which stage, on what date, and a note."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.thresholds import STAGES, stage_label
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import escalation_steps
from partnerboard.services.escalations import EscalationRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form


class StepDialog(QDialog):
    def __init__(self, db: Database, row: EscalationRow, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.row = db, row
        self.saved: EscalationRow | None = None
        self.setWindowTitle(f"Escalate {row.reference}")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            f"{row.reference} is at {stage_label(row.stage).lower()} since "
            f"{row.steps[-1].on_date:%d/%m/%Y}."
            if row.steps
            else ""
        )
        intro.setWordWrap(True)
        self.form = Form()
        higher = [(s, stage_label(s)) for s in sorted(STAGES) if s > row.stage]
        self.form.choice("stage", "Stage reached", higher, required=True)
        self.form.date("on_date", "Reached on", optional=False, required=True)
        self.form.multiline("note", "Note")
        self.form.load(
            {"stage": higher[0][0] if higher else None, "on_date": self.db.clock.today()}
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(buttons)
        self.resize(480, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        try:
            self.saved = escalation_steps.add_step(
                self.db, self.row.id, values["stage"] or 0, values["on_date"], values["note"]
            )
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot record this stage", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot record this stage", str(problem))
            return
        self.accept()
