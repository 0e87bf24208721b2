"""The stages of an escalation: reaching a higher stage on a date, or undoing one recorded by
mistake. Stage 1 is the day the escalation was raised (kept by `escalations.save_escalation`).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.thresholds import EscalationStep
from partnerboard.domain.thresholds import STAGES
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import tidy
from partnerboard.services.escalations import EscalationRow, escalation_rows, fetch_visible


def add_step(
    db: Database, escalation_id: int, stage: int, on_date: date | None, note: str | None = None
) -> EscalationRow:
    """Record that the escalation reached a higher stage on `on_date`."""
    errors: list[FieldError] = []
    if stage not in STAGES:
        errors.append(FieldError("stage", f"Stages run from 1 to {max(STAGES)}."))
    if on_date is None:
        errors.append(FieldError("on_date", "Give the date this stage was reached."))
    elif on_date > db.clock.today():
        errors.append(FieldError("on_date", "The date cannot be in the future."))
    if errors:
        raise ValidationFailed(errors)
    assert on_date is not None
    with db.session() as session:
        escalation = fetch_visible(session, escalation_id)
        latest = session.scalars(
            select(EscalationStep)
            .where(EscalationStep.escalation_id == escalation_id)
            .order_by(EscalationStep.stage.desc())
            .limit(1)
        ).first()
        if latest is not None and stage <= latest.stage:
            raise ValidationFailed(
                FieldError("stage", f"It is already at stage {latest.stage}; choose a higher one.")
            )
        if latest is not None and on_date < latest.on_date:
            raise ValidationFailed(
                FieldError("on_date", f"Stage {latest.stage} was reached later than this date.")
            )
        if escalation.resolved_on is not None and on_date > escalation.resolved_on:
            raise ValidationFailed(
                FieldError("on_date", "It was resolved before this date; reopen it first.")
            )
        session.add(
            EscalationStep(
                escalation_id=escalation_id, stage=stage, on_date=on_date, note=tidy(note)
            )
        )
        escalation.stage = stage
        session.flush()
        return escalation_rows(session, [escalation])[0]


def remove_last_step(db: Database, escalation_id: int) -> EscalationRow:
    """Undo the highest stage recorded by mistake (stage 1, the raising, stays)."""
    with db.session() as session:
        escalation = fetch_visible(session, escalation_id)
        steps = session.scalars(
            select(EscalationStep)
            .where(EscalationStep.escalation_id == escalation_id)
            .order_by(EscalationStep.stage.desc())
        ).all()
        if len(steps) < 2:
            raise ValidationFailed(FieldError("", "Only stage 1 is recorded; nothing to undo."))
        session.delete(steps[0])
        escalation.stage = steps[1].stage
        session.flush()
        return escalation_rows(session, [escalation])[0]
