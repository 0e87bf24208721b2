"""Importing multi-agency audit returns: the "ma_audit" workbook kind.

The metadata (already verified by its check value) names the audit and the agency. The audit
must still exist and take returns (not yet reported), and the agency must still take part in
it. Every case row is read by its reference in column A (not by position) and must be a case
of this audit in which the agency is involved; each needs the involvement, a reflection and a
grade from the list (even when typed past the drop-down), within the length limits and without
formulas, and the sign-off must be complete. Any error rejects the whole file.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from partnerboard.db.database import BoardSession, Database
from partnerboard.domain.audits import (
    INVOLVEMENT_MAX,
    LEARNING_MAX,
    REFLECTION_MAX,
    Grade,
    check_case_return,
)
from partnerboard.errors import UserError
from partnerboard.services import audits, partnership
from partnerboard.spreadsheets.cells import cell_text
from partnerboard.spreadsheets.reader import Sheet, Workbook
from partnerboard.workbooks.importer import (
    CellError,
    Extraction,
    FileStatus,
    ImportRun,
    SourceFile,
    WorkbookKind,
    register_kind,
)
from partnerboard.workbooks.input_cells import InputCells, read_sign_off
from partnerboard.workbooks.ma_audit import layout as L
from partnerboard.workbooks.metadata import Metadata

TEXTS = (
    (L.INVOLVEMENT, "Involvement", INVOLVEMENT_MAX),
    (L.REFLECTION, "Reflection on practice", REFLECTION_MAX),
    (L.LEARNING, "Learning", LEARNING_MAX),
)


@dataclass(frozen=True)
class _Target:
    audit: audits.AuditRow
    agency_id: int
    agency_name: str
    cases: dict[str, audits.CaseRow]  # every case of the audit, by reference (case-folded)


class MaAuditKind(WorkbookKind):
    name = L.KIND
    title = L.TITLE
    versions = frozenset({L.VERSION})

    def _target(self, run: ImportRun, metadata: Metadata) -> _Target:
        db = run.db
        audit_id = metadata.get_int(L.META_AUDIT_ID)
        agency_id = metadata.get_int(L.META_AGENCY_ID)
        audit_label = metadata.get(L.META_AUDIT) or "?"
        if audit_id is None or agency_id is None:
            raise UserError("The template's hidden details do not name an audit and an agency.")
        audit = run.remember(("ma_audit", audit_id), lambda: _audit_or_none(db, audit_id))
        if audit is None:
            raise UserError(f"The audit of this template (“{audit_label}”) no longer exists.")
        if not audit.status.takes_returns:
            raise UserError(
                f"The audit “{audit.title}” is {audit.status.label.lower()}: returns are closed."
            )
        if agency_id not in audit.agency_ids:
            try:
                agency_name = partnership.get_agency(db, agency_id).name
            except UserError:
                agency_name = metadata.get(L.META_AGENCY) or "The agency of this template"
            raise UserError(
                f"{agency_name} is not taking part in the audit “{audit.title}”, so its return "
                "cannot be imported. Add the agency to the audit first if it should be there."
            )
        cases = run.remember(
            ("ma_cases", audit_id),
            lambda: {c.reference.casefold(): c for c in audits.list_cases(db, audit_id)},
        )
        name = dict(zip(audit.agency_ids, audit.agency_names, strict=True))[agency_id]
        return _Target(audit, agency_id, name, cases)

    def extract(self, run: ImportRun, book: Workbook, metadata: Metadata) -> Extraction:
        target = self._target(run, metadata)
        extraction = Extraction(agency=target.agency_name, context=f"Audit {target.audit.title}")
        errors = extraction.errors
        sheet = book.sheet(L.CASES_SHEET)
        if sheet is None:
            errors.append(
                CellError(L.CASES_SHEET, "", "The sheet is missing (renamed or deleted?).")
            )
            return extraction
        returns, values = self._cases(sheet, target, errors)
        signed = read_sign_off(book, errors)
        extraction.records = len(returns)
        extraction.values = {
            "cases": values,
            "sign_off": {k: v.isoformat() if isinstance(v, date) else v for k, v in signed.items()},
        }
        extraction.payload = (target, returns, signed)
        return extraction

    def _cases(
        self, sheet: Sheet, target: _Target, errors: list[CellError]
    ) -> tuple[list[audits.CaseReturnData], dict[str, list[Any]]]:
        cells = InputCells(sheet, errors)
        seen: dict[str, int] = {}
        returns: list[audits.CaseReturnData] = []
        values: dict[str, list[Any]] = {}
        for row in range(L.FIRST_ROW, min(sheet.height, L.LAST_ROW) + 1):
            where = f"{L.REFERENCE.letter}{row}"
            reference = cell_text(sheet.value(where))
            if reference is None:
                if any(sheet.value(f"{c.letter}{row}") is not None for c in L.INPUT_COLUMNS):
                    cells.error(where, "This row has answers but no case reference.")
                continue
            case = target.cases.get(reference.casefold())
            if case is None:
                cells.error(
                    where, f"“{reference}” is not a case of the audit “{target.audit.title}”."
                )
                continue
            if target.agency_id not in case.agency_ids:
                cells.error(
                    where,
                    f"Case {case.reference} is not in {target.agency_name}'s sample for this "
                    "audit (the agency is not recorded as involved in it).",
                )
                continue
            if case.reference in seen:
                cells.error(
                    where,
                    f"Case {case.reference} appears twice (also on row {seen[case.reference]}).",
                )
                continue
            seen[case.reference] = row
            data = self._case(cells, row, case)
            returns.append(data)
            values[case.reference] = [data.involvement, data.reflection, data.grade, data.learning]
        if not seen and not errors:
            errors.append(
                CellError(sheet.name, "", "The sheet lists no case (were rows deleted?).")
            )
        return returns, values

    def _case(self, cells: InputCells, row: int, case: audits.CaseRow) -> audits.CaseReturnData:
        def ref(column: L.Column) -> str:
            return f"{column.letter}{row}"

        texts = {c.field: cells.text(ref(c), label, limit) for c, label, limit in TEXTS}
        grade_text = cell_text(cells.raw(ref(L.GRADE)))
        grade = Grade.read(grade_text)
        for problem in check_case_return(
            texts["involvement"], texts["reflection"], grade, grade_text
        ):
            where = ref(L.COLUMN_OF_FIELD[problem.field])
            if not cells.has_error(where):  # a formula or too long already says what is wrong
                cells.error(where, f"Case {case.reference}: {problem.message}")
        return audits.CaseReturnData(
            case.id,
            texts["involvement"],
            texts["reflection"],
            grade.value if grade else "",
            texts["learning"],
        )

    def store(
        self, session: BoardSession, extraction: Extraction, source: SourceFile
    ) -> FileStatus:
        target, returns, signed = extraction.payload
        data = audits.SubmissionData(
            audit_id=target.audit.id,
            agency_id=target.agency_id,
            returns=tuple(returns),
            content_hash=extraction.content_hash,
            received_at=source.received_at,
            file_name=source.file_name,
            submitted_by=signed.get("submitted_by"),
            submitted_role=signed.get("submitted_role"),
            submitted_email=signed.get("submitted_email"),
            submitted_on=signed.get("submitted_on"),
            template_version=source.metadata.version,
            template_generated_at=source.metadata.generated_at,
        )
        changed = audits.record_submission(session, data)
        return FileStatus.IMPORTED if changed else FileStatus.UNCHANGED


def _audit_or_none(db: Database, audit_id: int) -> audits.AuditRow | None:
    try:
        return audits.get_audit(db, audit_id)
    except UserError:
        return None


register_kind(MaAuditKind())
