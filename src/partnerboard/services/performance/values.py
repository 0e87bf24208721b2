"""Values of the performance dataset: one record per figure given, the latest one current.

A figure is checked by the one set of rules in `domain.performance` (possible for its unit,
numerator and denominator agreeing, 'not available' with a reason, commentary when Red or
worse than last time), whether it is typed into the page, arrives in a partner's return or
comes from an imported dataset. A different figure for a period that already has one is a
correction: it needs a reason, and the earlier record stays in the history, so that any past
quarter can be reported as it stood (`as_of`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any, Protocol

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db import bulk
from partnerboard.db.database import Database
from partnerboard.db.models.performance import DatasetReturn, Indicator, IndicatorValue
from partnerboard.db.transaction_memo import TransactionMemo
from partnerboard.domain.actions import Rag
from partnerboard.domain.performance import (
    REASON_MAX,
    CheckedFigure,
    Direction,
    Figure,
    Unit,
    ValueSource,
    check_figure,
    format_figure,
)
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import tidy
from partnerboard.services.performance.indicators import (
    CURRENT,
    IndicatorRow,
    fetch_indicator,
    rows_of,
)

FORM = ValueSource.FORM.value
RETURN = ValueSource.RETURN.value
IMPORT = ValueSource.IMPORT.value
SOURCE_LABELS = {source.value: source.label for source in ValueSource}


@dataclass
class ValueInput:
    period: str  # a period as typed or its key
    value: object = None
    numerator: object = None
    denominator: object = None
    not_available: bool = False
    reason: str | None = None
    commentary: str | None = None
    correction_reason: str | None = None


@dataclass(frozen=True)
class ValueRow:
    id: int
    indicator_id: int
    period: Period
    value: float | None
    numerator: float | None
    denominator: float | None
    not_available: bool
    reason: str | None
    commentary: str | None
    correction_reason: str | None
    recorded_at: datetime
    recorded_by: str | None
    source: str
    source_file: str | None
    agency_id: int | None

    @property
    def source_label(self) -> str:
        return SOURCE_LABELS.get(self.source, self.source)

    def same_figure(self, checked: CheckedFigure) -> bool:
        return (
            self.value == checked.value
            and self.numerator == checked.numerator
            and self.denominator == checked.denominator
            and self.not_available == checked.not_available
            and (self.reason or None) == (checked.reason or None)
            and (self.commentary or None) == (checked.commentary or None)
        )


@dataclass(frozen=True)
class PeriodValue:
    """The current figure of one period, read against its indicator."""

    row: ValueRow
    rag: Rag | None
    direction: Direction
    corrections: int  # earlier records of the same period

    @property
    def period(self) -> Period:
        return self.row.period


_COLUMNS = (
    IndicatorValue.id,
    IndicatorValue.indicator_id,
    IndicatorValue.period,
    IndicatorValue.value,
    IndicatorValue.numerator,
    IndicatorValue.denominator,
    IndicatorValue.not_available,
    IndicatorValue.not_available_reason,
    IndicatorValue.commentary,
    IndicatorValue.correction_reason,
    IndicatorValue.recorded_at,
    IndicatorValue.recorded_by,
    IndicatorValue.source,
    IndicatorValue.source_file,
    IndicatorValue.agency_id,
)


# The values of a record as `_record` makes it, in `ValueRow`'s order after the id.
_record_values = itemgetter(*(c.key for c in _COLUMNS[1:]))


@lru_cache(maxsize=4096)
def _period(key: str) -> Period:
    return Period.from_key(key)


def _value_row(columns: Sequence[object]) -> ValueRow:
    values = list(columns)
    values[2] = _period(values[2])  # type: ignore[arg-type]
    return ValueRow(*values)  # type: ignore[arg-type]


def value_row(value: IndicatorValue) -> ValueRow:
    return _value_row([getattr(value, c.key) for c in _COLUMNS])


def end_of(day: date) -> datetime:
    """The last moment of `day` where the user is, in UTC as records are stamped."""
    midnight = datetime.combine(day + timedelta(days=1), time(0)).astimezone(UTC)
    return midnight.replace(tzinfo=None) - timedelta(microseconds=1)


def current_records(
    session: Session,
    indicator_ids: Iterable[int] | None,
    periods: Iterable[str] | None = None,
    as_of: datetime | None = None,
) -> dict[tuple[int, str], tuple[ValueRow, int]]:
    """(indicator id, period key) -> (latest record, how many records before it); every
    indicator's when `indicator_ids` is None."""
    ids = list(indicator_ids) if indicator_ids is not None else None
    found: dict[tuple[int, str], tuple[ValueRow, int]] = {}
    wanted = list(periods) if periods is not None else None
    for start in range(0, len(ids), 500) if ids is not None else [None]:
        query = select(*_COLUMNS)
        if ids is not None:  # in slices: stay under SQLite's bound-parameter limit
            query = query.where(IndicatorValue.indicator_id.in_(ids[start : start + 500]))
        if wanted is not None:
            query = query.where(IndicatorValue.period.in_(wanted))
        if as_of is not None:
            query = query.where(IndicatorValue.recorded_at <= as_of)
        query = query.order_by(IndicatorValue.recorded_at, IndicatorValue.id)
        for columns in session.execute(query):
            key = (columns[1], columns[2])
            earlier = found[key][1] + 1 if key in found else 0
            found[key] = (_value_row(columns), earlier)
    return found


