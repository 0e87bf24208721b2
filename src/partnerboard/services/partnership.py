"""The partnership register: the partnership's own details, agencies, people, boards, memberships.

Nothing here is ever hard-deleted: agencies, people, boards and memberships are deactivated,
because meetings, actions and returns keep pointing at them.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency, Board, Membership, Person
from partnerboard.domain.partnership import (
    BoardKind,
    MembershipRole,
    Sector,
    StatutoryPartner,
    agency_label,
    check_email,
    check_quorum,
    check_required,
)
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services import partnership_record as _record
from partnerboard.services.common import check_version, fetch, tidy

# The partnership's own record lives in `services.partnership_record` (start-up loads only
# that); the register's callers find it here too.
PLACEHOLDER_NAME = _record.PLACEHOLDER_NAME
PartnershipInput = _record.PartnershipInput
PartnershipRow = _record.PartnershipRow
ensure_partnership = _record.ensure_partnership
get_logo = _record.get_logo
get_partnership = _record.get_partnership
save_partnership = _record.save_partnership
set_logo = _record.set_logo
template_key = _record.template_key
template_key_and_name = _record.template_key_and_name


@dataclass(frozen=True)
class AgencyRow:
    id: int
    name: str
    short_name: str | None
    sector: Sector
    statutory_partner: StatutoryPartner
    section11_duty: bool
    contact_person_id: int | None
    contact_name: str | None
    email: str | None
    phone: str | None
    address: str | None
    notes: str | None
    active: bool
    row_version: int

    @property
    def display_name(self) -> str:
        return agency_label(self.name, self.short_name)


@dataclass
class AgencyInput:
    name: str
    sector: str
    short_name: str | None = None
    statutory_partner: str = StatutoryPartner.NONE.value
    section11_duty: bool = False
    contact_person_id: int | None = None
    email: str | None = None
    phone: str | None = None
    address: str | None = None
    notes: str | None = None


def _agency_row(a: Agency) -> AgencyRow:
    return AgencyRow(
        a.id,
        a.name,
        a.short_name,
        Sector(a.sector),
        StatutoryPartner(a.statutory_partner),
        a.section11_duty,
        a.contact_person_id,
        a.contact.name if a.contact else None,
        a.email,
        a.phone,
        a.address,
        a.notes,
        a.active,
        a.row_version,
    )


def list_agencies(
    db: Database, include_inactive: bool = True, ids: Collection[int] | None = None
) -> list[AgencyRow]:
    """Agencies by name; `ids`: only these (a page refreshing the rows a change named)."""
    with db.reader() as session:
        query = select(Agency).order_by(func.lower(Agency.name))
        if not include_inactive:
            query = query.where(Agency.active.is_(True))
        if ids is not None:
            query = query.where(Agency.id.in_(ids))
        return [_agency_row(a) for a in session.scalars(query)]


def get_agency(db: Database, agency_id: int) -> AgencyRow:
    with db.reader() as session:
        return _agency_row(fetch(session, Agency, agency_id, "agency"))


def find_agency(db: Database, name: str) -> AgencyRow | None:
    """An agency by its name or short name, ignoring case (for the command line and imports)."""
    wanted = name.strip().casefold()
    for agency in list_agencies(db):
        if wanted in (agency.name.casefold(), (agency.short_name or "").casefold()):
            return agency
    return None


def validate_agency(data: AgencyInput) -> list[FieldError]:
    errors = check_required("name", data.name, "Name")
    if len((data.short_name or "").strip()) > 40:
        errors.append(FieldError("short_name", "Short name must be at most 40 characters."))
    if Sector.parse(data.sector) is None:
        errors.append(FieldError("sector", "Choose the agency's sector."))
    partner = StatutoryPartner.parse(data.statutory_partner)
    if partner is None:
        errors.append(FieldError("statutory_partner", "Choose whether it is a statutory partner."))
    errors += check_email("email", data.email)
    return errors


def save_agency(
    db: Database,
    data: AgencyInput,
    agency_id: int | None = None,
    expected_version: int | None = None,
) -> AgencyRow:
    """Add (no id) or change an agency; raises ValidationFailed with messages per field."""
    errors = validate_agency(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        name = tidy(data.name) or ""
        clash = session.scalars(
            select(Agency).where(
                func.lower(Agency.name) == name.lower(), Agency.id != (agency_id or 0)
            )
        ).first()
        if clash is not None:
            raise ValidationFailed(
                FieldError("name", f"An agency called “{clash.name}” already exists.")
            )
        if data.contact_person_id is not None:
            fetch(session, Person, data.contact_person_id, "person")
        agency = fetch(session, Agency, agency_id, "agency") if agency_id else Agency()
        check_version(agency, expected_version, "agency")
        agency.name = name
        agency.short_name = tidy(data.short_name)
        agency.sector = Sector.parse(data.sector).value  # type: ignore[union-attr]
        agency.statutory_partner = StatutoryPartner.parse(data.statutory_partner).value  # type: ignore[union-attr]
        agency.section11_duty = bool(data.section11_duty)
        agency.contact_person_id = data.contact_person_id
        agency.email = tidy(data.email)
        agency.phone = tidy(data.phone)
        agency.address = tidy(data.address)
        agency.notes = tidy(data.notes)
        if agency_id is None:
            agency.active = True
            session.add(agency)
        session.flush()
        session.refresh(agency)
        return _agency_row(agency)


def set_agency_active(db: Database, agency_id: int, active: bool) -> AgencyRow:
    with db.session() as session:
        agency = fetch(session, Agency, agency_id, "agency")
        agency.active = active
        session.flush()
        return _agency_row(agency)


# ---------------------------------------------------------------- people


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    job_title: str | None
    agency_id: int | None
    agency_name: str | None
    email: str | None
    phone: str | None
    notes: str | None
    active: bool
    row_version: int
    boards: tuple[str, ...] = field(default=())  # "Executive Board (Chair)", ...

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.agency_name})" if self.agency_name else self.name


@dataclass
class PersonInput:
    name: str
    job_title: str | None = None
    agency_id: int | None = None
    email: str | None = None
    phone: str | None = None
    notes: str | None = None


def _person_row(p: Person, boards: tuple[str, ...] = ()) -> PersonRow:
    return PersonRow(
        p.id,
        p.name,
        p.job_title,
        p.agency_id,
        p.agency.name if p.agency else None,
        p.email,
        p.phone,
        p.notes,
        p.active,
        p.row_version,
        boards,
    )


def _boards_by_person(session: Session) -> dict[int, tuple[str, ...]]:
    rows = session.execute(
        select(Membership.person_id, Board.short_name, Board.name, Membership.role)
        .join(Board, Board.id == Membership.board_id)
        .where(Membership.active.is_(True))
        .order_by(Board.sort_order, Board.name)
    )
    found: dict[int, list[str]] = {}
    for person_id, short, name, role in rows:
        label = short or name
        role_label = MembershipRole(role).label if role != MembershipRole.MEMBER else ""
        found.setdefault(person_id, []).append(f"{label} ({role_label})" if role_label else label)
    return {k: tuple(v) for k, v in found.items()}


def list_people(
    db: Database,
    include_inactive: bool = True,
    agency_id: int | None = None,
    ids: Collection[int] | None = None,
) -> list[PersonRow]:
    """People by name; `ids`: only these (a page refreshing the rows a change named)."""
    with db.reader() as session:
        query = select(Person).order_by(func.lower(Person.name))
        if not include_inactive:
            query = query.where(Person.active.is_(True))
        if agency_id is not None:
            query = query.where(Person.agency_id == agency_id)
        if ids is not None:
            query = query.where(Person.id.in_(ids))
        boards = _boards_by_person(session)
        return [_person_row(p, boards.get(p.id, ())) for p in session.scalars(query)]


def get_person(db: Database, person_id: int) -> PersonRow:
    with db.reader() as session:
        return _person_row(
            fetch(session, Person, person_id, "person"),
            _boards_by_person(session).get(person_id, ()),
        )


def validate_person(data: PersonInput) -> list[FieldError]:
    errors = check_required("name", data.name, "Name")
    if len((data.job_title or "").strip()) > 200:
        errors.append(FieldError("job_title", "Job title must be at most 200 characters."))
    errors += check_email("email", data.email)
    return errors


def save_person(
    db: Database,
    data: PersonInput,
    person_id: int | None = None,
    expected_version: int | None = None,
) -> PersonRow:
    errors = validate_person(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        if data.agency_id is not None:
            agency = session.get(Agency, data.agency_id)
            if agency is None:
                raise ValidationFailed(FieldError("agency_id", "Choose an agency from the list."))
        email = tidy(data.email)
        if email:
            clash = session.scalars(
                select(Person).where(
                    func.lower(Person.email) == email.lower(), Person.id != (person_id or 0)
                )
            ).first()
            if clash is not None:
                raise ValidationFailed(
                    FieldError("email", f"{clash.name} already has this e-mail address.")
                )
        person = fetch(session, Person, person_id, "person") if person_id else Person()
        check_version(person, expected_version, "person")
        person.name = tidy(data.name) or ""
        person.job_title = tidy(data.job_title)
        person.agency_id = data.agency_id
        person.email = email
        person.phone = tidy(data.phone)
        person.notes = tidy(data.notes)
        if person_id is None:
            person.active = True
            session.add(person)
        session.flush()
        session.refresh(person)
        return _person_row(person, _boards_by_person(session).get(person.id, ()))


def set_person_active(db: Database, person_id: int, active: bool) -> PersonRow:
    with db.session() as session:
        person = fetch(session, Person, person_id, "person")
        person.active = active
        if not active:
            # A person who has left no longer sits on any board.
            for membership in session.scalars(
                select(Membership).where(Membership.person_id == person_id)
            ):
                membership.active = False
        session.flush()
        return _person_row(person, _boards_by_person(session).get(person_id, ()))


# ---------------------------------------------------------------- boards and memberships


@dataclass(frozen=True)
class BoardRow:
    id: int
    name: str
    short_name: str | None
    kind: BoardKind
    parent_board_id: int | None
    parent_name: str | None
    purpose: str | None
    meeting_frequency: str | None
    quorum_minimum: int | None
    quorum_counts_deputies: bool
    quorum_needs_statutory_partners: bool
    quorum_note: str | None
    sort_order: int
    active: bool
    row_version: int
    chair_name: str | None
    member_count: int

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def quorum_rule(self) -> str:
        """The quorum rule in words, as the terms of reference would put it."""
        if self.quorum_minimum is None:
            return "No quorum rule"
        parts = [f"{self.quorum_minimum} members present"]
        parts.append("deputies count" if self.quorum_counts_deputies else "deputies do not count")
        if self.quorum_needs_statutory_partners:
            parts.append("each statutory partner represented")
        return ", ".join(parts)


@dataclass
class BoardInput:
    name: str
    kind: str = BoardKind.BOARD.value
    short_name: str | None = None
    parent_board_id: int | None = None
    purpose: str | None = None
    meeting_frequency: str | None = None
    quorum_minimum: int | None = None
    quorum_counts_deputies: bool = True
    quorum_needs_statutory_partners: bool = False
    quorum_note: str | None = None
    sort_order: int = 0


def _board_rows(session: Session, boards: list[Board]) -> list[BoardRow]:
    chairs = dict(
        session.execute(
            select(Membership.board_id, Person.name)
            .join(Person, Person.id == Membership.person_id)
            .where(Membership.role == MembershipRole.CHAIR.value, Membership.active.is_(True))
        ).all()
    )
    counts = dict(
        session.execute(
            select(Membership.board_id, func.count())
            .where(Membership.active.is_(True))
            .group_by(Membership.board_id)
        ).all()
    )
    return [
        BoardRow(
            b.id,
            b.name,
            b.short_name,
            BoardKind(b.kind),
            b.parent_board_id,
            b.parent.name if b.parent else None,
            b.purpose,
            b.meeting_frequency,
            b.quorum_minimum,
            b.quorum_counts_deputies,
            b.quorum_needs_statutory_partners,
            b.quorum_note,
            b.sort_order,
            b.active,
            b.row_version,
            chairs.get(b.id),
            counts.get(b.id, 0),
        )
        for b in boards
    ]


def list_boards(db: Database, include_inactive: bool = True) -> list[BoardRow]:
    with db.reader() as session:
        query = select(Board).order_by(Board.sort_order, func.lower(Board.name))
        if not include_inactive:
            query = query.where(Board.active.is_(True))
        return _board_rows(session, list(session.scalars(query)))


def get_board(db: Database, board_id: int) -> BoardRow:
    with db.reader() as session:
        return _board_rows(session, [fetch(session, Board, board_id, "board")])[0]


def validate_board(data: BoardInput) -> list[FieldError]:
    errors = check_required("name", data.name, "Name")
    if BoardKind.parse(data.kind) is None:
        errors.append(FieldError("kind", "Choose board or sub-group."))
    errors += check_quorum(data.quorum_minimum)
    return errors


def save_board(
    db: Database, data: BoardInput, board_id: int | None = None, expected_version: int | None = None
) -> BoardRow:
    errors = validate_board(data)
    if board_id is not None and data.parent_board_id == board_id:
        errors.append(FieldError("parent_board_id", "A board cannot report to itself."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        name = tidy(data.name) or ""
        clash = session.scalars(
            select(Board).where(func.lower(Board.name) == name.lower(), Board.id != (board_id or 0))
        ).first()
        if clash is not None:
            raise ValidationFailed(
                FieldError("name", f"A board called “{clash.name}” already exists.")
            )
        board = fetch(session, Board, board_id, "board") if board_id else Board()
        check_version(board, expected_version, "board")
        board.name = name
        board.short_name = tidy(data.short_name)
        board.kind = BoardKind.parse(data.kind).value  # type: ignore[union-attr]
        board.parent_board_id = data.parent_board_id
        board.purpose = tidy(data.purpose)
        board.meeting_frequency = tidy(data.meeting_frequency)
        board.quorum_minimum = data.quorum_minimum
        board.quorum_counts_deputies = bool(data.quorum_counts_deputies)
        board.quorum_needs_statutory_partners = bool(data.quorum_needs_statutory_partners)
        board.quorum_note = tidy(data.quorum_note)
        board.sort_order = data.sort_order
        if board_id is None:
            board.active = True
            session.add(board)
        session.flush()
        session.refresh(board)
        return _board_rows(session, [board])[0]


def set_board_active(db: Database, board_id: int, active: bool) -> BoardRow:
    with db.session() as session:
        board = fetch(session, Board, board_id, "board")
        board.active = active
        session.flush()
        return _board_rows(session, [board])[0]


@dataclass(frozen=True)
class MembershipRow:
    id: int
    board_id: int
    board_name: str
    person_id: int
    person_name: str
    agency_name: str | None
    job_title: str | None
    role: MembershipRole
    deputy_person_id: int | None
    deputy_name: str | None
    starts_on: date | None
    ends_on: date | None
    active: bool
    row_version: int


@dataclass
class MembershipInput:
    board_id: int
    person_id: int
    role: str = MembershipRole.MEMBER.value
    deputy_person_id: int | None = None
    starts_on: date | None = None
    ends_on: date | None = None


def _membership_row(m: Membership) -> MembershipRow:
    return MembershipRow(
        m.id,
        m.board_id,
        m.board.name,
        m.person_id,
        m.person.name,
        m.person.agency.name if m.person.agency else None,
        m.person.job_title,
        MembershipRole(m.role),
        m.deputy_person_id,
        m.deputy.name if m.deputy else None,
        m.starts_on,
        m.ends_on,
        m.active,
        m.row_version,
    )


_ROLE_ORDER = {role.value: index for index, role in enumerate(MembershipRole)}


def list_memberships(
    db: Database,
    board_id: int | None = None,
    person_id: int | None = None,
    include_inactive: bool = False,
) -> list[MembershipRow]:
    with db.reader() as session:
        query = select(Membership)
        if board_id is not None:
            query = query.where(Membership.board_id == board_id)
        if person_id is not None:
            query = query.where(Membership.person_id == person_id)
        if not include_inactive:
            query = query.where(Membership.active.is_(True))
        rows = [_membership_row(m) for m in session.scalars(query)]
    return sorted(
        rows, key=lambda r: (r.board_name, _ROLE_ORDER[r.role.value], r.person_name.casefold())
    )


def save_membership(
    db: Database,
    data: MembershipInput,
    membership_id: int | None = None,
    expected_version: int | None = None,
) -> MembershipRow:
    errors: list[FieldError] = []
    role = MembershipRole.parse(data.role)
    if role is None:
        errors.append(FieldError("role", "Choose a role."))
    if data.deputy_person_id is not None and data.deputy_person_id == data.person_id:
        errors.append(FieldError("deputy_person_id", "A member cannot be their own deputy."))
    if data.starts_on and data.ends_on and data.ends_on < data.starts_on:
        errors.append(FieldError("ends_on", "The membership cannot end before it starts."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        fetch(session, Board, data.board_id, "board")
        person = fetch(session, Person, data.person_id, "person")
        if data.deputy_person_id is not None:
            fetch(session, Person, data.deputy_person_id, "person")
        existing = session.scalars(
            select(Membership).where(
                Membership.board_id == data.board_id,
                Membership.person_id == data.person_id,
                Membership.id != (membership_id or 0),
            )
        ).first()
        if existing is not None and membership_id is None:
            # Re-joining a board revives the old seat rather than duplicating it.
            membership = existing
        elif existing is not None:
            raise ValidationFailed(
                FieldError("person_id", f"{person.name} already sits on this board.")
            )
        else:
            membership = (
                fetch(session, Membership, membership_id, "membership")
                if membership_id
                else Membership()
            )
        check_version(membership, expected_version, "membership")
        membership.board_id = data.board_id
        membership.person_id = data.person_id
        membership.role = role.value  # type: ignore[union-attr]
        membership.deputy_person_id = data.deputy_person_id
        membership.starts_on = data.starts_on
        membership.ends_on = data.ends_on
        membership.active = True
        if membership.id is None:
            session.add(membership)
        session.flush()
        session.refresh(membership)
        return _membership_row(membership)


def end_membership(db: Database, membership_id: int, ends_on: date | None = None) -> MembershipRow:
    with db.session() as session:
        membership = fetch(session, Membership, membership_id, "membership")
        membership.active = False
        membership.ends_on = ends_on or db.clock.today()
        session.flush()
        return _membership_row(membership)


def counts(db: Database) -> dict[str, int]:
    """How many active agencies, people and boards there are (for the status line and demo)."""
    with db.reader() as session:
        return {
            "agencies": session.scalar(
                select(func.count()).select_from(Agency).where(Agency.active.is_(True))
            )
            or 0,
            "people": session.scalar(
                select(func.count()).select_from(Person).where(Person.active.is_(True))
            )
            or 0,
            "boards": session.scalar(
                select(func.count()).select_from(Board).where(Board.active.is_(True))
            )
            or 0,
        }
