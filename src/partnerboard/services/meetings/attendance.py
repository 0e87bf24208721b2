"""The attendance register of a meeting, prefilled with the board's members, and its quorum."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Attendance, Meeting
from partnerboard.db.models.partnership import Agency, Board, Membership, Person
from partnerboard.domain.meetings import (
    AttendanceCheck,
    AttendanceStatus,
    QuorumLine,
    QuorumResult,
    QuorumRule,
    check_attendance_line,
    check_quorum,
)
from partnerboard.domain.partnership import MembershipRole
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.meetings.records import (
    attendance_line,
    attendance_rows,
    change_text,
    check_editable,
    meeting_of,
    record_correction,
)
from partnerboard.services.meetings.rows import AttendanceRow

_ROLE_ORDER = {role.value: index for index, role in enumerate(MembershipRole)}


def fill_register(session: Session, meeting: Meeting) -> int:
    """Add a line for each current member not yet on the register; returns how many were added."""
    on_register = {a.person_id for a in meeting.attendance}
    seats = session.execute(
        select(Membership, Person)
        .join(Person, Person.id == Membership.person_id)
        .where(Membership.board_id == meeting.board_id, Membership.active.is_(True))
    ).all()
    seats.sort(key=lambda pair: (_ROLE_ORDER.get(pair[0].role, 9), pair[1].name.casefold()))
    position = max((a.position for a in meeting.attendance), default=-1) + 1
    added = 0
    for membership, person in seats:
        if person.id in on_register:
            continue
        session.add(
            Attendance(
                meeting_id=meeting.id,
                position=position,
                person_id=person.id,
                role=membership.role,
                agency_id=person.agency_id,
                status=AttendanceStatus.PRESENT.value,
            )
        )
        position += 1
        added += 1
    session.flush()
    session.expire(meeting, ["attendance"])
    return added


def refresh_register(db: Database, meeting_id: int) -> int:
    """Add members who joined the board since the register was made."""
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        check_editable(session, meeting, None)
        return fill_register(session, meeting)


def quorum_in(session: Session, meeting: Meeting) -> QuorumResult:
    board = fetch(session, Board, meeting.board_id, "board")
    rule = QuorumRule(
        board.quorum_minimum, board.quorum_counts_deputies, board.quorum_needs_statutory_partners
    )
    partners = dict(session.execute(select(Agency.id, Agency.statutory_partner)).all())
    lines = []
    for a in meeting.attendance:
        status = AttendanceStatus(a.status)
        if status == AttendanceStatus.DEPUTY:
            who = f"person:{a.deputy_person_id}" if a.deputy_person_id else f"name:{a.deputy_name}"
        else:
            who = f"person:{a.person_id}"
        lines.append(QuorumLine(status, a.role, who, partners.get(a.agency_id or 0)))
    return check_quorum(rule, lines)


@dataclass(frozen=True)
class Register:
    lines: list[AttendanceRow]
    quorum: QuorumResult


def get_register(db: Database, meeting_id: int) -> Register:
    with db.reader() as session:
        meeting = meeting_of(session, meeting_id)
        return Register(attendance_rows(session, meeting), quorum_in(session, meeting))


@dataclass
class AttendanceInput:
    status: str
    deputy_person_id: int | None = None
    deputy_name: str | None = None
    apology_reason: str | None = None
    guest_name: str | None = None
    guest_organisation: str | None = None
    guest_role: str | None = None


def save_attendance(
    db: Database,
    line_id: int,
    data: AttendanceInput,
    expected_version: int | None = None,
    correction_reason: str | None = None,
) -> Register:
    """Record how one member (or guest) attended; returns the register with its quorum."""
    status = AttendanceStatus.parse(data.status)
    if status is None:
        raise ValidationFailed(FieldError("status", "Choose how they attended."))
    with db.session() as session:
        line = attendance_line(session, line_id)
        check_version(line, expected_version, "attendance line")
        meeting = meeting_of(session, line.meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        if data.deputy_person_id is not None:
            fetch(session, Person, data.deputy_person_id, "person")
        errors = check_attendance_line(
            AttendanceCheck(
                status,
                is_member=line.role is not None,
                deputy_named=data.deputy_person_id is not None or bool(tidy(data.deputy_name)),
                guest_named=line.person_id is not None or bool(tidy(data.guest_name)),
            )
        )
        if data.deputy_person_id is not None and data.deputy_person_id == line.person_id:
            errors.append(FieldError("deputy", "A member cannot deputise for themselves."))
        if errors:
            raise ValidationFailed(errors)
        before = attendance_rows(session, meeting)
        line.status = status.value
        deputy = status == AttendanceStatus.DEPUTY
        line.deputy_person_id = data.deputy_person_id if deputy else None
        line.deputy_name = tidy(data.deputy_name) if deputy and not data.deputy_person_id else None
        line.apology_reason = (
            tidy(data.apology_reason) if status == AttendanceStatus.APOLOGIES else None
        )
        if line.role is None:
            line.guest_name = tidy(data.guest_name) if line.person_id is None else None
            line.guest_organisation = tidy(data.guest_organisation)
            line.guest_role = tidy(data.guest_role)
        session.flush()
        session.expire(meeting, ["attendance"])
        after = attendance_rows(session, meeting)
        if correcting:
            old = next(r for r in before if r.id == line.id)
            new = next(r for r in after if r.id == line.id)
            record_correction(
                session,
                meeting,
                correction_reason,
                change_text(f"Attendance of {new.person_name}", old.status_text, new.status_text),
            )
        return Register(after, quorum_in(session, meeting))


@dataclass
class GuestInput:
    name: str | None = None
    person_id: int | None = None  # a guest who is in the people register
    organisation: str | None = None
    role: str | None = None


def add_guest(
    db: Database, meeting_id: int, data: GuestInput, correction_reason: str | None = None
) -> Register:
    """Someone in attendance without a seat (a presenter, an officer, an observer from outside)."""
    if data.person_id is None and not tidy(data.name):
        raise ValidationFailed(FieldError("guest_name", "Give the guest's name."))
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        person = fetch(session, Person, data.person_id, "person") if data.person_id else None
        if person is not None and any(a.person_id == person.id for a in meeting.attendance):
            raise ValidationFailed(
                FieldError("guest_name", f"{person.name} is already on the register.")
            )
        position = session.scalar(
            select(func.max(Attendance.position)).where(Attendance.meeting_id == meeting.id)
        )
        session.add(
            Attendance(
                meeting_id=meeting.id,
                position=(position or 0) + 1,
                person_id=person.id if person else None,
                agency_id=person.agency_id if person else None,
                role=None,
                status=AttendanceStatus.GUEST.value,
                guest_name=None if person else tidy(data.name),
                guest_organisation=tidy(data.organisation),
                guest_role=tidy(data.role),
            )
        )
        session.flush()
        session.expire(meeting, ["attendance"])
        if correcting:
            name = person.name if person else tidy(data.name)
            record_correction(session, meeting, correction_reason, f"Guest added: {name}")
        return Register(attendance_rows(session, meeting), quorum_in(session, meeting))


def remove_guest(db: Database, line_id: int) -> None:
    """Take a guest off the register (members' lines stay: mark them absent instead)."""
    with db.session() as session:
        line = attendance_line(session, line_id)
        check_editable(session, meeting_of(session, line.meeting_id), None)
        if line.role is not None:
            raise UserError("Members stay on the register; record them as absent or apologies.")
        session.delete(line)
