"""The latest progress narrative of actions, for exports and reports (not the register: a
narrative can be long, and the register's rows stay light)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.domain.actions import UpdateState

# Above this many ids, read every action's narrative rather than send a huge IN list.
IN_LIST_LIMIT = 900


def latest_narratives(
    session: Session, action_ids: Collection[int] | None = None, as_of: date | None = None
) -> dict[int, str]:
    """Action id -> the narrative of its latest accepted update that has one."""
    update = aliased(ActionUpdate)
    narrative = select(update.narrative).where(
        update.action_id == Action.id,
        update.state == UpdateState.ACCEPTED.value,
        update.narrative.is_not(None),
    )
    if as_of is not None:
        narrative = narrative.where(update.update_on <= as_of)
    latest = (
        narrative.order_by(update.update_on.desc(), update.id.desc()).limit(1).scalar_subquery()
    )
    query = select(Action.id, latest)
    wanted = set(action_ids) if action_ids is not None else None
    if wanted is not None and len(wanted) <= IN_LIST_LIMIT:
        query = query.where(Action.id.in_(wanted))
    return {
        ident: text
        for ident, text in session.execute(query)
        if text and (wanted is None or ident in wanted)
    }
