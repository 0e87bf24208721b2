"""Minutes: discussion and decisions per item, actions arising, approval and later corrections.

Actions arising are action-log actions (created through `services.actions.create_action_in`)
whose source is the meeting and the item. Approval locks the minutes; a later change needs a
reason and is kept as a `MinutesCorrection`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.meetings import AgendaItem, Meeting, MinutesCorrection
from partnerboard.db.models.partnership import Agency, Person
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.meetings import MeetingStatus, shown_in_version
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.actions import ActionInput, create_action_in
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.meetings.records import (
    change_text,
    check_editable,
    item_rows,
    meeting_of,
    meeting_row,
    names_of,
    record_correction,
)
from partnerboard.services.meetings.rows import (
    ActionArisingRow,
    AgendaItemRow,
    CorrectionRow,
    MeetingRow,
)


@dataclass
class MinutesInput:
    discussion: str | None
    decisions: str | None
    not_reached: bool = False


def save_item_minutes(
    db: Database,
    item_id: int,
    data: MinutesInput,
    expected_version: int | None = None,
    correction_reason: str | None = None,
) -> AgendaItemRow:
    """Record what was discussed and decided under an item (or that it was not reached)."""
    with db.session() as session:
        item = fetch(session, AgendaItem, item_id, "agenda item")
        check_version(item, expected_version, "agenda item")
        meeting = meeting_of(session, item.meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        changes = [
            change_text(f"Item {item.position + 1} {label}", getattr(item, key), value)
            for key, label, value in (
                ("discussion", "discussion", tidy(data.discussion)),
                ("decisions", "decisions", tidy(data.decisions)),
                ("not_reached", "not reached", bool(data.not_reached)),
            )
            if getattr(item, key) != value
        ]
        item.discussion = tidy(data.discussion)
        item.decisions = tidy(data.decisions)
        item.not_reached = bool(data.not_reached)
        session.flush()
        if correcting and changes:
            record_correction(session, meeting, correction_reason, "; ".join(changes), item)
        return next(r for r in item_rows(session, meeting) if r.id == item.id)


@dataclass
class ArisingInput:
    text: str
    lead_person_id: int | None = None
    lead_agency_id: int | None = None  # None: the lead person's agency
    due_on: date | None = None


def add_action_arising_in(session: Session, item: AgendaItem, data: ArisingInput) -> Action:
    """Create the action inside the caller's transaction (no lock check: see the function below)."""
    meeting = meeting_of(session, item.meeting_id)
    if not MeetingStatus(meeting.status).took_place:
        raise UserError("Actions arise at a meeting that took place: record it as held first.")
    agency_id = data.lead_agency_id
    if data.lead_person_id is not None:
        lead = fetch(session, Person, data.lead_person_id, "person")
        agency_id = agency_id or lead.agency_id
    if data.due_on is not None and data.due_on < meeting.starts_at.date():
        raise ValidationFailed(
            FieldError("due_on", "An action cannot be due before the meeting it arose at.")
        )
    return create_action_in(
        session,
        ActionInput(
            text=data.text,
            source_kind=ActionSource.MEETING_ITEM.value,
            source_meeting_id=meeting.id,
            source_agenda_item_id=item.id,
            lead_person_id=data.lead_person_id,
            lead_agency_id=agency_id,
            board_id=meeting.board_id,
            raised_on=meeting.starts_at.date(),
            due_on=data.due_on,
            restricted=item.restricted,
            restricted_to=item.restricted_to,
        ),
    )


def add_action_arising(
    db: Database, item_id: int, data: ArisingInput, correction_reason: str | None = None
) -> ActionArisingRow:
    """Create an action in the action log, sourced from this meeting and item."""
    with db.session() as session:
        item = fetch(session, AgendaItem, item_id, "agenda item")
        meeting = meeting_of(session, item.meeting_id)
        correcting = check_editable(session, meeting, correction_reason)
        action = add_action_arising_in(session, item, data)
        if correcting:
            record_correction(
                session,
                meeting,
                correction_reason,
                f"Action {action.reference} added under item {item.position + 1}: {action.text}",
                item,
            )
        return next(r for r in arising_in(session, meeting) if r.id == action.id)


