"""Workstreams ("ambitions") of the improvement plan: number, title, lead, board, our approach."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, Workstream
from partnerboard.db.models.partnership import Board, Person
from partnerboard.domain.actions import ActionStatus
from partnerboard.domain.partnership import check_required
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class WorkstreamRow:
    id: int
    number: int
    title: str
    lead_person_id: int | None
    lead: str | None  # the person's name, or the lead as written
    lead_name: str | None
    board_id: int | None
    board: str | None
    approach: str | None
    active: bool
    open_actions: int
    all_actions: int
    row_version: int

    @property
    def label(self) -> str:
        return f"{self.number}. {self.title}"

    @property
    def name(self) -> str:  # what register pages show as the record's title
        return self.label


@dataclass
class WorkstreamInput:
    title: str
    number: int | None = None  # None: the next number
    lead_person_id: int | None = None
    lead_name: str | None = None
    board_id: int | None = None
    approach: str | None = None


def _rows(session: Session, where: list | None = None) -> list[WorkstreamRow]:
    counts = {
        ws: (total, open_)
        for ws, total, open_ in session.execute(
            select(
                Action.workstream_id,
                func.count(),
                func.sum(case((Action.status == ActionStatus.OPEN.value, 1), else_=0)),
            ).group_by(Action.workstream_id)
        )
    }
    people = dict(session.execute(select(Person.id, Person.name)).all())
    boards = {
        i: short or name
        for i, name, short in session.execute(select(Board.id, Board.name, Board.short_name))
    }
    query = select(Workstream).order_by(Workstream.number)
    for condition in where or ():
        query = query.where(condition)
    rows = []
    for w in session.scalars(query):
        total, open_ = counts.get(w.id, (0, 0))
        rows.append(
            WorkstreamRow(
                w.id,
                w.number,
                w.title,
                w.lead_person_id,
                people.get(w.lead_person_id) if w.lead_person_id else w.lead_name,
                w.lead_name,
                w.board_id,
                boards.get(w.board_id) if w.board_id else None,
                w.approach,
                w.active,
                int(open_ or 0),
                int(total or 0),
                w.row_version,
            )
        )
    return rows


def list_workstreams(db: Database, include_inactive: bool = True) -> list[WorkstreamRow]:
    with db.reader() as session:
        where = [] if include_inactive else [Workstream.active.is_(True)]
        return _rows(session, where)


def get_workstream(db: Database, workstream_id: int) -> WorkstreamRow:
    with db.reader() as session:
        fetch(session, Workstream, workstream_id, "workstream")
        return _rows(session, [Workstream.id == workstream_id])[0]


def next_workstream_number(session: Session) -> int:
    return (session.scalar(select(func.max(Workstream.number))) or 0) + 1


def save_workstream_in(
    session: Session,
    data: WorkstreamInput,
    workstream_id: int | None = None,
    expected_version: int | None = None,
) -> Workstream:
    errors = check_required("title", data.title, "Title", 300)
    if data.number is not None and not 1 <= data.number <= 9999:
        errors.append(FieldError("number", "The number must be between 1 and 9999."))
    if len((data.lead_name or "").strip()) > 200:
        errors.append(FieldError("lead_name", "The lead must be at most 200 characters."))
    if errors:
        raise ValidationFailed(errors)
    number = data.number if data.number is not None else next_workstream_number(session)
    clash = session.scalars(
        select(Workstream).where(Workstream.number == number, Workstream.id != (workstream_id or 0))
    ).first()
    if clash is not None:
        raise ValidationFailed(
            FieldError("number", f"Workstream {number} is already “{clash.title}”.")
        )
    workstream = (
        fetch(session, Workstream, workstream_id, "workstream") if workstream_id else Workstream()
    )
    check_version(workstream, expected_version, "workstream")
    workstream.number = number
    workstream.title = (tidy(data.title) or "")[:300]
    workstream.lead_person_id = data.lead_person_id
    workstream.lead_name = tidy(data.lead_name)
    workstream.board_id = data.board_id
    workstream.approach = tidy(data.approach)
    if workstream_id is None:
        workstream.active = True
        session.add(workstream)
    session.flush()
    return workstream


def save_workstream(
    db: Database,
    data: WorkstreamInput,
    workstream_id: int | None = None,
    expected_version: int | None = None,
) -> WorkstreamRow:
    """Add (no id) or change a workstream. Its actions keep their references as written."""
    with db.session() as session:
        workstream = save_workstream_in(session, data, workstream_id, expected_version)
        return _rows(session, [Workstream.id == workstream.id])[0]


def set_workstream_active(db: Database, workstream_id: int, active: bool) -> WorkstreamRow:
    with db.session() as session:
        workstream = fetch(session, Workstream, workstream_id, "workstream")
        workstream.active = active
        session.flush()
        return _rows(session, [Workstream.id == workstream_id])[0]


def find_workstream(session: Session, title: str) -> Workstream | None:
    """A workstream by its title, ignoring case and surrounding space."""
    wanted = " ".join(title.split()).casefold()
    for workstream in session.scalars(select(Workstream)):
        if " ".join(workstream.title.split()).casefold() == wanted:
            return workstream
    return None
