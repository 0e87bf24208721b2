"""Matters arising: the board's open actions with their latest update, as they stood on the day
(the meeting day; for a meeting still to come, today: see `as_at`).

Read-only over the action log (the `action` and `action_update` tables), so that the minutes
of a past meeting show the log as the board saw it then, not as it is today.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.db.models.meetings import AgendaItem, Meeting
from partnerboard.db.models.partnership import Agency, Person
from partnerboard.domain.actions import ActionStatus, UpdateState, is_overdue
from partnerboard.domain.meetings import shown_in_version
from partnerboard.services.meetings.records import meeting_of
from partnerboard.services.meetings.rows import MatterArisingRow


def as_at(meeting: Meeting, today: date) -> date:
    """The day the action log is shown as at: the meeting day, or today for a meeting still
    to come (an agenda made now cannot know what will be done before the meeting)."""
    return min(meeting.starts_at.date(), today)


def matters_arising_in(
    session: Session, meeting: Meeting, *, public: bool = False
) -> list[MatterArisingRow]:
    day = as_at(meeting, clock_of(session).today())
    actions = list(
        session.scalars(
            select(Action)
            .where(
                Action.board_id == meeting.board_id,
                or_(Action.source_meeting_id.is_(None), Action.source_meeting_id != meeting.id),
                or_(Action.raised_on.is_(None), Action.raised_on <= day),
                or_(
                    Action.status == ActionStatus.OPEN.value,
                    and_(Action.closed_on.is_not(None), Action.closed_on > day),
                ),
            )
            .order_by(Action.reference_key)
        )
    )
    # An action is restricted if it is, or if the item it arose from is (even if the item was
    # marked restricted only after the action was raised).
    secret_items = set(
        session.scalars(
            select(AgendaItem.id).where(
                AgendaItem.id.in_({a.source_agenda_item_id for a in actions} - {None}),
                AgendaItem.restricted.is_(True),
            )
        )
    )
    restricted = {a.id: a.restricted or a.source_agenda_item_id in secret_items for a in actions}
    actions = [a for a in actions if shown_in_version(restricted[a.id], public=public)]
    ids = [a.id for a in actions]
    latest: dict[int, ActionUpdate] = {}
    rags: dict[int, str] = {}
    updates = session.scalars(
        select(ActionUpdate)
        .where(
            ActionUpdate.action_id.in_(ids),
            ActionUpdate.state == UpdateState.ACCEPTED.value,
            ActionUpdate.update_on <= day,
        )
        .order_by(ActionUpdate.update_on, ActionUpdate.id)
    )
    for update in updates:
        latest[update.action_id] = update
        if update.rag:
            rags[update.action_id] = update.rag
    people = dict(
        session.execute(
            select(Person.id, Person.name).where(
                Person.id.in_({a.lead_person_id for a in actions} - {None})
            )
        ).all()
    )
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
        person, agency = people.get(a.lead_person_id or 0), agencies.get(a.lead_agency_id or 0)
        update = latest.get(a.id)
        rows.append(
            MatterArisingRow(
                a.id,
                a.reference,
                a.text,
                f"{person} ({agency})" if person and agency else person or agency or "",
                a.due_on,
                rags.get(a.id),
                is_overdue(a.due_on, ActionStatus.OPEN.value, day, rags.get(a.id)),
                update.update_on if update else None,
                update.narrative if update else None,
                restricted[a.id],
            )
        )
    return rows


def matters_arising(db: Database, meeting_id: int) -> list[MatterArisingRow]:
    """The board's open actions on the meeting day, each with its latest update and RAG then."""
    with db.reader() as session:
        return matters_arising_in(session, meeting_of(session, meeting_id))
