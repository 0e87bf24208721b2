"""Bookings on a session: who (a practitioner, not a person of the register), from which agency,
and what became of the place — booked, waiting list, cancelled, then attended, did not attend
or cancelled late.

Names, e-mails and job roles are personal data: `db.visibility` shows them to business
support and the chairs only, so `list_bookings` for anyone else gives the bookings by agency
with no name (`BookingRow.name` is None). Only business support writes (db.access_rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.training import (
    TrainingBooking,
    TrainingPractitioner,
    TrainingSession,
)
from partnerboard.domain.training import (
    HELD,
    BookingStatus,
    check_outcome_status,
    check_practitioner,
)
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.training.placing import AgencyPlacer

PERSONAL_DATA_NOTE = "Names and e-mails are shown to business support and the chairs only."


@dataclass(frozen=True)
class BookingRow:
    id: int
    session_id: int
    practitioner_id: int
    name: str | None  # None: personal data this reader may not see
    email: str | None
    role: str | None
    agency_id: int | None
    agency: str | None
    agency_as_written: str | None
    status: BookingStatus
    booked_on: date | None
    source: str | None
    row_version: int

    @property
    def agency_text(self) -> str:
        if self.agency:
            return self.agency
        if self.agency_as_written:
            return f"Not placed: {self.agency_as_written}"
        return "Not known"

    @property
    def shown_name(self) -> str:
        return self.name if self.name is not None else "(not shown)"


@dataclass
class BookingInput:
    name: str
    email: str | None = None
    role: str | None = None
    agency_id: int | None = None
    status: str = BookingStatus.BOOKED.value
    booked_on: date | None = None


def booking_rows(session: Session, where: list) -> list[BookingRow]:
    # An outer join: for a reader who may not see practitioners the booking still counts.
    query = (
        select(TrainingBooking, TrainingPractitioner, Agency.name)
        .outerjoin(TrainingPractitioner, TrainingPractitioner.id == TrainingBooking.practitioner_id)
        .outerjoin(Agency, Agency.id == TrainingBooking.agency_id)
        .where(*where)
        .order_by(func.lower(func.coalesce(TrainingPractitioner.name, "")), TrainingBooking.id)
    )
    rows = []
    for booking, person, agency in session.execute(query):
        rows.append(
            BookingRow(
                booking.id,
                booking.session_id,
                booking.practitioner_id,
                person.name if person else None,
                person.email if person else None,
                person.job_role if person else None,
                booking.agency_id,
                agency,
                booking.agency_as_written,
                BookingStatus.parse(booking.status) or BookingStatus.BOOKED,
                booking.booked_on,
                booking.source,
                booking.row_version,
            )  # fmt: skip
        )
    return rows


def list_bookings(db: Database, session_id: int) -> list[BookingRow]:
    """Everyone booked on a session (any state), by name."""
    with db.reader() as session:
        return booking_rows(session, [TrainingBooking.session_id == session_id])


def find_practitioner_in(
    session: Session, name: str, email: str | None, agency_id: int | None
) -> TrainingPractitioner | None:
    """The practitioner with this e-mail, or (without one) this name in this agency."""
    if email:
        return session.scalars(
            select(TrainingPractitioner)
            .where(TrainingPractitioner.email == email.casefold())
            .order_by(TrainingPractitioner.id)
        ).first()
    return session.scalars(
        select(TrainingPractitioner)
        .where(
            func.lower(TrainingPractitioner.name) == name.casefold(),
            TrainingPractitioner.email.is_(None),
            TrainingPractitioner.agency_id.is_(agency_id)
            if agency_id is None
            else TrainingPractitioner.agency_id == agency_id,
        )
        .order_by(TrainingPractitioner.id)
    ).first()


def practitioner_in(
    session: Session, name: str, email: str | None, role: str | None, agency_id: int | None
) -> TrainingPractitioner:
    """The practitioner (found or added), with their latest name, role and agency."""
    email = tidy(email)
    email = email.casefold() if email else None
    found = find_practitioner_in(session, name, email, agency_id)
    if found is None:
        found = TrainingPractitioner(name=name, email=email)
        session.add(found)
    if found.name != name:
        found.name = name
    if role and found.job_role != role:
        found.job_role = role
    if agency_id is not None and found.agency_id != agency_id:
        found.agency_id = agency_id
    session.flush()
    return found


def places_held(session: Session, session_id: int, leaving_out: int | None = None) -> int:
    return (
        session.scalar(
            select(func.count()).where(
                TrainingBooking.session_id == session_id,
                TrainingBooking.status.in_([s.value for s in HELD]),
                TrainingBooking.id != (leaving_out or 0),
            )
        )
        or 0
    )


def _status_problem(
    session: Session, record: TrainingSession, status: BookingStatus, booking: TrainingBooking
) -> FieldError | None:
    problem = check_outcome_status(status, record.starts_at.date(), clock_of(session).today())
    if problem:
        return FieldError("status", problem)
    before = BookingStatus.parse(booking.status) if booking.status else None
    if status.holds_place and not (before and before.holds_place):
        held = places_held(session, record.id, booking.id)
        if held >= record.capacity:
            return FieldError(
                "status",
                f"The session is full ({held} of {record.capacity} places held): choose "
                "Waiting list, or offer more places.",
            )
    return None


def save_booking(
    db: Database,
    session_id: int,
    data: BookingInput,
    booking_id: int | None = None,
    expected_version: int | None = None,
) -> BookingRow:
    """Book a practitioner on a session (typed in), or change their booking."""
    with db.session() as session:
        record = fetch(session, TrainingSession, session_id, "training session")
        errors = check_practitioner(data.name, data.email, data.role)
        status = BookingStatus.parse(data.status)
        if status is None:
            errors.append(FieldError("status", "Choose what became of the place."))
        if data.agency_id is not None:
            fetch(session, Agency, data.agency_id, "agency")
        booking = (
            fetch(session, TrainingBooking, booking_id, "booking")
            if booking_id
            else TrainingBooking(session_id=session_id, status="")
        )
        check_version(booking, expected_version, "booking")
        if status is not None and (problem := _status_problem(session, record, status, booking)):
            errors.append(problem)
        if errors:
            raise ValidationFailed(errors)
        assert status is not None
        name = " ".join(data.name.split())
        agency_id = data.agency_id
        if agency_id is None:  # left blank: placed by the e-mail's domain where that is clear
            agency_id = AgencyPlacer(session).by_domain(data.email)[0]
        person = practitioner_in(session, name, data.email, tidy(data.role), agency_id)
        clash = session.scalar(
            select(TrainingBooking.id).where(
                TrainingBooking.session_id == session_id,
                TrainingBooking.practitioner_id == person.id,
                TrainingBooking.id != (booking.id or 0),
            )
        )
        if clash:
            raise ValidationFailed(
                FieldError("email", f"{name} is already booked on this session.")
            )
        booking.practitioner_id = person.id
        booking.agency_id = agency_id
        if agency_id is not None:
            booking.agency_as_written = None
        booking.status = status.value
        booking.booked_on = data.booked_on or booking.booked_on or clock_of(session).today()
        booking.source = booking.source or "typed"
        session.add(booking)
        session.flush()
        return booking_rows(session, [TrainingBooking.id == booking.id])[0]


def set_status(
    db: Database, booking_id: int, status: BookingStatus, expected_version: int | None = None
) -> BookingRow:
    """Record what became of a place: attended, did not attend, cancelled late, …"""
    with db.session() as session:
        booking = fetch(session, TrainingBooking, booking_id, "booking")
        check_version(booking, expected_version, "booking")
        record = fetch(session, TrainingSession, booking.session_id, "training session")
        if (problem := _status_problem(session, record, status, booking)) is not None:
            raise ValidationFailed(problem)
        booking.status = status.value
        session.flush()
        return booking_rows(session, [TrainingBooking.id == booking.id])[0]
