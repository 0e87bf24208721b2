"""The plain, frozen rows that the meeting services hand out (never live ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from partnerboard.domain.actions import NOT_RATED_LABEL
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import labelled
from partnerboard.domain.meetings import (
    WITHHELD_TITLE,
    AgendaItemKind,
    AttendanceStatus,
    MeetingStatus,
)
from partnerboard.domain.partnership import MembershipRole


@dataclass(frozen=True)
class MeetingRow:
    id: int
    board_id: int
    board_name: str
    board_short_name: str | None
    starts_at: datetime
    ends_at: datetime | None
    venue: str | None
    online: bool
    online_link: str | None
    status: MeetingStatus
    chair_person_id: int | None
    chair_name: str | None
    minute_taker_person_id: int | None
    minute_taker_name: str | None
    minutes_approved_on: date | None
    minutes_approved_by: str | None
    notes: str | None
    row_version: int

    @property
    def name(self) -> str:
        """'Executive – 22/11/2026': how lists, titles and messages name the meeting."""
        return f"{self.board_short_name or self.board_name} – {format_date(self.starts_at)}"

    @property
    def where(self) -> str:
        if self.venue and self.online:
            return f"{self.venue} and online"
        return self.venue or ("Online" if self.online else "")

    @property
    def time_text(self) -> str:
        start = self.starts_at.strftime("%H:%M")
        return f"{start}–{self.ends_at.strftime('%H:%M')}" if self.ends_at else start

    @property
    def locked(self) -> bool:
        """Approved minutes are locked: a change is a correction, with a reason."""
        return self.status == MeetingStatus.MINUTES_APPROVED

    @property
    def active(self) -> bool:
        return self.status != MeetingStatus.CANCELLED


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    meeting_id: int
    number: int  # 1, 2, 3 … in agenda order, the same in every version of the minutes
    kind: AgendaItemKind
    title: str
    presenter: str | None
    paper_ref: str | None
    minutes_allotted: int | None
    starts_at: datetime | None
    restricted: bool
    restricted_to: str | None  # who else sees it (domain.access.Audience)
    discussion: str | None
    decisions: str | None
    not_reached: bool
    carried_from: str | None  # "Carried forward from 14/10/2026"
    carried_to: date | None  # the meeting it was carried forward to
    previous_meeting_id: int | None
    previous_meeting_on: date | None
    previous_minutes_approved_on: date | None
    row_version: int
    # A restricted item kept only as its number (a public version, or a member's view of an
    # item hidden from them): no title, time, presenter, paper or minutes (`withheld`).
    withheld: bool = False

    @property
    def heading(self) -> str:
        """'4. Rapid review – Restricted': restricted items say so in their heading."""
        text = f"{self.number}. {self.title}"
        return f"{text} – Restricted" if self.restricted and not self.withheld else text

    @classmethod
    def withheld_item(cls, meeting_id: int, number: int) -> AgendaItemRow:
        """Item `number` shown only as 'Not published' (its id is not a real item's)."""
        return cls(
            -number, meeting_id, number, AgendaItemKind.STANDARD, WITHHELD_TITLE, None, None,
            None, None, True, None, None, None, False, None, None, None, None, None, 0, True,
        )  # fmt: skip


@dataclass(frozen=True)
class AttendanceRow:
    id: int
    meeting_id: int
    person_id: int | None
    person_name: str
    job_title: str | None
    agency_id: int | None
    agency_name: str | None
    role: MembershipRole | None  # None: a guest
    status: AttendanceStatus
    deputy_person_id: int | None
    deputy_name: str | None  # the deputy's name, from the register or as typed
    apology_reason: str | None
    guest_organisation: str | None
    guest_role: str | None
    row_version: int

    @property
    def is_member(self) -> bool:
        return self.role is not None

    @property
    def described(self) -> str:
        """'Chief Nurse, NHS Wrenfield ICB' — what follows a name in the minutes."""
        parts = [self.guest_role or self.job_title, self.guest_organisation or self.agency_name]
        return ", ".join(p for p in parts if p)

    @property
    def status_text(self) -> str:
        if self.status == AttendanceStatus.DEPUTY and self.deputy_name:
            return f"Deputy attended: {self.deputy_name}"
        if self.status == AttendanceStatus.APOLOGIES and self.apology_reason:
            return f"Apologies ({self.apology_reason})"
        return self.status.label


@dataclass(frozen=True)
class ActionArisingRow:
    id: int
    reference: str
    text: str
    lead_person_id: int | None
    lead_name: str | None
    lead_agency_name: str | None
    due_on: date | None
    status: str
    agenda_item_id: int | None
    item_number: int | None
    restricted: bool  # the action, or the item it arose from, is restricted

    @property
    def action_text(self) -> str:
        return labelled(self.text, self.restricted)

    @property
    def lead(self) -> str:
        if self.lead_name and self.lead_agency_name:
            return f"{self.lead_name} ({self.lead_agency_name})"
        return self.lead_name or self.lead_agency_name or ""


@dataclass(frozen=True)
class MatterArisingRow:
    """An open action of the board with its latest update, as it stood on the meeting day."""

    action_id: int
    reference: str
    text: str
    lead: str
    due_on: date | None
    rag: str | None
    overdue: bool
    latest_update_on: date | None
    latest_update: str | None
    restricted: bool

    # The words of each cell, the same in every format (PDF, Word, HTML).
    @property
    def action_text(self) -> str:
        return labelled(self.text, self.restricted)

    @property
    def due_text(self) -> str:
        """'12/06/2027', with 'Overdue' on a second line when it was overdue on the day."""
        due = format_date(self.due_on) if self.due_on else "Not set"
        return f"{due}\nOverdue" if self.overdue else due

    @property
    def rag_text(self) -> str:
        return self.rag.title() if self.rag else NOT_RATED_LABEL

    @property
    def update_text(self) -> str:
        """'05/08/2026: Partners have signed off …', or 'No update yet'."""
        if not self.latest_update:
            return "No update yet"
        return f"{format_date(self.latest_update_on)}: {self.latest_update}"


@dataclass(frozen=True)
class CorrectionRow:
    made_at: datetime
    corrected_by: str
    reason: str
    detail: str | None
