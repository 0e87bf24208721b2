"""The lists the register's filters and form offer (boards, workstreams, people, agencies),
read in four light queries: no record objects, no lazy loading per row."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Workstream
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.partnership import agency_label
from partnerboard.services.actions.rows import workstream_label

Choice = tuple[int, str]  # (id, what the list shows)


@dataclass(frozen=True)
class ChoiceLists:
    boards: list[Choice]
    workstreams: list[Choice]
    people: list[Choice]  # "Name (Agency)", active people only
    people_names: dict[int, str]  # every person, for the lead filter
    agencies: list[Choice]  # full names, with the short name after ("… (GP Fed)")
    person_agency: dict[int, int | None]  # the agency each person works for


def choice_lists(db: Database) -> ChoiceLists:
    with db.reader() as session:
        boards = [
            (ident, short or name)
            for ident, name, short in session.execute(
                select(Board.id, Board.name, Board.short_name).order_by(
                    Board.sort_order, Board.name
                )
            )
        ]
        workstreams = [
            (ident, workstream_label(number, title))
            for ident, number, title in session.execute(
                select(Workstream.id, Workstream.number, Workstream.title).order_by(
                    Workstream.number
                )
            )
        ]
        people_rows = session.execute(
            select(Person.id, Person.name, Person.active, Agency.name, Person.agency_id)
            .outerjoin(Agency, Agency.id == Person.agency_id)
            .order_by(Person.name)
        ).all()
        agencies = [
            (ident, agency_label(name, short))
            for ident, name, short in session.execute(
                select(Agency.id, Agency.name, Agency.short_name).order_by(Agency.name)
            )
        ]
    return ChoiceLists(
        boards,
        workstreams,
        [(i, f"{n} ({a})" if a else n) for i, n, active, a, _agency in people_rows if active],
        {i: n for i, n, _active, _a, _agency in people_rows},
        agencies,
        {i: agency for i, _n, _active, _a, agency in people_rows},
    )