def period_records(
    session: Session, indicator_ids: set[int], periods: Iterable[str]
) -> dict[tuple[int, str], tuple[ValueRow, int]]:
    """`current_records` of many indicators for a few periods: read by period alone and kept
    for the indicators asked (an import's hundreds of ids are not bound one by one)."""
    found = current_records(session, None, periods)
    return {key: record for key, record in found.items() if key[0] in indicator_ids}


def _before(
    session: Session, indicator: Indicator, period: Period, as_of: datetime | None = None
) -> float | None:
    """The current value of the period before `period` (None: none, or not available)."""
    earlier = period.previous().key
    found = current_records(session, [indicator.id], [earlier], as_of).get((indicator.id, earlier))
    return found[0].value if found else None


def check_period(
    indicator: IndicatorRow, text: str, today: date
) -> tuple[Period | None, list[FieldError]]:
    """The period a figure is for: of the indicator's frequency, started, not before its series."""
    try:
        period = Period.parse(text, (QUARTER, MONTH))
    except ValueError as error:
        return None, [FieldError("period", str(error))]
    if period.kind != indicator.period_kind:
        if indicator.period_kind == "M":
            return None, [
                FieldError("period", f"{indicator.reference} is reported monthly: give a month.")
            ]
        return None, [
            FieldError("period", f"{indicator.reference} is reported quarterly: give a quarter.")
        ]
    if period.start > today:
        return None, [FieldError("period", f"{period.label} has not started yet.")]
    if indicator.starts:
        first = Period.from_key(indicator.starts)
        if first.kind == period.kind and period < first:
            return None, [
                FieldError(
                    "period",
                    f"This definition of {indicator.reference} starts at {first.label}; earlier "
                    "figures belong to the earlier version.",
                )
            ]
    return period, []


@dataclass(frozen=True)
class Recording:
    """Where a figure came from, for its record."""

    source: str = FORM
    recorded_by: str | None = None
    return_id: int | None = None
    source_file: str | None = None
    recorded_at: datetime | None = None  # the demo and imports may date a record
    dataset_return: DatasetReturn | None = None  # a return not yet flushed (its id comes later)


class Supplied(Protocol):
    """What a figure's record needs of its indicator (a model, or an `IndicatorRow`)."""

    id: int
    agency_id: int | None
    unit: Any


Figured = tuple[Supplied, Period, CheckedFigure]


