"""Sessions of a course: when and where (online or at a venue), places offered, and the counts of
their bookings; cancelling a session, and recording when its follow-up survey went out.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.training import TrainingBooking, TrainingCourse, TrainingSession
from partnerboard.domain.dates import format_datetime
from partnerboard.domain.reviews import add_months
from partnerboard.domain.training import (
    FOLLOW_UP_MONTHS,
    BookingStatus,
    Mode,
    check_session,
)
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class SessionRow:
    id: int
    course_id: int
    course_reference: str
    course_title: str
    starts_at: datetime
    ends_at: datetime | None
    mode: Mode
    venue: str | None
    capacity: int
    trainers: str | None
    cancelled: bool
    follow_up_sent_on: date | None
    notes: str | None
    held: bool  # the day has come (attendance can be recorded)
    counts: tuple[tuple[BookingStatus, int], ...]
    row_version: int

    def count(self, status: BookingStatus) -> int:
        return dict(self.counts).get(status, 0)

    @property
    def places_held(self) -> int:
        return sum(n for s, n in self.counts if s.holds_place)

    @property
    def places_left(self) -> int:
        return max(0, self.capacity - self.places_held)

    @property
    def label(self) -> str:
        """'NEG-1 12/05/2026 09:30' (choosers and messages)."""
        return f"{self.course_reference} {format_datetime(self.starts_at)}"

    @property
    def where(self) -> str:
        return self.venue or self.mode.label

    @property
    def follow_up_due(self) -> date:
        return add_months(self.starts_at.date(), FOLLOW_UP_MONTHS)[0]

    @property
    def state(self) -> str:
        if self.cancelled:
            return "Cancelled"
        if not self.held:
            return "Full" if self.places_left == 0 else f"{self.places_left} place(s) left"
        recorded = sum(n for s, n in self.counts if s.on_the_day)
        waiting = self.count(BookingStatus.BOOKED)
        return "Attendance recorded" if not waiting and recorded else "Record attendance"


@dataclass
class SessionInput:
    course_id: int | None
    starts_on: date | None
    starts: time | None = None
    ends: time | None = None
    mode: str | None = Mode.VENUE.value
    venue: str | None = None
    capacity: int | None = None
    trainers: str | None = None
    cancelled: bool = False
    follow_up_sent_on: date | None = None
    notes: str | None = None

    @property
    def starts_at(self) -> datetime | None:
        if self.starts_on is None:
            return None
        return datetime.combine(self.starts_on, self.starts or time(9, 30))

    @property
    def ends_at(self) -> datetime | None:
        if self.starts_on is None or self.ends is None:
            return None
        return datetime.combine(self.starts_on, self.ends)


def session_rows(session: Session, sessions: list[TrainingSession]) -> list[SessionRow]:
    ids = [s.id for s in sessions]
    courses = {
        c.id: c
        for c in session.scalars(
            select(TrainingCourse).where(TrainingCourse.id.in_({s.course_id for s in sessions}))
        )
    }
    counts: dict[int, Counter[BookingStatus]] = {}
    for session_id, status, number in session.execute(
        select(TrainingBooking.session_id, TrainingBooking.status, func.count())
        .where(TrainingBooking.session_id.in_(ids))
        .group_by(TrainingBooking.session_id, TrainingBooking.status)
    ):
        parsed = BookingStatus.parse(status)
        if parsed is not None:
            counts.setdefault(session_id, Counter())[parsed] += number
    today = clock_of(session).today()
    return [
        SessionRow(
            s.id,
            s.course_id,
            courses[s.course_id].reference,
            courses[s.course_id].title,
            s.starts_at,
            s.ends_at,
            Mode.parse(s.mode) or Mode.VENUE,
            s.venue,
            s.capacity,
            s.trainers,
            s.cancelled,
            s.follow_up_sent_on,
            s.notes,
            s.starts_at.date() <= today,
            tuple(
                sorted(
                    counts.get(s.id, Counter()).items(),
                    key=lambda i: list(BookingStatus).index(i[0]),
                )
            ),
            s.row_version,
        )  # fmt: skip
        for s in sessions
    ]


def list_sessions(
    db: Database,
    course_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[SessionRow]:
    """Sessions (of one course, or all), soonest first, starting within `since`–`until`."""
    with db.reader() as session:
        query = select(TrainingSession).order_by(TrainingSession.starts_at, TrainingSession.id)
        if course_id is not None:
            query = query.where(TrainingSession.course_id == course_id)
        if since is not None:
            query = query.where(TrainingSession.starts_at >= datetime.combine(since, time()))
        if until is not None:
            query = query.where(TrainingSession.starts_at < datetime.combine(until, time.max))
        return session_rows(session, list(session.scalars(query)))


def get_session(db: Database, session_id: int) -> SessionRow:
    with db.reader() as session:
        found = fetch(session, TrainingSession, session_id, "training session")
        return session_rows(session, [found])[0]


def resolve_session(db: Database, text: str) -> SessionRow:
    """The session named on the command line by its number (as the app shows it)."""
    wanted = text.strip()
    if not wanted.isdigit():
        raise NotFound(
            f"“{wanted}” is not a session number; the Training page shows each session's number."
        )
    try:
        return get_session(db, int(wanted))
    except NotFound:
        raise NotFound(f"There is no training session {wanted}.") from None


def save_session_in(
    session: Session,
    data: SessionInput,
    session_id: int | None = None,
    expected_version: int | None = None,
) -> TrainingSession:
    errors = check_session(data.starts_at, data.ends_at, data.mode, data.venue, data.capacity)
    if data.course_id is None:
        errors.insert(0, FieldError("course_id", "Choose the course."))
    if errors:
        raise ValidationFailed(errors)
    fetch(session, TrainingCourse, data.course_id, "course")  # type: ignore[arg-type]
    record = (
        fetch(session, TrainingSession, session_id, "training session")
        if session_id
        else TrainingSession()
    )
    check_version(record, expected_version, "session")
    record.course_id = data.course_id  # type: ignore[assignment]
    record.starts_at = data.starts_at  # type: ignore[assignment]
    record.ends_at = data.ends_at
    record.mode = (Mode.parse(data.mode) or Mode.VENUE).value
    record.venue = tidy(data.venue)
    record.capacity = data.capacity  # type: ignore[assignment]
    record.trainers = tidy(data.trainers)
    record.cancelled = data.cancelled
    record.follow_up_sent_on = data.follow_up_sent_on
    record.notes = tidy(data.notes)
    session.add(record)
    session.flush()
    return record


def save_session(
    db: Database,
    data: SessionInput,
    session_id: int | None = None,
    expected_version: int | None = None,
) -> SessionRow:
    """Add a session of a course or change it."""
    with db.session() as session:
        record = save_session_in(session, data, session_id, expected_version)
        return session_rows(session, [record])[0]
