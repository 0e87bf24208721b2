"""`partnerboard import-bookings FILE --session ID | --course REF`: bookings from a booking site.

One row per person, columns as the site names them (Eventbrite's attendee report, Bookwhen's
booking report, a sign-in sheet typed into Excel): name (or first and last name), e-mail, job
title, agency, status (Attending, Checked In, Not Attending, Waitlist …) or an "Attended?"
column, the date the place was booked and, with `--course`, the date of the session each row
is for. A file imported again updates what changed: a later export with check-ins records who
attended. A place recorded as attended, did not attend or cancelled late is never put back
to "booked" by an older export.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.training import (
    TrainingBooking,
    TrainingCourse,
    TrainingPractitioner,
    TrainingSession,
)
from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.domain.partnership import EMAIL_RE
from partnerboard.domain.training import NAME_MAX, ROLE_MAX, BookingStatus
from partnerboard.domain.training_import import (
    BOOKING_FIELDS,
    BOOKING_KEYS,
    booking_score,
    read_attended,
    read_status,
    read_when,
)
from partnerboard.errors import UserError
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.common import fetch
from partnerboard.services.training.bookings import find_practitioner_in
from partnerboard.services.training.importing import (
    ImportResult,
    RowProblem,
    UnplacedList,
    column_date_order,
    column_mapping,
    describe_mapping,
    is_blank,
    read_source,
    text_of,
    values_of,
)
from partnerboard.services.training.placing import AgencyPlacer

LABELS = {f.key: f.label for f in BOOKING_FIELDS}
CHUNK = 500


@dataclass(frozen=True)
class PlannedBooking:
    row: int
    session_id: int
    name: str
    email: str | None
    role: str | None
    agency_id: int | None
    agency_as_written: str | None
    status: BookingStatus
    booked_on: date | None
    reference: str | None


@dataclass(frozen=True)
class _Target:
    label: str
    sessions: dict[int, datetime]  # id -> start (one session, or every session of a course)

    @cached_property
    def by_day(self) -> dict[date, list[int]]:
        days: dict[date, list[int]] = {}
        for session_id, start in self.sessions.items():
            days.setdefault(start.date(), []).append(session_id)
        return days


def _target(session: Session, session_id: int | None, course_id: int | None) -> _Target:
    if (session_id is None) == (course_id is None):
        raise UserError("Say which session (--session ID) or which course (--course REF).")
    if session_id is not None:
        found = fetch(session, TrainingSession, session_id, "training session")
        course = fetch(session, TrainingCourse, found.course_id, "course")
        when = f"{found.starts_at:%d/%m/%Y %H:%M}"
        return _Target(
            f"session {found.id} ({course.reference} {when})", {found.id: found.starts_at}
        )
    course = fetch(session, TrainingCourse, course_id, "course")  # type: ignore[arg-type]
    sessions = dict(
        session.execute(
            select(TrainingSession.id, TrainingSession.starts_at).where(
                TrainingSession.course_id == course.id
            )
        ).all()
    )
    if not sessions:
        raise UserError(f"The course {course.reference} has no sessions yet: add them first.")
    return _Target(f"course {course.reference}", sessions)


def _session_of(target: _Target, when: datetime | None) -> tuple[int | None, str | None]:
    if len(target.sessions) == 1 and when is None:
        return next(iter(target.sessions)), None
    if when is None:
        return None, "No date of the session: say which session the row is for."
    same_day = target.by_day.get(when.date(), [])
    if len(same_day) > 1 and when.time() != datetime.min.time():
        same_day = [i for i in same_day if target.sessions[i] == when]
    if len(same_day) == 1:
        return same_day[0], None
    if not same_day:
        return None, f"No session of {target.label} on {format_date(when)}."
    return None, f"{len(same_day)} sessions on {format_date(when)}: give the start time too."


def _status(values: dict, held: bool) -> BookingStatus:
    status = read_status(values.get("status"))
    attended = read_attended(values.get("attended"))
    if attended is True:
        if status is not None and status not in (BookingStatus.BOOKED, BookingStatus.ATTENDED):
            raise ValueError(f"Marked attended, but the status says {status.label}.")
        status = BookingStatus.ATTENDED
    elif attended is False and held and status in (None, BookingStatus.BOOKED):
        status = BookingStatus.DID_NOT_ATTEND
    status = status or BookingStatus.BOOKED
    if status.on_the_day and not held:
        raise ValueError(f"{status.label}, but the session has not taken place yet.")
    return status


def _read_row(
    number: int,
    values: dict,
    target: _Target,
    placer: AgencyPlacer,
    orders: dict[str, str],
    today: date,
) -> tuple[PlannedBooking | None, list[str]]:
    problems: list[str] = []
    name = text_of(values, "name") or " ".join(
        p for p in (text_of(values, "first_name"), text_of(values, "last_name")) if p
    )
    name = " ".join(name.split())
    email = text_of(values, "email")
    if email is not None:
        email = email.casefold()
        if not EMAIL_RE.match(email) or len(email) > 254:
            problems.append(f"“{email}” is not an e-mail address.")
    if not name:
        problems.append("No name.")
    elif len(name) > NAME_MAX:
        problems.append(f"The name is longer than {NAME_MAX} characters.")
    role = text_of(values, "role")
    if role and len(role) > ROLE_MAX:
        problems.append(f"The job title is longer than {ROLE_MAX} characters.")
    session_id: int | None = None
    try:
        when = read_when(values.get("date"), orders["date"])
        session_id, why = _session_of(target, when)
        if why:
            problems.append(why)
    except ValueError as error:
        problems.append(f"Date of the session: {error}")
    booked_on = None
    try:
        booked = read_when(values.get("booked_on"), orders["booked_on"])
        booked_on = booked.date() if booked else None
    except ValueError as error:
        problems.append(f"Booked on: {error}")
    status = BookingStatus.BOOKED
    if session_id is not None:
        try:
            status = _status(values, target.sessions[session_id].date() <= today)
        except ValueError as error:
            problems.append(str(error))
    if problems or session_id is None:
        return None, problems
    agency_text = text_of(values, "agency")
    placed = placer.place(agency_text, email)
    return (
        PlannedBooking(
            number,
            session_id,
            name,
            email,
            role,
            placed.agency_id,
            agency_text if placed.agency_id is None else None,
            status,
            booked_on,
            text_of(values, "reference"),
        ),  # fmt: skip
        [],
    )


def plan_bookings(
    db: Database,
    path: Path | str,
    *,
    session_id: int | None = None,
    course_id: int | None = None,
    given: Sequence[str] = (),
    sheet: str | None = None,
    header_row: int | None = None,
    cancel: CancelToken | None = None,
) -> tuple[ImportResult, list[PlannedBooking]]:
    """Read every row of the file into a planned booking or a problem; writes nothing."""
    table = read_source(path, sheet, header_row, booking_score)
    mapping = column_mapping(table, BOOKING_FIELDS, BOOKING_KEYS, given)
    if not {"name", "first_name", "last_name"} & mapping.keys():
        raise UserError(
            f"{table.source}: no column of names found (headers: "
            + ", ".join(h for h in table.headers if h)
            + "). Name it with --map name=HEADER (or first_name= and last_name=)."
        )
    orders = {k: column_date_order(table, mapping.get(k)) for k in ("date", "booked_on")}
    with db.reader() as session:
        target = _target(session, session_id, course_id)
        if course_id is not None and "date" not in mapping and len(target.sessions) > 1:
            raise UserError(
                f"{table.source}: no column says which session each row is for (a date such as "
                "“Event date”). Name it with --map date=HEADER, or import with --session ID."
            )
        placer = AgencyPlacer(session)
        today = clock_of(session).today()
    result = ImportResult(
        table.source, "bookings", target.label, describe_mapping(table, mapping, LABELS)
    )
    planned: list[PlannedBooking] = []
    unplaced = UnplacedList()
    seen: dict[tuple[int, str], int] = {}
    for number, row in table.data_rows():
        if cancel is not None and number % 500 == 0:
            cancel.raise_if_cancelled()
        if is_blank(row):
            continue
        booking, problems = _read_row(
            number, values_of(row, mapping), target, placer, orders, today
        )
        if booking is not None:
            key = (booking.session_id, booking.email or f"name:{booking.name.casefold()}")
            if key in seen:
                problems = [f"The same person as row {seen[key]}, on the same session."]
            else:
                seen[key] = number
        result.problems += [RowProblem(number, p) for p in problems]
        if booking is not None and not problems:
            planned.append(booking)
            if booking.agency_id is None:
                unplaced.add(placer.place(booking.agency_as_written, booking.email), number)
    result.unplaced = unplaced.result()
    return result, planned


def _existing_practitioners(
    session: Session, planned: list[PlannedBooking]
) -> dict[str, TrainingPractitioner]:
    emails = sorted({p.email for p in planned if p.email})
    found: dict[str, TrainingPractitioner] = {}
    for start in range(0, len(emails), CHUNK):
        for person in session.scalars(
            select(TrainingPractitioner).where(
                TrainingPractitioner.email.in_(emails[start : start + CHUNK])
            )
        ):
            found.setdefault(person.email or "", person)
    return found


def write_bookings(
    db: Database,
    result: ImportResult,
    planned: list[PlannedBooking],
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Write the planned bookings in one transaction (nothing when the plan has problems)."""
    if not result.ok:
        return result
    source = result.source
    with db.session() as session:
        people = _existing_practitioners(session, planned)
        for plan in planned:  # the same person met by name only, once
            if plan.email is None and ("name:" + plan.name.casefold()) not in people:
                found = find_practitioner_in(session, plan.name, None, plan.agency_id)
                if found is not None:
                    people["name:" + plan.name.casefold()] = found
        for plan in planned:
            key = plan.email or "name:" + plan.name.casefold()
            person = people.get(key)
            if person is None:
                person = TrainingPractitioner(name=plan.name, email=plan.email)
                session.add(person)
                people[key] = person
            person.name = plan.name
            if plan.role:
                person.job_role = plan.role
            if plan.agency_id is not None:
                person.agency_id = plan.agency_id
        session.flush()
        sessions = {p.session_id for p in planned}
        existing = {
            (b.session_id, b.practitioner_id): b
            for b in session.scalars(
                select(TrainingBooking).where(TrainingBooking.session_id.in_(sessions))
            )
        }
        for done, plan in enumerate(planned, start=1):
            if cancel is not None and done % 500 == 0:
                cancel.raise_if_cancelled()
                progress(done, len(planned), "Recording bookings")
            person = people[plan.email or "name:" + plan.name.casefold()]
            booking = existing.get((plan.session_id, person.id))
            if booking is None:
                session.add(_new_booking(plan, person.id, source))
                result.added += 1
            elif _update_booking(booking, plan):
                result.updated += 1
            else:
                result.unchanged += 1
        session.flush()
    result.written = True
    return result


