"""Findings tagged to themes; recommendations as action-log actions with the audit as source."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.actions import ActionStatus, Rag
from partnerboard.domain.audits import AuditStatus, FindingKind
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import audits
from partnerboard.services.actions import UpdateInput, add_update
from tests.fixtures_audits import AuditWorld


def test_findings_are_tagged_to_the_theme(audit_world: AuditWorld) -> None:
    w = audit_world
    strength = audits.save_finding(
        w.db, w.audit.id, audits.FindingInput("strength", "Health visitors knew the families.")
    )
    area = audits.save_finding(
        w.db,
        w.audit.id,
        audits.FindingInput(
            "Area for development", "Cumulative harm was missed.", "Information sharing"
        ),
    )
    assert (strength.kind, strength.theme_tag) == (FindingKind.STRENGTH, "Neglect")
    assert (area.kind, area.theme_tag) == (FindingKind.AREA_FOR_DEVELOPMENT, "Information sharing")
    with pytest.raises(ValidationFailed) as failed:
        audits.save_finding(w.db, w.audit.id, audits.FindingInput("opinion", " "))
    assert {e.field for e in failed.value.errors} == {"kind", "text"}
    themes = {t.theme: t for t in audits.findings_by_theme(w.db)}
    assert themes["Information sharing"].counts[FindingKind.AREA_FOR_DEVELOPMENT] == 1
    assert themes["Neglect"].audits == ("Neglect 2026",)


def test_recommendations_are_actions_with_the_audit_as_source(audit_world: AuditWorld) -> None:
    w = audit_world
    area = audits.save_finding(
        w.db,
        w.audit.id,
        audits.FindingInput("area_for_development", "Missed appointments were not followed up."),
    )
    action_id = audits.add_recommendation(
        w.db, w.audit.id,
        audits.RecommendationInput("Agree 'was not brought' guidance.", area.id, w.health.id, due_on=date(2027, 3, 31)),
    )  # fmt: skip
    with w.db.reader() as session:
        action = session.scalars(select(Action).where(Action.id == action_id)).one()
        assert (action.source_kind, action.source_audit_id, action.source_finding_id) == (
            "audit_finding", w.audit.id, area.id,
        )  # fmt: skip
        assert action.lead_agency_id == w.health.id and action.status == "open"
        assert action.source_note == "Recommendation of the multi-agency audit “Neglect 2026”"
    [row] = audits.list_recommendations(w.db, w.audit.id)
    assert (row.action_id, row.rag, row.lead_agency, row.complete) == (
        action_id,
        None,
        "WCH",
        False,
    )
    add_update(w.db, action_id, UpdateInput(date(2026, 11, 10), "Draft agreed.", "amber"))
    add_update(w.db, action_id, UpdateInput(date(2026, 11, 20), "Published.", "green"))
    [row] = audits.list_recommendations(w.db, w.audit.id)
    assert (row.rag, row.status, row.complete) == (Rag.GREEN, ActionStatus.OPEN, True)
    assert audits.list_findings(w.db, w.audit.id)[0].recommendations == 1
    with pytest.raises(UserError, match="points at this finding"):
        audits.delete_finding(w.db, area.id)


def test_a_closed_audit_takes_no_recommendation(audit_world: AuditWorld) -> None:
    w = audit_world
    for status in (AuditStatus.MODERATION, AuditStatus.REPORTED, AuditStatus.CLOSED):
        audits.set_status(w.db, w.audit.id, status)
    with pytest.raises(ValidationFailed, match="This audit is closed"):
        audits.add_recommendation(w.db, w.audit.id, audits.RecommendationInput("Something"))


def test_the_demo_programme(demo_db) -> None:
    programme = audits.programme(demo_db)
    assert [s.audit.theme for s in programme] == [
        "Domestic abuse", "Neglect", "Exploitation", "Missing from home",
    ]  # fmt: skip
    complete, current = programme[:3], programme[3]
    for s in complete:
        assert s.audit.status.complete and s.audit.reported_on is not None
        assert s.received == s.expected > 0
        assert s.figures.agreement.whole == s.received  # every return moderated
        assert 0 < s.figures.agreement.part < s.received
        assert s.findings[FindingKind.STRENGTH] and s.findings[FindingKind.AREA_FOR_DEVELOPMENT]
        assert s.recommendations >= 2
    assert current.audit.status == AuditStatus.IN_PROGRESS
    assert 0 < current.received < current.expected and current.figures.agreement.whole == 0
    reaudits = [c for c in audits.list_cases(demo_db, current.audit.id) if c.reaudit_of]
    assert len(reaudits) == 1 and reaudits[0].reaudit_of.endswith(
        "Child exploitation and contextual safeguarding"
    )
    rags = {r.rag for s in complete for r in audits.list_recommendations(demo_db, s.audit.id)}
    assert {Rag.GREEN, Rag.AMBER, Rag.RED} <= rags
    trend = audits.grade_trend(programme)
    assert trend.categories[0] == programme[0].trend_label and len(trend.series) == 4
