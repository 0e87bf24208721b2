"""Meetings: created singly or from the schedule, with a standard agenda and a prefilled register."""

from __future__ import annotations

from datetime import date, datetime, time

import pytest

from partnerboard.domain.meeting_schedule import (
    item_start_times,
    months_between_meetings,
    schedule_dates,
)
from partnerboard.errors import NotFound, ValidationFailed
from partnerboard.services.meetings import agenda, attendance, meetings
from partnerboard.services.meetings.meetings import MeetingInput, ScheduleInput
from tests.services.meeting_fixtures import meeting_on, small_board


def test_a_new_meeting_has_the_standard_agenda_and_the_members_on_its_register(db):
    board = small_board(db)
    first = meeting_on(db, board, date(2026, 9, 8), status="held")
    second = meeting_on(db, board, date(2026, 11, 10))
    items = agenda.list_items(db, second)
    assert [i.kind.value for i in items] == [
        "standard",
        "previous_minutes",
        "matters_arising",
        "any_other_business",
    ]
    assert items[1].title == "Minutes of the meeting held on 08/09/2026"
    assert items[1].previous_meeting_id == first
    register = attendance.get_register(db, second)
    assert [(line.person_name, line.role.value) for line in register.lines] == [
        ("Ada Lovelace", "chair"),
        ("Brian Cole", "co_chair"),
        ("Dev Patel", "member"),
        ("Faye Ng", "member"),
        ("Gus Ward <b>", "member"),
        ("Hal Ibe", "adviser"),
    ]
    row = meetings.get_meeting(db, second)
    assert row.chair_name == "Ada Lovelace"
    assert row.name == "Exec – 10/11/2026" and row.where == "County Hall"


def test_a_meeting_needs_a_board_a_date_and_a_place(db):
    with pytest.raises(ValidationFailed) as failed:
        meetings.save_meeting(db, MeetingInput(None, None, starts=time(14, 0), ends=time(13, 0)))
    fields = {e.field for e in failed.value.errors}
    assert fields == {"board_id", "held_on", "ends", "venue"}


def test_status_moves_along_its_path_only(db):
    board = small_board(db)
    meeting_id = meeting_on(db, board, date(2026, 9, 8))
    with pytest.raises(ValidationFailed, match="can become held, cancelled"):
        meetings.set_status(db, meeting_id, "minutes_draft")
    with pytest.raises(ValidationFailed, match="Approve minutes"):
        meetings.set_status(db, meeting_id, "minutes_approved")
    assert meetings.set_status(db, meeting_id, "held").status.value == "held"
    assert meetings.set_status(db, meeting_id, "minutes_draft").status.value == "minutes_draft"


def test_meetings_from_the_schedule_keep_the_weekday_and_skip_days_already_taken(db):
    board = small_board(db)
    meeting_on(db, board, date(2027, 3, 9))  # already in the diary
    made = meetings.create_from_schedule(
        db,
        ScheduleInput(
            board.board_id,
            date(2027, 1, 12),  # the second Tuesday
            months_between_meetings("Every two months"),
            4,
            venue="Online",
            online=True,
        ),
    )
    assert [m.starts_at.date() for m in made] == [
        date(2027, 1, 12),
        date(2027, 5, 11),
        date(2027, 7, 13),
    ]
    assert all(m.starts_at.time() == time(10, 0) and m.online for m in made)
    assert len(meetings.list_meetings(db, board.board_id)) == 4


def test_schedule_rules():
    assert months_between_meetings("Quarterly") == 3
    assert months_between_meetings("Monthly, and as needed") == 1
    assert months_between_meetings("every six months") == 6
    assert months_between_meetings("when the chair calls it") is None
    # A fifth Thursday (29/10/2026) becomes each month's last Thursday.
    assert schedule_dates(date(2026, 10, 29), 1, 3) == [
        date(2026, 10, 29),
        date(2026, 11, 26),
        date(2026, 12, 31),
    ]
    assert schedule_dates(date(2027, 1, 31), 1, 2, same_weekday=False) == [
        date(2027, 1, 31),
        date(2027, 2, 28),
    ]
    start = item_start_times(datetime(2026, 11, 10, 10, 0), [5, 20, None, 10])
    assert [t.strftime("%H:%M") if t else None for t in start] == ["10:00", "10:05", "10:25", None]


def test_latest_is_the_latest_meeting_held(db):
    board = small_board(db)
    held = meeting_on(db, board, date(2026, 9, 8), status="minutes_draft")
    meeting_on(db, board, date(2026, 7, 14), status="held")
    meeting_on(db, board, date(2027, 1, 12))  # planned, later
    assert meetings.resolve_meeting(db, "latest") == held
    assert meetings.resolve_meeting(db, str(held)) == held
    with pytest.raises(NotFound):
        meetings.resolve_meeting(db, "9999")
    with pytest.raises(NotFound, match="'latest'"):
        meetings.resolve_meeting(db, "yesterday")


def test_no_latest_meeting_before_any_is_held(db):
    board = small_board(db)
    meeting_on(db, board, date(2027, 1, 12))
    with pytest.raises(NotFound, match="No meeting has been held"):
        meetings.resolve_meeting(db, "latest")
