"""The action log's core: creating actions (from any register) and recording their progress.

Other registers create actions through `create_action_in(session, ActionInput(...))` inside
their own transaction, naming the source (meeting item, Section 11 return, audit finding,
review recommendation, ...), so that every action arising lands in the one action log.
Progress updates are records of their own; an action's RAG is its latest accepted update's.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionEvent, ActionUpdate, Workstream
from partnerboard.domain.access import stored_audience
from partnerboard.domain.actions import (
    ActionSource,
    ActionStatus,
    EventKind,
    Rag,
    UpdateState,
    reference_key,
)
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import fetch, tidy

REFERENCE_MAX = 40

NAME_MAX = 200


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
    source_indicator_id: int | None = None
    lead_person_id: int | None = None
    lead_agency_id: int | None = None
    board_id: int | None = None
    raised_on: date | None = None
    due_on: date | None = None
    difference: str | None = None
    measure: str | None = None
    restricted: bool = False
    lead_name: str | None = None  # the lead as written, when no person of the register fits
    # Who besides business support and the chairs sees it when restricted (domain.access.Audience).
    restricted_to: str | None = None


def validate_action(data: ActionInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if not (data.text or "").strip():
        errors.append(FieldError("text", "Say what the action is."))
    if data.reference is not None and len(data.reference.strip()) > REFERENCE_MAX:
        errors.append(FieldError("reference", "A reference must be at most 40 characters."))
    if ActionSource.parse(data.source_kind) is None:
        errors.append(FieldError("source_kind", "Choose where the action comes from."))
    if data.raised_on and data.due_on and data.due_on < data.raised_on:
        errors.append(FieldError("due_on", "The action cannot be due before it was raised."))
    if len((data.lead_name or "").strip()) > NAME_MAX:
        errors.append(FieldError("lead_name", "The lead must be at most 200 characters."))
    return errors


def _same_slot(workstream_id: int | None) -> object:
    return (
        Action.workstream_id.is_(None)
        if workstream_id is None
        else Action.workstream_id == workstream_id
    )


def reference_taken(
    session: Session, workstream_id: int | None, reference: str, except_id: int | None = None
) -> bool:
    """True when another action of the workstream already carries `reference` (any case)."""
    query = select(Action.id).where(
        _same_slot(workstream_id),
        func.lower(Action.reference) == reference.strip().lower(),
    )
    if except_id is not None:
        query = query.where(Action.id != except_id)
    return session.scalars(query.limit(1)).first() is not None


def next_reference(session: Session, workstream_id: int | None) -> str:
    """The next reference in a workstream: after 1.9 comes 1.10; without one, A1, A2 …

    References that actions carried before they moved elsewhere count as used, so that a
    reference in an old board paper never comes to mean a different action.
    """
    if workstream_id is None:
        prefix = "A"
    else:
        workstream = fetch(session, Workstream, workstream_id, "workstream")
        prefix = f"{workstream.number}."
    current: Select = select(Action.reference).where(_same_slot(workstream_id))
    former = select(ActionEvent.old_reference).where(
        ActionEvent.kind == EventKind.MOVED.value,
        ActionEvent.old_reference.like(f"{prefix}%"),
    )
    used = [
        int(r[len(prefix) :])
        for r in [*session.scalars(current), *session.scalars(former)]
        if r and r.startswith(prefix) and r[len(prefix) :].isdigit()
    ]
    return f"{prefix}{max(used, default=0) + 1}"


def check_reference(
    session: Session, workstream_id: int | None, reference: str, except_id: int | None = None
) -> None:
    if reference_taken(session, workstream_id, reference, except_id):
        raise ValidationFailed(
            FieldError(
                "reference",
                f"Another action {'of this workstream ' if workstream_id else ''}is already "
                f"{reference}; choose another reference.",
            )
        )


def create_action_in(session: Session, data: ActionInput) -> Action:
    """Add an action inside the caller's transaction; returns the new (flushed) model."""
    errors = validate_action(data)
    if errors:
        raise ValidationFailed(errors)
    reference = tidy(data.reference) or next_reference(session, data.workstream_id)
    check_reference(session, data.workstream_id, reference)
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
        source_indicator_id=data.source_indicator_id,
        lead_person_id=data.lead_person_id,
        lead_name=tidy(data.lead_name),
        lead_agency_id=data.lead_agency_id,
        board_id=data.board_id,
        raised_on=data.raised_on or clock_of(session).today(),
        due_on=data.due_on,
        difference=tidy(data.difference),
        measure=tidy(data.measure),
        status=ActionStatus.OPEN.value,
        restricted=data.restricted,
        restricted_to=stored_audience(data.restricted, data.restricted_to),
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
    agency_id: int | None = None  # on whose behalf (a partner's returned template)
    return_hash: str | None = None  # the returned template's values (see the import)


FUTURE_UPDATE = "An update cannot be dated in the future."


def update_date_problem(update_on: date, today: date) -> str | None:
    """The date rule of an update, shared by the form and the partner's workbook (its sign-off
    date is the update's date): None when `update_on` is acceptable on `today`."""
    return FUTURE_UPDATE if update_on > today else None


def validate_update(data: UpdateInput, today: date) -> list[FieldError]:
    """The rules of an update, wherever it comes from (a form, a partner's workbook, an
    imported plan, the demo): an update dated after `today` is refused like any other fault."""
    errors: list[FieldError] = []
    if data.rag is not None and Rag.parse(data.rag) is None:
        errors.append(FieldError("rag", "RAG must be Red, Amber or Green."))
    if not (data.narrative or "").strip() and data.rag is None:
        errors.append(FieldError("narrative", "Write what has happened, or give a RAG."))
    if UpdateState.parse(data.state) is None:
        errors.append(FieldError("state", "Unknown update state."))
    if data.update_on is None:
        errors.append(FieldError("update_on", "Give the date of the update."))
    elif problem := update_date_problem(data.update_on, today):
        errors.append(FieldError("update_on", problem))
    if data.proposed_due_on is not None and not (data.due_change_reason or "").strip():
        errors.append(FieldError("due_change_reason", "Say why the due date should change."))
    return errors


def add_update_in(session: Session, action_id: int, data: UpdateInput) -> ActionUpdate:
    """Record an update inside the caller's transaction (the rules: `validate_update`)."""
    errors = validate_update(data, clock_of(session).today())
    if errors:
        raise ValidationFailed(errors)
    fetch(session, Action, action_id, "action")
    update = ActionUpdate(
        action_id=action_id,
        update_on=data.update_on,
        narrative=tidy(data.narrative),
        rag=Rag.parse(data.rag).value if data.rag is not None else None,  # type: ignore[union-attr]
        author=tidy(data.author) or session.info["principal"].name,
        agency_id=data.agency_id,
        state=UpdateState.parse(data.state).value,  # type: ignore[union-attr]
        proposed_due_on=data.proposed_due_on,
        due_change_reason=tidy(data.due_change_reason),
        source_file=tidy(data.source_file),
        return_hash=data.return_hash,
    )
    session.add(update)
    session.flush()
    return update


def add_update(db: Database, action_id: int, data: UpdateInput) -> int:
    with db.session() as session:
        return add_update_in(session, action_id, data).id