class CurrentFigures:
    """The current record of each (indicator, period) for a batch of imports written in one
    transaction: read once per period through the writing session (so its visibility rules
    apply), then kept in step with what the batch writes (`db.transaction_memo`: forgotten,
    and read again, for a new session or after any rollback in it)."""

    def __init__(self, indicator_ids: Iterable[int]) -> None:
        self.ids = set(indicator_ids)
        self._memo = TransactionMemo()

    def read(self, session: Session, periods: Iterable[str]) -> dict[tuple[int, str], ValueRow]:
        memo = self._memo.of(session)
        rows: dict[tuple[int, str], ValueRow] = memo.setdefault("rows", {})
        done: set[str] = memo.setdefault("periods", set())
        wanted = set(periods) - done
        if wanted:
            found = period_records(session, self.ids, wanted)
            rows.update({key: row for key, (row, _n) in found.items()})
            done |= wanted
        return rows

    def wrote(self, session: Session, rows: Iterable[ValueRow]) -> None:
        held = self._memo.of(session).setdefault("rows", {})
        for row in rows:
            held[(row.indicator_id, row.period.key)] = row


def _new_records(
    session: Session,
    figures: Iterable[Figured],
    how: Recording,
    correction_reason: str | None,
    current: CurrentFigures | None = None,
) -> list[dict[str, Any]]:
    """The records to write for checked figures, looking up what each period holds in one
    query (or in `current`); a period's current figure again is left out. A different figure
    for a period that has one needs `correction_reason` (else ValidationFailed)."""
    items = list(figures)
    periods = {p.key for _i, p, _c in items}
    if current is not None:
        held = current.read(session, periods)
    else:
        found = current_records(session, {i.id for i, _p, _c in items}, periods)
        held = {key: row for key, (row, _n) in found.items()}
    # One moment and one name for every record of the call.
    stamp = replace(
        how,
        recorded_at=how.recorded_at or clock_of(session).now_utc(),
        recorded_by=how.recorded_by or session.info["principal"].name,
    )
    records = []
    for indicator, period, checked in items:
        record = _record(
            indicator, period, checked, stamp, correction_reason,
            held.get((indicator.id, period.key)),
        )  # fmt: skip
        if record is not None:
            records.append(record)
    return records


def store_figures(
    session: Session,
    figures: Iterable[Figured],
    how: Recording,
    correction_reason: str | None = None,
) -> list[IndicatorValue]:
    """Write checked figures as ORM records in one flush (see `_new_records`)."""
    # Nothing is added before the look-up: a pending return would be flushed by it on its own.
    records = _new_records(session, figures, how, correction_reason)
    written = [IndicatorValue(**record, dataset_return=how.dataset_return) for record in records]
    session.add_all(written)
    session.flush()
    return written


def write_figures(
    session: Session,
    figures: Iterable[Figured],
    how: Recording,
    correction_reason: str | None = None,
    current: CurrentFigures | None = None,
) -> list[ValueRow]:
    """Write checked figures of an import through `db.bulk` (see `_new_records`): one
    statement, the same role rules as a flush and one audit entry per figure, as a flush
    records it. `how.return_id` names the return they came in (already written). Returns the
    records written (and keeps `current` in step with them)."""
    if how.dataset_return is not None:
        raise ValueError("write_figures takes the return's id (how.return_id), not its object")
    records = _new_records(session, figures, how, correction_reason, current)
    ids = bulk.insert_rows(session, IndicatorValue, records, one_entry_each=True)
    written = [
        _value_row([ident, *_record_values(record)])
        for ident, record in zip(ids, records, strict=True)
    ]
    if current is not None:
        current.wrote(session, written)
    return written


def store_figure(
    session: Session,
    indicator: Indicator,
    period: Period,
    checked: CheckedFigure,
    how: Recording,
    correction_reason: str | None = None,
) -> IndicatorValue | None:
    """Write one checked figure (None when it is the period's current figure already)."""
    written = store_figures(session, [(indicator, period, checked)], how, correction_reason)
    return written[0] if written else None


