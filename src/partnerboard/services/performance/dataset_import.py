"""Bring an existing performance dataset in from a spreadsheet (`partnerboard import-dataset`).

Two steps, like `import-actions`:

1. `plan_dataset(db, path, …)` reads the sheet with the most recognisable header row (one
   indicator per row, one period per column), the definitions from its own columns or from a
   sheet of definitions (matched by reference), and every figure through the dataset's rules
   (`domain.performance.check_figure`); it writes nothing and lists every problem;
2. `run_plan(db, plan)` writes the indicators and figures in one transaction, and only when
   the plan has no errors: a file with anything it could not read is refused whole.

Notes (a column not read, an agency not in the register, fractions read as percentages) are
listed without stopping the import. Indicators already in the dataset (same reference) keep
their definitions; their figures are added for periods that have none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.performance import Indicator
from partnerboard.domain import dataset_import as D
from partnerboard.domain.access import Permission
from partnerboard.domain.log_import import apply_map, parse_map, split_workstream
from partnerboard.domain.performance import (
    CheckedFigure,
    Figure,
    Frequency,
    Measure,
    Polarity,
    Unit,
    check_figure,
    format_figure,
    parse_figure,
)
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period, year_named_in
from partnerboard.errors import UserError
from partnerboard.services.actions.log_import import PlanProblem
from partnerboard.services.actions.plan_reading import (
    HEADER_SEARCH_ROWS,
    find_header_row,
    read_sheets,
)
from partnerboard.services.performance.indicators import (
    CURRENT,
    IndicatorInput,
    save_indicator_in,
)
from partnerboard.services.performance.values import (
    IMPORT,
    Recording,
    current_records,
    store_figure,
)
from partnerboard.spreadsheets.cells import cell_text


@dataclass
class PlannedIndicator:
    row: int
    reference: str
    data: IndicatorInput
    existing_id: int | None
    figures: list[tuple[Period, CheckedFigure]] = field(default_factory=list)


@dataclass
class DatasetPlan:
    source: str
    sheet: str
    header_row: int
    mapping: dict[str, str]  # field -> the header it was read from
    periods: list[Period]
    definitions_sheet: str | None
    indicators: list[PlannedIndicator] = field(default_factory=list)
    problems: list[PlanProblem] = field(default_factory=list)

    @property
    def errors(self) -> list[PlanProblem]:
        return [p for p in self.problems if not p.imported]

    @property
    def figures(self) -> int:
        return sum(len(i.figures) for i in self.indicators)

    def error(self, row: int, reference: str | None, message: str) -> None:
        self.problems.append(PlanProblem(row, reference, message))

    def note(self, row: int, reference: str | None, message: str) -> None:
        self.problems.append(PlanProblem(row, reference, message, imported=True))


@dataclass
class DatasetReport:
    source: str
    written: bool
    created: int = 0
    existing: int = 0
    figures: int = 0
    problems: list[PlanProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not any(not p.imported for p in self.problems)

    def summary(self) -> str:
        if not self.written:
            errors = sum(1 for p in self.problems if not p.imported)
            return (
                f"{self.source}: not imported; {errors} problem(s) to correct (listed). "
                "Nothing was written."
            )
        return (
            f"{self.source}: {self.created} indicator(s) added, {self.existing} already in the "
            f"dataset, {self.figures} figure(s) recorded."
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "written": self.written,
            "source": self.source,
            "indicators_added": self.created,
            "indicators_existing": self.existing,
            "figures": self.figures,
            "problems": [p.to_json() for p in self.problems],
        }


# ---------------------------------------------------------------- reading the sheets


def _mapping(headers: list[str], overrides: dict[str, str]) -> tuple[dict[str, int], list[str]]:
    """The guessed fields with the user's FIELD=HEADER on top; and overrides this sheet lacks
    (they may name a column of the sheet of definitions)."""
    return apply_map(headers, D.guess_fields(headers), overrides)


def parse_overrides(given: list[str]) -> dict[str, str]:
    """--map FIELD=HEADER (or FIELD=column letter) items, checked."""
    return parse_map(given, D.FIELD_KEYS)


def _texts(row: list[Any]) -> list[str]:
    return [cell_text(v) or "" for v in row]


def _value(row: list[Any], column: int | None) -> Any:
    return row[column] if column is not None and column < len(row) else None


def _choose_sheet(sheets: dict[str, list[list[Any]]], wanted: str | None, source: str) -> str:
    if wanted is not None:
        if wanted not in sheets:
            raise UserError(f"{source} has no sheet “{wanted}”; it has: {', '.join(sheets)}.")
        return wanted

    def periods_named(rows: list[list[Any]]) -> int:
        return max(
            (len(D.period_columns(_texts(r), 2000)) for r in rows[:HEADER_SEARCH_ROWS]), default=0
        )

    scored = [(periods_named(rows), -i, name) for i, (name, rows) in enumerate(sheets.items())]
    best = max(scored)
    if best[0] == 0:
        raise UserError(
            f"{source}: no sheet has columns of periods (Q1 2025/26, Q2 …, or Apr-Jun 2025); "
            "the dataset is read with one indicator per row and one period per column."
        )
    return best[2]


def _definitions(
    sheets: dict[str, list[list[Any]]], data_sheet: str, overrides: dict[str, str]
) -> tuple[str | None, dict[str, dict[str, Any]]]:
    """The sheet of definitions (by reference, and by title), if the workbook has one: of the
    other sheets naming indicators, the one with the most definition columns."""
    best: tuple[int, str, int, dict[str, int]] | None = None
    for name, rows in sheets.items():
        if name == data_sheet or not rows:
            continue
        header_row = find_header_row(rows, lambda cells: len(D.guess_fields(cells)))
        mapping, _unused = _mapping(_texts(rows[header_row - 1]), overrides)
        keys = len(set(mapping) & set(D.DEFINITION_KEYS))
        if {"reference", "title"} & set(mapping) and keys and (best is None or keys > best[0]):
            best = (keys, name, header_row, mapping)
    if best is None:
        return None, {}
    _keys, name, header_row, mapping = best
    found: dict[str, dict[str, Any]] = {}
    for row in sheets[name][header_row:]:
        values = {k: _value(row, c) for k, c in mapping.items()}
        for key in ("reference", "title"):
            label = cell_text(values.get(key))
            if label:
                found.setdefault(f"{key}:{label.casefold()}", values)
    return name, found


def plan_dataset(
    db: Database,
    path: Path | str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    overrides: dict[str, str] | None = None,
    year: int | None = None,
) -> DatasetPlan:
    """Read the dataset and check every figure; writes nothing (see the module docstring)."""
    path = Path(path)
    overrides = overrides or {}
    sheets = read_sheets(path)
    chosen = _choose_sheet(sheets, sheet, path.name)
    rows = sheets[chosen]
    found = header_row or find_header_row(rows, D.header_score)
    headers = _texts(rows[found - 1]) if 0 < found <= len(rows) else []
    mapping, unused = _mapping(headers, overrides)
    if year is None:
        named = year_named_in(
            [*(" ".join(_texts(r)) for r in rows[: found - 1]), chosen, path.stem]
        )
        year = named.year if named else None
    columns = {
        c: p for c, p in D.period_columns(headers, year).items() if c not in mapping.values()
    }
    definitions_sheet, definitions = _definitions(sheets, chosen, overrides)
    plan = DatasetPlan(
        path.name,
        chosen,
        found,
        {key: headers[column] for key, column in mapping.items() if column < len(headers)},
        sorted(set(columns.values())),
        definitions_sheet,
    )
    for key in unused:
        if definitions_sheet is None or key not in D.DEFINITION_KEYS:
            plan.error(0, None, f"--map {key}=“{overrides[key]}”: no column has that header.")
    bare = [h for h in headers if D.period_of_header(h, 2000) and not D.period_of_header(h, None)]
    if bare and year is None:
        plan.error(
            found, None,
            f"The columns {', '.join(bare[:4])} name quarters but not the year: give it with "
            "--year 2025/26 (or put it in the sheet's title).",
        )  # fmt: skip
        return plan
    if "title" not in mapping and "reference" not in mapping:
        plan.error(
            found,
            None,
            "No column of indicators (Ref, Indicator, Measure …): use --map title=HEADER.",
        )
    if not columns:
        plan.error(found, None, "No column names a period (Q1 2025/26, Apr-Jun 2025, June 2025 …).")
    if plan.errors:
        return plan
    for column, header in enumerate(headers):
        if header and column not in mapping.values() and column not in columns:
            plan.note(
                0, None,
                f"Column “{header}” was not read (neither a field nor a period); use "
                f"--map FIELD=“{header}” if it holds one.",
            )  # fmt: skip
    context = _Context.load(db)
    theme: str | None = None
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[found:], start=found + 1):
        texts = [t for t in _texts(row) if t]
        if not texts:
            continue
        values = {key: _value(row, column) for key, column in mapping.items()}
        reference = cell_text(values.get("reference"))
        title = cell_text(values.get("title"))
        figures = {p: _value(row, c) for c, p in columns.items()}
        if len(set(texts)) == 1:  # one text alone, or merged across: a heading row
            theme = split_workstream(texts[0])[1]  # the theme of the rows below
            continue
        if not title and not reference:
            plan.error(
                number, None, "Figures without an indicator: the row has no reference or title."
            )
            continue
        reference = reference or f"R{number}"
        if reference.casefold() in seen:
            plan.error(
                number,
                reference,
                f"{reference} appears twice (also on row {seen[reference.casefold()]}).",
            )
            continue
        seen[reference.casefold()] = number
        extra = definitions.get(f"reference:{reference.casefold()}") or definitions.get(
            f"title:{(title or '').casefold()}", {}
        )
        merged = {
            **{k: v for k, v in extra.items() if cell_text(v)},
            **{k: v for k, v in values.items() if cell_text(v)},
        }
        planned = _indicator(plan, context, number, reference, title or reference, merged, theme)
        if planned is None:
            continue
        _figures(plan, context, planned, figures, number)
        plan.indicators.append(planned)
    plan.problems.sort(key=lambda p: p.row)
    return plan


@dataclass
class _Context:
    agencies: dict[str, int]  # name or short name, case-folded -> id
    existing: dict[str, tuple[int, Measure, str]]  # reference -> (id, measure, frequency kind)
    held: dict[tuple[int, str], float | None]  # figures already recorded
    today: date

    @classmethod
    def load(cls, db: Database) -> _Context:
        from partnerboard.services.performance.indicators import rows_of  # noqa: PLC0415

        with db.reader() as session:
            agencies: dict[str, int] = {}
            for ident, name, short in session.execute(
                select(Agency.id, Agency.name, Agency.short_name)
            ):
                for label in (name, short):
                    if label:
                        agencies.setdefault(" ".join(label.split()).casefold(), ident)
            current = rows_of(
                session, list(session.scalars(select(Indicator).where(Indicator.status == CURRENT)))
            )
            records = current_records(session, [i.id for i in current])
        return cls(
            agencies,
            {i.reference.casefold(): (i.id, i.measure, i.period_kind) for i in current},
            {key: value.value for key, (value, _n) in records.items()},
            db.clock.today(),
        )


def _indicator(
    plan: DatasetPlan,
    context: _Context,
    row: int,
    reference: str,
    title: str,
    values: dict[str, Any],
    theme: str | None,
) -> PlannedIndicator | None:
    existing = context.existing.get(reference.casefold())
    if existing is not None:
        plan.note(row, reference, f"{reference} is already in the dataset: its definition is kept.")
    text = {k: cell_text(v) for k, v in values.items()}
    unit = D.unit_of(text.get("unit"), title)
    polarity = D.polarity_of(text.get("polarity"))
    frequency = D.frequency_of(text.get("frequency"))
    failed = False
    if unit is None:
        plan.error(
            row,
            reference,
            f"“{text['unit']}” is not a unit: write count, %, rate per 10,000, days or median.",
        )
        failed = True
    if polarity is None:
        plan.error(
            row,
            reference,
            f"“{text['polarity']}” is not a polarity: write Higher, Lower or Context.",
        )
        failed = True
    if text.get("frequency") and frequency is None:
        plan.error(
            row, reference, f"“{text['frequency']}” is not a frequency: write Quarterly or Monthly."
        )
        failed = True
    numbers: dict[str, float | None] = {}
    for key in ("target", "tolerance", "england", "neighbours", "region"):
        try:
            numbers[key] = (
                D.target_of(values.get(key)) if key == "target" else parse_figure(values.get(key))
            )
        except ValueError as error:
            plan.error(row, reference, f"{D.FIELD_BY_KEY[key].label}: {error}")
            failed = True
    if failed:
        return None
    assert unit is not None and polarity is not None
    if unit is Unit.PERCENTAGE and numbers["target"] is not None and 0 < numbers["target"] <= 1:
        numbers["target"] *= 100  # a target cell formatted as a percentage
    if polarity is Polarity.CONTEXT and numbers["target"] is not None:
        plan.note(row, reference, "A target without a polarity: read as higher is better.")
        polarity = Polarity.HIGHER
    if "polarity" not in text and numbers["target"] is None and existing is None:
        plan.note(row, reference, "No polarity or target: imported as context only.")
    agency_id = None
    if text.get("agency"):
        agency_id = context.agencies.get(" ".join(text["agency"].split()).casefold())
        if agency_id is None and existing is None:
            plan.note(
                row, reference,
                f"No agency in the register is called “{text['agency']}”: imported without a "
                "supplying agency (set it on the Indicators page).",
            )  # fmt: skip
    period_text = text.get("comparator_period")
    data = IndicatorInput(
        reference=reference,
        title=title,
        unit=unit.value,
        polarity=polarity.value,
        frequency=(
            frequency or (Frequency.MONTHLY if _monthly(plan) else Frequency.QUARTERLY)
        ).value,
        definition=text.get("definition"),
        numerator=text.get("numerator"),
        denominator=text.get("denominator"),
        theme=text.get("theme") or theme,
        agency_id=agency_id,
        owner=text.get("owner"),
        target=numbers["target"],
        tolerance=numbers["tolerance"],
        england=numbers["england"],
        england_period=period_text if numbers["england"] is not None else None,
        neighbours=numbers["neighbours"],
        neighbours_period=period_text if numbers["neighbours"] is not None else None,
        region=numbers["region"],
        region_period=period_text if numbers["region"] is not None else None,
        notes=f"Imported from {plan.source}, row {row}.",
    )
    if existing is None:
        from partnerboard.services.performance.indicators import validate_indicator  # noqa: PLC0415

        _checked, errors = validate_indicator(data)
        for error in errors:
            plan.error(row, reference, error.message)
        if errors:
            return None
    return PlannedIndicator(row, reference, data, existing[0] if existing else None)


def _monthly(plan: DatasetPlan) -> bool:
    kinds = [p.kind for p in plan.periods]
    return kinds.count(MONTH) > kinds.count(QUARTER)


def _figures(
    plan: DatasetPlan,
    context: _Context,
    planned: PlannedIndicator,
    cells: dict[Period, Any],
    row: int,
) -> None:
    data, reference = planned.data, planned.reference
    existing = context.existing.get(reference.casefold())
    if existing is not None:
        measure, kind = existing[1], existing[2]
    else:
        unit, polarity = Unit(data.unit), Polarity(data.polarity)
        measure = Measure(unit, polarity, parse_figure(data.target), parse_figure(data.tolerance),
                          bool(data.numerator and data.denominator))  # fmt: skip
        kind = Frequency(data.frequency).period_kind
    numbers = [v for v in cells.values() if isinstance(v, (int, float)) and not isinstance(v, bool)]
    fractions = (
        measure.unit is Unit.PERCENTAGE
        and numbers
        and all(0 <= v <= 1 for v in numbers)
        and any(numbers)
    )
    if fractions:
        plan.note(
            row, reference, "Figures between 0 and 1 read as fractions: shown as percentages."
        )
    before: float | None = None
    for period in sorted(cells):
        raw = cells[period]
        if cell_text(raw) is None:
            before = None
            continue
        where = f"{period.label}: "
        if period.kind != kind:
            plan.error(
                row,
                reference,
                f"{where}{reference} is reported {'monthly' if kind == MONTH else 'quarterly'}; this column is a {'month' if period.kind == MONTH else 'quarter'}.",
            )
            continue
        if period.start > context.today:
            plan.error(row, reference, f"{where}the period has not started yet.")
            continue
        mark = D.not_available_mark(raw)
        if mark is not None:
            figure = Figure(not_available=True, reason=f"Shown as “{mark}” in {plan.source}.")
        else:
            value = raw * 100 if fractions and isinstance(raw, (int, float)) else raw
            figure = Figure(value=value)
        checked, errors = check_figure(
            measure, figure, before=before, require_parts=False, require_commentary=False
        )
        for error in errors:
            plan.error(row, reference, f"{where}{error.message}")
        if checked is None:
            continue
        before = checked.value
        if existing is not None and (existing[0], period.key) in context.held:
            held = context.held[(existing[0], period.key)]
            if held != checked.value:
                shown = format_figure(held, measure.unit) if held is not None else "not available"
                plan.note(
                    row,
                    reference,
                    f"{where}the dataset already holds {shown}: kept (correct it on the Indicators page).",
                )
            continue
        planned.figures.append((period, checked))


# ---------------------------------------------------------------- writing


def run_plan(db: Database, plan: DatasetPlan) -> DatasetReport:
    """Write the plan in one transaction; a plan with errors writes nothing."""
    db.principal.require(Permission.IMPORT_RETURNS)
    report = DatasetReport(plan.source, written=False, problems=list(plan.problems))
    if plan.errors:
        return report
    how = Recording(IMPORT, source_file=plan.source)
    with db.session() as session:
        for planned in plan.indicators:
            if planned.existing_id is None:
                indicator = save_indicator_in(session, planned.data)
                report.created += 1
            else:
                indicator = session.get(Indicator, planned.existing_id)
                if indicator is None:
                    raise UserError(f"{planned.reference} was removed while the file was read.")
                report.existing += 1
            for period, checked in planned.figures:
                if store_figure(session, indicator, period, checked, how) is not None:
                    report.figures += 1
    report.written = True
    return report
