"""The demo's dataset: about 30 indicators from six agencies, three years of quarters built from
the clock's day, a few misses with their commentary, two agencies late with the quarter."""

from __future__ import annotations

from datetime import date

from partnerboard.db.schema import open_database
from partnerboard.domain.actions import ActionSource, Rag
from partnerboard.domain.performance import commentary_required
from partnerboard.domain.public_sector_year import Period
from partnerboard.services import performance as perf
from partnerboard.services.actions import list_actions
from partnerboard.services.demo import build_demo
from tests.clock import TODAY, pin


def test_the_demo_dataset(demo_db):
    indicators = perf.list_indicators(demo_db)
    assert 28 <= len(indicators) <= 35
    assert len({i.agency_id for i in indicators}) == 6
    assert {i.theme for i in indicators} == {
        "Early help", "Front door", "Child protection", "Children in care", "Exploitation",
        "Health", "Education",
    }  # fmt: skip
    card = perf.build_scorecard(demo_db)
    assert card.period == Period.latest_complete(TODAY)
    assert [m.agency_name for m in card.missing] == [
        "Wrenfield Constabulary",
        "Wrenfield County Council – Education and Inclusion",
    ]
    assert card.count("red") >= 3 and len(card.exceptions) >= 4
    for row in card.rows:
        values = perf.period_values(demo_db, row.id)
        kinds = {v.period.kind for v in values}
        assert len(values) >= (33 if kinds == {"M"} else 11)  # three years, less a late quarter
        for value in values:
            if commentary_required(value.rag, value.direction):
                assert value.row.commentary, (row.indicator.reference, value.period.label)
    assert any(v.row.not_available for r in card.rows for v in perf.period_values(demo_db, r.id))
    assert any(v.corrections for r in card.rows for v in perf.period_values(demo_db, r.id))
    raised = [
        a for a in list_actions(demo_db) if a.source_kind is ActionSource.PERFORMANCE_INDICATOR
    ]
    assert len(raised) == 1
    fd4 = next(r for r in card.rows if r.indicator.reference == "FD4")
    assert fd4.rag is Rag.RED and fd4.open_actions == 1


def test_the_demo_is_built_around_the_clocks_day(tmp_path, migrated_template):
    import shutil

    path = tmp_path / "later.sqlite"
    shutil.copy(migrated_template, path)
    db = open_database(str(path))
    try:
        pin(db, date(2027, 4, 1))  # the first day of the year: Q4 2026/27 has just ended
        build_demo(db)
        card = perf.build_scorecard(db)
        assert card.period.label == "Q4 2026/27"
        on_time = [r for r in card.rows if not r.missing]
        assert len(on_time) >= 20 and all(r.period.quarter == card.period for r in on_time)
        first = min(v.period for r in card.rows for v in perf.period_values(db, r.id)
                    if v.period.kind == "Q")  # fmt: skip
        assert first.label == "Q1 2024/25"
    finally:
        db.close()
