"""What the minutes and the agenda say, gathered once for every format (PDF, Word, HTML).

Restricted items and the actions arising from them are filtered here, through
`domain.meetings.shown_in_version`, so that no format can forget to: a public document
leaves them out, whoever prints it, and keeps each restricted item's number as a neutral
"Not published" line (`agenda.visible_items`). Each document carries its `classification`
(`domain.marking`): the protective marking, the first-page notice and the author, decided
once here from what the document holds, for every writer to render.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.meetings import Meeting
from partnerboard.db.models.partnership import Person
from partnerboard.domain.marking import Classification, author_name, classify
from partnerboard.domain.meetings import (
    AttendanceStatus,
    MeetingStatus,
    QuorumResult,
    items_text,
)
from partnerboard.services.meetings.agenda import visible_items
from partnerboard.services.meetings.attendance import quorum_in
from partnerboard.services.meetings.matters import as_at, matters_arising_in
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
    classification: Classification
    matters_as_at: date  # the day open actions and "overdue" are shown as at

    @property
    def title(self) -> str:
        return f"{self.meeting.board_name}, {self.meeting.starts_at:%d/%m/%Y}"

    @property
    def version(self) -> str:
        """' (public version)' after a public document's title, '' otherwise."""
        return " (public version)" if self.public else ""

    @property
    def withheld_numbers(self) -> list[int]:
        return [item.number for item in self.items if item.withheld]


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


@dataclass(frozen=True)
class _Contents:
    items: list[AgendaItemRow]
    matters: list[MatterArisingRow]
    actions: list[ActionArisingRow]
    classification: Classification


def _contents(
    db: Database, session: Session, meeting: Meeting, *, public: bool, with_actions: bool
) -> _Contents:
    """The items, open actions and actions arising of one version, and its classification."""
    items = visible_items(session, meeting, public=public)
    matters = matters_arising_in(session, meeting, public=public)
    actions = arising_in(session, meeting, public=public) if with_actions else []
    author = author_name(db.principal, get_partnership(db).name)
    if not public:
        held = [
            ("agenda item", sum(1 for i in items if i.restricted and not i.withheld)),
            ("action", sum(1 for a in matters if a.restricted)),
            ("action arising", sum(1 for a in actions if a.restricted)),
        ]
        return _Contents(items, matters, actions, classify(held, author=author))
    # What the full version holds that this one does not (counted, never shown).
    withheld = [i.number for i in items if i.withheld]
    all_matters = matters_arising_in(session, meeting, public=False)
    all_actions = arising_in(session, meeting, public=False) if with_actions else []
    left_out = [
        ("restricted item", len(withheld)),
        ("open action", len(all_matters) - len(matters)),
        ("action arising", len(all_actions) - len(actions)),
    ]
    detail = items_text(withheld) if withheld else ""
    classification = classify(author=author, public=True, left_out=left_out, left_out_detail=detail)
    return _Contents(items, matters, actions, classification)


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
        contents = _contents(db, session, meeting, public=public, with_actions=True)
        document = MinutesDocument(
            partnership_name=partnership.name,
            logo=logo[0] if logo else None,
            meeting=row,
            items=contents.items,
            matters_arising=contents.matters,
            public=public,
            generated_on=db.clock.today(),
            classification=contents.classification,
            matters_as_at=as_at(meeting, db.clock.today()),
            present=present,
            in_attendance=guests,
            apologies=apologies,
            absent=absent,
            quorum=quorum_in(session, meeting),
            actions=contents.actions,
        )
    # Corrections say what changed, which may quote a restricted item: internal copies only.
    corrections = [] if public else list_corrections(db, meeting_id)
    return MinutesDocument(**{**document.__dict__, "corrections": corrections})


def agenda_document(db: Database, meeting_id: int, *, public: bool = False) -> MeetingDocument:
    partnership = get_partnership(db)
    logo = get_logo(db)
    with db.reader() as session:
        meeting = meeting_of(session, meeting_id)
        contents = _contents(db, session, meeting, public=public, with_actions=False)
        return MeetingDocument(
            partnership_name=partnership.name,
            logo=logo[0] if logo else None,
            meeting=meeting_row(session, meeting),
            items=contents.items,
            matters_arising=contents.matters,
            public=public,
            generated_on=db.clock.today(),
            classification=contents.classification,
            matters_as_at=as_at(meeting, db.clock.today()),
        )
