"""Meetings of a board or sub-group: created singly or from the board's schedule, and their status.

A new meeting comes with its standard agenda (welcome and apologies, the previous minutes,
matters arising, any other business), items not reached last time, and an attendance
register filled with the board's members.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Board, Membership, Person
from partnerboard.domain.meeting_schedule import check_schedule, schedule_dates
from partnerboard.domain.meetings import MeetingStatus, check_held, check_status_change
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.meetings.agenda import add_standard_agenda
from partnerboard.services.meetings.attendance import fill_register
from partnerboard.services.meetings.records import (
    change_text,
    check_editable,
    meeting_of,
    meeting_row,
    meeting_rows,
    record_correction,
)
from partnerboard.services.meetings.rows import MeetingRow


@dataclass
class MeetingInput:
    board_id: int | None
    held_on: date | None
    starts: time = time(10, 0)
    ends: time | None = None
    venue: str | None = None
    online: bool = False
    online_link: str | None = None
    chair_person_id: int | None = None
    minute_taker_person_id: int | None = None
    notes: str | None = None
    status: str = MeetingStatus.PLANNED.value


def validate_meeting(data: MeetingInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if data.board_id is None:
        errors.append(FieldError("board_id", "Choose the board or sub-group that meets."))
    if data.held_on is None:
        errors.append(FieldError("held_on", "Give the date of the meeting."))
    if data.ends is not None and data.ends <= data.starts:
        errors.append(FieldError("ends", "The meeting must end after it starts."))
    if not tidy(data.venue) and not data.online:
        errors.append(FieldError("venue", "Say where the meeting is: a venue, online, or both."))
    if len(data.online_link or "") > 500:
        errors.append(FieldError("online_link", "The link must be at most 500 characters."))
    if MeetingStatus.parse(data.status) is None:
        errors.append(FieldError("status", "Choose a status."))
    return errors


def board_chair(session: Session, board_id: int) -> int | None:
    return session.scalar(
        select(Membership.person_id).where(
            Membership.board_id == board_id,
            Membership.role == "chair",
            Membership.active.is_(True),
        )
    )


def list_meetings(
    db: Database, board_id: int | None = None, ids: Collection[int] | None = None
) -> list[MeetingRow]:
    """Meetings, the latest first; `ids`: only these (a page refreshing the rows a change named)."""
    with db.reader() as session:
        query = select(Meeting).order_by(Meeting.starts_at.desc(), Meeting.id.desc())
        if board_id is not None:
            query = query.where(Meeting.board_id == board_id)
        if ids is not None:
            query = query.where(Meeting.id.in_(ids))
        return meeting_rows(session, list(session.scalars(query)))


def get_meeting(db: Database, meeting_id: int) -> MeetingRow:
    with db.reader() as session:
        return meeting_row(session, meeting_of(session, meeting_id))


def create_meeting_in(session: Session, data: MeetingInput) -> Meeting:
    """Add a meeting with its standard agenda and register inside the caller's transaction."""
    board = fetch(session, Board, data.board_id or 0, "board")
    meeting = Meeting(board_id=board.id, status=MeetingStatus.PLANNED.value)
    _apply(meeting, data)
    meeting.chair_person_id = data.chair_person_id or board_chair(session, board.id)
    session.add(meeting)
    session.flush()
    add_standard_agenda(session, meeting)
    fill_register(session, meeting)
    return meeting


def _apply(meeting: Meeting, data: MeetingInput) -> None:
    assert data.held_on is not None
    meeting.starts_at = datetime.combine(data.held_on, data.starts)
    meeting.ends_at = datetime.combine(data.held_on, data.ends) if data.ends else None
    meeting.venue = tidy(data.venue)
    meeting.online = bool(data.online)
    meeting.online_link = tidy(data.online_link)
    meeting.chair_person_id = data.chair_person_id
    meeting.minute_taker_person_id = data.minute_taker_person_id
    meeting.notes = tidy(data.notes)


