"""Where each action stands now: its current RAG and the date of its last update.

An action's RAG is its latest accepted update's (`core`); these read it in the database, as
correlated subqueries (the register, the home page) or for a set of actions. Kept apart from
`core` so that reading the log does not load what writing it needs (its forms' records).
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from partnerboard.db.models.actions import ActionUpdate
from partnerboard.domain.actions import UpdateState


def latest_rag_subquery(action_id_column: object, as_of: date | None = None):
    """A correlated scalar subquery: the RAG of the latest accepted update that has one.

    Served by the covering index ix_action_update_current (one index seek per action).
    Aliased, so that it also works inside a query over `action_update` itself.
    """
    update = aliased(ActionUpdate)
    query = select(update.rag).where(
        update.action_id == action_id_column,
        update.state == UpdateState.ACCEPTED.value,
        update.rag.is_not(None),
    )
    if as_of is not None:
        query = query.where(update.update_on <= as_of)
    return query.order_by(update.update_on.desc(), update.id.desc()).limit(1).scalar_subquery()


def last_update_subquery(action_id_column: object, as_of: date | None = None):
    """A correlated scalar subquery: the date of the latest accepted update."""
    update = aliased(ActionUpdate)
    query = select(func.max(update.update_on)).where(
        update.action_id == action_id_column,
        update.state == UpdateState.ACCEPTED.value,
    )
    if as_of is not None:
        query = query.where(update.update_on <= as_of)
    return query.scalar_subquery()


def current_rags(
    session: Session, action_ids: list[int] | None = None, as_of: date | None = None
) -> dict[int, str | None]:
    """Each action's current RAG: that of its latest accepted update (by date, then by entry).

    With `as_of`, the RAG as it stood on that day (updates dated after it are ignored).
    Actions without any accepted RAG are left out.
    """
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
    if as_of is not None:
        latest = latest.where(ActionUpdate.update_on <= as_of)
    ranked = latest.subquery()
    rows = session.execute(select(ranked.c.action_id, ranked.c.rag).where(ranked.c.n == 1))
    return dict(rows.all())
