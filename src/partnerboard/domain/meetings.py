"""Vocabulary and rules of board meetings: statuses, attendance, quorum, who sees restricted items.

No database here: the services, the forms, the reports and the command line all apply these
same rules, so that the quorum shown on screen is the quorum printed in the minutes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from partnerboard.domain.choices import Choice
from partnerboard.errors import FieldError, UserError


class MinutesLocked(UserError):
    """Approved minutes are locked; a change needs a reason and is recorded as a correction."""


class MeetingStatus(Choice):
    PLANNED = "planned", "Planned"
    HELD = "held", "Held"
    MINUTES_DRAFT = "minutes_draft", "Minutes in draft"
    MINUTES_APPROVED = "minutes_approved", "Minutes approved"
    CANCELLED = "cancelled", "Cancelled"

    @property
    def took_place(self) -> bool:
        """Held, whatever the state of its minutes (what attendance figures count)."""
        return self in (self.HELD, self.MINUTES_DRAFT, self.MINUTES_APPROVED)


# Where a meeting may go from each status. Approval is its own step (`approve_minutes`), and
# approved minutes never go back: they are corrected, with a reason, instead.
NEXT_STATUSES: dict[MeetingStatus, tuple[MeetingStatus, ...]] = {
    MeetingStatus.PLANNED: (MeetingStatus.HELD, MeetingStatus.CANCELLED),
    MeetingStatus.HELD: (MeetingStatus.MINUTES_DRAFT, MeetingStatus.PLANNED),
    MeetingStatus.MINUTES_DRAFT: (MeetingStatus.HELD,),
    MeetingStatus.MINUTES_APPROVED: (),
    MeetingStatus.CANCELLED: (MeetingStatus.PLANNED,),
}


def check_held(status: MeetingStatus, held_on: date, today: date) -> list[FieldError]:
    """A meeting that took place (held, minutes in draft or approved) cannot be on a day still
    to come: it would count in attendance figures and its minutes could not be approved."""
    if status.took_place and held_on > today:
        return [
            FieldError(
                "status",
                f"The meeting is on {held_on:%d/%m/%Y}, which has not come yet: it can be "
                "marked held from that day.",
            )
        ]
    return []


def check_status_change(
    current: MeetingStatus, wanted: MeetingStatus, held_on: date, today: date
) -> list[FieldError]:
    if wanted == current:
        return []
    if (
        wanted.took_place
        and not current.took_place
        and (problems := check_held(wanted, held_on, today))
    ):
        return problems
    if wanted == MeetingStatus.MINUTES_APPROVED:
        return [FieldError("status", "Minutes are approved by the chair with “Approve minutes”.")]
    if wanted not in NEXT_STATUSES[current]:
        allowed = ", ".join(s.label.lower() for s in NEXT_STATUSES[current]) or "nothing else"
        return [
            FieldError("status", f"A meeting that is {current.label.lower()} can become {allowed}.")
        ]
    return []


class AttendanceStatus(Choice):
    PRESENT = "present", "Present"
    PRESENT_ONLINE = "present_online", "Present online"
    DEPUTY = "deputy", "Deputy attended"
    APOLOGIES = "apologies", "Apologies"
    ABSENT = "absent", "Absent"
    GUEST = "guest", "In attendance (guest)"

    @property
    def attended_in_person(self) -> bool:
        """The member themselves was there, in the room or online."""
        return self in (self.PRESENT, self.PRESENT_ONLINE)


class AgendaItemKind(Choice):
    STANDARD = "standard", "Item"
    PREVIOUS_MINUTES = "previous_minutes", "Minutes of the previous meeting"
    MATTERS_ARISING = "matters_arising", "Matters arising (action log)"
    ANY_OTHER_BUSINESS = "any_other_business", "Any other business"


# Seats whose holders count towards quorum; advisers and observers do not vote.
QUORUM_ROLES = frozenset({"chair", "co_chair", "member"})


# ---------------------------------------------------------------- restricted items


# A restricted item in a public version (or an item hidden from a member) keeps its number and
# is shown only as this neutral line, with no title, time, presenter or paper: item 5 is item 5
# in every version, and nothing shows a gap (as committee systems print exempt items).
WITHHELD_TITLE = "Not published"
WITHHELD_TEXT = "This item is restricted to the board and is not published."


def items_text(numbers: list[int]) -> str:
    """'item 5', 'items 5 and 7', 'items 2, 5 and 7': where a version's withheld items are."""
    shown = [str(n) for n in numbers]
    if len(shown) == 1:
        return f"item {shown[0]}"
    return "items " + ", ".join(shown[:-1]) + " and " + shown[-1]


