"""Inside the meeting services: turning models into rows, and the lock on approved minutes."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.models.meetings import AgendaItem, Attendance, Meeting, MinutesCorrection
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.meeting_schedule import item_start_times
from partnerboard.domain.meetings import (
    AgendaItemKind,
    AttendanceStatus,
    MeetingStatus,
    MinutesLocked,
)
from partnerboard.domain.partnership import MembershipRole
from partnerboard.services.common import fetch, tidy
from partnerboard.services.meetings.rows import AgendaItemRow, AttendanceRow, MeetingRow


def principal_name(session: Session) -> str:
    return session.info["principal"].name


def names_of(session: Session, model: type, ids: set[int | None]) -> dict[int, str]:
    wanted = {i for i in ids if i is not None}
    if not wanted:
        return {}
    return dict(session.execute(select(model.id, model.name).where(model.id.in_(wanted))).all())


def meeting_rows(session: Session, meetings: Sequence[Meeting]) -> list[MeetingRow]:
    boards = {
        b.id: b
        for b in session.scalars(select(Board).where(Board.id.in_({m.board_id for m in meetings})))
    }
    people = names_of(
        session,
        Person,
        {m.chair_person_id for m in meetings} | {m.minute_taker_person_id for m in meetings},
    )
    return [
        MeetingRow(
            m.id,
            m.board_id,
            boards[m.board_id].name,
            boards[m.board_id].short_name,
            m.starts_at,
            m.ends_at,
            m.venue,
            m.online,
            m.online_link,
            MeetingStatus(m.status),
            m.chair_person_id,
            people.get(m.chair_person_id or 0),
            m.minute_taker_person_id,
            people.get(m.minute_taker_person_id or 0),
            m.minutes_approved_on,
            m.minutes_approved_by,
            m.notes,
            m.row_version,
        )
        for m in meetings
    ]


def meeting_row(session: Session, meeting: Meeting) -> MeetingRow:
    return meeting_rows(session, [meeting])[0]


def item_rows(session: Session, meeting: Meeting, *, withheld: bool = False) -> list[AgendaItemRow]:
    """The meeting's items the user may see, numbered in agenda order.

    Numbers and start times count every item, also those hidden from this user (their
    position and minutes only, read from the table on purpose: no restricted text), so that
    item 4 is item 4 in every version and the times after a hidden item stay right. With
    `withheld`, each hidden item is kept as a 'Not published' row of its number.
    """
    items = list(meeting.items)
    table = AgendaItem.__table__
    every = session.execute(
        select(table.c.id, table.c.minutes_allotted)
        .where(table.c.meeting_id == meeting.id)
        .order_by(table.c.position, table.c.id)
    ).all()
    numbers = {ident: number for number, (ident, _) in enumerate(every, start=1)}
    all_starts = dict(
        zip(
            (ident for ident, _ in every),
            item_start_times(meeting.starts_at, [minutes for _, minutes in every]),
            strict=True,
        )
    )
    carried_ids = {i.carried_from_item_id for i in items} - {None}
    sources = {
        item_id: day
        for item_id, day in session.execute(
            select(AgendaItem.id, Meeting.starts_at)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.id.in_(carried_ids))
        )
    }
    targets = {
        from_id: day
        for from_id, day in session.execute(
            select(AgendaItem.carried_from_item_id, Meeting.starts_at)
            .join(Meeting, Meeting.id == AgendaItem.meeting_id)
            .where(AgendaItem.carried_from_item_id.in_([i.id for i in items]))
        )
    }
    previous = {
        m.id: m
        for m in session.scalars(
            select(Meeting).where(Meeting.id.in_({i.previous_meeting_id for i in items} - {None}))
        )
    }
    rows = []
    for item in items:
        number, start = numbers.get(item.id, item.position + 1), all_starts.get(item.id)
        came_from = sources.get(item.carried_from_item_id or 0)
        before = previous.get(item.previous_meeting_id or 0)
        rows.append(
            AgendaItemRow(
                item.id,
                item.meeting_id,
                number,
                AgendaItemKind(item.kind),
                item.title,
                item.presenter,
                item.paper_ref,
                item.minutes_allotted,
                start,
                item.restricted,
                item.restricted_to,
                item.discussion,
                item.decisions,
                item.not_reached,
                f"Carried forward from {came_from:%d/%m/%Y}" if came_from else None,
                targets[item.id].date() if item.id in targets else None,
                item.previous_meeting_id,
                before.starts_at.date() if before else None,
                before.minutes_approved_on if before else None,
                item.row_version,
            )
        )
    if withheld:
        shown = {row.number for row in rows}
        rows += [
            AgendaItemRow.withheld_item(meeting.id, number)
            for number in numbers.values()
            if number not in shown
        ]
        rows.sort(key=lambda row: row.number)
    return rows


def attendance_rows(session: Session, meeting: Meeting) -> list[AttendanceRow]:
    lines = list(meeting.attendance)
    people = {
        p.id: p
        for p in session.scalars(
            select(Person).where(
                Person.id.in_(
                    ({a.person_id for a in lines} | {a.deputy_person_id for a in lines}) - {None}
                )
            )
        )
    }
    agencies = names_of(session, Agency, {a.agency_id for a in lines})
    rows = []
    for a in lines:
        person = people.get(a.person_id or 0)
        deputy = people.get(a.deputy_person_id or 0)
        rows.append(
            AttendanceRow(
                a.id,
                a.meeting_id,
                a.person_id,
                person.name if person else (a.guest_name or ""),
                person.job_title if person else None,
                a.agency_id,
                agencies.get(a.agency_id or 0),
                MembershipRole(a.role) if a.role else None,
                AttendanceStatus(a.status),
                a.deputy_person_id,
                deputy.name if deputy else tidy(a.deputy_name),
                a.apology_reason,
                a.guest_organisation,
                a.guest_role,
                a.row_version,
            )
        )
    return rows


def check_editable(session: Session, meeting: Meeting, correction_reason: str | None) -> bool:
    """Refuse a change to approved minutes without a reason; True when it is a correction."""
    if meeting.status != MeetingStatus.MINUTES_APPROVED.value:
        return False
    if not tidy(correction_reason):
        raise MinutesLocked(
            f"The minutes were approved on {meeting.minutes_approved_on:%d/%m/%Y} and are locked. "
            "A correction needs a reason, which is recorded with it."
        )
    return True


def record_correction(
    session: Session,
    meeting: Meeting,
    reason: str | None,
    detail: str,
    item: AgendaItem | None = None,
) -> None:
    """Keep a change to approved minutes; `item`: the agenda item it quotes, if any."""
    session.add(
        MinutesCorrection(
            meeting_id=meeting.id,
            agenda_item_id=item.id if item is not None else None,
            corrected_by=principal_name(session),
            reason=tidy(reason) or "",
            detail=detail,
        )
    )


def change_text(what: str, before: object, after: object) -> str:
    def shown(value: object) -> str:
        return "(blank)" if value in (None, "") else f"“{value}”"

    return f"{what}: {shown(before)} → {shown(after)}"


def meeting_of(session: Session, meeting_id: int) -> Meeting:
    return fetch(session, Meeting, meeting_id, "meeting")


def attendance_line(session: Session, line_id: int) -> Attendance:
    return fetch(session, Attendance, line_id, "attendance line")
