"""The scorecard against a hand count: RAG by polarity, direction, exceptions first, missing
returns by agency; actions raised from a Red indicator; restricted indicators hidden."""

from __future__ import annotations

import pytest

from partnerboard.domain.access import Role
from partnerboard.domain.actions import ActionSource, Rag
from partnerboard.domain.performance import Direction
from partnerboard.domain.public_sector_year import Period
from partnerboard.errors import NotFound
from partnerboard.services import performance as perf
from partnerboard.services.actions import get_action, list_actions
from tests.trust.helpers import as_role

Q4, Q1, Q2 = "2025/26-Q4", "2026/27-Q1", "2026/27-Q2"


def _record(db, indicator, period, **figure):
    perf.record_value(db, indicator.id, perf.ValueInput(period, **figure))


@pytest.fixture
def recorded(db, dataset):
    """Re-referrals (lower is better, target 20 ±3): 18 → 21 → 24: Amber then Red, worsening.
    Timeliness (higher is better, target 85 ±5): 95 → 92 → 88: Green, worsening twice.
    Missing episodes (Police, context only): Q1 only; Q2 not returned."""
    why = {"commentary": "Explained to the board."}
    _record(db, dataset.rereferrals, Q4, numerator=45, denominator=250)
    _record(db, dataset.rereferrals, Q1, numerator=63, denominator=300, **why)
    _record(db, dataset.rereferrals, Q2, value="24%", numerator=72, denominator=300, **why)
    _record(db, dataset.timeliness, Q4, value=95)
    _record(db, dataset.timeliness, Q1, value=92, **why)
    _record(db, dataset.timeliness, Q2, value=88, **why)
    _record(db, dataset.missing, Q1, value=130)
    return dataset


def test_rag_direction_and_exceptions_match_a_hand_count(db, recorded):
    card = perf.build_scorecard(db)
    assert card.period == Period.from_key(Q2)  # the latest complete quarter on 23/11/2026
    rows = {r.indicator.reference: r for r in card.rows}
    fd4, cp3, ex1 = rows["FD4"], rows["CP3"], rows["EX1"]
    assert (fd4.value, fd4.rag, fd4.direction) == (
        pytest.approx(24.0),
        Rag.RED,
        Direction.WORSENING,
    )
    assert fd4.previous == pytest.approx(21.0) and fd4.why_exception == "Red against target"
    assert (cp3.rag, cp3.direction, cp3.previous_direction) == (
        Rag.GREEN,
        Direction.WORSENING,
        Direction.WORSENING,
    )
    assert cp3.why_exception == "Worsening two periods running"
    assert (ex1.period.key, ex1.rag, ex1.missing) == (Q1, None, True)
    assert ex1.direction is Direction.NONE and not ex1.exception
    # Exceptions first, then by theme.
    assert [r.indicator.reference for r in card.rows] == ["FD4", "CP3", "EX1"]
    assert {r.indicator.reference for r in card.exceptions} == {"FD4", "CP3"}
    assert (card.count("red"), card.count("green"), card.count("none")) == (1, 1, 1)
    trend = [p.value for p in fd4.trend]
    assert len(trend) == 8 and trend[-3:] == pytest.approx([18.0, 21.0, 24.0])
    assert trend[:5] == [None] * 5
    assert fd4.trend_text().endswith("Q1 2026/27 21%, Q2 2026/27 24%")


def test_missing_returns_are_listed_by_agency(db, recorded):
    card = perf.build_scorecard(db)
    assert [(m.agency_name, m.references, m.periods) for m in card.missing] == [
        ("Constabulary", ("EX1",), ("Q2 2026/27",))
    ]
    earlier = perf.build_scorecard(db, Period.from_key(Q1))
    assert earlier.missing == ()
    assert {r.indicator.reference: r.rag for r in earlier.rows}["FD4"] is Rag.AMBER


def test_filters_by_theme_agency_and_rag(db, recorded):
    rows = perf.build_scorecard(db).rows
    assert [r.indicator.reference for r in perf.filter_rows(rows, rags=["red"])] == ["FD4"]
    by_agency = perf.filter_rows(rows, agency_id=recorded.police)
    assert [r.indicator.reference for r in by_agency] == ["EX1"]
    assert [r.indicator.reference for r in perf.filter_rows(rows, theme="child protection")] == [
        "CP3"
    ]


def test_a_red_indicator_raises_an_action_that_links_back(db, recorded):
    score = next(r for r in perf.build_scorecard(db).rows if r.indicator.reference == "FD4")
    action = perf.raise_action(
        db, score.id, perf.RaiseInput("Audit 40 re-referrals with health and police."), score
    )
    assert action.source_kind is ActionSource.PERFORMANCE_INDICATOR
    assert action.lead_agency_id == recorded.council
    detail = get_action(db, action.id)
    assert detail.source == "Performance indicator FD4: Re-referrals within 12 months"
    assert detail.source_note == (
        "FD4 Re-referrals within 12 months: 24% in Q2 2026/27 (Red, target 20%)."
    )
    assert [a.id for a in perf.indicator_actions(db, score.id)] == [action.id]
    again = next(r for r in perf.build_scorecard(db).rows if r.indicator.reference == "FD4")
    assert again.open_actions == 1


def test_a_restricted_indicator_is_hidden_with_its_values_and_actions(db, db_path, recorded):
    indicator = recorded.rereferrals
    row = perf.get_indicator(db, indicator.id)
    data = perf.IndicatorInput(
        reference=row.reference, title=row.title, unit="percentage", polarity="lower",
        definition=row.definition, numerator=row.numerator, denominator=row.denominator,
        theme=row.theme, agency_id=row.agency_id, target=20, tolerance=3, restricted=True,
    )  # fmt: skip
    perf.save_indicator(db, data, indicator.id, row.row_version)
    action = perf.raise_action(db, indicator.id, perf.RaiseInput("Restricted follow-up"))
    member = as_role(db_path, Role.MEMBER)
    try:
        card = perf.build_scorecard(member)
        assert [r.indicator.reference for r in card.rows] == ["CP3", "EX1"]
        with pytest.raises(NotFound):
            perf.get_indicator(member, indicator.id)
        assert action.id not in {a.id for a in list_actions(member)}
        with pytest.raises(NotFound):
            perf.period_values(member, indicator.id)
    finally:
        member.close()
    chair = as_role(db_path, Role.CHAIR)
    try:
        assert "FD4" in {r.indicator.reference for r in perf.build_scorecard(chair).rows}
    finally:
        chair.close()