def shown_in_version(restricted: bool, *, public: bool) -> bool:
    """Whether an item or action arising that the user can see goes into a document version.

    Who may see a restricted item at all is the session's rule (`db.visibility`): those it
    does not admit never load one. This is the other rule: a *public* version (agenda, minutes
    PDF, Word, HTML) leaves every restricted record out, whoever prints it (an item keeps its
    number as a `WITHHELD_TITLE` line).
    """
    return not (public and restricted)


# ---------------------------------------------------------------- attendance lines


@dataclass(frozen=True)
class AttendanceCheck:
    """What the rules need to know about one attendance line."""

    status: AttendanceStatus
    is_member: bool
    deputy_named: bool
    guest_named: bool


def check_attendance_line(line: AttendanceCheck) -> list[FieldError]:
    errors: list[FieldError] = []
    if line.status == AttendanceStatus.DEPUTY and not line.deputy_named:
        errors.append(FieldError("deputy", "Name the deputy who attended."))
    if line.status == AttendanceStatus.GUEST and not line.is_member and not line.guest_named:
        errors.append(FieldError("guest_name", "Give the guest's name."))
    if not line.is_member and line.status != AttendanceStatus.GUEST:
        errors.append(FieldError("status", "Someone who has no seat attends as a guest."))
    if line.is_member and line.status == AttendanceStatus.GUEST:
        errors.append(FieldError("status", "A member attends as a member, not as a guest."))
    return errors


# ---------------------------------------------------------------- quorum


@dataclass(frozen=True)
class QuorumRule:
    minimum: int | None
    counts_deputies: bool
    needs_statutory_partners: bool


@dataclass(frozen=True)
class QuorumLine:
    """One member's line as the quorum sees it."""

    status: AttendanceStatus
    role: str | None
    person_key: str  # who is in the room: the member, or the deputy in their place
    statutory_partner: str | None  # "local_authority" / "police" / "health" or None


@dataclass(frozen=True)
class QuorumResult:
    met: bool | None  # None: the board has no quorum rule
    counted: int
    minimum: int | None
    partners_missing: tuple[str, ...]
    rule_text: str

    @property
    def summary(self) -> str:
        if self.met is None:
            return f"No quorum rule; {self.counted} members present."
        word = "Quorate" if self.met else "Not quorate"
        text = f"{word}: {self.counted} members counted, {self.minimum} needed"
        if self.partners_missing:
            text += "; not represented: " + ", ".join(self.partners_missing)
        return text + "."


STATUTORY_LABELS = {"local_authority": "local authority", "police": "police", "health": "health"}


def rule_text(rule: QuorumRule) -> str:
    if rule.minimum is None:
        return "No quorum rule"
    parts = [f"{rule.minimum} members present"]
    parts.append("deputies count" if rule.counts_deputies else "deputies do not count")
    if rule.needs_statutory_partners:
        parts.append("each statutory partner represented")
    return ", ".join(parts)


def check_quorum(rule: QuorumRule, lines: Iterable[QuorumLine]) -> QuorumResult:
    """Count the voting members present (and deputies, if the rule says so) against the rule.

    A person counts once even if they hold a seat and also deputise for someone else.
    """
    counted: set[str] = set()
    partners: set[str] = set()
    for line in lines:
        if line.role not in QUORUM_ROLES:
            continue
        counts = line.status.attended_in_person or (
            line.status == AttendanceStatus.DEPUTY and rule.counts_deputies
        )
        if not counts:
            continue
        counted.add(line.person_key)
        if line.statutory_partner in STATUTORY_LABELS:
            partners.add(line.statutory_partner)
    missing: tuple[str, ...] = ()
    if rule.needs_statutory_partners:
        missing = tuple(label for key, label in STATUTORY_LABELS.items() if key not in partners)
    met = None if rule.minimum is None else len(counted) >= rule.minimum and not missing
    return QuorumResult(met, len(counted), rule.minimum, missing, rule_text(rule))
