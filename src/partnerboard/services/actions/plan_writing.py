"""Writing a planned import of an existing action log (see `log_import`), in one transaction."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.audit_trail import queue_entries
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action, Workstream
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.access import Permission
from partnerboard.domain.actions import ActionSource, ActionStatus
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.actions.core import (
    ActionInput,
    UpdateInput,
    add_update_in,
    create_action_in,
)
from partnerboard.services.actions.log_import import (
    ImportPlan,
    ImportReport,
    PlannedAction,
    PlanProblem,
    plan_import,
)
from partnerboard.services.actions.plan_reading import Table
from partnerboard.services.actions.workstreams import (
    WorkstreamInput,
    find_workstream,
    next_workstream_number,
    save_workstream_in,
)


def known_references(db: Database) -> list[tuple[str | None, str]]:
    """(workstream title or None, reference) of every action already in the log."""
    with db.reader() as session:
        rows = session.execute(
            select(Workstream.title, Action.reference).outerjoin(
                Workstream, Workstream.id == Action.workstream_id
            )
        )
        return [(title, reference) for title, reference in rows]


def plan_for(
    db: Database,
    table: Table,
    mapping: dict[str, int],
    *,
    as_of: date | None = None,
    default_board: str | None = None,
) -> ImportPlan:
    """`plan_import` with the references already in this database's log."""
    return plan_import(
        table,
        mapping,
        as_of=as_of or db.clock.today(),
        default_board=default_board,
        known_references=known_references(db),
    )


def _names(session: Session, model, *columns) -> dict[str, int | None]:
    """Name (any of `columns`, case-folded) -> id; a name two records share maps to None."""
    found: dict[str, int | None] = {}
    for ident, *names in session.execute(select(model.id, *columns)):
        for name in names:
            if name:
                key = " ".join(name.split()).casefold()
                found[key] = None if key in found and found[key] != ident else ident
    return found


def _lookup(names: dict[str, int | None], text: str | None) -> int | None:
    return names.get(" ".join(text.split()).casefold()) if text else None


def _workstream_number(session: Session, planned: list[PlannedAction], wanted: int | None) -> int:
    taken = set(session.scalars(select(Workstream.number)))
    if wanted is not None and wanted not in taken:
        return wanted
    # "2.1", "2.2" … say the plan's ambition 2.
    majors = Counter(
        int(a.reference.split(".")[0])
        for a in planned
        if a.reference and "." in a.reference and a.reference.split(".")[0].isdigit()
    )
    for major, _count in majors.most_common():
        if major not in taken:
            return major
    return next_workstream_number(session)


def _workstreams(session: Session, plan: ImportPlan, report: ImportReport) -> dict[str, int]:
    ids: dict[str, int] = {}
    for title in plan.workstreams:
        existing = find_workstream(session, title)
        if existing is not None:
            ids[title] = existing.id
            continue
        rows = [a for a in plan.actions if a.workstream == title]
        number = _workstream_number(session, rows, rows[0].workstream_number)
        made = save_workstream_in(session, WorkstreamInput(title=title, number=number))
        ids[title] = made.id
        report.workstreams_created.append(f"{number}. {title}")
    return ids


def run_import(
    db: Database,
    plan: ImportPlan,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ImportReport:
    """Write every planned action in one transaction: all of them, or (cancelled) none.

    Only for those who may import (`Permission.IMPORT_RETURNS`); each action is recorded in the
    audit trail as a form's would be, and one entry says who imported which file."""
    db.principal.require(Permission.IMPORT_RETURNS)
    report = ImportReport(source=plan.source, problems=list(plan.problems))
    with db.session() as session:
        people = _names(session, Person, Person.name)
        agencies = _names(session, Agency, Agency.name, Agency.short_name)
        boards = _names(session, Board, Board.name, Board.short_name)
        workstreams = _workstreams(session, plan, report)
        author = session.info["principal"].name
        for count, planned in enumerate(plan.actions, start=1):
            if cancel is not None and count % 25 == 0:
                cancel.raise_if_cancelled()
            progress(count, len(plan.actions), f"Row {planned.row}")
            _write(session, planned, plan, report, people, agencies, boards, workstreams, author)
        detail = {"file": plan.source, "kind": "Action plan", "records": len(plan.actions)}
        queue_entries(session, [("import", "workbook", plan.source[:200], None, detail)])
    report.problems.sort(key=lambda p: p.row)
    return report


def _write(
    session: Session,
    planned: PlannedAction,
    plan: ImportPlan,
    report: ImportReport,
    people: dict[str, int | None],
    agencies: dict[str, int | None],
    boards: dict[str, int | None],
    workstreams: dict[str, int],
    author: str,
) -> None:
    person_id = _lookup(people, planned.lead)
    agency_id = _lookup(agencies, planned.agency)
    board_id = _lookup(boards, planned.board)
    note = planned.source_note or ""
    if planned.agency and agency_id is None:
        note += f" Lead agency as written: {planned.agency}."
        report.problems.append(
            PlanProblem(
                planned.row,
                planned.reference,
                f"Agency “{planned.agency}” is not in the register: kept in the source note.",
                imported=True,
            )
        )
    if planned.board and board_id is None:
        report.problems.append(
            PlanProblem(
                planned.row,
                planned.reference,
                f"Board “{planned.board}” is not in the register: no owning board set.",
                imported=True,
            )
        )
    action = create_action_in(
        session,
        ActionInput(
            text=planned.text,
            workstream_id=workstreams.get(planned.workstream or ""),
            reference=planned.reference,
            source_kind=ActionSource.IMPROVEMENT_PLAN.value,
            source_note=note.strip(),
            lead_person_id=person_id,
            lead_name=None if person_id else planned.lead,
            lead_agency_id=agency_id,
            board_id=board_id,
            raised_on=planned.raised_on,
            due_on=planned.due_on,
            difference=planned.difference,
            measure=planned.measure,
        ),
    )
    # An imported log seldom says when an action was raised: leave it unknown, not "today".
    action.raised_on = planned.raised_on
    when = planned.updated_on or plan.as_of
    if planned.progress or planned.rag:
        add_update_in(
            session,
            action.id,
            UpdateInput(
                update_on=when,
                narrative=planned.progress,
                rag=planned.rag.value if planned.rag else None,
                author=author,
                source_file=plan.source,
            ),
        )
        report.updates += 1
    if planned.closed:
        action.status = ActionStatus.CLOSED.value
        action.closed_on = when
        action.closure_note = "Imported as complete."
    report.imported += 1
