"""The figures of an audit against a hand count: current returns only, latest moderation only."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.audits import (
    AuditFigures,
    AuditStatus,
    Grade,
    GradedReturn,
    Share,
    audit_figures,
)
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import audits
from partnerboard.services.partnership import ensure_partnership
from tests.clock import TODAY
from tests.fixtures_audits import AuditWorld, make_audit_world

G = Grade


def submit(world: AuditWorld, agency_id: int, grades: dict[int, Grade], tag: str = "") -> int:
    """Record one agency's workbook (as the importer would); how many case returns changed."""
    data = audits.SubmissionData(
        world.audit.id,
        agency_id,
        tuple(
            audits.CaseReturnData(world.case(n).id, "Involved", "Reflection", g.value, None)
            for n, g in grades.items()
        ),
        content_hash=f"{agency_id}-{tag}",
        received_at=datetime(2026, 6, 1, 10),
    )
    with world.db.session() as session:
        return audits.record_submission(session, data)


def current(world: AuditWorld, case: int, agency_id: int) -> audits.GradeRow:
    return next(
        r
        for r in audits.grade_rows(world.db, world.audit.id)
        if r.case_id == world.case(case).id and r.agency_id == agency_id
    )


def moderate(world, case, agency_id, agreed, grade=None, on=date(2026, 7, 1)) -> None:
    row = current(world, case, agency_id)
    assert row.return_id is not None
    audits.moderate(
        world.db, row.return_id, audits.ModerationInput(agreed, "Quality Lead", on, grade)
    )


@pytest.fixture
def any_backend_world(storage_target):
    """The audit world on SQLite and on PostgreSQL (the figures are counted in SQL and Python)."""
    db = open_database(storage_target)
    ensure_partnership(db)
    yield make_audit_world(db)
    db.close()


def test_figures_match_a_hand_count(any_backend_world: AuditWorld) -> None:
    w = any_backend_world
    police, health, school = w.police.id, w.health.id, w.school.id
    assert submit(w, police, {1: G.GOOD, 3: G.INADEQUATE}) == 2
    assert submit(w, health, {1: G.REQUIRES_IMPROVEMENT, 2: G.GOOD}) == 2
    assert submit(w, school, {2: G.OUTSTANDING, 3: G.REQUIRES_IMPROVEMENT}) == 2
    # Moderated, then superseded by a re-submission: neither counts any more.
    moderate(w, 2, health, agreed=True)
    assert submit(w, health, {1: G.REQUIRES_IMPROVEMENT, 2: G.INADEQUATE}, "again") == 1
    moderate(w, 1, police, agreed=True)
    moderate(w, 3, police, agreed=False, grade="Requires improvement")
    # The latest moderation by date counts, whatever the order of entry.
    moderate(w, 1, health, agreed=False, grade="inadequate", on=date(2026, 7, 2))
    moderate(w, 1, health, agreed=True, on=date(2026, 6, 20))
    moderate(w, 2, school, agreed=False, grade="Good")

    rows = audits.grade_rows(w.db, w.audit.id)
    assert len(rows) == 6  # every case × involved agency, all returned
    # Hand count of the current returns, final grade = moderated where moderated:
    #   police 01 Good (agreed)          police 03 Inadequate -> RI (not agreed)
    #   health 01 RI -> Inadequate (latest: not agreed)   health 02 Inadequate (not moderated)
    #   school 02 Outstanding -> Good (not agreed)        school 03 RI (not moderated)
    finals = {(r.case_reference, r.agency_name): r.final_grade for r in rows}
    assert finals[("NG-2026-01", "Wrenfield Community Health")] == G.INADEQUATE
    assert finals[("NG-2026-02", "Wrenfield Community Health")] == G.INADEQUATE
    figures = audits.figures_of(rows)
    assert figures.own_counts == (1, 1, 2, 2)
    assert figures.final_counts == (0, 2, 2, 2)
    assert figures.ri_or_better == Share(4, 6)
    assert str(figures.ri_or_better) == "67% (4 of 6)"
    assert figures.agreement == Share(1, 4)
    assert str(figures.agreement) == "25% (1 of 4)"
    flagged = {r.case_reference for r in rows if r.flagged}
    assert flagged == {"NG-2026-01", "NG-2026-02"}  # 03 was moderated up from Inadequate
    summary = audits.audit_summary(w.db, w.audit.id)
    assert (summary.expected, summary.received, summary.flagged) == (6, 6, 2)
    assert summary.figures == figures


