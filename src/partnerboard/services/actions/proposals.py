"""Partner updates waiting for a decision: business support accepts or rejects them.

Updates returned by partners (action update templates) arrive as *proposed*: they do not
change any RAG until accepted. Accepting one makes it count (the current RAG is the latest
accepted update's) and applies a revised due date it asks for, with its reason, to the
action's history; rejecting keeps it, marked rejected, with who decided and why.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.actions import EventKind, Rag, UpdateState
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError
from partnerboard.services.actions.current import latest_rag_subquery
from partnerboard.services.actions.lifecycle import change_due_in, record_event
from partnerboard.services.common import fetch, tidy


@dataclass(frozen=True)
class ProposalRow:
    id: int  # the update's id
    action_id: int
    reference: str
    reference_key: str
    action_text: str
    current_rag: Rag | None
    proposed_rag: Rag | None
    narrative: str | None
    update_on: date
    author: str | None
    agency_id: int | None
    agency: str | None  # short name where there is one
    due_on: date | None
    proposed_due_on: date | None
    due_change_reason: str | None
    source_file: str | None
    received_at: datetime


def list_proposals(db: Database, agency_id: int | None = None) -> list[ProposalRow]:
    """Updates waiting for a decision, by agency then reference."""
    with db.reader() as session:
        query = (
            select(
                ActionUpdate.id,
                Action.id,
                Action.reference,
                Action.reference_key,
                Action.text,
                latest_rag_subquery(Action.id),
                ActionUpdate.rag,
                ActionUpdate.narrative,
                ActionUpdate.update_on,
                ActionUpdate.author,
                ActionUpdate.agency_id,
                func.coalesce(Agency.short_name, Agency.name),
                Action.due_on,
                ActionUpdate.proposed_due_on,
                ActionUpdate.due_change_reason,
                ActionUpdate.source_file,
                ActionUpdate.created_at,
            )
            .join(Action, Action.id == ActionUpdate.action_id)
            .outerjoin(Agency, Agency.id == ActionUpdate.agency_id)
            .where(ActionUpdate.state == UpdateState.PROPOSED.value)
        )
        if agency_id is not None:
            query = query.where(ActionUpdate.agency_id == agency_id)
        rows = [
            ProposalRow(
                *values[:5],
                Rag.parse(values[5]) if values[5] else None,
                Rag.parse(values[6]) if values[6] else None,
                *values[7:],
            )
            for values in session.execute(query)
        ]
    rows.sort(key=lambda r: (r.agency or "", r.reference_key, r.update_on, r.id))
    return rows


def count_proposals(db: Database) -> int:
    with db.reader() as session:
        return (
            session.scalar(
                select(func.count()).where(ActionUpdate.state == UpdateState.PROPOSED.value)
            )
            or 0
        )


def _decide(session: Session, update_id: int, accept: bool, note: str | None) -> ActionUpdate:
    update = fetch(session, ActionUpdate, update_id, "update")
    if update.state != UpdateState.PROPOSED.value:
        state = UpdateState.parse(update.state)
        raise UserError(
            f"This update was already {state.label.lower() if state else update.state}"
            + (f" by {update.decided_by}" if update.decided_by else "")
            + "."
        )
    who = session.info["principal"].name
    update.state = (UpdateState.ACCEPTED if accept else UpdateState.REJECTED).value
    update.decided_by = who
    update.decided_at = clock_of(session).now_utc()
    update.decision_note = tidy(note)
    action = fetch(session, Action, update.action_id, "action")
    author = update.author or "a partner"
    when = format_date(update.update_on)
    if accept:
        detail = f"Update of {when} from {author} accepted."
        record_event(session, action.id, EventKind.UPDATE_ACCEPTED, detail)
        if update.proposed_due_on is not None and update.proposed_due_on != action.due_on:
            reason = update.due_change_reason or "asked for in a partner update"
            change_due_in(session, action, update.proposed_due_on, f"{reason} ({author})")
    else:
        detail = f"Update of {when} from {author} rejected." + (
            f" {tidy(note)}" if tidy(note) else ""
        )
        record_event(session, action.id, EventKind.UPDATE_REJECTED, detail)
    return update


def accept_update(db: Database, update_id: int, note: str | None = None) -> None:
    with db.session() as session:
        _decide(session, update_id, True, note)


def reject_update(db: Database, update_id: int, note: str | None = None) -> None:
    with db.session() as session:
        _decide(session, update_id, False, note)


def decide_all(
    db: Database, update_ids: Iterable[int], accept: bool, note: str | None = None
) -> int:
    """Accept (or reject) several proposed updates in one transaction; returns how many."""
    ids = list(update_ids)
    with db.session() as session:
        for update_id in ids:
            _decide(session, update_id, accept, note)
    return len(ids)
