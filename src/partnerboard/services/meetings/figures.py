"""Attendance figures over a period: per member and per agency, for the yearly report.

Only meetings that took place count (cancelled and planned ones do not). A deputy who came
is counted apart from the member attending, so that a board can see both "was the agency
there?" and "did the member come themselves?". Guests do not count.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Attendance, Meeting
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.meetings import AttendanceStatus, MeetingStatus

NO_AGENCY = "No agency (independent)"
ATTENDANCE_SERIES = ("Attended", "Deputy attended", "Apologies", "Absent")


@dataclass(frozen=True)
class Tally:
    """How often a seat (or an agency's seats) was expected and how it was filled."""

    name: str
    detail: str  # a member's agency; blank for an agency's own tally
    expected: int
    present: int
    online: int
    deputy: int
    apologies: int
    absent: int

    @property
    def attended(self) -> int:
        return self.present + self.online

    @property
    def rate(self) -> float | None:
        """Share of meetings the member (or the agency's members) attended themselves."""
        return self.attended / self.expected if self.expected else None

    @property
    def rate_with_deputies(self) -> float | None:
        """Share of meetings at which the seat was filled, by the member or a deputy."""
        return (self.attended + self.deputy) / self.expected if self.expected else None


@dataclass(frozen=True)
class AttendanceFigures:
    start: date
    end: date
    board_name: str | None  # None: every board
    meetings: int
    members: list[Tally]
    agencies: list[Tally]

    @property
    def period(self) -> str:
        return f"{self.start:%d/%m/%Y} to {self.end:%d/%m/%Y}"

    def by_agency(self) -> Breakdown:
        """Seats filled and not filled, agency by agency, for a stacked bar chart."""
        return Breakdown(
            [t.name for t in self.agencies],
            ATTENDANCE_SERIES,
            [(t.attended, t.deputy, t.apologies, t.absent) for t in self.agencies],
            colours=(palette.GREEN, palette.SERIES[0], palette.AMBER, palette.RED),
        )


def _tally(name: str, detail: str, statuses: list[str]) -> Tally:
    count = {s: statuses.count(s.value) for s in AttendanceStatus}
    return Tally(
        name,
        detail,
        len(statuses),
        count[AttendanceStatus.PRESENT],
        count[AttendanceStatus.PRESENT_ONLINE],
        count[AttendanceStatus.DEPUTY],
        count[AttendanceStatus.APOLOGIES],
        count[AttendanceStatus.ABSENT],
    )


def attendance_figures(
    db: Database, start: date, end: date, board_id: int | None = None
) -> AttendanceFigures:
    """Attendance per member and per agency at meetings held from `start` to `end` inclusive."""
    held = [s.value for s in MeetingStatus if s.took_place]
    with db.reader() as session:
        query = (
            select(Attendance.person_id, Attendance.agency_id, Attendance.status, Meeting.id)
            .join(Meeting, Meeting.id == Attendance.meeting_id)
            .where(
                Meeting.status.in_(held),
                Meeting.starts_at >= datetime.combine(start, time.min),
                Meeting.starts_at <= datetime.combine(end, time.max),
                Attendance.role.is_not(None),
            )
        )
        count_query = select(Meeting.id).where(
            Meeting.status.in_(held),
            Meeting.starts_at >= datetime.combine(start, time.min),
            Meeting.starts_at <= datetime.combine(end, time.max),
        )
        if board_id is not None:
            query = query.where(Meeting.board_id == board_id)
            count_query = count_query.where(Meeting.board_id == board_id)
        lines = session.execute(query).all()
        meetings = len(session.scalars(count_query).all())
        people = dict(
            session.execute(
                select(Person.id, Person.name).where(
                    Person.id.in_({line[0] for line in lines} - {None})
                )
            ).all()
        )
        agencies = dict(session.execute(select(Agency.id, Agency.name)).all())
        board_name = session.get(Board, board_id).name if board_id is not None else None  # type: ignore[union-attr]
    by_person: dict[int, list[str]] = defaultdict(list)
    by_agency: dict[int | None, list[str]] = defaultdict(list)
    for person_id, agency_id, status, _meeting in lines:
        by_person[person_id].append(status)
        by_agency[agency_id].append(status)
    last_agency = {person_id: agency_id for person_id, agency_id, _s, _m in lines}
    members = sorted(
        (
            _tally(
                people.get(pid, ""),
                agencies.get(last_agency[pid] or 0, NO_AGENCY),
                statuses,
            )
            for pid, statuses in by_person.items()
        ),
        key=lambda t: (t.detail.casefold(), t.name.casefold()),
    )
    agency_tallies = sorted(
        (
            _tally(agencies.get(aid or 0, NO_AGENCY), "", statuses)
            for aid, statuses in by_agency.items()
        ),
        key=lambda t: t.name.casefold(),
    )
    return AttendanceFigures(start, end, board_name, meetings, members, agency_tallies)