def test_an_unchanged_case_keeps_its_return_and_moderation(audit_world: AuditWorld) -> None:
    w = audit_world
    submit(w, w.police.id, {1: G.GOOD, 3: G.GOOD})
    moderate(w, 1, w.police.id, agreed=True)
    moderate(w, 3, w.police.id, agreed=True)
    first, third = current(w, 1, w.police.id), current(w, 3, w.police.id)
    assert submit(w, w.police.id, {1: G.GOOD, 3: G.REQUIRES_IMPROVEMENT}, "changed") == 1
    kept, replaced = current(w, 1, w.police.id), current(w, 3, w.police.id)
    assert kept.return_id == first.return_id and kept.agreed is True
    assert replaced.return_id != third.return_id and replaced.agreed is None
    assert replaced.grade == G.REQUIRES_IMPROVEMENT
    # The very same values again change nothing.
    assert submit(w, w.police.id, {1: G.GOOD, 3: G.REQUIRES_IMPROVEMENT}, "again") == 0


def test_awaited_returns_are_listed_but_not_counted(audit_world: AuditWorld) -> None:
    w = audit_world
    submit(w, w.school.id, {2: G.INADEQUATE})
    rows = audits.grade_rows(w.db, w.audit.id)
    assert sum(1 for r in rows if r.return_id is None) == 5
    figures = audits.figures_of(rows)
    assert figures.ri_or_better == Share(0, 1)
    assert figures.agreement == Share(0, 0) and str(figures.agreement) == "– (none yet)"


def test_moderation_rules(audit_world: AuditWorld) -> None:
    w = audit_world
    submit(w, w.police.id, {1: G.GOOD})
    row = current(w, 1, w.police.id)
    moderation = audits.ModerationInput
    with pytest.raises(ValidationFailed) as agreed_but_other:
        audits.moderate(w.db, row.return_id, moderation(True, "Lead", TODAY, "inadequate"))
    assert "Agreeing keeps the agency's grade (Good)" in str(agreed_but_other.value)
    with pytest.raises(ValidationFailed) as same:
        audits.moderate(w.db, row.return_id, moderation(False, "Lead", TODAY, "good"))
    assert "did not agree with Good" in str(same.value)
    with pytest.raises(ValidationFailed) as nobody:
        audits.moderate(w.db, row.return_id, moderation(True, " ", TODAY))
    assert nobody.value.for_field("moderator") == ["Name the moderator."]
    audits.set_status(w.db, w.audit.id, AuditStatus.MODERATION)
    audits.set_status(w.db, w.audit.id, AuditStatus.REPORTED)
    with pytest.raises(UserError, match="Moderation is recorded while"):
        audits.moderate(w.db, row.return_id, moderation(True, "Lead", TODAY))


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [
        (19, 30, "63% (19 of 30)"),
        (1, 8, "13% (1 of 8)"),
        (0, 5, "0% (0 of 5)"),
        (3, 3, "100% (3 of 3)"),
    ],
)
def test_shares_round_half_up(part: int, whole: int, shown: str) -> None:
    assert str(Share(part, whole)) == shown


def test_domain_figures_on_plain_values() -> None:
    figures: AuditFigures = audit_figures(
        [
            GradedReturn(G.GOOD, G.GOOD, True),
            GradedReturn(G.INADEQUATE, G.REQUIRES_IMPROVEMENT, False),
            GradedReturn(G.REQUIRES_IMPROVEMENT),
            GradedReturn(G.OUTSTANDING, G.INADEQUATE, False),
        ]
    )
    assert figures.returns == 4 and figures.graded == 4
    assert figures.ri_or_better == Share(3, 4)
    assert figures.agreement == Share(1, 3)
    assert figures.final_count(G.INADEQUATE) == 1