def _new_booking(plan: PlannedBooking, practitioner_id: int, source: str) -> TrainingBooking:
    return TrainingBooking(
        session_id=plan.session_id,
        practitioner_id=practitioner_id,
        agency_id=plan.agency_id,
        agency_as_written=plan.agency_as_written,
        status=plan.status.value,
        booked_on=plan.booked_on,
        source=f"{source} row {plan.row}"[:300],
        external_ref=plan.reference,
    )


def _update_booking(booking: TrainingBooking, plan: PlannedBooking) -> bool:
    """Bring a booking up to date with a later export; True when something changed."""
    before = (booking.status, booking.agency_id, booking.booked_on, booking.external_ref)
    current = BookingStatus.parse(booking.status)
    # An older export (still "booked") never undoes an outcome recorded since.
    if not (plan.status is BookingStatus.BOOKED and current is not None and current.on_the_day):
        booking.status = plan.status.value
    if plan.agency_id is not None and booking.agency_id is None:
        booking.agency_id, booking.agency_as_written = plan.agency_id, None
    booking.booked_on = booking.booked_on or plan.booked_on
    booking.external_ref = booking.external_ref or plan.reference
    return before != (booking.status, booking.agency_id, booking.booked_on, booking.external_ref)


def import_bookings(
    db: Database,
    path: Path | str,
    *,
    session_id: int | None = None,
    course_id: int | None = None,
    given: Sequence[str] = (),
    sheet: str | None = None,
    header_row: int | None = None,
    dry_run: bool = False,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportResult:
    """Import a booking site's export whole, or nothing with the rows it could not read."""
    db.principal.require(Permission.IMPORT_RETURNS)  # before the file is even opened
    result, planned = plan_bookings(
        db, path, session_id=session_id, course_id=course_id, given=given, sheet=sheet,
        header_row=header_row, cancel=cancel,
    )  # fmt: skip
    if dry_run or not result.ok:
        result.added = len(planned) if result.ok else 0
        return result
    return write_bookings(db, result, planned, progress, cancel)
