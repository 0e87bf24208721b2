"""The agenda: numbered items in order, moved by drag or keyboard, carried forward when not reached."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.meetings import AgendaItem, Meeting
from partnerboard.domain.access import stored_audience
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import AgendaItemKind, MeetingStatus, shown_in_version
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.meetings.records import (
    change_text,
    check_editable,
    item_rows,
    meeting_of,
    meeting_row,
    record_correction,
)
from partnerboard.services.meetings.rows import AgendaItemRow, MeetingRow


@dataclass
class ItemInput:
    title: str
    kind: str = AgendaItemKind.STANDARD.value
    presenter: str | None = None
    paper_ref: str | None = None
    minutes_allotted: int | None = None
    restricted: bool = False
    restricted_to: str | None = None  # who else sees it while restricted


def validate_item(data: ItemInput) -> list[FieldError]:
    errors: list[FieldError] = []
    title = (data.title or "").strip()
    if not title:
        errors.append(FieldError("title", "Give the item a title."))
    elif len(title) > 300:
        errors.append(FieldError("title", "A title must be at most 300 characters."))
    if AgendaItemKind.parse(data.kind) is None:
        errors.append(FieldError("kind", "Choose the kind of item."))
    if data.minutes_allotted is not None and not 0 <= data.minutes_allotted <= 480:
        errors.append(FieldError("minutes_allotted", "Allow between 0 and 480 minutes."))
    if len((data.paper_ref or "").strip()) > 100:
        errors.append(FieldError("paper_ref", "A paper reference must be at most 100 characters."))
    return errors


def visible_items(session: Session, meeting: Meeting, *, public: bool) -> list[AgendaItemRow]:
    """Every item of the meeting by number, as this version shows it to the session's principal.

    One rule for every version (README, "Published agendas and minutes"): an item that is
    restricted in a public version, or hidden from this user, keeps its number as a neutral
    'Not published' row (`AgendaItemRow.withheld`) with no title, time or presenter, so that
    item 5 is item 5 everywhere and no number is missing.
    """
    return [
        row
        if row.withheld or shown_in_version(row.restricted, public=public)
        else AgendaItemRow.withheld_item(meeting.id, row.number)
        for row in item_rows(session, meeting, withheld=True)
    ]


def list_items(db: Database, meeting_id: int) -> list[AgendaItemRow]:
    with db.reader() as session:
        return visible_items(session, meeting_of(session, meeting_id), public=False)


def _previous_meeting(session: Session, meeting: Meeting) -> Meeting | None:
    return session.scalars(
        select(Meeting)
        .where(
            Meeting.board_id == meeting.board_id,
            Meeting.starts_at < meeting.starts_at,
            Meeting.status != MeetingStatus.CANCELLED.value,
        )
        .order_by(Meeting.starts_at.desc())
        .limit(1)
    ).first()


def _renumber(items: list[AgendaItem]) -> None:
    for position, item in enumerate(items):
        item.position = position


def insert_item(session: Session, meeting: Meeting, item: AgendaItem) -> None:
    """Add `item` to the meeting's agenda, before any other business (always the last item)."""
    items = list(meeting.items)
    aob = next(
        (i for i, it in enumerate(items) if it.kind == AgendaItemKind.ANY_OTHER_BUSINESS), None
    )
    items.insert(len(items) if aob is None else aob, item)
    item.meeting_id = meeting.id
    session.add(item)
    _renumber(items)
    session.flush()
    session.expire(meeting, ["items"])


def add_standard_agenda(session: Session, meeting: Meeting) -> None:
    """Welcome and apologies, the previous minutes, matters arising, items carried forward, AOB."""
    previous = _previous_meeting(session, meeting)
    standard = [
        AgendaItem(title="Welcome, introductions and apologies", minutes_allotted=5),
        AgendaItem(
            kind=AgendaItemKind.PREVIOUS_MINUTES.value,
            title=f"Minutes of the meeting held on {format_date(previous.starts_at)}"
            if previous
            else "Minutes of the previous meeting",
            previous_meeting_id=previous.id if previous else None,
            minutes_allotted=5,
        ),
        AgendaItem(
            kind=AgendaItemKind.MATTERS_ARISING.value,
            title="Matters arising and the action log",
            minutes_allotted=15,
        ),
        AgendaItem(
            kind=AgendaItemKind.ANY_OTHER_BUSINESS.value,
            title="Any other business",
            minutes_allotted=5,
        ),
    ]
    for position, item in enumerate(standard):
        item.meeting_id, item.position = meeting.id, position
        session.add(item)
    session.flush()
    session.expire(meeting, ["items"])
    if previous is not None:
        for item in previous.items:
            if item.not_reached and not _already_carried(session, item):
                insert_item(session, meeting, _copy_for_next(item))


