"""The action register: every action as a light, immutable row, read in one query.

Built for 100,000 actions and 400,000 updates: one SELECT over `action` with correlated
subqueries (current RAG, last update, proposals waiting) that the covering index on
`action_update` answers with one seek each; names of people, agencies, boards and
workstreams come from small lookup tables, so that each name is one shared string.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Integer, String, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, ActionEvent, ActionUpdate, Workstream
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.actions import (
    ActionSource,
    ActionStatus,
    EventKind,
    Rag,
    UpdateState,
    is_overdue,
)
from partnerboard.services.actions.core import last_update_subquery, latest_rag_subquery


class ActionRow(NamedTuple):
    """One action as the register shows it: immutable, made at C speed (a tuple)."""

    id: int
    reference: str
    reference_key: str
    workstream_id: int | None
    workstream: str | None  # "1. Thresholds are understood" (number and title)
    workstream_number: int | None
    text: str
    lead_person_id: int | None
    lead: str | None  # the person's name, or the lead as written
    lead_agency_id: int | None
    agency: str | None  # short name where there is one
    board_id: int | None
    board: str | None
    raised_on: date | None
    due_on: date | None
    status: ActionStatus
    closed_on: date | None
    rag: Rag | None
    last_update_on: date | None
    proposed: int  # partner updates waiting for a decision
    source_kind: ActionSource
    restricted: bool
    former_references: str  # references it had before a move, for search
    search: str  # everything shown, case-folded, for the free-text filter

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def overdue(self, today: date) -> bool:
        return is_overdue(self.due_on, self.status.value, today)

    @property
    def label(self) -> str:
        return f"{self.reference} {self.text}"


@dataclass(frozen=True)
class Lookups:
    """Names by id of the small tables that actions point at (each name one shared string)."""

    people: dict[int, str]
    agencies: dict[int, str]  # short name where there is one
    agency_names: dict[int, str]
    boards: dict[int, str]
    workstreams: dict[int, tuple[int, str]]  # id -> (number, title)
    workstream_labels: dict[int, str]  # id -> "1. Title"


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


def workstream_label(number: int, title: str) -> str:
    return f"{number}. {title}"


class _Dates(dict):
    """Dates as SQLite returns them (ISO text) or as PostgreSQL does (dates), one object each.

    A dict whose misses convert: a hit costs one C-level lookup on 100,000 rows.
    """

    def __missing__(self, value: object) -> date | None:
        if value is None:
            found = None
        elif isinstance(value, datetime):
            found = value.date()
        elif isinstance(value, date):
            found = value
        else:
            found = date.fromisoformat(str(value)[:10])
        self[value] = found
        return found


def _plain(column: Any) -> Any:
    # Read as the driver gives it; `_Dates` converts (and shares) the values, faster than
    # a result processor per cell on 100,000 rows.
    return type_coerce(column, String)


@contextmanager
def _no_collection_pauses() -> Iterator[None]:
    """Making 100,000 rows would start dozens of full garbage collections, each walking every
    object made so far; these rows hold no reference cycles, so collection waits till the end."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def query_rows(
    session: Session,
    where: list | None = None,
    as_of: date | None = None,
) -> list[ActionRow]:
    """The rows of the register (all, or those matching SQL conditions on `Action`), in
    natural reference order. With `as_of`, RAG, last update and status as they stood then.
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
    former: dict[int, str] = {}
    moved = select(ActionEvent.action_id, ActionEvent.old_reference).where(
        ActionEvent.kind == EventKind.MOVED.value, ActionEvent.old_reference.is_not(None)
    )
    for action_id, old in session.execute(moved):
        former[action_id] = f"{former[action_id]} {old}" if action_id in former else old
    waiting = select(ActionUpdate.action_id, func.count()).where(
        ActionUpdate.state == UpdateState.PROPOSED.value
    )
    proposed = dict(session.execute(waiting.group_by(ActionUpdate.action_id)).all())

    make_row = ActionRow._make
    statuses = {s.value: s for s in ActionStatus}
    rags = {r.value: r for r in Rag}
    sources = {s.value: s for s in ActionSource}
    as_date = _Dates()
    people, agencies, boards = lookups.people, lookups.agencies, lookups.boards
    labels = lookups.workstream_labels
    numbers = {i: number for i, (number, _title) in lookups.workstreams.items()}
    # What a row shows besides its own text, case-folded once per name, for the search.
    folded_labels = {i: label.casefold() for i, label in labels.items()}
    folded_people = {i: name.casefold() for i, name in people.items()}
    folded_agencies = {
        i: f"{agencies[i]} {name}".casefold() for i, name in lookups.agency_names.items()
    }
    folded_boards = {i: name.casefold() for i, name in boards.items()}
    folded_states = {
        (s.value, r.value if r else None): f"{s.label} {r.label if r else ''}".casefold()
        for s in ActionStatus
        for r in (*Rag, None)
    }
    rows = []
    with _no_collection_pauses():
        for (
            ident,
            reference,
            key,
            workstream_id,
            text,
            lead_id,
            lead_name,
            agency_id,
            board_id,
            raised_on,
            due_on,
            status,
            closed_on,
            rag,
            last_on,
            source,
            restricted,
        ) in session.connection().execute(statement):  # noqa: B007
            closed = as_date[closed_on]
            state = statuses.get(status, ActionStatus.OPEN)
            if as_of is not None and (closed is None or closed > as_of):
                state = ActionStatus.OPEN  # finished after the day asked about: open as it stood
                status = state.value
            rag_value = rags.get(rag) if rag else None
            if lead_id:
                lead = people.get(lead_id)
                folded_lead = folded_people.get(lead_id, "")
            else:
                lead = lead_name
                folded_lead = lead_name.casefold() if lead_name else ""
            old = former.get(ident, "")
            rows.append(
                make_row(
                    (
                        ident,
                        reference,
                        key,
                        workstream_id,
                        labels.get(workstream_id),
                        numbers.get(workstream_id),
                        text,
                        lead_id,
                        lead,
                        agency_id,
                        agencies.get(agency_id),
                        board_id,
                        boards.get(board_id),
                        as_date[raised_on],
                        as_date[due_on],
                        state,
                        closed,
                        rag_value,
                        as_date[last_on],
                        proposed.get(ident, 0),
                        sources.get(source, ActionSource.OTHER),
                        bool(restricted),
                        old,
                        f"{reference} {old} {text}".casefold()
                        + f" {folded_labels.get(workstream_id, '')} {folded_lead}"
                        f" {folded_agencies.get(agency_id, '')} {folded_boards.get(board_id, '')}"
                        f" {folded_states.get((status, rag), '')}",
                    )
                )
            )
    rows.sort(key=_by_reference)
    return rows


def _by_reference(row: ActionRow) -> str:
    return row.reference_key


def list_actions(
    db: Database, include_closed: bool = True, as_of: date | None = None
) -> list[ActionRow]:
    """Every action of the log as register rows, in natural reference order."""
    where = []
    if not include_closed:
        where.append(Action.status == ActionStatus.OPEN.value)
    if as_of is not None:
        # As it stood: raised by then, and open then if it was closed later.
        where.append(or_(Action.raised_on.is_(None), Action.raised_on <= as_of))
    with db.reader() as session:
        rows = query_rows(session, where, as_of)
    return rows


def get_action_row(db: Database, action_id: int) -> ActionRow | None:
    with db.reader() as session:
        found = query_rows(session, [Action.id == action_id])
    return found[0] if found else None
