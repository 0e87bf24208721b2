"""Changing an action: edit, move to another workstream, close, reopen, supersede, merge.

Nothing is deleted and nothing changes silently: each step leaves an `ActionEvent` in the
action's history saying what changed, when and by whom (a move keeps the old reference). A merge
or supersession carries nothing of a restricted action into the history of one that someone who
may not see it reads: no reference, no note.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from datetime import date
from functools import reduce

from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionEvent, Workstream
from partnerboard.db.models.meetings import AgendaItem
from partnerboard.db.models.reviews import PracticeReview
from partnerboard.domain.access import Audience, stored_audience
from partnerboard.domain.actions import ActionSource, ActionStatus, EventKind, reference_key
from partnerboard.domain.dates import format_date
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.actions.core import (
    ActionInput,
    check_reference,
    next_reference,
    validate_action,
)
from partnerboard.services.common import check_version, fetch, tidy

# Fields an edit may change, with the words the history uses for them.
_EDITABLE = {
    "text": "action",
    "lead_person_id": "lead",
    "lead_name": "lead",
    "lead_agency_id": "agency",
    "board_id": "board",
    "raised_on": "raised on",
    "difference": "how it will make a difference",
    "measure": "how we will know",
    "source_kind": "source",
    "source_note": "source note",
    "restricted": "restricted",
    "restricted_to": "who may see it",
}


def record_event(
    session: Session,
    action_id: int,
    kind: EventKind,
    detail: str | None,
    on: date | None = None,
    **extra: object,
) -> ActionEvent:
    event = ActionEvent(
        action_id=action_id,
        happened_on=on or clock_of(session).today(),
        kind=kind.value,
        detail=detail,
        by=session.info["principal"].name,
        **extra,
    )
    session.add(event)
    return event


def _workstream_words(session: Session, workstream_id: int | None) -> str:
    if workstream_id is None:
        return "no workstream"
    workstream = fetch(session, Workstream, workstream_id, "workstream")
    return f"workstream {workstream.number} “{workstream.title}”"


def move_in(
    session: Session, action: Action, workstream_id: int | None, reference: str | None = None
) -> None:
    """Move `action` to another workstream (or give it a new reference in its own).

    The new reference is the next free one of the workstream unless one is given; the old
    one stays in the history and in the register's search.
    """
    old_reference, old_workstream = action.reference, action.workstream_id
    wanted = tidy(reference)
    if workstream_id == old_workstream and (wanted is None or wanted == old_reference):
        return
    new_reference = wanted or next_reference(session, workstream_id)
    if len(new_reference) > 40:
        raise ValidationFailed(
            FieldError("reference", "A reference must be at most 40 characters.")
        )
    check_reference(session, workstream_id, new_reference, except_id=action.id)
    if workstream_id == old_workstream:
        detail = f"Reference changed from {old_reference} to {new_reference}."
    else:
        detail = (
            f"Moved from {_workstream_words(session, old_workstream)} ({old_reference}) to "
            f"{_workstream_words(session, workstream_id)} as {new_reference}."
        )
    action.workstream_id = workstream_id
    action.reference = new_reference
    action.reference_key = reference_key(new_reference)
    record_event(
        session,
        action.id,
        EventKind.MOVED,
        detail,
        old_reference=old_reference,
        new_reference=new_reference,
    )


def move_action(
    db: Database, action_id: int, workstream_id: int | None, reference: str | None = None
) -> None:
    with db.session() as session:
        move_in(session, fetch(session, Action, action_id, "action"), workstream_id, reference)


def change_due_in(
    session: Session, action: Action, due_on: date | None, reason: str | None = None
) -> None:
    if action.due_on == due_on:
        return
    before = format_date(action.due_on) or "not set"
    after = format_date(due_on) or "not set"
    detail = f"Due date changed from {before} to {after}."
    if tidy(reason):
        detail += f" Reason: {tidy(reason)}"
    action.due_on = due_on
    record_event(session, action.id, EventKind.DUE_CHANGED, detail)


@dataclass
class ActionEdit(ActionInput):
    """The whole form of an existing action (`reference` None keeps or renumbers it)."""

    due_change_reason: str | None = None


def save_action(
    db: Database, data: ActionEdit, action_id: int, expected_version: int | None = None
) -> None:
    """Change an existing action; a moved workstream, a new reference or due date is recorded."""
    errors = validate_action(data)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        action = fetch(session, Action, action_id, "action")
        check_version(action, expected_version, "action")
        changed: list[str] = []
        new_values = {
            "text": data.text.strip(),
            "lead_person_id": data.lead_person_id,
            "lead_name": tidy(data.lead_name),
            "lead_agency_id": data.lead_agency_id,
            "board_id": data.board_id,
            "raised_on": data.raised_on or action.raised_on,
            "difference": tidy(data.difference),
            "measure": tidy(data.measure),
            "source_kind": ActionSource.parse(data.source_kind).value,  # type: ignore[union-attr]
            "source_note": tidy(data.source_note),
            "restricted": bool(data.restricted),
            "restricted_to": stored_audience(data.restricted, data.restricted_to),
        }
        for name, value in new_values.items():
            if getattr(action, name) != value:
                setattr(action, name, value)
                if _EDITABLE[name] not in changed:
                    changed.append(_EDITABLE[name])
        if changed:
            record_event(
                session, action.id, EventKind.EDITED, "Changed: " + ", ".join(changed) + "."
            )
        change_due_in(session, action, data.due_on, data.due_change_reason)
        move_in(session, action, data.workstream_id, data.reference)
        session.flush()


def _finish(
    session: Session,
    action: Action,
    status: ActionStatus,
    on: date | None,
    note: str | None,
) -> None:
    if action.status != ActionStatus.OPEN.value:
        current = ActionStatus.parse(action.status)
        raise UserError(
            f"Action {action.reference} is already {current.label.lower() if current else action.status}."
        )
    action.status = status.value
    action.closed_on = on or clock_of(session).today()
    action.closure_note = tidy(note)


def close_in(
    session: Session, action: Action, on: date | None = None, note: str | None = None
) -> None:
    """Close an action inside the caller's transaction; its history stays."""
    _finish(session, action, ActionStatus.CLOSED, on, note)
    record_event(session, action.id, EventKind.CLOSED, tidy(note), on=action.closed_on)


