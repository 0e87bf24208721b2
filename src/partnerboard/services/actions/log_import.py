"""Bring an existing action log or improvement plan in from a spreadsheet.

Three steps, the same for the command line and the import dialog:

1. `read_table(path, sheet)`: the sheet's cells, merged cells filled in (a Word table pasted
   into Excel merges the ambition over its actions), the header row found under any title;
2. `plan_import(db, table, mapping, ...)`: every row read against the mapping (field -> column)
   into a planned action or a listed problem, without writing anything (the preview);
3. `plan_writing.run_import(db, plan)`: the planned rows written in one transaction: workstreams created
   from the workstream column, references kept as written, the progress text as the first
   dated update with its RAG. Rows already in the log are listed, so a second run adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from partnerboard.domain.actions import Rag, parse_rag
from partnerboard.domain.log_import import (
    FIELD_KEYS,
    read_due,
    read_status,
    split_workstream,
)
from partnerboard.errors import UserError
from partnerboard.services.actions.core import REFERENCE_MAX
from partnerboard.services.actions.plan_reading import Table, cell_text

__all__ = ["ImportPlan", "ImportReport", "PlanProblem", "PlannedAction", "plan_import"]


@dataclass(frozen=True)
class PlanProblem:
    row: int  # the sheet's row number (1-based), 0 for the whole file
    reference: str | None
    message: str
    imported: bool = False  # True: a warning about a row that was still imported

    def to_json(self) -> dict[str, Any]:
        return {
            "row": self.row,
            "reference": self.reference,
            "message": self.message,
            "imported": self.imported,
        }


@dataclass(frozen=True)
class PlannedAction:
    row: int
    workstream: str | None  # the title as written (number split off)
    workstream_number: int | None
    reference: str | None
    text: str
    lead: str | None
    agency: str | None
    board: str | None
    due_on: date | None
    raised_on: date | None
    progress: str | None
    rag: Rag | None
    updated_on: date | None
    closed: bool
    difference: str | None
    measure: str | None
    source_note: str | None


@dataclass
class ImportPlan:
    source: str  # the file's name
    as_of: date  # the day the plan is read on: progress dated later is refused
    actions: list[PlannedAction] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)
    headings: int = 0  # rows that only name a workstream
    default_board: str | None = None

    @property
    def workstreams(self) -> list[str]:
        seen: dict[str, None] = {}
        for action in self.actions:
            if action.workstream:
                seen.setdefault(action.workstream, None)
        return list(seen)


@dataclass
class ImportReport:
    source: str
    imported: int = 0
    updates: int = 0
    workstreams_created: list[str] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)

    @property
    def not_imported(self) -> list[PlanProblem]:
        return [p for p in self.problems if not p.imported]

    @property
    def ok(self) -> bool:
        return not self.not_imported

    def summary(self) -> str:
        parts = [f"{self.imported} action(s) imported", f"{self.updates} first update(s)"]
        if self.workstreams_created:
            parts.append(f"{len(self.workstreams_created)} workstream(s) created")
        skipped = len(self.not_imported)
        if skipped:
            parts.append(f"{skipped} row(s) not imported (listed)")
        return f"{self.source}: " + ", ".join(parts) + "."

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "source": self.source,
            "imported": self.imported,
            "updates": self.updates,
            "workstreams_created": self.workstreams_created,
            "problems": [p.to_json() for p in self.problems],
        }


# ---------------------------------------------------------------- reading rows


_REFERENCE = re.compile(r"^(\d+)\.(\d+)$")


def _reference(value: Any, previous: str | None) -> tuple[str | None, str | None]:
    """The reference as written, and a note when Excel had made a number of it.

    Excel turns a typed 1.10 into the number 1.1; when 'x.1' follows 'x.9' (or 'x.2' follows
    'x.19') the number was 'x.10' ('x.20'), which is what the plan said.
    """
    if value is None:
        return None, None
    if isinstance(value, float):
        text = repr(value) if not value.is_integer() else str(int(value))
        found, previous_found = _REFERENCE.match(text), _REFERENCE.match(previous or "")
        if found and previous_found and found.group(1) == previous_found.group(1):
            minor, before = found.group(2), int(previous_found.group(2))
            if len(minor) == 1 and int(minor) * 10 == before + 1:
                fixed = f"{found.group(1)}.{minor}0"
                return fixed, f"Reference {text} read as {fixed} (Excel had made a number of it)."
        return text, None
    return cell_text(value), None


def _row_values(table: Table, row: list[Any], mapping: dict[str, int]) -> dict[str, Any]:
    return {key: (row[column] if column < len(row) else None) for key, column in mapping.items()}


def plan_import(
    table: Table,
    mapping: dict[str, int],
    *,
    as_of: date,
    default_board: str | None = None,
    known_references: Iterable[tuple[str | None, str]] = (),
) -> ImportPlan:
    """Read every row against `mapping` (field key -> column index); writes nothing.

    `known_references` are (workstream title or None, reference) already in the log: such
    rows are listed instead of imported twice.
    """
    unknown = set(mapping) - set(FIELD_KEYS)
    if unknown:
        raise UserError(f"Unknown field(s) in the mapping: {', '.join(sorted(unknown))}.")
    if "action" not in mapping:
        raise UserError("Say which column holds the actions (the 'action' field).")
    plan = ImportPlan(source=table.source, as_of=as_of, default_board=default_board)
    known = {(ws.casefold() if ws else None, ref.casefold()) for ws, ref in known_references}
    seen: dict[tuple[str | None, str], int] = {}
    workstream: tuple[int | None, str] | None = None
    previous_reference: str | None = None
    for number, row in table.data_rows():
        values = _row_values(table, row, mapping)
        if all(cell_text(v) is None for v in row):
            continue
        if "workstream" in mapping and cell_text(values["workstream"]):
            workstream = split_workstream(cell_text(values["workstream"]) or "")
        text = cell_text(values.get("action"))
        raw_reference = values.get("reference")
        if not text:
            others = [
                k
                for k in ("reference", "progress", "lead", "due", "rag")
                if cell_text(values.get(k))
            ]
            if others:
                plan.problems.append(
                    PlanProblem(
                        number, cell_text(raw_reference), "No action text: row not imported."
                    )
                )
            elif workstream is not None:
                plan.headings += 1
            continue
        planned, notes = _read_row(number, values, workstream, previous_reference, plan, mapping)
        if planned is None:
            continue
        previous_reference = planned.reference or previous_reference
        key = (
            planned.workstream.casefold() if planned.workstream else None,
            (planned.reference or "").casefold(),
        )
        if planned.reference and key in seen:
            plan.problems.append(
                PlanProblem(
                    number,
                    planned.reference,
                    f"Reference {planned.reference} appears twice in this workstream (also row "
                    f"{seen[key]}): row not imported.",
                )
            )
            continue
        if planned.reference and key in known:
            plan.problems.append(
                PlanProblem(
                    number, planned.reference, "Already in the action log: not imported again."
                )
            )
            continue
        if planned.reference:
            seen[key] = number
        plan.actions.append(planned)
        plan.problems.extend(
            PlanProblem(number, planned.reference, n, imported=True) for n in notes
        )
    plan.problems.sort(key=lambda p: p.row)
    return plan


def _read_row(
    number: int,
    values: dict[str, Any],
    workstream: tuple[int | None, str] | None,
    previous_reference: str | None,
    plan: ImportPlan,
    mapping: dict[str, int],
) -> tuple[PlannedAction | None, list[str]]:
    notes: list[str] = []
    reference, note = _reference(values.get("reference"), previous_reference)
    if note:
        notes.append(note)
    if reference and len(reference) > REFERENCE_MAX:
        plan.problems.append(
            PlanProblem(
                number,
                reference[:20],
                f"The reference is longer than {REFERENCE_MAX} characters: row not imported.",
            )
        )
        return None, []
    source_notes = [f"Imported from {plan.source}, row {number}."]
    try:
        due = read_due(values.get("due"))
    except ValueError:
        due = None
        written = cell_text(values.get("due"))
        notes.append(f"Due “{written}” is not a date: left blank (kept in the source note).")
        source_notes.append(f"Due as written: {written}.")
    rag: Rag | None = None
    try:
        rag = parse_rag(cell_text(values.get("rag")))
    except ValueError as error:
        notes.append(f"{error} The action was imported without a RAG.")
    closed = False
    status_text = cell_text(values.get("status"))
    try:
        closed = bool(read_status(status_text))
    except ValueError:
        try:  # a 'Status' column holding RAG words
            as_rag = parse_rag(status_text)
        except ValueError:
            as_rag = None
        if as_rag is not None and "rag" not in mapping:
            rag = as_rag
        else:
            notes.append(f"Status “{status_text}” is neither open nor closed: imported as open.")
    updated_on = raised_on = None
    for key in ("updated_on", "raised_on"):
        try:
            found = read_due(values.get(key))
        except ValueError:
            found = None
            notes.append(
                f"“{cell_text(values.get(key))}” is not a date: {key.replace('_', ' ')} left blank."
            )
        if key == "updated_on":
            updated_on = found
        else:
            raised_on = found
    if updated_on is not None and updated_on > plan.as_of:
        notes.append("The update date is in the future: the import date was used instead.")
        updated_on = None
    number_, title = workstream if workstream else (None, None)
    return (
        PlannedAction(
            row=number,
            workstream=title,
            workstream_number=number_,
            reference=reference,
            text=cell_text(values.get("action")) or "",
            lead=cell_text(values.get("lead")),
            agency=cell_text(values.get("agency")),
            board=cell_text(values.get("board")) or plan.default_board,
            due_on=due,
            raised_on=raised_on,
            progress=cell_text(values.get("progress")),
            rag=rag,
            updated_on=updated_on,
            closed=closed,
            difference=cell_text(values.get("difference")),
            measure=cell_text(values.get("measure")),
            source_note=" ".join(source_notes),
        ),
        notes,
    )