def _already_carried(session: Session, item: AgendaItem) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(AgendaItem)
            .where(AgendaItem.carried_from_item_id == item.id)
        )
    )


def _copy_for_next(item: AgendaItem) -> AgendaItem:
    return AgendaItem(
        kind=AgendaItemKind.STANDARD.value,
        title=item.title,
        presenter=item.presenter,
        paper_ref=item.paper_ref,
        minutes_allotted=item.minutes_allotted,
        restricted=item.restricted,
        restricted_to=item.restricted_to,
        carried_from_item_id=item.id,
    )


def save_item(
    db: Database,
    meeting_id: int,
    data: ItemInput,
    item_id: int | None = None,
    expected_version: int | None = None,
    correction_reason: str | None = None,
) -> AgendaItemRow:
    """Add an item (before any other business) or change one."""
    errors = validate_item(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        if item_id is None:
            item = AgendaItem()
            before = None
        else:
            item = fetch(session, AgendaItem, item_id, "agenda item")
            check_version(item, expected_version, "agenda item")
            before = (item.title, item.restricted)
        item.title = data.title.strip()
        item.kind = AgendaItemKind.parse(data.kind).value  # type: ignore[union-attr]
        item.presenter = tidy(data.presenter)
        item.paper_ref = tidy(data.paper_ref)
        item.minutes_allotted = data.minutes_allotted
        item.restricted = bool(data.restricted)
        item.restricted_to = stored_audience(item.restricted, data.restricted_to)
        if item_id is None:
            insert_item(session, meeting, item)
        session.flush()
        if correcting:
            detail = (
                f"Item added: “{item.title}”"
                if before is None
                else change_text("Item", before[0], item.title)
                + (
                    f"; restricted: {before[1]} → {item.restricted}"
                    if before[1] != item.restricted
                    else ""
                )
            )
            record_correction(session, meeting, correction_reason, detail, item)
        session.expire(meeting, ["items"])
        return next(r for r in item_rows(session, meeting) if r.id == item.id)


def delete_item(db: Database, item_id: int) -> None:
    """Take an item off the agenda: only before the minutes are approved, and only if empty."""
    with db.session() as session:
        item = fetch(session, AgendaItem, item_id, "agenda item")
        meeting = meeting_of(session, item.meeting_id)
        check_editable(session, meeting, None)
        arising = session.scalar(
            select(func.count()).select_from(Action).where(Action.source_agenda_item_id == item.id)
        )
        if arising or tidy(item.discussion) or tidy(item.decisions):
            raise UserError(
                f"“{item.title}” has minutes or actions arising, so it stays on the agenda; "
                "mark it as not reached instead."
            )
        if _already_carried(session, item):
            raise UserError(f"“{item.title}” was carried forward to a later meeting; it stays.")
        items = [i for i in meeting.items if i.id != item.id]
        session.delete(item)
        _renumber(items)


def move_item(
    db: Database, item_id: int, new_index: int, correction_reason: str | None = None
) -> list[AgendaItemRow]:
    """Move an item to `new_index` (0-based) in the agenda; the others close up around it."""
    with db.session() as session:
        item = fetch(session, AgendaItem, item_id, "agenda item")
        meeting = meeting_of(session, item.meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        items = list(meeting.items)
        old_index = items.index(item)
        new_index = max(0, min(new_index, len(items) - 1))
        if new_index != old_index:
            items.insert(new_index, items.pop(old_index))
            _renumber(items)
            session.flush()
            if correcting:
                detail = f"“{item.title}” moved from item {old_index + 1} to {new_index + 1}"
                record_correction(session, meeting, correction_reason, detail, item)
        session.expire(meeting, ["items"])
        return visible_items(session, meeting, public=False)


@dataclass(frozen=True)
class CarryReport:
    to_meeting: MeetingRow | None
    titles: tuple[str, ...]


def carry_forward(db: Database, meeting_id: int) -> CarryReport:
    """Put the items not reached on the agenda of the board's next meeting (once each)."""
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        waiting = [i for i in meeting.items if i.not_reached and not _already_carried(session, i)]
        following = session.scalars(
            select(Meeting)
            .where(
                Meeting.board_id == meeting.board_id,
                Meeting.starts_at > meeting.starts_at,
                Meeting.status == MeetingStatus.PLANNED.value,
            )
            .order_by(Meeting.starts_at)
            .limit(1)
        ).first()
        if not waiting:
            return CarryReport(None, ())
        if following is None:
            raise UserError(
                "There is no planned meeting of this board after this one. Add the next "
                "meeting first: items not reached are then carried forward to it."
            )
        for item in waiting:
            insert_item(session, following, _copy_for_next(item))
        return CarryReport(meeting_row(session, following), tuple(i.title for i in waiting))
