"""Minutes: actions arising land in the action log; approval locks; corrections need a reason."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.db.models.actions import Action
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.domain.meetings import MinutesLocked, shown_in_version
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services.meetings import agenda, attendance, documents, meetings, minutes
from partnerboard.services.meetings.agenda import ItemInput
from partnerboard.services.meetings.attendance import AttendanceInput
from partnerboard.services.meetings.minutes import ArisingInput, MinutesInput
from tests.services.meeting_fixtures import meeting_on, small_board


def test_an_action_arising_is_an_action_log_action_with_its_source(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10))
    item = agenda.save_item(db, meeting_id, ItemInput("Neglect audit"))
    arising = ArisingInput("Re-audit chronologies", board.people["nurse"], due_on=date(2027, 2, 1))
    with pytest.raises(UserError, match="held first"):
        minutes.add_action_arising(db, item.id, arising)
    meetings.set_status(db, meeting_id, "held")
    with pytest.raises(ValidationFailed, match="due before the meeting"):
        minutes.add_action_arising(db, item.id, ArisingInput("Too soon", due_on=date(2026, 11, 1)))
    row = minutes.add_action_arising(db, item.id, arising)
    with db.reader() as session:
        stored = session.get(Action, row.id)
        assert (stored.source_kind, stored.source_meeting_id, stored.source_agenda_item_id) == (
            "meeting_item",
            meeting_id,
            item.id,
        )
        assert stored.board_id == board.board_id and stored.raised_on == date(2026, 11, 10)
        assert stored.lead_agency_id == board.agencies["icb"] and stored.status == "open"
    assert row.lead == "Faye Ng (Tamshire ICB)" and row.item_number == 4


def test_approval_locks_the_minutes_and_a_correction_is_recorded(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 9, 8), status="minutes_draft")
    item = agenda.save_item(db, meeting_id, ItemInput("Budget"))
    item = minutes.save_item_minutes(db, item.id, MinutesInput("Underspend of £4,200.", "Noted."))
    with pytest.raises(ValidationFailed, match="before the meeting"):
        minutes.approve_minutes(db, meeting_id, date(2026, 9, 1))
    approved = minutes.approve_minutes(db, meeting_id, date(2026, 11, 10))
    assert approved.locked and approved.minutes_approved_by == "Ada Lovelace"
    with pytest.raises(MinutesLocked, match="approved on 10/11/2026"):
        minutes.save_item_minutes(db, item.id, MinutesInput("Underspend of £4,300.", "Noted."))
    with pytest.raises(MinutesLocked):
        agenda.save_item(db, meeting_id, ItemInput("Late item"))
    register = attendance.get_register(db, meeting_id)
    with pytest.raises(MinutesLocked):
        attendance.save_attendance(db, register.lines[3].id, AttendanceInput("apologies"))
    minutes.save_item_minutes(
        db,
        item.id,
        MinutesInput("Underspend of £4,300.", "Noted."),
        correction_reason="Figure corrected by the finance lead",
    )
    corrections = minutes.list_corrections(db, meeting_id)
    assert len(corrections) == 1
    assert corrections[0].reason == "Figure corrected by the finance lead"
    assert corrections[0].detail == (
        "Item 4 discussion: “Underspend of £4,200.” → “Underspend of £4,300.”"
    )
    assert meetings.get_meeting(db, meeting_id).minutes_approved_on == date(2026, 11, 10)
    with pytest.raises(UserError, match="were approved on"):
        minutes.approve_minutes(db, meeting_id, date(2026, 11, 11))


def test_the_previous_minutes_item_approves_the_previous_meeting(db):
    board = small_board(db)
    first = meeting_on(db, board, date(2026, 9, 8), status="minutes_draft")
    second = meeting_on(db, board, date(2026, 11, 10), status="held")
    item = next(i for i in agenda.list_items(db, second) if i.kind.value == "previous_minutes")
    approved = minutes.approve_previous_minutes(db, item.id)
    assert approved.id == first and approved.minutes_approved_on == date(2026, 11, 10)


def test_restricted_items_are_for_the_chair_and_business_support_only(db, db_path):
    assert shown_in_version(True, public=False) and not shown_in_version(True, public=True)
    assert shown_in_version(False, public=True)
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10), status="held")
    secret = agenda.save_item(db, meeting_id, ItemInput("Rapid review RR-26-01", restricted=True))
    minutes.add_action_arising(db, secret.id, ArisingInput("Notify the national panel"))
    assert secret.heading == "4. Rapid review RR-26-01 – Restricted"
    internal = documents.minutes_document(db, meeting_id)
    public = documents.minutes_document(db, meeting_id, public=True)
    assert "Rapid review RR-26-01" in [i.title for i in internal.items]
    assert len(internal.actions) == 1 and internal.actions[0].restricted
    assert "Rapid review RR-26-01" not in [i.title for i in public.items] and public.actions == []
    member = open_database(str(db_path), principal=Principal("Member", Role.MEMBER))
    try:
        assert "Rapid review RR-26-01" not in [
            i.title for i in agenda.list_items(member, meeting_id)
        ]
        assert minutes.list_actions_arising(member, meeting_id) == []
    finally:
        member.close()