def close_action(
    db: Database, action_id: int, on: date | None = None, note: str | None = None
) -> None:
    """Close an action (done, or no longer needed); its history stays."""
    with db.session() as session:
        close_in(session, fetch(session, Action, action_id, "action"), on, note)


def reopen_action(db: Database, action_id: int, reason: str | None = None) -> None:
    with db.session() as session:
        action = fetch(session, Action, action_id, "action")
        if action.status == ActionStatus.OPEN.value:
            raise UserError(f"Action {action.reference} is already open.")
        was = ActionStatus.parse(action.status)
        action.status = ActionStatus.OPEN.value
        action.closed_on = None
        action.replaced_by_id = None
        detail = f"Reopened (was {was.label.lower() if was else action.status})."
        if tidy(reason):
            detail += f" {tidy(reason)}"
        record_event(session, action.id, EventKind.REOPENED, detail)


def _replace(
    db: Database,
    action_id: int,
    other_id: int,
    status: ActionStatus,
    note: str | None,
    on: date | None,
) -> None:
    if action_id == other_id:
        raise ValidationFailed(FieldError("other", "Choose a different action."))
    with db.session() as session:
        action = fetch(session, Action, action_id, "action")
        other = fetch(session, Action, other_id, "action")
        if other.status != ActionStatus.OPEN.value:
            raise ValidationFailed(
                FieldError("other", f"Action {other.reference} is not open; choose an open action.")
            )
        target_hidden = _hidden_from_readers_of(session, other, action)
        # The note is about both: kept only where every reader may see the other too.
        _finish(session, action, status, on, None if target_hidden else note)
        action.replaced_by_id = other.id
        suffix = f" {tidy(note)}" if tidy(note) else ""
        merged = status is ActionStatus.MERGED
        mine, theirs = (
            (EventKind.MERGED, EventKind.ABSORBED)
            if merged
            else (EventKind.SUPERSEDED, EventKind.SUPERSEDES)
        )
        if target_hidden:
            # Whoever reads this action may not see the other: its history names nothing of it.
            told = "Merged into another action." if merged else "Superseded by another action."
        else:
            told = (
                f"Merged into {other.reference}.{suffix}"
                if merged
                else f"Superseded by {other.reference}.{suffix}"
            )
        when = action.closed_on
        record_event(session, action.id, mine, told, on=when, related_action_id=other.id)
        if not _hidden_from_readers_of(session, action, other):
            # (Otherwise nothing of it goes into the other's history; those who may see both
            # find it among the actions the other replaces, a list each reader's rule filters.)
            their_words = (
                f"{action.reference} merged into this action.{suffix}"
                if merged
                else f"Supersedes {action.reference}.{suffix}"
            )
            record_event(
                session, other.id, theirs, their_words, on=when, related_action_id=action.id
            )


def _audience(session: Session, action: Action) -> Audience | None:
    """Who, besides business support and the chairs, may see `action` (None: everyone): its own
    restriction and that of the agenda item or review it arose from (`db.visibility`)."""
    found = [Audience.parse(action.restricted_to)] if action.restricted else []
    for model, key in (
        (AgendaItem, action.source_agenda_item_id),
        (PracticeReview, action.source_review_id),
    ):
        source = session.get(model, key) if key is not None else None
        if source is not None and source.restricted:
            found.append(Audience.parse(source.restricted_to))
    return reduce(operator.and_, found) if found else None


def _hidden_from_readers_of(session: Session, hidden: Action, shown: Action) -> bool:
    """Whether someone who may see `shown` may not see `hidden` (both are in the same log, so
    a restriction of the whole log hides both alike)."""
    wanted = _audience(session, hidden)
    if wanted is None:
        return False
    readers = _audience(session, shown)
    return readers is None or not (
        readers.roles <= wanted.roles and readers.person_ids <= wanted.person_ids
    )


def supersede_action(
    db: Database, action_id: int, by_action_id: int, note: str | None = None, on: date | None = None
) -> None:
    """Mark an action superseded by another (open) one; both histories say so."""
    _replace(db, action_id, by_action_id, ActionStatus.SUPERSEDED, note, on)


def merge_action(
    db: Database,
    action_id: int,
    into_action_id: int,
    note: str | None = None,
    on: date | None = None,
) -> None:
    """Merge an action into another (open) one: it keeps its own updates and history."""
    _replace(db, action_id, into_action_id, ActionStatus.MERGED, note, on)
