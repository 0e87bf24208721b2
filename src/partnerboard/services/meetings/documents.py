"""What the minutes and the agenda say, gathered once for every format (PDF, Word, HTML).

Restricted items and the actions arising from them are filtered here, through
`domain.meetings.shown_in_version`, so that no format can forget to: a public document
leaves them out entirely, whoever prints it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Person
from partnerboard.domain.meetings import AttendanceStatus, MeetingStatus, QuorumResult
from partnerboard.services.meetings.agenda import visible_items
from partnerboard.services.meetings.attendance import quorum_in
from partnerboard.services.meetings.matters import matters_arising_in
from partnerboard.services.meetings.minutes import arising_in, list_corrections
from partnerboard.services.meetings.records import attendance_rows, meeting_of, meeting_row
from partnerboard.services.meetings.rows import (
    ActionArisingRow,
    AgendaItemRow,
    AttendanceRow,
    CorrectionRow,
    MatterArisingRow,
    MeetingRow,
)
from partnerboard.services.partnership import get_logo, get_partnership


@dataclass(frozen=True)
class Attendee:
    name: str
    described: str  # job title and agency, or "deputising for …"
    note: str = ""  # "online", an apology's reason


@dataclass(frozen=True)
class MeetingDocument:
    partnership_name: str
    logo: bytes | None
    meeting: MeetingRow
    items: list[AgendaItemRow]
    matters_arising: list[MatterArisingRow]
    public: bool
    generated_on: date  # the day the paper is made (the database's clock)

    @property
    def title(self) -> str:
        return f"{self.meeting.board_name}, {self.meeting.starts_at:%d/%m/%Y}"


@dataclass(frozen=True)
class MinutesDocument(MeetingDocument):
    present: list[Attendee] = field(default_factory=list)
    in_attendance: list[Attendee] = field(default_factory=list)
    apologies: list[Attendee] = field(default_factory=list)
    absent: list[Attendee] = field(default_factory=list)
    quorum: QuorumResult | None = None
    actions: list[ActionArisingRow] = field(default_factory=list)
    corrections: list[CorrectionRow] = field(default_factory=list)

    @property
    def draft(self) -> bool:
        """Minutes are a draft until the chair approves them."""
        return self.meeting.status != MeetingStatus.MINUTES_APPROVED

    def actions_for(self, item: AgendaItemRow) -> list[ActionArisingRow]:
        return [a for a in self.actions if a.agenda_item_id == item.id]


def _attendees(
    lines: list[AttendanceRow], minute_taker: Attendee | None
) -> tuple[list[Attendee], list[Attendee], list[Attendee], list[Attendee]]:
    present: list[Attendee] = []
    guests: list[Attendee] = []
    apologies: list[Attendee] = []
    absent: list[Attendee] = []
    for line in lines:
        status = line.status
        if status == AttendanceStatus.DEPUTY:
            standing_in = ", ".join(p for p in (line.person_name, line.agency_name) if p)
            present.append(
                Attendee(line.deputy_name or "", f"deputising for {standing_in}", "Deputy")
            )
            apologies.append(
                Attendee(line.person_name, line.described, f"represented by {line.deputy_name}")
            )
        elif status.attended_in_person:
            note = "Online" if status == AttendanceStatus.PRESENT_ONLINE else "In person"
            role = line.role.label if line.role and line.role.value in ("chair", "co_chair") else ""
            described = f"{line.described} ({role})" if role else line.described
            present.append(Attendee(line.person_name, described, note))
        elif status == AttendanceStatus.GUEST:
            guests.append(Attendee(line.person_name, line.described))
        elif status == AttendanceStatus.APOLOGIES:
            apologies.append(Attendee(line.person_name, line.described, line.apology_reason or ""))
        else:
            absent.append(Attendee(line.person_name, line.described))
    if minute_taker and all(a.name != minute_taker.name for a in present + guests):
        guests.append(minute_taker)
    return present, guests, apologies, absent


def _minute_taker(session: Session, meeting: Meeting) -> Attendee | None:
    if meeting.minute_taker_person_id is None:
        return None
    person = session.get(Person, meeting.minute_taker_person_id)
    if person is None:
        return None
    agency = person.agency.name if person.agency else None
    described = ", ".join(p for p in (person.job_title, agency) if p)
    return Attendee(person.name, f"{described} (minutes)" if described else "Minutes")


def minutes_document(db: Database, meeting_id: int, *, public: bool = False) -> MinutesDocument:
    """Everything the minutes print, with restricted items left out where they must be."""
    partnership = get_partnership(db)
    logo = get_logo(db)
    with db.reader() as session:
        meeting = meeting_of(session, meeting_id)
        row = meeting_row(session, meeting)
        present, guests, apologies, absent = _attendees(
            attendance_rows(session, meeting), _minute_taker(session, meeting)
        )
        document = MinutesDocument(
            partnership_name=partnership.name,
            logo=logo[0] if logo else None,
            meeting=row,
            items=visible_items(session, meeting, public=public),
            matters_arising=matters_arising_in(session, meeting, public=public),
            public=public,
            generated_on=db.clock.today(),
            present=present,
            in_attendance=guests,
            apologies=apologies,
            absent=absent,
            quorum=quorum_in(session, meeting),
            actions=arising_in(session, meeting, public=public),
        )
    # Corrections say what changed, which may quote a restricted item: internal copies only.
    corrections = [] if public else list_corrections(db, meeting_id)
    return MinutesDocument(**{**document.__dict__, "corrections": corrections})


def agenda_document(db: Database, meeting_id: int, *, public: bool = False) -> MeetingDocument:
    partnership = get_partnership(db)
    logo = get_logo(db)
    with db.reader() as session:
        meeting = meeting_of(session, meeting_id)
        return MeetingDocument(
            partnership_name=partnership.name,
            logo=logo[0] if logo else None,
            meeting=meeting_row(session, meeting),
            items=visible_items(session, meeting, public=public),
            matters_arising=matters_arising_in(session, meeting, public=public),
            public=public,
            generated_on=db.clock.today(),
        )
