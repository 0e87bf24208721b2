"""The demo shows a living threshold agreement and escalation log."""

from __future__ import annotations

from datetime import timedelta

from partnerboard.domain.thresholds import SignupStatus, VersionStatus
from partnerboard.services import escalation_figures as ef
from partnerboard.services import escalations as es
from partnerboard.services import threshold_levels as tl
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from tests.clock import TODAY


def test_demo_has_two_versions_the_newer_approved_this_year_and_partly_signed(demo_db):
    (document,) = th.list_documents(demo_db)
    old, new = th.list_versions(demo_db, document.id)
    assert old.status is VersionStatus.SUPERSEDED
    assert new.status is VersionStatus.APPROVED and new.is_current
    assert new.approved_on is not None and new.approved_on.year == TODAY.year
    assert len(tl.list_levels(demo_db, new.id)) == 4
    assert all(level.descriptors and level.indicators for level in tl.list_levels(demo_db, new.id))
    matrix = su.signup_matrix(demo_db, document.id)
    statuses = [matrix.cell(row, new.id).status for row in matrix.rows]
    assert SignupStatus.PENDING in statuses and SignupStatus.AGREED in statuses
    agreed = statuses.count(SignupStatus.AGREED)
    assert len(statuses) // 2 < agreed < len(statuses)
    assert 0 < len(matrix.not_signed_current()) < len(statuses)


def test_demo_has_a_year_of_escalations_across_stages(demo_db):
    rows = es.list_escalations(demo_db)
    assert len(rows) >= 25
    assert min(r.raised_on for r in rows) >= TODAY - timedelta(days=366)
    assert {r.stage for r in rows} == {1, 2, 3, 4}
    assert any(r.restricted for r in rows) and any(r.is_open for r in rows)
    figures = ef.escalation_figures(demo_db)
    assert figures.median_days_to_resolve is not None and figures.open > 0
    assert len(figures.quarters) >= 4
    assert ef.learning_theme_rows(demo_db)
