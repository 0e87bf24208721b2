"""Demo step, last: what business support would have done at the quarterly review.

Each register raised its demo actions on its own; actions whose latest accepted update is
Green (complete) and that fell due more than a quarter ago are closed, as a board would have
closed them, so that the dashboard's overdue list shows real slippage rather than finished work.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.actions import ActionStatus, Rag
from partnerboard.services.actions import current_rags
from partnerboard.services.actions.lifecycle import close_in

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

CLOSED_AFTER = timedelta(days=91)


def build(session: BoardSession, ctx: DemoContext) -> None:
    cutoff = ctx.today - CLOSED_AFTER
    stale = session.scalars(
        select(Action).where(Action.status == ActionStatus.OPEN.value, Action.due_on < cutoff)
    ).all()
    rags = current_rags(session, [a.id for a in stale])
    for action in stale:
        if rags.get(action.id) == Rag.GREEN.value:
            note = "Complete: closed at the quarterly review of the action log."
            on = min(action.due_on + timedelta(days=30), ctx.today)
            close_in(session, action, on, note)
