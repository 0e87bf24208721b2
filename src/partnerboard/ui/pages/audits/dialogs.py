"""Dialogs of the audits page: re-audit a case, add a recommendation to the action log."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.errors import UserError
from partnerboard.services import audits, partnership
from partnerboard.ui.form_dialog import FormDialog


class ReauditDialog(FormDialog):
    """Add a re-audit of a case flagged for re-audit to an audit that is not yet reported."""

    problem_title = "Cannot add the re-audit"

    def __init__(self, db: Database, case: audits.CaseRow, parent: QWidget | None = None):
        super().__init__(
            f"Re-audit {case.reference}",
            "&Add re-audit",
            parent,
            note=f"{case.reference} has a final grade of Inadequate. The re-audit is a case of "
            "the audit you choose, linked to this one, with the same agencies (added to that "
            "audit if they are not taking part yet).",
        )
        self.db, self.case = db, case
        self.saved: audits.CaseRow | None = None
        self.target_title = ""
        open_audits = [a for a in audits.list_audits(db) if not a.status.complete]
        self.titles = {a.id: a.title for a in open_audits}
        self.form.choice("audit_id", "Audit to re-audit it in", [(a.id, a.label) for a in open_audits],
                         required=True)  # fmt: skip
        self.form.text("reference", "Reference of the re-audit", required=True, max_length=40)
        self.form.load({"audit_id": open_audits[0].id if open_audits else None,
                        "reference": case.reference})  # fmt: skip
        self.resize(520, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        if values["audit_id"] is None:
            raise UserError("Start an audit to re-audit the case in first.")
        self.saved = audits.start_reaudit(
            self.db, self.case.id, values["audit_id"], values["reference"]
        )
        self.target_title = self.titles.get(values["audit_id"], "")


class RecommendationDialog(FormDialog):
    """A recommendation of the audit, saved straight into the action log."""

    problem_title = "Cannot add this recommendation"

    def __init__(
        self,
        db: Database,
        audit: audits.AuditRow,
        findings: list[audits.FindingRow],
        finding_id: int | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(
            f"Add recommendation – {audit.title}",
            "&Add to action log",
            parent,
            note="The recommendation becomes an action in the board's action log, with this "
            "audit as its source; its progress (RAG) then shows here and in the audit report.",
        )
        self.db, self.audit = db, audit
        self.saved_action_id: int | None = None
        self.form.multiline("text", "Recommendation", required=True, height=90)
        self.form.choice(
            "finding_id", "Arising from the finding",
            [(f.id, f"{f.kind.label}: {_short(f.text)}") for f in findings],
            none_label="The audit as a whole",
        )  # fmt: skip
        agencies = [
            (a.id, a.display_name) for a in partnership.list_agencies(db, include_inactive=False)
        ]
        self.form.choice("lead_agency_id", "Lead agency", agencies, none_label="No lead agency")
        self.form.date("due_on", "Due by")
        self.form.load({"finding_id": finding_id})
        self.resize(560, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        self.saved_action_id = audits.add_recommendation(
            self.db,
            self.audit.id,
            audits.RecommendationInput(
                text=values["text"],
                finding_id=values["finding_id"],
                lead_agency_id=values["lead_agency_id"],
                due_on=values["due_on"],
            ),
        )


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
