"""History in words: names for ids, labels for codes, in the panels and in the trail's export."""

from __future__ import annotations

from openpyxl import load_workbook

from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.exports.audit_trail_xlsx import export_audit_trail
from partnerboard.services import access, audits, partnership
from partnerboard.services.audit import record_history


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


# ---------------------------------------------------------------- the registers of 19 and 21


def test_a_booking_s_history_names_the_practitioner_the_session_and_the_outcome(demo_db_path):
    from partnerboard.db.schema import open_database
    from partnerboard.domain.access import Principal, Role
    from partnerboard.domain.training import BookingStatus
    from partnerboard.services import training

    db = open_database(str(demo_db_path))
    try:
        sitting, booking = next(
            (s, b)
            for s in training.list_sessions(db)
            if s.held
            for b in training.list_bookings(db, s.id)
            if b.status is BookingStatus.ATTENDED
        )
        training.set_status(db, booking.id, BookingStatus.DID_NOT_ATTEND, booking.row_version)
        when = f"{sitting.course_reference} {sitting.starts_at:%d/%m/%Y %H:%M}"
        history = record_history(db, "training_booking", booking.id)  # newest first
        changed, added = history[0].summary(), history[-1].summary()
    finally:
        db.close()
    assert changed == "Status: Attended → Did not attend"
    assert f"Practitioner: {booking.name}" in added and f"Session: {when}" in added
    assert "record " not in added and "_" not in added.replace(booking.email or "", "")

    # Whoever may not see practitioners reads the same history without the name.
    member = open_database(str(demo_db_path), principal=Principal("A member", Role.MEMBER))
    try:
        seen = record_history(member, "training_booking", booking.id)[-1].summary()
    finally:
        member.close()
    assert "Practitioner: (not shown)" in seen and booking.name not in seen
    assert f"Session: {when}" in seen


def test_a_figure_s_history_reads_as_the_indicators_page_shows_it(demo_db):
    from partnerboard.services import performance as perf

    indicator = next(
        i
        for i in perf.list_indicators(demo_db)
        if i.active and not i.has_parts and perf.period_values(demo_db, i.id)
    )
    latest = perf.period_values(demo_db, indicator.id)[0]
    perf.record_value(
        demo_db,
        indicator.id,
        perf.ValueInput(
            latest.period.key,
            value="12" if latest.row.value != 12 else "13",
            commentary="Checked with the data team.",
            correction_reason="Typing slip in the return.",
        ),
    )
    figure = perf.history(demo_db, indicator.id)[0]
    added = record_history(demo_db, "indicator_value", figure.id)[-1].summary()
    assert f"Indicator: {indicator.reference} {indicator.title}" in added
    assert f"Period: {latest.period.label}" in added and "Period starts: " in added
    assert "Figure: 12;" in added or "Figure: 13;" in added
    assert "From: Typed in" in added and "Reason for a correction: Typing slip" in added
    assert "Period audited from" not in added and latest.period.key not in added

    defined = record_history(demo_db, "indicator", indicator.id)[-1].summary()
    assert (
        f"Unit: {indicator.unit.label}" in defined
        and f"Polarity: {indicator.polarity.label}" in defined
    )
    assert f"Supplying agency: {indicator.agency_name}" in defined
    assert "Frequency: Quarterly" in defined or "Frequency: Monthly" in defined


def test_a_course_and_its_session_in_the_trail_s_export(demo_db, tmp_path):
    from partnerboard.services import training

    sitting = training.list_sessions(demo_db)[0]
    course = next(c for c in training.list_courses(demo_db) if c.id == sitting.course_id)
    path = tmp_path / "trail.xlsx"
    export_audit_trail(demo_db, path)
    sheet = load_workbook(path, read_only=True)["Audit trail"]
    changes = {
        (row[4], row[5]): row[8] or "" for row in sheet.iter_rows(min_row=2, values_only=True)
    }
    session_words = changes[("training_session", str(sitting.id))]
    assert f"Course: {course.reference} {course.title}" in session_words
    assert f"Places offered: {sitting.capacity}" in session_words
    assert f"Online or at a venue: {sitting.mode.label}" in session_words
    course_words = changes[("training_course", str(course.id))]
    assert f"Level: {course.level.label}" in course_words and "Delivered by" in course_words
