"""Starting a Section 11 round: label, framework, rating scale, dates; every agency under the duty."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.section11 import DEFAULT_SCALE, SCALES
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import section11 as s11
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form


class RoundDialog(QDialog):
    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.saved: s11.RoundRow | None = None
        self.setWindowTitle("New Section 11 round")
        self.setAccessibleName("New Section 11 round")
        frameworks = s11.list_frameworks(db) or [s11.ensure_default_framework(db)]
        self.form = Form()
        self.form.text("label", "Label", required=True, max_length=30, placeholder="e.g. 2027")
        self.form.choice(
            "framework_id",
            "Framework",
            [(f.id, f.display_name) for f in frameworks if f.status != "retired"],
            required=True,
        )
        self.form.choice("rating_scale", "Rating scale", [(k, s.name) for k, s in SCALES.items()])
        self.form.date("issue_date", "Issue date")
        self.form.date("deadline", "Deadline")
        today = self.db.clock.today()
        self.form.load(
            {
                "label": str(today.year + (1 if today.month > 9 else 0)),
                "framework_id": frameworks[-1].id,
                "rating_scale": DEFAULT_SCALE,
                "issue_date": today,
            }
        )
        note = QLabel(
            "Every active agency under the Section 11 duty is in scope; change the scope later "
            "by marking agencies in the Agencies page before the templates go out."
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Start round")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        box = QVBoxLayout(self)
        box.addWidget(self.form)
        box.addWidget(note)
        box.addWidget(buttons)
        self.resize(460, 420)

    def save(self) -> None:
        values = self.form.values()
        data = s11.RoundInput(
            label=values["label"],
            framework_id=values["framework_id"],
            rating_scale=values["rating_scale"] or DEFAULT_SCALE,
            issue_date=values["issue_date"],
            deadline=values["deadline"],
        )
        try:
            self.saved = s11.save_round(self.db, data)
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot start the round", "\n".join(leftovers))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot start the round", str(problem))
            return
        self.accept()
