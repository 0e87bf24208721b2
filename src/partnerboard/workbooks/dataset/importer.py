"""Importing dataset returns: the "dataset" workbook kind.

The verified metadata names the agency, the quarter and, for each row, the indicator and the
period. Every row is checked:

- the reference in column A is still the one sent (rows moved, sorted, or copied in from
  another agency's return are refused by cell);
- the indicator still exists, is still current, and is still supplied by this agency — a
  return carries only its own agency's figures;
- the figures obey the dataset's rules (`domain.performance.check_figure`): no formulas,
  percentages 0–100, counts whole, numerator and denominator given where the indicator has
  them and agreeing with a typed figure, nothing negative or impossible, "Not available" with
  a reason, commentary when Red or worse than last time;

and the sign-off completed. Any error rejects the whole file; nothing is written. A figure
that differs from the one already held for the period is stored as a correction (the earlier
record stays in the history).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from sqlalchemy import bindparam, select

from partnerboard.db import bulk
from partnerboard.db.database import BoardSession
from partnerboard.db.models.performance import DatasetReturn, Indicator
from partnerboard.db.transaction_memo import TransactionMemo
from partnerboard.domain.performance import CheckedFigure, Figure, check_figure
from partnerboard.domain.public_sector_year import Period
from partnerboard.errors import UserError
from partnerboard.services.performance.indicators import (
    CURRENT,
    IndicatorMeasure,
    agency_names,
    select_measures,
)
from partnerboard.services.performance.values import (
    RETURN,
    CurrentFigures,
    Recording,
    period_records,
    write_figures,
)
from partnerboard.spreadsheets.cells import cell_text
from partnerboard.spreadsheets.reader import Sheet, Workbook, column_number
from partnerboard.workbooks.dataset import layout as L
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
from partnerboard.workbooks.metadata import Metadata


@dataclass(frozen=True)
class ReturnedFigure:
    indicator_id: int
    reference: str
    period: Period
    checked: CheckedFigure


_RETURNS = DatasetReturn.__table__
# Each agency's returns for a quarter, oldest first: the last hash of each is its latest
# return's (built once, compiled once; read once per batch, `latest_hashes`).
_RETURN_HASHES = (
    select(_RETURNS.c.agency_id, _RETURNS.c.content_hash)
    .where(_RETURNS.c.period == bindparam("period"))
    .order_by(_RETURNS.c.received_at, _RETURNS.c.id)
)


def latest_hashes(session: BoardSession, memo: TransactionMemo, period: str) -> dict[int, str]:
    """The content hash of each agency's latest return for `period`, read once for the batch's
    transaction (the batch adds the returns it writes)."""
    held = memo.of(session)
    if period not in held:
        found = session.connection().execute(_RETURN_HASHES, {"period": period})
        held[period] = {agency: digest for agency, digest in found}
    return held[period]


class HeldFigures:
    """The current figures of every current indicator for the periods asked so far, read once
    for a run of returns and kept in step with what the run itself writes (a return for July
    is checked against a June figure imported from an earlier file of the same run)."""

    def __init__(self, indicator_ids: list[int]) -> None:
        self.ids = set(indicator_ids)
        self.periods: set[str] = set()
        self.values: dict[tuple[int, str], float | None] = {}
        self.returns = TransactionMemo()  # the latest return hashes of the batch's transaction

    def read(self, session: BoardSession, periods: set[str]) -> None:
        wanted = periods - self.periods
        if wanted:
            records = period_records(session, self.ids, wanted)
            self.values.update({key: value.value for key, (value, _n) in records.items()})
            self.periods |= wanted

    def load(self, run: ImportRun, periods: set[str]) -> None:
        if periods - self.periods:
            with run.db.reader() as session:
                self.read(session, periods)

    def wrote(self, figures) -> None:
        for indicator_id, period, value in figures:
            self.values[(indicator_id, period)] = value


@dataclass
class RunLookups:
    """What every return of a run looks up, read in one session when the first return is
    checked: each agency's name, every current indicator the user may see (by id; and the
    supplier of each reference), and the current figures of the periods before the first
    return's (`HeldFigures`; periods of later returns are read when one asks for them)."""

    agencies: dict[int, str]
    known: dict[int, IndicatorMeasure]
    suppliers: dict[str, str]
    held: HeldFigures
    current: CurrentFigures

    @classmethod
    def read(cls, run: ImportRun, periods: set[str]) -> RunLookups:
        with run.db.reader() as session:
            names = agency_names(session)
            rows = select_measures(session, names, Indicator.status == CURRENT)
            held = HeldFigures([r.id for r in rows])
            held.read(session, periods)
        suppliers = {
            r.reference.casefold(): names.get(r.agency_id or 0, "another agency") for r in rows
        }
        known = {r.id: r for r in rows}
        return cls(names, known, suppliers, held, CurrentFigures(known))


