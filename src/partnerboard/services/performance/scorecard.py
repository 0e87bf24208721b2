"""The scorecard: every current indicator's latest figure for a reporting quarter, its RAG
against the target, its direction of travel, a trend of the last 8 periods, comparators and
commentary; exceptions (Red, or worsening two periods running) first; and the returns still
missing for the quarter, by agency.

The same rows feed the page, the board's PDF and the command line. `as_of` reports the
quarter as it stood on a day: records made later (corrections, late returns) are left out.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.performance import Indicator
from partnerboard.domain.actions import ActionStatus, Rag
from partnerboard.domain.performance import THEMES, Direction, format_figure, is_exception
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period
from partnerboard.services.performance.indicators import CURRENT, IndicatorRow, rows_of
from partnerboard.services.performance.values import current_records, end_of

TREND_LENGTH = 8
NO_AGENCY = "No supplying agency"


@dataclass(frozen=True)
class TrendPoint:
    period: Period
    value: float | None
    not_available: bool = False


@dataclass(frozen=True)
class ScoreRow:
    indicator: IndicatorRow
    period: Period | None  # of the latest figure (None: no figure at all)
    value: float | None
    not_available: bool
    reason: str | None
    numerator: float | None
    denominator: float | None
    previous: float | None
    rag: Rag | None
    direction: Direction
    previous_direction: Direction
    exception: bool
    commentary: str | None
    trend: tuple[TrendPoint, ...]
    missing: bool  # nothing for the reporting period itself
    open_actions: int

    @property
    def id(self) -> int:
        return self.indicator.id

    @property
    def rag_key(self) -> str:
        """'red' / 'amber' / 'green' / 'none' (no target, not available or no figure)."""
        return self.rag.value if self.rag else "none"

    @property
    def rag_label(self) -> str:
        if self.rag is not None:
            return self.rag.label
        if self.not_available:
            return "Not available"
        if self.period is None:
            return "No figure"
        return "No target"

    def value_text(self) -> str:
        if self.period is None:
            return "No figure yet"
        if self.not_available:
            return "Not available"
        return format_figure(self.value, self.indicator.unit)

    def period_text(self) -> str:
        return self.period.label if self.period else ""

    def direction_text(self) -> str:
        d = self.direction
        return f"{d.arrow}\u00a0{d.label}" if d is not Direction.NONE else "—"

    def trend_text(self) -> str:
        """The trend in words, oldest first: 'Q3 2024/25 70%, Q4 2024/25 72%, …'."""
        unit = self.indicator.unit
        return ", ".join(
            f"{p.period.label} "
            + (
                "n/a"
                if p.not_available
                else format_figure(p.value, unit)
                if p.value is not None
                else "–"
            )
            for p in self.trend
        )

    @property
    def why_exception(self) -> str:
        if not self.exception:
            return ""
        if self.rag is Rag.RED:
            return "Red against target"
        return "Worsening two periods running"


@dataclass(frozen=True)
class MissingReturn:
    agency_id: int | None
    agency_name: str
    references: tuple[str, ...]
    periods: tuple[str, ...]  # labels of the periods still owed


@dataclass(frozen=True)
class Scorecard:
    period: Period
    as_of: date | None
    rows: tuple[ScoreRow, ...]
    missing: tuple[MissingReturn, ...]
    themes: tuple[str, ...] = field(default=())

    @property
    def exceptions(self) -> list[ScoreRow]:
        return [r for r in self.rows if r.exception]

    def by_theme(self) -> list[tuple[str, list[ScoreRow]]]:
        groups: dict[str, list[ScoreRow]] = defaultdict(list)
        for row in self.rows:
            groups[row.indicator.theme or "Other"].append(row)
        return [(theme, groups[theme]) for theme in sorted(groups, key=_theme_order)]

    def count(self, rag: str) -> int:
        return sum(1 for r in self.rows if r.rag_key == rag)

    @property
    def restricted(self) -> bool:
        return any(r.indicator.restricted for r in self.rows)


def _theme_order(theme: str) -> tuple[int, str]:
    known = [t.casefold() for t in THEMES]
    folded = theme.casefold()
    return (known.index(folded) if folded in known else len(known), folded)


def reporting_period(db: Database, period: Period | None = None) -> Period:
    """The quarter reported: the one given, else the latest complete quarter by the clock."""
    return period or Period.latest_complete(db.clock.today())


def _last_period(kind: str, quarter: Period) -> Period:
    """An indicator's own last period within the reporting quarter (monthly: its last month)."""
    return quarter.months()[-1] if kind == MONTH else quarter


def order_key(row: ScoreRow) -> tuple:
    return (not row.exception, _theme_order(row.indicator.theme or "Other"), row.indicator.sort_key)


