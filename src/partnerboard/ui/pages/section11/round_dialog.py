"""Starting a Section 11 round: label, framework, rating scale, dates; every agency under the duty."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.domain.section11 import DEFAULT_SCALE, SCALES
from partnerboard.services import section11 as s11
from partnerboard.ui.form_dialog import FormDialog


class RoundDialog(FormDialog):
    problem_title = "Cannot start the round"

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            "New Section 11 round",
            "&Start round",
            parent,
            note="Every active agency under the Section 11 duty is in scope; change the scope "
            "later by marking agencies in the Agencies page before the templates go out.",
        )
        self.db = db
        self.saved: s11.RoundRow | None = None
        frameworks = s11.list_frameworks(db) or [s11.ensure_default_framework(db)]
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
        self.resize(460, 420)

    def store(self, values: dict[str, Any]) -> None:
        data = s11.RoundInput(
            label=values["label"],
            framework_id=values["framework_id"],
            rating_scale=values["rating_scale"] or DEFAULT_SCALE,
            issue_date=values["issue_date"],
            deadline=values["deadline"],
        )
        self.saved = s11.save_round(self.db, data)