# Where the reference and the input cells are, as (row, column) numbers for `Sheet.at`.
_REFERENCE_AT = column_number(L.REFERENCE.letter)
_INPUT_FIELDS = tuple(c.field for c in L.INPUT_COLUMNS)
_INPUT_AT = tuple(column_number(c.letter) for c in L.INPUT_COLUMNS)


@lru_cache(maxsize=256)
def _period(key: str) -> Period:
    """A period by its key (each return names its few periods on every row)."""
    return Period.from_key(key)


@lru_cache(maxsize=256)
def _previous_key(period: Period) -> str:
    return period.previous().key


def _rows_of(metadata: Metadata) -> list[tuple[int, int, str, Period]]:
    try:
        rows = json.loads(metadata.get(L.META_ROWS) or "")
        return [(int(r), int(i), str(ref), _period(str(p))) for r, i, ref, p in rows]
    except (ValueError, TypeError):
        raise UserError("The template's hidden details do not list its indicators.") from None


class DatasetKind(WorkbookKind):
    name = L.KIND
    title = L.TITLE
    versions = frozenset({L.VERSION})

    def extract(self, run: ImportRun, book: Workbook, metadata: Metadata) -> Extraction:
        agency_id = metadata.get_int(L.META_AGENCY_ID)
        try:
            quarter = Period.from_key(metadata.get(L.META_QUARTER) or "")
        except ValueError:
            quarter = None
        if agency_id is None or quarter is None:
            raise UserError("The template's hidden details do not name an agency and a quarter.")
        rows = _rows_of(metadata)
        before = {_previous_key(p) for *_x, p in rows}
        look = run.remember(("dataset",), lambda: RunLookups.read(run, before))
        agency_name = look.agencies.get(agency_id)
        if agency_name is None:
            raise UserError(
                f"The agency of this return ({metadata.get(L.META_AGENCY)}) no longer exists."
            )
        extraction = Extraction(agency=agency_name, context=f"Dataset {quarter.label}")
        sheet = book.sheet(L.FIGURES_SHEET)
        if sheet is None:
            extraction.errors.append(
                CellError(L.FIGURES_SHEET, "", "The sheet is missing (renamed or deleted?).")
            )
            return extraction
        known, held = look.known, look.held
        held.load(run, before)
        figures = self._figures(
            sheet, rows, agency_id, agency_name, known, look.suppliers, held, extraction.errors
        )
        signed = read_sign_off(book, extraction.errors)
        extraction.records = len(figures)
        extraction.values = {
            "agency": agency_id,
            "quarter": quarter.key,
            "figures": [
                [
                    f.indicator_id,
                    f.period.key,
                    f.checked.value,
                    f.checked.numerator,
                    f.checked.denominator,
                    f.checked.not_available,
                    f.checked.reason,
                    f.checked.commentary,
                ]
                for f in figures
            ],  # fmt: skip
            "signed": {k: v.isoformat() if isinstance(v, date) else v for k, v in signed.items()},
        }
        extraction.payload = (agency_id, agency_name, quarter, figures, signed, look)
        return extraction

    def _figures(
        self,
        sheet: Sheet,
        rows: list[tuple[int, int, str, Period]],
        agency_id: int,
        agency_name: str,
        known: dict[int, IndicatorMeasure],
        others: dict[str, str],
        held: HeldFigures,
        errors: list[CellError],
    ) -> list[ReturnedFigure]:
        cells = InputCells(sheet, errors)
        figures: list[ReturnedFigure] = []
        given: dict[tuple[int, str], float | None] = {}
        for line, indicator_id, reference, period in rows:
            where = f"{L.REFERENCE.letter}{line}"
            written = cell_text(sheet.at(line, _REFERENCE_AT))
            if written != reference:
                supplier = others.get((written or "").casefold())
                if written and supplier and supplier != agency_name:
                    cells.error(
                        where,
                        f"{written} is supplied by {supplier}, not by {agency_name}: a return "
                        "covers only its own agency's indicators.",
                    )
                else:
                    cells.error(
                        where,
                        f"This row should be indicator {reference}, but it says “{written or ''}”: "
                        "rows were moved, sorted or deleted. Please use the return as it was sent.",
                    )
                continue
            indicator = known.get(indicator_id)
            if indicator is None:
                cells.error(
                    where,
                    f"{reference} is no longer a current indicator of the dataset (replaced by a "
                    "new definition or retired): ask for a fresh return.",
                )
                continue
            if indicator.agency_id != agency_id:
                supplier = indicator.agency_name or "no agency"
                cells.error(
                    where,
                    f"{reference} is supplied by {supplier}, not by {agency_name}: a return covers "
                    "only its own agency's indicators.",
                )
                continue
            before_key = (indicator_id, _previous_key(period))
            before = given[before_key] if before_key in given else held.values.get(before_key)
            checked = self._row(cells, line, indicator, period, before)
            if checked is not None:
                figures.append(ReturnedFigure(indicator_id, reference, period, checked))
                given[(indicator_id, period.key)] = checked.value
        return figures

    @staticmethod
    def _row(
        cells: InputCells,
        line: int,
        indicator: IndicatorMeasure,
        period: Period,
        before: float | None,
    ) -> CheckedFigure | None:
        if cells.sheet.formulas:
            ref = {c.field: f"{c.letter}{line}" for c in L.INPUT_COLUMNS}
            raw = {field: cells.raw(where) for field, where in ref.items()}
            if any(cells.has_error(where) for where in ref.values()):
                return None  # a formula: already said
        else:  # (the usual case: no formula anywhere on the sheet, each value as it is)
            raw = dict(zip(_INPUT_FIELDS, cells.sheet.values_at(line, _INPUT_AT), strict=True))
        flag = cell_text(raw["not_available"])
        not_available = bool(flag) and flag.casefold() == L.NOT_AVAILABLE.casefold()
        if flag and not not_available:
            cells.error(
                f"{L.NOT_AVAILABLE_COLUMN.letter}{line}",
                f"{indicator.reference}: “{flag}” is not a choice here; choose “Not available” "
                "from the list or leave it blank.",
            )
            return None
        checked, problems = check_figure(
            indicator.measure,
            Figure(
                raw["value"],
                raw["numerator"],
                raw["denominator"],
                not_available,
                cell_text(raw["reason"]),
                raw["commentary"],
            ),
            before=before,
        )
        for problem in problems:
            column = L.COLUMN_OF_FIELD.get(problem.field, L.VALUE)
            cells.error(
                f"{column.letter}{line}",
                f"{indicator.reference} {period.label}: {problem.message}",
            )
        return checked

    def store(
        self, session: BoardSession, extraction: Extraction, source: SourceFile
    ) -> FileStatus:
        agency_id, agency_name, quarter, figures, signed, look = extraction.payload
        known, held = look.known, look.held
        digest = extraction.content_hash
        latest = latest_hashes(session, held.returns, quarter.key)
        if latest.get(agency_id) == digest:
            return FileStatus.UNCHANGED
        # Through db.bulk (the audited door for many rows): the return, then one record and one
        # audit entry per figure, under the same role rules as a flush.
        file_name = source.file_name
        return_id = bulk.insert_row(
            session,
            DatasetReturn,
            {
                "agency_id": agency_id,
                "period": quarter.key,
                "received_at": source.received_at,
                "file_name": file_name,
                "content_hash": digest,
                "submitted_by": signed.get("submitted_by"),
                "submitted_role": signed.get("submitted_role"),
                "submitted_email": signed.get("submitted_email"),
                "submitted_on": signed.get("submitted_on"),
                "template_version": source.metadata.version,
                "template_generated_at": source.metadata.generated_at,
            },
        )
        by = ", ".join(p for p in (signed.get("submitted_by"), signed.get("submitted_role")) if p)
        how = Recording(
            RETURN, f"{by} ({agency_name})"[:200], return_id=return_id,
            source_file=file_name,
        )  # fmt: skip
        received = f"Resubmitted in {agency_name}'s return received {source.received_at:%d/%m/%Y}."
        figured = ((known[f.indicator_id], f.period, f.checked) for f in figures)
        write_figures(session, figured, how, received, look.current)
        latest[agency_id] = digest
        held.wrote((f.indicator_id, f.period.key, f.checked.value) for f in figures)
        return FileStatus.IMPORTED


register_kind(DatasetKind())