def arising_in(
    session: Session, meeting: Meeting, *, public: bool = False
) -> list[ActionArisingRow]:
    """The actions arising at a meeting, in agenda order, as the session's principal may see them."""
    items = {row.id: row for row in item_rows(session, meeting)}
    actions = list(session.scalars(select(Action).where(Action.source_meeting_id == meeting.id)))
    people = names_of(session, Person, {a.lead_person_id for a in actions})
    agencies = {
        agency_id: short or name
        for agency_id, short, name in session.execute(
            select(Agency.id, Agency.short_name, Agency.name).where(
                Agency.id.in_({a.lead_agency_id for a in actions} - {None})
            )
        )
    }
    rows = []
    for a in actions:
        item = items.get(a.source_agenda_item_id or 0)
        restricted = a.restricted or bool(item and item.restricted)
        if not shown_in_version(restricted, public=public):
            continue
        rows.append(
            ActionArisingRow(
                a.id,
                a.reference,
                a.text,
                a.lead_person_id,
                people.get(a.lead_person_id or 0),
                agencies.get(a.lead_agency_id or 0),
                a.due_on,
                a.status,
                a.source_agenda_item_id,
                item.number if item else None,
                restricted,
            )
        )
    rows.sort(key=lambda r: (r.item_number or 999, r.id))
    return rows


def list_actions_arising(db: Database, meeting_id: int) -> list[ActionArisingRow]:
    with db.reader() as session:
        return arising_in(session, meeting_of(session, meeting_id))


def approve_minutes(
    db: Database, meeting_id: int, approved_on: date, approved_by: str | None = None
) -> MeetingRow:
    """The chair approves the minutes: they are locked from then on, with the approval date."""
    with db.session() as session:
        meeting = meeting_of(session, meeting_id)
        status = MeetingStatus(meeting.status)
        if status == MeetingStatus.MINUTES_APPROVED:
            raise UserError(
                f"These minutes were approved on {meeting.minutes_approved_on:%d/%m/%Y}."
            )
        if not status.took_place:
            raise UserError("Only the minutes of a meeting that took place can be approved.")
        if approved_on < meeting.starts_at.date():
            raise ValidationFailed(
                FieldError("approved_on", "Minutes cannot be approved before the meeting.")
            )
        chair = session.get(Person, meeting.chair_person_id) if meeting.chair_person_id else None
        meeting.status = MeetingStatus.MINUTES_APPROVED.value
        meeting.minutes_approved_on = approved_on
        meeting.minutes_approved_by = tidy(approved_by) or (chair.name if chair else None)
        session.flush()
        return meeting_row(session, meeting)


def approve_previous_minutes(db: Database, item_id: int) -> MeetingRow:
    """At a "previous minutes" item: approve those minutes on this meeting's date, by its chair."""
    with db.reader() as session:
        item = fetch(session, AgendaItem, item_id, "agenda item")
        if item.previous_meeting_id is None:
            raise UserError("This item does not name a previous meeting whose minutes it approves.")
        previous_id = item.previous_meeting_id
        here = meeting_row(session, meeting_of(session, item.meeting_id))
    return approve_minutes(db, previous_id, here.starts_at.date(), here.chair_name)


def list_corrections(db: Database, meeting_id: int) -> list[CorrectionRow]:
    with db.reader() as session:
        found = session.scalars(
            select(MinutesCorrection)
            .where(MinutesCorrection.meeting_id == meeting_id)
            .order_by(MinutesCorrection.created_at, MinutesCorrection.id)
        )
        return [
            CorrectionRow(_local(c.created_at), c.corrected_by, c.reason, c.detail) for c in found
        ]


def _local(stamp: datetime) -> datetime:
    """A stored UTC time as the clock on the office wall showed it (GMT or BST)."""
    return stamp.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)
