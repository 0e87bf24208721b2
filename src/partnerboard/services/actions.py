"""The action log: creating actions (from any register) and recording their progress.

Other registers create actions through `create_action_in(session, ActionInput(...))` inside
their own transaction, naming the source (meeting item, Section 11 return, audit finding,
review recommendation, ...), so that every action arising lands in the one action log.
Progress updates are records of their own; an action's RAG is its latest accepted update's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionUpdate, Workstream
from partnerboard.domain.actions import ActionSource, ActionStatus, Rag, UpdateState, reference_key
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import fetch, tidy


@dataclass
class ActionInput:
    text: str
    workstream_id: int | None = None
    reference: str | None = None  # None: next number in the workstream (1.1, 1.2 …)
    source_kind: str = ActionSource.OTHER.value
    source_note: str | None = None
    source_meeting_id: int | None = None
    source_agenda_item_id: int | None = None
    source_s11_return_id: int | None = None
    source_audit_id: int | None = None
    source_finding_id: int | None = None
    source_review_id: int | None = None
    lead_person_id: int | None = None
    lead_agency_id: int | None = None
    board_id: int | None = None
    raised_on: date | None = None
    due_on: date | None = None
    difference: str | None = None
    measure: str | None = None
    restricted: bool = False


def validate_action(data: ActionInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if not (data.text or "").strip():
        errors.append(FieldError("text", "Say what the action is."))
    if data.reference is not None and len(data.reference.strip()) > 40:
        errors.append(FieldError("reference", "A reference must be at most 40 characters."))
    if ActionSource.parse(data.source_kind) is None:
        errors.append(FieldError("source_kind", "Choose where the action comes from."))
    if data.raised_on and data.due_on and data.due_on < data.raised_on:
        errors.append(FieldError("due_on", "The action cannot be due before it was raised."))
    return errors


def next_reference(session: Session, workstream_id: int | None) -> str:
    """The next reference in a workstream: after 1.9 comes 1.10; without one, A1, A2 …"""
    if workstream_id is None:
        prefix, number = "A", None
    else:
        workstream = fetch(session, Workstream, workstream_id, "workstream")
        prefix, number = f"{workstream.number}.", workstream.number
    references = session.scalars(
        select(Action.reference).where(
            Action.workstream_id == workstream_id
            if number is not None
            else Action.workstream_id.is_(None)
        )
    ).all()
    used = [
        int(r[len(prefix) :])
        for r in references
        if r.startswith(prefix) and r[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1}"


def create_action_in(session: Session, data: ActionInput) -> Action:
    """Add an action inside the caller's transaction; returns the new (flushed) model."""
    errors = validate_action(data)
    if errors:
        raise ValidationFailed(errors)
    reference = tidy(data.reference) or next_reference(session, data.workstream_id)
    action = Action(
        reference=reference,
        reference_key=reference_key(reference),
        workstream_id=data.workstream_id,
        text=data.text.strip(),
        source_kind=ActionSource.parse(data.source_kind).value,  # type: ignore[union-attr]
        source_note=tidy(data.source_note),
        source_meeting_id=data.source_meeting_id,
        source_agenda_item_id=data.source_agenda_item_id,
        source_s11_return_id=data.source_s11_return_id,
        source_audit_id=data.source_audit_id,
        source_finding_id=data.source_finding_id,
        source_review_id=data.source_review_id,
        lead_person_id=data.lead_person_id,
        lead_agency_id=data.lead_agency_id,
        board_id=data.board_id,
        raised_on=data.raised_on or date.today(),
        due_on=data.due_on,
        difference=tidy(data.difference),
        measure=tidy(data.measure),
        status=ActionStatus.OPEN.value,
        restricted=data.restricted,
    )
    session.add(action)
    session.flush()
    return action


def create_action(db: Database, data: ActionInput) -> int:
    """Add an action in its own transaction; returns its id."""
    with db.session() as session:
        return create_action_in(session, data).id


@dataclass
class UpdateInput:
    update_on: date
    narrative: str | None
    rag: str | None
    author: str | None = None
    state: str = UpdateState.ACCEPTED.value
    proposed_due_on: date | None = None
    due_change_reason: str | None = None
    source_file: str | None = None


def add_update_in(session: Session, action_id: int, data: UpdateInput) -> ActionUpdate:
    errors: list[FieldError] = []
    if data.rag is not None and Rag.parse(data.rag) is None:
        errors.append(FieldError("rag", "RAG must be Red, Amber or Green."))
    if not (data.narrative or "").strip() and data.rag is None:
        errors.append(FieldError("narrative", "Write what has happened, or give a RAG."))
    if UpdateState.parse(data.state) is None:
        errors.append(FieldError("state", "Unknown update state."))
    if errors:
        raise ValidationFailed(errors)
    fetch(session, Action, action_id, "action")
    update = ActionUpdate(
        action_id=action_id,
        update_on=data.update_on,
        narrative=tidy(data.narrative),
        rag=Rag.parse(data.rag).value if data.rag is not None else None,  # type: ignore[union-attr]
        author=tidy(data.author) or session.info["principal"].name,
        state=UpdateState.parse(data.state).value,  # type: ignore[union-attr]
        proposed_due_on=data.proposed_due_on,
        due_change_reason=tidy(data.due_change_reason),
        source_file=tidy(data.source_file),
    )
    session.add(update)
    session.flush()
    return update


def add_update(db: Database, action_id: int, data: UpdateInput) -> int:
    with db.session() as session:
        return add_update_in(session, action_id, data).id


def current_rags(session: Session, action_ids: list[int] | None = None) -> dict[int, str | None]:
    """Each action's current RAG: that of its latest accepted update (by date, then by entry)."""
    latest = select(
        ActionUpdate.action_id,
        ActionUpdate.rag,
        func.row_number()
        .over(
            partition_by=ActionUpdate.action_id,
            order_by=(ActionUpdate.update_on.desc(), ActionUpdate.id.desc()),
        )
        .label("n"),
    ).where(ActionUpdate.state == UpdateState.ACCEPTED.value, ActionUpdate.rag.is_not(None))
    if action_ids is not None:
        latest = latest.where(ActionUpdate.action_id.in_(action_ids))
    ranked = latest.subquery()
    rows = session.execute(select(ranked.c.action_id, ranked.c.rag).where(ranked.c.n == 1))
    return dict(rows.all())
