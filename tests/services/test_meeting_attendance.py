"""Attendance and quorum: deputies counted or not as the terms of reference say."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.meetings import (
    AttendanceStatus,
    QuorumLine,
    QuorumRule,
    check_quorum,
)
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services.meetings import attendance
from partnerboard.services.meetings.attendance import AttendanceInput, GuestInput
from tests.services.meeting_fixtures import meeting_on, small_board


def line(register, name):
    return next(x for x in register.lines if x.person_name == name)


def mark(db, register, name, status, **extra):
    found = line(register, name)
    return attendance.save_attendance(
        db, found.id, AttendanceInput(status, **extra), found.row_version
    )


def test_quorum_counts_deputies_only_when_the_board_says_so():
    lines = [
        QuorumLine(AttendanceStatus.PRESENT, "chair", "a", None),
        QuorumLine(AttendanceStatus.PRESENT_ONLINE, "member", "b", "police"),
        QuorumLine(AttendanceStatus.DEPUTY, "member", "c", "health"),
        QuorumLine(AttendanceStatus.PRESENT, "adviser", "d", "local_authority"),
        QuorumLine(AttendanceStatus.APOLOGIES, "member", "e", "local_authority"),
    ]
    strict = check_quorum(QuorumRule(3, False, False), lines)
    assert (strict.met, strict.counted) == (False, 2)
    kind = check_quorum(QuorumRule(3, True, False), lines)
    assert (kind.met, kind.counted) == (True, 3)
    partners = check_quorum(QuorumRule(3, True, True), lines)
    assert partners.met is False and partners.partners_missing == ("local authority",)
    assert partners.summary == (
        "Not quorate: 3 members counted, 3 needed; not represented: local authority."
    )
    assert check_quorum(QuorumRule(None, True, False), lines).met is None
    # Someone who sits on the board and also deputises for a colleague counts once.
    twice = [
        QuorumLine(AttendanceStatus.PRESENT, "member", "x", None),
        QuorumLine(AttendanceStatus.DEPUTY, "member", "x", None),
    ]
    assert check_quorum(QuorumRule(2, True, False), twice).counted == 1


def test_the_register_records_deputies_apologies_and_guests_and_checks_quorum(db):
    board = small_board(db, quorum=4, deputies_count=False, statutory=True)
    meeting_id = meeting_on(db, board, date(2026, 11, 10), status="held")
    register = attendance.get_register(db, meeting_id)
    assert register.quorum.met is True and register.quorum.counted == 5
    register = mark(db, register, "Dev Patel", "deputy", deputy_person_id=board.people["di"])
    assert line(register, "Dev Patel").deputy_name == "Erin Shaw"
    # The board does not count deputies, and the police are then not represented.
    assert register.quorum.met is False
    assert register.quorum.partners_missing == ("police",)
    register = mark(db, register, "Faye Ng", "apologies", apology_reason="Annual leave")
    assert line(register, "Faye Ng").status_text == "Apologies (Annual leave)"
    register = attendance.add_guest(
        db, meeting_id, GuestInput("Iris Vale", organisation="Ofsted", role="Inspector")
    )
    guest = line(register, "Iris Vale")
    assert guest.status == AttendanceStatus.GUEST and guest.described == "Inspector, Ofsted"
    assert register.quorum.counted == 3  # guests never count
    attendance.remove_guest(db, guest.id)
    with pytest.raises(UserError, match="Members stay"):
        attendance.remove_guest(db, line(register, "Faye Ng").id)


def test_a_deputy_must_be_named_and_a_member_is_no_guest(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10))
    register = attendance.get_register(db, meeting_id)
    with pytest.raises(ValidationFailed, match="Name the deputy"):
        mark(db, register, "Dev Patel", "deputy")
    with pytest.raises(ValidationFailed, match="not as a guest"):
        mark(db, register, "Dev Patel", "guest")
    with pytest.raises(ValidationFailed, match="guest's name"):
        attendance.add_guest(db, meeting_id, GuestInput("  "))
    register = mark(db, register, "Dev Patel", "deputy", deputy_name="Sgt Kim Ray")
    assert line(register, "Dev Patel").status_text == "Deputy attended: Sgt Kim Ray"


def test_new_members_join_the_register_of_a_meeting_already_made(db):
    from partnerboard.services import partnership as p

    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 11, 10))
    p.save_membership(db, p.MembershipInput(board.board_id, board.people["ad"], "member"))
    assert attendance.refresh_register(db, meeting_id) == 1
    assert attendance.refresh_register(db, meeting_id) == 0
    names = [x.person_name for x in attendance.get_register(db, meeting_id).lines]
    assert names[-1] == "Carol Dunn"