def save_meeting(
    db: Database,
    data: MeetingInput,
    meeting_id: int | None = None,
    expected_version: int | None = None,
    correction_reason: str | None = None,
) -> MeetingRow:
    """Add (no id) or change a meeting's details and status; approval is `approve_minutes`."""
    errors = validate_meeting(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        for person_id in (data.chair_person_id, data.minute_taker_person_id):
            if person_id is not None:
                fetch(session, Person, person_id, "person")
        if meeting_id is None:
            meeting = create_meeting_in(session, data)
            # A meeting recorded afterwards may start as held or with its minutes in draft.
            wanted = MeetingStatus.parse(data.status) or MeetingStatus.PLANNED
            today = clock_of(session).today()
            if wanted == MeetingStatus.MINUTES_APPROVED:
                raise ValidationFailed(
                    check_status_change(MeetingStatus.HELD, wanted, data.held_on, today)
                )
            if problems := check_held(wanted, data.held_on, today):
                raise ValidationFailed(problems)
            meeting.status = wanted.value
            session.flush()
            return meeting_row(session, meeting)
        meeting = meeting_of(session, meeting_id)
        check_version(meeting, expected_version, "meeting")
        before = meeting_row(session, meeting)
        correcting = check_editable(session, meeting, correction_reason)
        if data.board_id != meeting.board_id:
            raise ValidationFailed(
                FieldError("board_id", "A meeting cannot move to another board; cancel it.")
            )
        _apply(meeting, data)
        meeting.chair_person_id = data.chair_person_id or board_chair(session, meeting.board_id)
        wanted = MeetingStatus.parse(data.status) or before.status
        if wanted != before.status:
            _change_status(session, meeting, wanted)
        elif data.held_on != before.starts_at.date() and check_held(
            wanted, data.held_on, clock_of(session).today()
        ):
            raise ValidationFailed(
                FieldError(
                    "held_on", "A meeting that has taken place cannot move to a day to come."
                )
            )
        session.flush()
        after = meeting_row(session, meeting)
        if correcting:
            changes = [
                change_text(label, getattr(before, key), getattr(after, key))
                for key, label in (
                    ("starts_at", "Start"),
                    ("ends_at", "End"),
                    ("where", "Where"),
                    ("chair_name", "Chair"),
                    ("minute_taker_name", "Minute taker"),
                )
                if getattr(before, key) != getattr(after, key)
            ]
            record_correction(session, meeting, correction_reason, "; ".join(changes) or "Details")
        return after


def _change_status(session: Session, meeting: Meeting, wanted: MeetingStatus) -> None:
    today = clock_of(session).today()
    errors = check_status_change(
        MeetingStatus(meeting.status), wanted, meeting.starts_at.date(), today
    )
    if errors:
        raise ValidationFailed(errors)
    meeting.status = wanted.value


def set_status(db: Database, meeting_id: int, status: str) -> MeetingRow:
    wanted = MeetingStatus.parse(status)
    if wanted is None:
        raise ValidationFailed(FieldError("status", "Choose a status."))
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        _change_status(session, meeting, wanted)
        session.flush()
        return meeting_row(session, meeting)


@dataclass
class ScheduleInput:
    board_id: int
    first_on: date
    every_months: int | None
    count: int
    starts: time = time(10, 0)
    ends: time | None = time(12, 0)
    venue: str | None = None
    online: bool = False
    same_weekday: bool = True


def create_from_schedule(db: Database, data: ScheduleInput) -> list[MeetingRow]:
    """Meetings on the board's schedule; a day on which the board already meets is skipped."""
    errors = check_schedule(data.every_months, data.count)
    errors += validate_meeting(
        MeetingInput(data.board_id, data.first_on, data.starts, data.ends, data.venue, data.online)
    )
    if errors:
        raise ValidationFailed(errors)
    assert data.every_months is not None
    days = schedule_dates(
        data.first_on, data.every_months, data.count, same_weekday=data.same_weekday
    )
    with db.session() as session:
        taken = {
            m.starts_at.date()
            for m in session.scalars(select(Meeting).where(Meeting.board_id == data.board_id))
        }
        made = []
        for day in days:
            if day in taken:
                continue
            made.append(
                create_meeting_in(
                    session,
                    MeetingInput(
                        data.board_id, day, data.starts, data.ends, data.venue, data.online
                    ),
                )
            )
        return meeting_rows(session, made)


def latest_held_meeting_id(db: Database, board_id: int | None = None) -> int | None:
    """The latest meeting that took place (held, minutes in draft or approved)."""
    held = [s.value for s in MeetingStatus if s.took_place]
    with db.reader() as session:
        query = select(Meeting.id).where(Meeting.status.in_(held))
        if board_id is not None:
            query = query.where(Meeting.board_id == board_id)
        return session.scalar(query.order_by(Meeting.starts_at.desc(), Meeting.id.desc()).limit(1))


def resolve_meeting(db: Database, reference: str, board_id: int | None = None) -> int:
    """A meeting id from what a user typed: a number, or 'latest' (the latest held meeting)."""
    text = reference.strip().casefold()
    if text == "latest":
        found = latest_held_meeting_id(db, board_id)
        if found is None:
            raise NotFound("No meeting has been held yet, so there is no latest meeting.")
        return found
    if not text.isdigit():
        raise NotFound(f"“{reference}” is not a meeting: give its number or 'latest'.")
    return get_meeting(db, int(text)).id
