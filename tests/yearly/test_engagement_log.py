"""The engagement log's rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from partnerboard.domain.engagement import EngagementInput
from partnerboard.domain.public_sector_year import whole_year
from partnerboard.errors import ValidationFailed
from partnerboard.services.engagement import (
    list_engagement,
    save_engagement,
    set_engagement_active,
)
from tests.clock import TODAY


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
    year = whole_year(2025)
    inside = list_engagement(db, year.start, year.end)
    assert [r.activity for r in inside] == ["On 2026-03-31", "On 2025-04-01"]
    set_engagement_active(db, inside[0].id, False)
    assert len(list_engagement(db, year.start, year.end)) == 2
    assert len(list_engagement(db, year.start, year.end, include_inactive=False)) == 1
