"""Demo step: the partnership's core dataset with three years of quarterly figures.

About 30 indicators across the themes from six agencies, each drawn from where it stood three
years ago to where it stands now, with some noise: a few trends, a few misses (Red against the
target, or worsening), commentary where partners must give one, one figure not available, one
corrected figure, a monthly indicator, and an action raised from a Red indicator. Every period
is built from the database's clock: the latest complete quarter is the one the board is
looking at, and two agencies have not yet sent their return for it.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from partnerboard.db.models.partnership import Person
from partnerboard.db.models.performance import DatasetReturn, Indicator
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.performance import Figure, Unit, check_figure
from partnerboard.domain.public_sector_year import Period
from partnerboard.services.actions import ActionInput, create_action_in
from partnerboard.services.demo.performance_data import COMMENTARY, GENERAL, LATE, SPECS, Spec
from partnerboard.services.performance.indicators import IndicatorInput, rows_of, save_indicator_in
from partnerboard.services.performance.values import RETURN, Recording, store_figure

if TYPE_CHECKING:
    from partnerboard.db.database import BoardSession
    from partnerboard.services.demo.context import DemoContext

QUARTERS = 12  # three years
NOT_AVAILABLE = ("ED3", 5, "The schools census figures were delayed by the DfE's system change.")
CORRECTED = ("FD2", 2, "Recounted after duplicate contacts from the police portal were removed.")


def build(session: BoardSession, ctx: DemoContext) -> None:
    rng = random.Random(ctx.rng.random())
    latest = Period.latest_complete(ctx.today)
    returns: dict[tuple[int, str], DatasetReturn] = {}
    made: dict[str, Indicator] = {}
    for spec in SPECS:
        indicator = _indicator(session, ctx, spec)
        made[spec.reference] = indicator
        _figures(session, ctx, rng, spec, indicator, latest, returns)
    _raise_action(session, ctx, made["FD4"], latest)


def _owner(session: BoardSession, ctx: DemoContext, key: str) -> str | None:
    person = session.get(Person, ctx.people.get(key, 0))
    if person is None:
        return None
    return f"{person.name}, {person.job_title}" if person.job_title else person.name


def _indicator(session: BoardSession, ctx: DemoContext, spec: Spec) -> Indicator:
    england, neighbours, region, period = spec.comparators or (None, None, None, "")
    return save_indicator_in(
        session,
        IndicatorInput(
            reference=spec.reference,
            title=spec.title,
            unit=spec.unit,
            polarity=spec.polarity,
            frequency=spec.frequency,
            definition=spec.definition,
            numerator=spec.numerator,
            denominator=spec.denominator,
            theme=spec.theme,
            agency_id=ctx.agencies[spec.agency],
            owner=_owner(session, ctx, spec.owner),
            target=spec.target,
            tolerance=spec.tolerance,
            england=england,
            england_period=period if england is not None else None,
            neighbours=neighbours,
            neighbours_period=period if neighbours is not None else None,
            region=region,
            region_period=period if region is not None else None,
        ),
    )


def _periods(spec: Spec, latest: Period) -> list[Period]:
    quarters = latest.last(QUARTERS)
    if spec.frequency == "monthly":
        return [month for quarter in quarters for month in quarter.months()]
    return quarters


def _drawn(spec: Spec, rng: random.Random, step: int, steps: int) -> float:
    """The figure `step` of `steps`: on the line from start to end, with noise; the last ones
    exactly as the spec tells (its tail, else its end)."""
    from_end = steps - 1 - step
    if from_end < len(spec.tail):
        return spec.tail[len(spec.tail) - 1 - from_end]
    share = step / max(steps - 1, 1)
    value = spec.start + (spec.end - spec.start) * share
    if from_end:
        value *= 1 + rng.gauss(0, spec.noise)
    if spec.unit == Unit.PERCENTAGE.value:
        value = min(max(value, 0.0), 100.0)
    return max(value, 0.0)


def _figure(spec: Spec, rng: random.Random, value: float) -> Figure:
    unit = Unit(spec.unit)
    if spec.base:
        denominator = round(spec.base * (1 + rng.uniform(-0.06, 0.06)))
        if unit is Unit.RATE and spec.base >= 20_000:  # a population: barely moves
            denominator = round(spec.base * (1 + rng.uniform(-0.005, 0.005)))
        scale = 100 if unit is Unit.PERCENTAGE else 10_000
        numerator = min(round(value / scale * denominator), denominator)
        return Figure(None, numerator, denominator)
    if unit.whole:
        return Figure(round(value))
    return Figure(round(value, 1))


def _recorded(ctx: DemoContext, rng: random.Random, period: Period) -> datetime:
    """When the figure came in: two to six weeks after its quarter ended, never after today."""
    day = period.quarter.end + timedelta(days=rng.randint(14, 40))
    day = min(day, ctx.today)
    return datetime.combine(day, time(9, rng.randint(0, 59)))


def _figures(
    session: BoardSession,
    ctx: DemoContext,
    rng: random.Random,
    spec: Spec,
    indicator: Indicator,
    latest: Period,
    returns: dict[tuple[int, str], DatasetReturn],
) -> None:
    measure = rows_of(session, [indicator])[0].measure
    late = spec.agency in LATE
    # A late agency's figures stop a quarter early: its latest return is the one before.
    periods = [p for p in _periods(spec, latest) if not (late and p.quarter == latest)]
    before: float | None = None
    for step, period in enumerate(periods):
        figure = _figure(spec, rng, _drawn(spec, rng, step, len(periods)))
        back = (latest.back(NOT_AVAILABLE[1]), latest.back(CORRECTED[1]))
        if spec.reference == NOT_AVAILABLE[0] and period == back[0]:
            figure = Figure(not_available=True, reason=NOT_AVAILABLE[2])
        checked, errors = check_figure(measure, figure, before=before)
        if errors and errors[0].field == "commentary":
            last = period == periods[-1]
            words = COMMENTARY.get(spec.reference) if last else None
            figure = Figure(
                figure.value,
                figure.numerator,
                figure.denominator,
                commentary=words or rng.choice(GENERAL),
            )
            checked, errors = check_figure(measure, figure, before=before)
        assert checked is not None, (spec.reference, period.key, errors)
        when = _recorded(ctx, rng, period)
        the_return = _return(session, ctx, returns, indicator, spec, period, when)
        how = Recording(RETURN, the_return.submitted_by, the_return.id, the_return.file_name, when)
        if spec.reference == CORRECTED[0] and period == back[1]:
            # First sent with duplicates counted; corrected three weeks later.
            wrong = Figure(None, (checked.numerator or 0) + 260, (checked.denominator or 0) + 260)
            first, _ = check_figure(measure, wrong, before=before, require_commentary=False)
            assert first is not None
            store_figure(session, indicator, period, first, how)
            how = Recording(RETURN, how.recorded_by, the_return.id, the_return.file_name,
                            when + timedelta(days=21))  # fmt: skip
            store_figure(session, indicator, period, checked, how, CORRECTED[2])
        else:
            store_figure(session, indicator, period, checked, how)
        before = checked.value


def _return(
    session: BoardSession,
    ctx: DemoContext,
    returns: dict[tuple[int, str], DatasetReturn],
    indicator: Indicator,
    spec: Spec,
    period: Period,
    when: datetime,
) -> DatasetReturn:
    """The agency's return for the quarter (one per agency and quarter, made on first use)."""
    agency_id = ctx.agencies[spec.agency]
    quarter = period.quarter
    key = (agency_id, quarter.key)
    if key not in returns:
        owner = (indicator.owner or "Data lead").split(",")[0]
        name = f"Dataset return {quarter.key.replace('/', '-')} - {spec.agency}.xlsx"
        the_return = DatasetReturn(
            agency_id=agency_id,
            period=quarter.key,
            received_at=when,
            file_name=name,
            content_hash=hashlib.sha256(f"{key}".encode()).hexdigest(),
            submitted_by=owner,
            submitted_on=when.date(),
            template_version="1",
        )
        session.add(the_return)
        session.flush()
        returns[key] = the_return
    return returns[key]


def _raise_action(
    session: BoardSession, ctx: DemoContext, indicator: Indicator, latest: Period
) -> None:
    """The QA sub-group asked for a multi-agency audit of re-referrals (FD4 is Red)."""
    create_action_in(
        session,
        ActionInput(
            text="Multi-agency audit of 40 re-referrals to find why needs were not met at the "
            "first contact; report the findings and a plan to the QA sub-group.",
            source_kind=ActionSource.PERFORMANCE_INDICATOR.value,
            source_indicator_id=indicator.id,
            source_note=f"{indicator.reference} {indicator.title}: Red in {latest.label}.",
            lead_agency_id=indicator.agency_id,
            lead_person_id=ctx.people.get("ch_hos"),
            board_id=ctx.boards.get("qap"),
            raised_on=ctx.today - timedelta(days=5),
            due_on=ctx.today + timedelta(days=70),
        ),
    )