def build_scorecard(
    db: Database, period: Period | None = None, as_of: date | None = None
) -> Scorecard:
    """The scorecard of the reporting quarter `period` (default: the latest complete one)."""
    quarter = reporting_period(db, period).quarter
    stamp = end_of(as_of) if as_of else None
    with db.reader() as session:
        indicators = rows_of(
            session, list(session.scalars(select(Indicator).where(Indicator.status == CURRENT)))
        )
        wanted = {
            p.key
            for kind in {i.period_kind for i in indicators}
            for p in _last_period(kind, quarter).last(TREND_LENGTH + 2)
        }
        records = current_records(session, [i.id for i in indicators], wanted, stamp)
        actions = _open_actions(session, [i.id for i in indicators])
    figures = {key: value for key, (value, _n) in records.items()}
    windows = {
        kind: _last_period(kind, quarter).last(TREND_LENGTH + 2) for kind in (QUARTER, MONTH)
    }
    rows = [
        _score_row(i, windows[i.period_kind], figures, actions.get(i.id, 0)) for i in indicators
    ]
    rows.sort(key=order_key)
    return Scorecard(
        quarter,
        as_of,
        tuple(rows),
        tuple(_missing(indicators, quarter, figures)),
        tuple(sorted({r.indicator.theme or "Other" for r in rows}, key=_theme_order)),
    )


def _open_actions(session, indicator_ids: list[int]) -> dict[int, int]:
    if not indicator_ids:
        return {}
    return dict(
        session.execute(
            select(Action.source_indicator_id, func.count())
            .where(
                Action.source_indicator_id.is_not(None),
                Action.status == ActionStatus.OPEN.value,
            )
            .group_by(Action.source_indicator_id)
        ).all()
    )


def _score_row(
    indicator: IndicatorRow, window: list[Period], figures: dict, open_actions: int
) -> ScoreRow:
    """One indicator's row from the figures of its window (the trend's periods and two more)."""
    last = window[-1]
    found = {p: figures.get((indicator.id, p.key)) for p in window}
    trend = tuple(
        TrendPoint(
            p, found[p].value if found[p] else None, bool(found[p] and found[p].not_available)
        )
        for p in window[-TREND_LENGTH:]
    )
    latest = next((p for p in reversed(window[-TREND_LENGTH:]) if found[p] is not None), None)
    measure = indicator.measure

    def value_at(p: Period) -> float | None:
        record = found.get(p) or figures.get((indicator.id, p.key))
        return record.value if record is not None else None

    if latest is None:
        return ScoreRow(
            indicator, None, None, False, None, None, None, None, None, Direction.NONE,
            Direction.NONE, False, None, trend, True, open_actions,
        )  # fmt: skip
    record = found[latest]
    value = record.value
    previous = value_at(latest.previous())
    before_previous = value_at(latest.back(2))
    rag = measure.rag(value)
    direction = measure.direction(value, previous)
    previous_direction = measure.direction(previous, before_previous)
    return ScoreRow(
        indicator=indicator,
        period=latest,
        value=value,
        not_available=record.not_available,
        reason=record.reason,
        numerator=record.numerator,
        denominator=record.denominator,
        previous=previous,
        rag=rag,
        direction=direction,
        previous_direction=previous_direction,
        exception=is_exception(rag, direction, previous_direction),
        commentary=record.commentary,
        trend=trend,
        missing=latest != last,
        open_actions=open_actions,
    )


def _missing(
    indicators: Sequence[IndicatorRow], quarter: Period, figures: dict
) -> list[MissingReturn]:
    owed: dict[int | None, list[tuple[IndicatorRow, list[Period]]]] = defaultdict(list)
    for indicator in indicators:
        due = quarter.months() if indicator.period_kind == MONTH else [quarter]
        gaps = [p for p in due if (indicator.id, p.key) not in figures]
        if gaps:
            owed[indicator.agency_id].append((indicator, gaps))
    result = []
    for agency_id, items in owed.items():
        name = items[0][0].agency_name if agency_id is not None else NO_AGENCY
        periods = sorted({p for _i, gaps in items for p in gaps})
        result.append(
            MissingReturn(
                agency_id,
                name or NO_AGENCY,
                tuple(i.reference for i, _gaps in items),
                tuple(p.label for p in periods),
            )
        )
    return sorted(result, key=lambda m: (m.agency_id is None, m.agency_name.casefold()))


def filter_rows(
    rows: Iterable[ScoreRow],
    *,
    theme: str | None = None,
    agency_id: int | None = None,
    rags: Iterable[str] = (),
    exceptions_only: bool = False,
) -> list[ScoreRow]:
    """The rows a filter keeps: theme, supplying agency, RAG keys ('red', …, 'none')."""
    wanted = set(rags)
    return [
        r
        for r in rows
        if (theme is None or (r.indicator.theme or "Other").casefold() == theme.casefold())
        and (agency_id is None or r.indicator.agency_id == agency_id)
        and (not wanted or r.rag_key in wanted)
        and (not exceptions_only or r.exception)
    ]
