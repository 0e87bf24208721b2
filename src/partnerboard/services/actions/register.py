"""The action register: every action as a light, immutable row, read in one query.

Built for 100,000 actions and 400,000 updates: one SELECT over `action` with correlated
subqueries (current RAG, last update, proposals waiting) that the covering index on
`action_update` answers with one seek each; names of people, agencies, boards and
workstreams come from small lookup tables, so that each name is one shared string.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Integer, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionEvent, ActionUpdate, Workstream
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.actions import (
    ActionStatus,
    EventKind,
    UpdateState,
)
from partnerboard.services.actions.current import last_update_subquery, latest_rag_subquery
from partnerboard.services.actions.row_building import build_rows
from partnerboard.services.actions.rows import ActionRow, Lookups, workstream_label


def load_lookups(session: Session) -> Lookups:
    agencies = session.execute(select(Agency.id, Agency.name, Agency.short_name)).all()
    workstreams = {
        i: (number, title)
        for i, number, title in session.execute(
            select(Workstream.id, Workstream.number, Workstream.title)
        )
    }
    return Lookups(
        people=dict(session.execute(select(Person.id, Person.name)).all()),
        agencies={i: short or name for i, name, short in agencies},
        agency_names={i: name for i, name, _ in agencies},
        boards={
            i: short or name
            for i, name, short in session.execute(select(Board.id, Board.name, Board.short_name))
        },
        workstreams=workstreams,
        workstream_labels={i: workstream_label(n, t) for i, (n, t) in workstreams.items()},
    )


def _plain(column: Any) -> Any:
    # Read as the driver gives it; `row_building.Dates` converts (and shares) the values, faster than
    # a result processor per cell on 100,000 rows.
    return type_coerce(column, String)


def query_rows(
    session: Session,
    where: list | None = None,
    as_of: date | None = None,
    first: int | None = None,
) -> list[ActionRow]:
    """The rows of the register (all, or those matching SQL conditions on `Action`), in
    natural reference order. With `as_of`, RAG, last update and status as they stood then.
    With `first`, only that many rows from the top of that order (read through the index on
    `reference_key`, so the correlated look-ups run for those rows alone).
    """
    lookups = load_lookups(session)
    statement = select(
        Action.id,
        Action.reference,
        Action.reference_key,
        Action.workstream_id,
        Action.text,
        Action.lead_person_id,
        Action.lead_name,
        Action.lead_agency_id,
        Action.board_id,
        _plain(Action.raised_on),
        _plain(Action.due_on),
        Action.status,
        _plain(Action.closed_on),
        latest_rag_subquery(Action.id, as_of),
        _plain(last_update_subquery(Action.id, as_of)),
        Action.source_kind,
        type_coerce(Action.restricted, Integer),
    )
    for condition in where or ():
        statement = statement.where(condition)
    if first is None:
        former, proposed = _former_references(session), _proposed_counts(session)
        result = session.execute(statement.execution_options(yield_per=2000))
        partitions: Iterable[Sequence[Any]] = result.partitions()
    else:
        top = session.execute(statement.order_by(*_natural_order(session)).limit(first)).all()
        ids = [row[0] for row in top]
        former, proposed = _former_references(session, ids), _proposed_counts(session, ids)
        partitions = [top]
    rows = build_rows(partitions, lookups, former, proposed, as_of)
    rows.sort(key=_by_reference)
    return rows


def _natural_order(session: Session) -> tuple[Any, ...]:
    """`reference_key` in the order Python sorts it (by code point): SQLite's default;
    PostgreSQL's database collation may not be, so it is asked for bytewise ("C")."""
    key: Any = Action.reference_key
    if session.get_bind().dialect.name == "postgresql":
        key = key.collate("C")
    return key, Action.id


def _former_references(session: Session, ids: list[int] | None = None) -> dict[int, str]:
    """References the actions carried before a move (all actions, or those of `ids`)."""
    moved = select(ActionEvent.action_id, ActionEvent.old_reference).where(
        ActionEvent.kind == EventKind.MOVED.value, ActionEvent.old_reference.is_not(None)
    )
    if ids is not None:
        moved = moved.where(ActionEvent.action_id.in_(ids))
    former: dict[int, str] = {}
    for action_id, old in session.execute(moved):
        former[action_id] = f"{former[action_id]} {old}" if action_id in former else old
    return former


def _proposed_counts(session: Session, ids: list[int] | None = None) -> dict[int, int]:
    """Partner updates waiting for a decision, by action (all actions, or those of `ids`)."""
    waiting = select(ActionUpdate.action_id, func.count()).where(
        ActionUpdate.state == UpdateState.PROPOSED.value
    )
    if ids is not None:
        waiting = waiting.where(ActionUpdate.action_id.in_(ids))
    return dict(session.execute(waiting.group_by(ActionUpdate.action_id)).all())


def _by_reference(row: ActionRow) -> str:
    return row.reference_key


def _register_where(include_closed: bool, as_of: date | None = None) -> list:
    where = []
    if not include_closed:
        # Most actions are open: reading the table straight through beats going through the
        # status index (SQLite took 2.5 times as long); coalesce() keeps the planner off it.
        where.append(func.coalesce(Action.status, "") == ActionStatus.OPEN.value)
    if as_of is not None:
        # As it stood: raised by then, and open then if it was closed later.
        where.append(or_(Action.raised_on.is_(None), Action.raised_on <= as_of))
    return where


def list_actions(
    db: Database, include_closed: bool = True, as_of: date | None = None
) -> list[ActionRow]:
    """Every action of the log as register rows, in natural reference order."""
    with db.reader() as session:
        rows = query_rows(session, _register_where(include_closed, as_of), as_of)
    return rows


@dataclass(frozen=True)
class Opening:
    """The top of the register, to paint at once, and how many rows the whole of it holds."""

    rows: list[ActionRow]
    total: int


def first_actions(db: Database, include_closed: bool, first: int) -> Opening:
    """The first `first` rows of `list_actions(db, include_closed)` and the number of its rows
    (what the reader may see): a few milliseconds where the whole register takes a second."""
    where = _register_where(include_closed)
    with db.reader() as session:
        rows = query_rows(session, where, first=first)
        total = session.scalar(select(func.count(Action.id)).where(*where))
    return Opening(rows, total or 0)


def get_action_row(db: Database, action_id: int) -> ActionRow | None:
    with db.reader() as session:
        found = query_rows(session, [Action.id == action_id])
    return found[0] if found else None


def changed_rows(
    db: Database,
    action_ids: Collection[int],
    update_ids: Collection[int] = (),
    event_ids: Collection[int] = (),
) -> list[ActionRow]:
    """The rows of the actions a commit touched (directly, or through updates and events)."""
    with db.reader() as session:
        ids = set(action_ids)
        if update_ids:
            ids |= set(
                session.scalars(
                    select(ActionUpdate.action_id).where(ActionUpdate.id.in_(update_ids))
                )
            )
        if event_ids:
            ids |= set(
                session.scalars(select(ActionEvent.action_id).where(ActionEvent.id.in_(event_ids)))
            )
        return query_rows(session, [Action.id.in_(ids)]) if ids else []


def finished_rows(db: Database) -> list[ActionRow]:
    """The rows of closed, superseded and merged actions (read when the register asks)."""
    with db.reader() as session:
        return query_rows(session, [Action.status != ActionStatus.OPEN.value])
