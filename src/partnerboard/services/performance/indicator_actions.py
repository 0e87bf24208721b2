"""Actions raised from an indicator (a Red figure the board wants acted on).

The action goes to the one action log with the indicator as its source (`source_indicator_id`,
source kind "performance indicator"), led by the supplying agency unless another lead is
given; its source note says what the figure was. An action raised from a restricted indicator
is hidden with it (`db.visibility.SOURCES`). The indicator shows the actions raised from any
version of it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.performance import format_figure
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.actions import ActionInput, create_action_in
from partnerboard.services.actions.register import ActionRow, query_rows
from partnerboard.services.performance.indicators import fetch_indicator, rows_of, series_ids
from partnerboard.services.performance.scorecard import ScoreRow


@dataclass
class RaiseInput:
    text: str
    due_on: date | None = None
    lead_person_id: int | None = None
    lead_agency_id: int | None = None  # default: the supplying agency
    board_id: int | None = None
    workstream_id: int | None = None


def source_note(score: ScoreRow | None, reference: str, title: str) -> str:
    """'PI-03 Re-referrals within 12 months: 24.5% in Q2 2026/27 (Red; target 20%).'"""
    note = f"{reference} {title}"
    if score is not None and score.period is not None:
        judged = ", ".join(
            part for part in (score.rag.label if score.rag else None, _target(score)) if part
        )
        note += f": {score.value_text()} in {score.period.label}"
        if judged:
            note += f" ({judged})"
    return note + "."


def _target(score: ScoreRow) -> str | None:
    target = score.indicator.target
    return f"target {format_figure(target, score.indicator.unit)}" if target is not None else None


def raise_action(
    db: Database, indicator_id: int, data: RaiseInput, score: ScoreRow | None = None
) -> ActionRow:
    """Add an action to the action log from the indicator; returns its register row."""
    if not (data.text or "").strip():
        raise ValidationFailed(FieldError("text", "Say what the action is."))
    with db.session() as session:
        indicator = fetch_indicator(session, indicator_id)
        row = rows_of(session, [indicator])[0]
        action = create_action_in(
            session,
            ActionInput(
                text=data.text,
                workstream_id=data.workstream_id,
                source_kind=ActionSource.PERFORMANCE_INDICATOR.value,
                source_indicator_id=indicator.id,
                source_note=source_note(score, row.reference, row.title),
                lead_person_id=data.lead_person_id,
                lead_agency_id=data.lead_agency_id or indicator.agency_id,
                board_id=data.board_id,
                due_on=data.due_on,
            ),
        )
        return query_rows(session, [Action.id == action.id])[0]


def indicator_actions(db: Database, indicator_id: int) -> list[ActionRow]:
    """Actions raised from any version of the indicator, in reference order."""
    with db.reader() as session:
        ids = series_ids(session, indicator_id)
        found = session.scalars(select(Action.id).where(Action.source_indicator_id.in_(ids)))
        action_ids = list(found)
        return query_rows(session, [Action.id.in_(action_ids)]) if action_ids else []
