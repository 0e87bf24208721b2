"""History in words: names for ids, labels for codes, in the panels and in the trail's export."""

from __future__ import annotations

from openpyxl import load_workbook

from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services import access, audits, partnership
from partnerboard.services.audit import record_history
from partnerboard.services.audit_export import export_audit_trail


def test_an_audit_s_history_names_its_board_lead_and_status(demo_db):
    audit = next(a for a in audits.list_audits(demo_db) if a.lead_person_id and a.board_id)
    added = record_history(demo_db, "ma_audit", audit.id)[-1]
    board = partnership.get_board(demo_db, audit.board_id)
    summary = added.summary()
    assert f"Board: {board.name}" in summary
    assert f"Lead: {audit.lead_name}" in summary
    assert f"Status: {audit.status.label}" in summary or "Status: Planned" in summary
    assert "id:" not in summary and "_" not in summary.split(";")[0]

    audits.save_audit(
        demo_db,
        audits.AuditInput(
            audit.theme,
            audit.title,
            lead_person_id=None,
            board_id=audit.board_id,
            status=audit.status.value,
            agency_ids=list(audit.agency_ids),
            questions=list(audit.questions),
        ),  # fmt: skip
        audit.id,
        audits.get_audit(demo_db, audit.id).row_version,
    )
    changed = record_history(demo_db, "ma_audit", audit.id)[0].summary()
    assert changed.startswith(f"Lead: {audit.lead_name} → (empty)")
    assert "Period audited from: " in changed  # the form's label, not "period_start"


def test_a_user_s_role_reads_as_the_form_shows_it(db):
    user = access.save_user(db, access.UserInput("Ada Clerk", "ada.clerk", "business_support"))
    summary = record_history(db, "app_user", user.id)[0].summary()
    assert "Role: Business support" in summary and "business_support" not in summary


def test_the_trail_s_export_says_the_same_words(demo_db, tmp_path):
    audit = next(a for a in audits.list_audits(demo_db) if a.lead_person_id)
    path = tmp_path / "trail.xlsx"
    export_audit_trail(demo_db, path)
    sheet = load_workbook(path, read_only=True)["Audit trail"]
    changes = [
        row[8]
        for row in sheet.iter_rows(min_row=2, values_only=True)
        if row[4] == "ma_audit" and row[5] == str(audit.id)
    ]
    assert any(f"Lead: {audit.lead_name}" in (text or "") for text in changes)


def test_a_refusal_reads_as_its_message_never_its_key():
    failed = ValidationFailed(
        [FieldError("approved_on", "Minutes cannot be approved before the meeting."),
         FieldError("due_on", "Give a due date")]
    )  # fmt: skip
    assert str(failed) == "Minutes cannot be approved before the meeting. Give a due date."
