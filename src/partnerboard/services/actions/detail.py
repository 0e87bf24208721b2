"""One action in full: every field of the log and its dated history (updates and events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionEvent, ActionUpdate
from partnerboard.db.models.audits import MaAudit, MaFinding
from partnerboard.db.models.meetings import AgendaItem, Meeting
from partnerboard.db.models.performance import Indicator
from partnerboard.db.models.reviews import PracticeReview
from partnerboard.db.models.section11 import S11Return, S11Round
from partnerboard.domain.actions import EventKind, Rag, UpdateState
from partnerboard.domain.dates import format_date
from partnerboard.errors import NotFound
from partnerboard.services.actions.register import ActionRow, load_lookups, query_rows
from partnerboard.services.common import fetch


@dataclass(frozen=True)
class HistoryEntry:
    """One line of an action's history, newest first: a progress update or an event."""

    on: date
    kind: str  # "update" or an EventKind value
    title: str  # "Update (Amber)", "Moved", "Closed"
    text: str | None
    rag: Rag | None = None
    author: str | None = None
    state: UpdateState | None = None  # for updates
    update_id: int | None = None
    agency: str | None = None
    proposed_due_on: date | None = None
    due_change_reason: str | None = None
    decided: str | None = None  # "accepted by A. Person on 01/02/2027"
    entered_at: datetime | None = None


@dataclass(frozen=True)
class ActionDetail:
    row: ActionRow
    lead_name: str | None
    difference: str | None
    measure: str | None
    source_note: str | None
    source: str | None  # the source described in words (meeting, item, return …)
    closure_note: str | None
    replaced_by: tuple[int, str] | None  # (id, "2.4 text") of the superseding/merged-into action
    absorbed: tuple[tuple[int, str], ...]  # actions merged into or superseded by this one
    row_version: int
    history: tuple[HistoryEntry, ...]
    restricted_to: str | None = None  # who else sees it while restricted

    @property
    def id(self) -> int:
        return self.row.id


def _describe_source(session: Session, action: Action) -> str | None:
    parts: list[str] = []
    if action.source_meeting_id:
        meeting = session.get(Meeting, action.source_meeting_id)
        if meeting is not None:
            parts.append(f"Meeting of {format_date(meeting.starts_at)}")
    if action.source_agenda_item_id:
        item = session.get(AgendaItem, action.source_agenda_item_id)
        if item is not None:
            parts.append(f"item {item.position}: {item.title}")
    if action.source_s11_return_id:
        found = session.execute(
            select(S11Round.label, S11Return.agency_id)
            .join(S11Round, S11Round.id == S11Return.round_id)
            .where(S11Return.id == action.source_s11_return_id)
        ).first()
        if found is not None:
            parts.append(f"Section 11 return, round {found[0]}")
    if action.source_audit_id:
        audit = session.get(MaAudit, action.source_audit_id)
        if audit is not None:
            parts.append(f"Multi-agency audit: {audit.title}")
    if action.source_finding_id:
        finding = session.get(MaFinding, action.source_finding_id)
        if finding is not None:
            parts.append(f"finding: {finding.text[:120]}")
    if action.source_review_id:
        review = session.get(PracticeReview, action.source_review_id)
        if review is not None:
            parts.append(f"Practice review {review.reference}")
    if action.source_indicator_id:
        indicator = session.get(Indicator, action.source_indicator_id)
        if indicator is not None:
            parts.append(f"Performance indicator {indicator.reference}: {indicator.title}")
    return ", ".join(parts) or None


def _history(session: Session, action_id: int, agencies: dict[int, str]) -> list[HistoryEntry]:
    entries: list[HistoryEntry] = []
    for update in session.scalars(select(ActionUpdate).where(ActionUpdate.action_id == action_id)):
        rag = Rag.parse(update.rag) if update.rag else None
        state = UpdateState.parse(update.state) or UpdateState.ACCEPTED
        title = "Update" if state is UpdateState.ACCEPTED else f"{state.label} update"
        decided = None
        if update.decided_by and update.decided_at:
            verb = "accepted" if state is UpdateState.ACCEPTED else "rejected"
            decided = f"{verb} by {update.decided_by} on {format_date(update.decided_at)}"
            if update.decision_note:
                decided += f": {update.decision_note}"
        entries.append(
            HistoryEntry(
                update.update_on,
                "update",
                title,
                update.narrative,
                rag,
                update.author,
                state,
                update.id,
                agencies.get(update.agency_id) if update.agency_id else None,
                update.proposed_due_on,
                update.due_change_reason,
                decided,
                update.created_at,
            )
        )
    for event in session.scalars(select(ActionEvent).where(ActionEvent.action_id == action_id)):
        kind = EventKind.parse(event.kind)
        entries.append(
            HistoryEntry(
                event.happened_on,
                event.kind,
                kind.label if kind else event.kind,
                event.detail,
                author=event.by,
                entered_at=event.created_at,
            )
        )
    entries.sort(key=lambda e: (e.on, e.entered_at or datetime.min), reverse=True)
    return entries


def get_action(db: Database, action_id: int) -> ActionDetail:
    """Everything about one action, with its history newest first."""
    with db.reader() as session:
        action = fetch(session, Action, action_id, "action")
        found = query_rows(session, [Action.id == action_id])
        if not found:  # restricted, and this user may not see it
            raise NotFound(f"There is no action with id {action_id}.")
        row = found[0]
        agencies = load_lookups(session).agencies
        replaced_by = None
        if action.replaced_by_id:
            other = session.get(Action, action.replaced_by_id)
            if other is not None:
                replaced_by = (other.id, f"{other.reference} {other.text}")
        absorbed = tuple(
            (a.id, f"{a.reference} {a.text}")
            for a in session.scalars(
                select(Action).where(Action.replaced_by_id == action_id).order_by(Action.id)
            )
        )
        return ActionDetail(
            row=row,
            lead_name=action.lead_name,
            difference=action.difference,
            measure=action.measure,
            source_note=action.source_note,
            source=_describe_source(session, action),
            closure_note=action.closure_note,
            replaced_by=replaced_by,
            absorbed=absorbed,
            row_version=action.row_version,
            history=tuple(_history(session, action_id, agencies)),
            restricted_to=action.restricted_to,
        )
