"""The demo's Section 11 rounds (models against migrations: tests/db/test_migrations.py)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from partnerboard.db.database import Database
from partnerboard.domain.section11 import ReturnStatus
from partnerboard.services import section11 as s11
from partnerboard.services.demo import build_demo
from tests.clock import TODAY, pin


def labels(today: date) -> tuple[str, str]:
    """Last year's round and this year's (issued about two months before `today`)."""
    year = (today - timedelta(days=60)).year
    return str(year - 1), str(year)


# The demo is built around its database's clock: on the suite's day, a year and more ahead,
# and on the days around the turn of the year when the rounds' names change.
@pytest.mark.parametrize(
    "today",
    [TODAY, TODAY + timedelta(days=400), TODAY + timedelta(days=800), date(2028, 3, 1),
     date(2028, 3, 2)],
)  # fmt: skip
def test_demo_rounds(db: Database, today: date) -> None:
    pin(db, today)
    build_demo(db)
    last, this = labels(today)
    rounds = {r.label: r for r in s11.list_rounds(db)}
    assert set(rounds) == {last, this}

    previous = s11.round_returns(db, rounds[last].id, today)
    assert len(previous) >= 10
    assert {r.status for r in previous} == {ReturnStatus.FEEDBACK_SENT}
    assert all(r.submissions == 1 and r.strengths for r in previous)
    assert all(s11.challenges(db, r.id) for r in previous)

    current = s11.round_returns(db, rounds[this].id, today)
    statuses = [r.status for r in current]
    assert sum(1 for r in current if r.overdue) == 1
    assert ReturnStatus.RETURNED in statuses and ReturnStatus.VALIDATED in statuses
    outstanding = [r for r in current if r.status == ReturnStatus.ISSUED]
    assert len(outstanding) > 1
    assert all(r.extended for r in outstanding if not r.overdue)

    trend = s11.year_on_year(db)
    assert [r.label for r in trend.rounds] == [last, this]
    assert all(cell is not None for row in trend.rows for cell in row.cells)


def test_demo_feeds_templates_and_letters(db: Database, tmp_path: Path) -> None:
    from partnerboard.reports.section11_feedback import write_feedback_letter
    from partnerboard.workbooks.section11.template import write_templates

    build_demo(db)
    last, this = labels(TODAY)
    the_round = s11.find_round(db, this)
    overdue = next(r for r in s11.round_returns(db, the_round.id) if r.overdue)
    [path] = write_templates(db, the_round.id, tmp_path, [overdue.agency_id], prefill=True)
    assert path.name == f"Section 11 {this} - {overdue.agency_name}.xlsx"
    letter = write_feedback_letter(
        db, s11.find_round(db, last).id, overdue.agency_id, tmp_path / "l.pdf"
    )
    assert letter.stat().st_size > 10_000