def _record(
    indicator: Supplied,
    period: Period,
    checked: CheckedFigure,
    how: Recording,
    correction_reason: str | None,
    current: ValueRow | None,
) -> dict[str, Any] | None:
    reason = tidy(correction_reason)
    if current is not None:
        if current.same_figure(checked):
            return None
        if not reason:
            shown = (
                "not available"
                if current.not_available
                else format_figure(current.value, _unit(indicator))
            )
            raise ValidationFailed(
                FieldError(
                    "correction_reason",
                    f"{period.label} already has a figure ({shown}, recorded "
                    f"{current.recorded_at:%d/%m/%Y}): say why it is corrected.",
                )
            )
        if len(reason) > REASON_MAX:
            raise ValidationFailed(
                FieldError("correction_reason", f"Keep the reason to {REASON_MAX} characters.")
            )
    return {
        "indicator_id": indicator.id,
        "period": period.key,
        "period_start": period.start,
        "agency_id": indicator.agency_id,
        "value": checked.value,
        "numerator": checked.numerator,
        "denominator": checked.denominator,
        "not_available": checked.not_available,
        "not_available_reason": checked.reason,
        "commentary": checked.commentary,
        "correction_reason": reason if current is not None else None,
        "recorded_at": how.recorded_at,
        "recorded_by": how.recorded_by,
        "source": how.source,
        "return_id": how.return_id,
        "source_file": how.source_file,
    }


def _unit(indicator: Supplied) -> Unit:
    return Unit.parse(indicator.unit) or Unit.COUNT


def record_value(db: Database, indicator_id: int, data: ValueInput) -> ValueRow | None:
    """Record a figure typed into the page; None when it is the period's figure already."""
    with db.session() as session:
        indicator = fetch_indicator(session, indicator_id)
        row = rows_of(session, [indicator])[0]
        if indicator.status != CURRENT:
            raise UserError(
                f"{row.name} is {row.status_label.lower()}: figures go to its current version."
            )
        period, errors = check_period(row, data.period, clock_of(session).today())
        if errors:
            raise ValidationFailed(errors)
        assert period is not None
        checked, errors = check_figure(
            row.measure,
            Figure(
                data.value,
                data.numerator,
                data.denominator,
                data.not_available,
                data.reason,
                data.commentary,
            ),
            before=_before(session, indicator, period),
        )
        if errors:
            raise ValidationFailed(errors)
        assert checked is not None
        stored = store_figure(
            session, indicator, period, checked, Recording(), data.correction_reason
        )
        return value_row(stored) if stored is not None else None


def history(db: Database, indicator_id: int) -> list[ValueRow]:
    """Every record of an indicator's figures, newest period first, corrections newest first."""
    with db.reader() as session:
        fetch_indicator(session, indicator_id)
        values = session.scalars(
            select(IndicatorValue)
            .where(IndicatorValue.indicator_id == indicator_id)
            .order_by(
                IndicatorValue.period_start.desc(),
                IndicatorValue.recorded_at.desc(),
                IndicatorValue.id.desc(),
            )
        )
        return [value_row(v) for v in values]


def period_values(db: Database, indicator_id: int, as_of: date | None = None) -> list[PeriodValue]:
    """The current figure of every period of an indicator, newest first, with RAG and direction."""
    with db.reader() as session:
        indicator = fetch_indicator(session, indicator_id)
        row = rows_of(session, [indicator])[0]
        found = current_records(session, [indicator_id], as_of=end_of(as_of) if as_of else None)
    current = {v.period: (v, n) for v, n in found.values()}
    result = []
    for period in sorted(current, reverse=True):
        value, corrections = current[period]
        before = current.get(period.previous())
        previous_value = before[0].value if before else None
        result.append(
            PeriodValue(
                value,
                row.measure.rag(value.value),
                row.measure.direction(value.value, previous_value),
                corrections,
            )
        )
    return result
