"""The public-sector year, and the engagement log's rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerboard.domain.engagement import EngagementInput
from partnerboard.domain.public_year import PublicYear
from partnerboard.errors import ValidationFailed
from partnerboard.services.engagement import (
    list_engagement,
    save_engagement,
    set_engagement_active,
)
from tests.clock import TODAY


@pytest.mark.parametrize("text", ["2025/26", "2025-26", "2025/2026", " 2025 ", "2025 / 26"])
def test_a_year_is_read_as_people_write_it(text):
    year = PublicYear.parse(text)
    assert (year.label, year.slug, year.start, year.end) == (
        "2025/26", "2025-26", date(2025, 4, 1), date(2026, 3, 31)
    )  # fmt: skip


@pytest.mark.parametrize(
    ("text", "message"),
    [("2025/27", "did you mean 2025/26"), ("next year", "write it as 2025/26"), ("", "not a year")],
)
def test_a_wrong_year_says_why(text, message):
    with pytest.raises(ValueError, match=message):
        PublicYear.parse(text)


def test_years_turn_on_1_april():
    assert PublicYear.containing(date(2026, 3, 31)).label == "2025/26"
    assert PublicYear.containing(date(2026, 4, 1)).label == "2026/27"
    assert PublicYear.last_complete(date(2026, 4, 1)).label == "2025/26"
    assert PublicYear.last_complete(date(2026, 3, 31)).label == "2024/25"
    assert PublicYear(1999).label == "1999/00" and PublicYear(2025).previous.label == "2024/25"
    assert PublicYear(2025).contains(date(2025, 4, 1)) and not PublicYear(2025).contains(None)
    quarters = [PublicYear.quarter(date(2026, m, 1)) for m in (4, 6, 7, 12, 1, 3)]
    assert quarters == [1, 1, 2, 3, 4, 4]


def test_an_activity_needs_what_was_heard_and_a_past_date(db):
    with pytest.raises(ValidationFailed) as failed:
        save_engagement(
            db, EngagementInput(" ", TODAY + timedelta(days=1), "nonsense", participant_count=-1)
        )
    assert {e.field for e in failed.value.errors} == {
        "activity", "held_on", "method", "participant_count", "heard"
    }  # fmt: skip
    assert list_engagement(db) == []


def test_activities_are_listed_by_period_and_deactivated_not_deleted(db):
    for day in (date(2025, 3, 31), date(2025, 4, 1), date(2026, 3, 31)):
        save_engagement(db, EngagementInput(f"On {day}", day, "survey", heard="Heard."))
    year = PublicYear(2025)
    inside = list_engagement(db, year.start, year.end)
    assert [r.activity for r in inside] == ["On 2026-03-31", "On 2025-04-01"]
    set_engagement_active(db, inside[0].id, False)
    assert len(list_engagement(db, year.start, year.end)) == 2
    assert len(list_engagement(db, year.start, year.end, include_inactive=False)) == 1
