"""Importing Section 11 returns: the "s11" workbook kind.

The metadata (already verified by its check value) names the round and the agency; both must
still exist, the agency must be in the round's scope, the round open, and its framework and
rating scale those the template was made for. Then every criterion row is read by its code in
column A (not by position), every input cell checked (no formulas, ratings from the round's
scale even if typed past the drop-down, required answers, dates including text dates, length
limits), and the sign-off completed. Any error rejects the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import bindparam, select

from partnerboard.clock import clock_of
from partnerboard.db.database import BoardSession, Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.section11 import S11Criterion, S11Return, S11Round, S11Standard
from partnerboard.domain.section11 import (
    ACTION_MAX,
    EVIDENCE_MAX,
    OWNER_MAX,
    RatingScale,
    RoundStatus,
    check_answer_rules,
    scale,
)
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services import section11 as s11
from partnerboard.spreadsheets.cells import cell_text
from partnerboard.spreadsheets.reader import Sheet, Workbook, column_number
from partnerboard.workbooks.importer import (
    CellError,
    Extraction,
    FileStatus,
    ImportRun,
    SourceFile,
    WorkbookKind,
    register_kind,
)
from partnerboard.workbooks.input_cells import InputCells as _Cells
from partnerboard.workbooks.input_cells import read_sign_off
from partnerboard.workbooks.metadata import Metadata
from partnerboard.workbooks.section11 import layout as L

FIELD_LABELS = {
    "evidence": ("Evidence", EVIDENCE_MAX),
    "planned_action": ("Planned action", ACTION_MAX),
    "action_owner": ("Action owner", OWNER_MAX),
}


@dataclass(frozen=True)
class _Round:
    label: str
    status: RoundStatus
    framework_id: int
    rating_scale: str


@dataclass(frozen=True)
class _Criterion:
    id: int
    code: str
    required: bool


@dataclass(frozen=True)
class _Target:
    return_id: int
    round_label: str
    agency_name: str
    scale: RatingScale
    criteria: dict[str, _Criterion]  # by code, in the framework's order


class Section11Kind(WorkbookKind):
    name = L.KIND
    title = L.TITLE
    versions = frozenset({L.VERSION})

    def _target(self, run: ImportRun, metadata: Metadata) -> _Target:
        db = run.db
        round_id = metadata.get_int(L.META_ROUND_ID)
        agency_id = metadata.get_int(L.META_AGENCY_ID)
        round_label = metadata.get(L.META_ROUND) or "?"
        agency_label = metadata.get(L.META_AGENCY) or "?"
        if round_id is None or agency_id is None:
            raise UserError("The template's hidden details do not name a round and an agency.")
        the_round, returns, criteria = run.remember(
            ("s11_round", round_id), lambda: _read_round(db, round_id)
        )
        if the_round is None:
            raise UserError(f"Section 11 round {round_label} of this template no longer exists.")
        if the_round.label != round_label:
            raise UserError(
                f"This template was made for round {round_label}, which is now labelled "
                f"{the_round.label}. Send the agency a fresh template."
            )
        the_return = returns.get(agency_id)
        if the_return is None:
            try:
                agency_name = partnership.get_agency(db, agency_id).name
            except UserError:
                raise UserError(
                    f"The agency of this template ({agency_label}) no longer exists."
                ) from None
            raise UserError(
                f"{agency_name} is not in Section 11 round {the_round.label}, so its return "
                "cannot be imported. Add the agency to the round first if it should be there."
            )
        if the_round.status == RoundStatus.CLOSED:
            raise UserError(f"Section 11 round {the_round.label} is closed to returns.")
        if (
            metadata.get(L.META_FRAMEWORK_ID) != str(the_round.framework_id)
            or metadata.get(L.META_SCALE) != the_round.rating_scale
        ):
            raise UserError(
                f"Round {the_round.label}'s framework or rating scale changed after this "
                "template was generated. Send the agency a fresh template."
            )
        return_id, agency_name = the_return
        return _Target(
            return_id, the_round.label, agency_name, scale(the_round.rating_scale), criteria
        )

    def extract(self, run: ImportRun, book: Workbook, metadata: Metadata) -> Extraction:
        target = self._target(run, metadata)
        extraction = Extraction(agency=target.agency_name, context=f"Round {target.round_label}")
        errors = extraction.errors
        sheet = book.sheet(L.ASSESSMENT_SHEET)
        if sheet is None:
            errors.append(
                CellError(L.ASSESSMENT_SHEET, "", "The sheet is missing (renamed or deleted?).")
            )
            return extraction
        answers, values = self._answers(sheet, target, errors, extraction.warnings)
        signed = self._sign_off(book, errors)
        extraction.records = sum(1 for v in values.values() if any(x is not None for x in v))
        extraction.values = {
            "answers": values,
            "sign_off": {k: _jsonable(v) for k, v in signed.items()},
        }
        extraction.payload = (target, answers, signed)
        return extraction

    def _answers(
        self,
        sheet: Sheet,
        target: _Target,
        errors: list[CellError],
        warnings: list[CellError],
    ) -> tuple[list[s11.AnswerData], dict[str, list[Any]]]:
        cells = _Cells(sheet, errors)
        found: dict[str, int] = {}
        answers: list[s11.AnswerData] = []
        values: dict[str, list[Any]] = {}
        last = min(sheet.height, L.LAST_ROW)
        for row in range(L.FIRST_ROW, last + 1):
            code = cell_text(sheet.at(row, _CODE_AT))
            if code is None:
                if warning := _stray_row(sheet, row):
                    warnings.append(warning)
                continue
            criterion = target.criteria.get(code)
            if criterion is None:
                cells.error(f"{L.CODE.letter}{row}", f"“{code}” is not a criterion of this round.")
                continue
            if code in found:
                cells.error(
                    f"{L.CODE.letter}{row}",
                    f"Criterion {code} appears twice (also on row {found[code]}).",
                )
                continue
            found[code] = row
            answer = self._answer(cells, row, criterion, target.scale)
            answers.append(answer)
            values[code] = [
                answer.rating, answer.evidence, answer.planned_action, answer.action_owner,
                _jsonable(answer.target_date),
            ]  # fmt: skip
        for code in target.criteria:
            if code not in found:
                errors.append(
                    CellError(
                        sheet.name,
                        "",
                        f"Criterion {code} is missing from the sheet (were rows deleted?).",
                    )
                )
        return answers, values

    def _answer(
        self, cells: _Cells, row: int, criterion: _Criterion, rating_scale: RatingScale
    ) -> s11.AnswerData:
        def ref(column: L.Column) -> str:
            return f"{column.letter}{row}"

        rating_text = cell_text(cells.raw(ref(L.RATING)))
        rating = rating_scale.parse(rating_text)
        texts = {
            field: cells.text(ref(L.COLUMN_OF_FIELD[field]), label, limit)
            for field, (label, limit) in FIELD_LABELS.items()
        }
        target_date = cells.date(ref(L.TARGET))
        for problem in check_answer_rules(
            rating_scale,
            criterion.required,
            rating,
            rating_text,
            texts["evidence"],
            texts["planned_action"],
        ):
            where = ref(L.COLUMN_OF_FIELD[problem.field])
            if not cells.has_error(where):  # a formula or too long already says what is wrong
                cells.error(where, f"Criterion {criterion.code}: {problem.message}")
        return s11.AnswerData(
            criterion.id,
            rating.value if rating else None,
            texts["evidence"],
            texts["planned_action"],
            texts["action_owner"],
            target_date,
        )

    def _sign_off(self, book: Workbook, errors: list[CellError]) -> dict[str, Any]:
        return read_sign_off(book, errors)

    def store(
        self, session: BoardSession, extraction: Extraction, source: SourceFile
    ) -> FileStatus:
        target, answers, signed = extraction.payload
        data = s11.SubmissionData(
            return_id=target.return_id,
            answers=tuple(answers),
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
        changed = s11.record_submission(session, data, clock_of(session).today())
        return FileStatus.IMPORTED if changed else FileStatus.UNCHANGED


_STANDARD_HEADING = re.compile(r"^Standard \d+\. ")
_LETTERS = tuple(column.letter for column in L.COLUMNS)
_COLUMNS_AT = tuple(column_number(letter) for letter in _LETTERS)
_CODE_AT = column_number(L.CODE.letter)


def _stray_row(sheet: Sheet, row: int) -> CellError | None:
    """A warning for a row with no criterion code that holds something (a row inserted after
    unprotecting the sheet): its text is not imported, and the partner is told so."""
    texts = zip(_LETTERS, map(cell_text, sheet.values_at(row, _COLUMNS_AT)), strict=True)
    filled = {letter: text for letter, text in texts if text}
    if not filled:
        return None
    if set(filled) == {L.CRITERION.letter} and _STANDARD_HEADING.match(filled[L.CRITERION.letter]):
        return None  # a standard's heading, as the template wrote it
    letter, text = next(iter(filled.items()))
    shown = text if len(text) <= 60 else text[:59] + "…"
    return CellError(
        sheet.name,
        f"{letter}{row}",
        f"Row {row} is not one of the template's criterion rows (was a row inserted?), so "
        f"what it holds (“{shown}”) was not imported. Put it in the Evidence of a criterion.",
    )


# What checking a return against the database reads: Core statements on the tables, built once
# (cheaper to compile than ORM selects, as `services.section11.answers` reads before writing).
_ROUND, _RETURN, _AGENCY = S11Round.__table__, S11Return.__table__, Agency.__table__
_CRITERION, _STANDARD = S11Criterion.__table__, S11Standard.__table__
_ROUND_FACTS = select(
    _ROUND.c.label, _ROUND.c.status, _ROUND.c.framework_id, _ROUND.c.rating_scale
).where(_ROUND.c.id == bindparam("round_id"))
_ROUND_RETURNS = (
    select(_RETURN.c.agency_id, _RETURN.c.id, _AGENCY.c.name)
    .join_from(_RETURN, _AGENCY, _AGENCY.c.id == _RETURN.c.agency_id)
    .where(_RETURN.c.round_id == bindparam("round_id"))
)
_FRAMEWORK_CRITERIA = (
    select(_CRITERION.c.id, _CRITERION.c.code, _CRITERION.c.required)
    .join_from(_CRITERION, _STANDARD, _STANDARD.c.id == _CRITERION.c.standard_id)
    .where(_STANDARD.c.framework_id == bindparam("framework_id"))
    .order_by(_STANDARD.c.number, _CRITERION.c.position, _CRITERION.c.id)
)

_Returns = dict[int, tuple[int, str]]  # agency id -> (return id, agency name)


def _read_round(
    db: Database, round_id: int
) -> tuple[_Round | None, _Returns, dict[str, _Criterion]]:
    """The round (None if it is gone), its returns and its framework's criteria by code (in
    the framework's order: standard by number, then position): what checking a file against
    the database needs, read once per run for every file of the round."""
    with db.reader() as session:
        found = session.execute(_ROUND_FACTS, {"round_id": round_id}).first()
        if found is None:
            return None, {}, {}
        label, status, framework_id, rating_scale = found
        returns = session.execute(_ROUND_RETURNS, {"round_id": round_id}).all()
        criteria = session.execute(_FRAMEWORK_CRITERIA, {"framework_id": framework_id}).all()
    the_round = _Round(
        label, RoundStatus.parse(status) or RoundStatus.OPEN, framework_id, rating_scale
    )
    return (
        the_round,
        {agency_id: (id_, name) for agency_id, id_, name in returns},
        {code: _Criterion(id_, code, required) for id_, code, required in criteria},
    )


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


register_kind(Section11Kind())
