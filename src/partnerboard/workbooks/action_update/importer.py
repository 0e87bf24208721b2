"""Importing returned action update templates: the "action-update" workbook kind.

The verified metadata names the agency and, for each row, the action and its reference when
the template was made. Every row is checked (reference unchanged, action still there, no
formulas, a RAG from the list even if typed past the drop-down, progress required with a RAG,
dates real and plausible, a reason with a new due date) and the sign-off completed; any
error rejects the whole file. The updates are stored as *proposed*, with the proposer (name,
role and agency) recorded; business support accepts or rejects them one by one or all.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import select

from partnerboard.clock import clock_of
from partnerboard.db.database import BoardSession
from partnerboard.db.models.actions import Action, ActionUpdate
from partnerboard.domain.actions import Rag, UpdateState
from partnerboard.domain.partnership import check_email
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.actions.core import UpdateInput, add_update_in, update_date_problem
from partnerboard.spreadsheets.cells import cell_text
from partnerboard.spreadsheets.formats import DATE, TEXT
from partnerboard.spreadsheets.reader import Sheet, Workbook
from partnerboard.workbooks.action_update import layout as L
from partnerboard.workbooks.importer import (
    CellError,
    Extraction,
    FileStatus,
    ImportRun,
    SourceFile,
    WorkbookKind,
    register_kind,
)
from partnerboard.workbooks.metadata import Metadata


@dataclass(frozen=True)
class ProposedUpdate:
    action_id: int
    reference: str
    narrative: str
    rag: Rag
    new_due: date | None
    reason: str | None


class _Cells:
    """Reads input cells of one sheet, collecting errors with their cell references."""

    def __init__(self, sheet: Sheet, errors: list[CellError]):
        self.sheet, self.errors = sheet, errors

    def error(self, ref: str, message: str) -> None:
        self.errors.append(CellError(self.sheet.name, ref, message))

    def raw(self, ref: str) -> Any:
        formula = self.sheet.formula(ref)
        if formula is not None:
            self.error(ref, f"The cell holds a formula (={formula}); type the answer itself.")
            return None
        return self.sheet.value(ref)

    def errors_at(self, ref: str) -> bool:
        return any(e.cell == ref and e.sheet == self.sheet.name for e in self.errors)

    def text(self, ref: str, label: str, limit: int) -> str | None:
        value = TEXT.read(self.raw(ref))
        if value is not None and len(value) > limit:
            self.error(ref, f"{label} is {len(value)} characters long; keep it to {limit}.")
        return value

    def date(self, ref: str, earliest: date, latest: date) -> date | None:
        try:
            value = DATE.read(self.raw(ref))
        except ValueError as error:
            self.error(ref, str(error))
            return None
        if value is not None and not DATE.plausible(value, earliest, latest):
            self.error(ref, f"{value:%d/%m/%Y} is not a plausible date here; check the year.")
            return None
        return value


def _rows_of(metadata: Metadata) -> list[tuple[int, int, str]]:
    try:
        rows = json.loads(metadata.get(L.META_ROWS) or "")
        return [(int(r), int(a), str(ref)) for r, a, ref in rows]
    except (ValueError, TypeError):
        raise UserError("The template's hidden details do not list its actions.") from None


class ActionUpdateKind(WorkbookKind):
    name = L.KIND
    title = L.TITLE
    versions = frozenset({L.VERSION})

    def extract(self, run: ImportRun, book: Workbook, metadata: Metadata) -> Extraction:
        agency_id = metadata.get_int(L.META_AGENCY_ID)
        if agency_id is None:
            raise UserError("The template's hidden details do not name an agency.")
        try:
            agency = partnership.get_agency(run.db, agency_id)
        except UserError:
            raise UserError(
                f"The agency of this template ({metadata.get(L.META_AGENCY)}) no longer exists."
            ) from None
        extraction = Extraction(agency=agency.name, context="Action update")
        errors = extraction.errors
        sheet = book.sheet(L.UPDATES_SHEET)
        if sheet is None:
            errors.append(
                CellError(L.UPDATES_SHEET, "", "The sheet is missing (renamed or deleted?).")
            )
            return extraction
        existing = self._existing(run, [action_id for _, action_id, _ in _rows_of(metadata)])
        updates = self._updates(sheet, _rows_of(metadata), existing, errors, metadata)
        signed = self._sign_off(book, errors, metadata, run.db.clock.today())
        if not updates and not errors:
            errors.append(
                CellError(
                    L.UPDATES_SHEET,
                    "",
                    "No action has an update: write the progress of at least one.",
                )
            )
        extraction.records = len(updates)
        extraction.values = {
            "agency": agency_id,
            "updates": [
                [
                    u.action_id,
                    u.narrative,
                    u.rag.value,
                    u.new_due and u.new_due.isoformat(),
                    u.reason,
                ]
                for u in updates
            ],
            "signed": {k: v.isoformat() if isinstance(v, date) else v for k, v in signed.items()},
        }
        extraction.payload = (agency_id, agency.name, updates, signed)
        return extraction

    @staticmethod
    def _existing(run: ImportRun, ids: list[int]) -> dict[int, str]:
        with run.db.reader() as session:
            return dict(
                session.execute(select(Action.id, Action.reference).where(Action.id.in_(ids))).all()
            )

    def _updates(
        self,
        sheet: Sheet,
        rows: list[tuple[int, int, str]],
        existing: dict[int, str],
        errors: list[CellError],
        metadata: Metadata,
    ) -> list[ProposedUpdate]:
        cells = _Cells(sheet, errors)
        generated = metadata.generated_at.date()
        updates = []
        for line, action_id, reference in rows:
            written = cell_text(sheet.value(f"{L.REFERENCE.letter}{line}"))
            if written != reference:
                cells.error(
                    f"{L.REFERENCE.letter}{line}",
                    f"This row should be action {reference}, but it says “{written or ''}”: rows "
                    "were moved, sorted or deleted. Please use the template as it was sent.",
                )
                continue
            refs = {c: f"{c.letter}{line}" for c in L.INPUT_COLUMNS}
            narrative = cells.text(refs[L.PROGRESS], "The progress", L.PROGRESS_MAX)
            rag_text = cell_text(cells.raw(refs[L.PROPOSED_RAG]))
            rag = Rag.parse(rag_text)
            new_due = cells.date(refs[L.NEW_DUE], generated - timedelta(days=31), DATE.latest)
            reason = cells.text(refs[L.REASON], "The reason", L.REASON_MAX)
            if not any((narrative, rag_text, new_due, reason)):
                continue  # nothing new to say about this action
            if rag_text and rag is None:
                cells.error(
                    refs[L.PROPOSED_RAG], f"“{rag_text}” is not a RAG: choose Red, Amber or Green."
                )
            if narrative is None:
                cells.error(
                    refs[L.PROGRESS],
                    f"Action {reference}: write the progress since the last update.",
                )
            if rag_text is None:
                cells.error(refs[L.PROPOSED_RAG], f"Action {reference}: choose a RAG.")
            if new_due is not None and reason is None:
                cells.error(
                    refs[L.REASON], f"Action {reference}: say why the due date must change."
                )
            if reason is not None and new_due is None and not cells.errors_at(refs[L.NEW_DUE]):
                cells.error(
                    refs[L.NEW_DUE],
                    f"Action {reference}: give the new due date, or leave the reason blank.",
                )
            if action_id not in existing:
                cells.error(refs[L.PROGRESS], f"Action {reference} is no longer in the action log.")
                continue
            if narrative and rag is not None:
                updates.append(
                    ProposedUpdate(action_id, reference, narrative, rag, new_due, reason)
                )
        return updates

    def _sign_off(
        self, book: Workbook, errors: list[CellError], metadata: Metadata, today: date
    ) -> dict[str, Any]:
        sheet = book.sheet(L.SIGN_OFF_SHEET)
        if sheet is None:
            errors.append(
                CellError(L.SIGN_OFF_SHEET, "", "The sheet is missing (renamed or deleted?).")
            )
            return {}
        cells = _Cells(sheet, errors)
        signed: dict[str, Any] = {}
        earliest = metadata.generated_at.date() - timedelta(days=1)
        for item in L.SIGN_OFF:
            ref = f"{L.SIGN_OFF_VALUE_COLUMN}{item.row}"
            before = len(errors)
            if item.kind == "date":
                # The sign-off date becomes the update's date: the form's rule applies here.
                value: Any = cells.date(ref, earliest, date.max)
                if value is not None and (problem := update_date_problem(value, today)):
                    cells.error(ref, f"{value:%d/%m/%Y}: {problem}")
                    value = None
            else:
                value = cells.text(ref, item.label, item.max_length)
                if item.kind == "email":
                    for problem in check_email("", value):
                        cells.error(ref, problem.message)
            if value is None and len(errors) == before:
                cells.error(ref, f"{item.label} is required.")
            signed[item.field] = value
        return signed

    def store(
        self, session: BoardSession, extraction: Extraction, source: SourceFile
    ) -> FileStatus:
        agency_id, agency_name, updates, signed = extraction.payload
        digest = extraction.content_hash
        seen = session.scalar(
            select(ActionUpdate.id).where(ActionUpdate.return_hash == digest).limit(1)
        )
        if seen is not None:
            return FileStatus.UNCHANGED
        author = ", ".join(
            p for p in (signed.get("submitted_by"), signed.get("submitted_role")) if p
        )
        if signed.get("submitted_email"):
            author += f" <{signed['submitted_email']}>"
        for update in updates:
            add_update_in(
                session,
                update.action_id,
                UpdateInput(
                    update_on=signed.get("submitted_on") or clock_of(session).today(),
                    narrative=update.narrative,
                    rag=update.rag.value,
                    author=f"{author} ({agency_name})"[:200],
                    state=UpdateState.PROPOSED.value,
                    proposed_due_on=update.new_due,
                    due_change_reason=update.reason,
                    source_file=source.file_name,
                    agency_id=agency_id,
                    return_hash=digest,
                ),
            )
        return FileStatus.IMPORTED


register_kind(ActionUpdateKind())
