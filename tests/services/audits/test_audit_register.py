"""The audit register, its case sample (anonymised references only) and re-audits."""

from __future__ import annotations

from datetime import datetime

import pytest

from partnerboard.domain.audits import AuditStatus, Grade
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import audits
from tests.fixtures_audits import AuditWorld, snapshot


def refused(world: AuditWorld, reference: str) -> list[str]:
    before = snapshot(world.db)
    with pytest.raises(ValidationFailed) as failed:
        audits.save_case(world.db, world.audit.id, audits.CaseInput(reference, [world.police.id]))
    assert snapshot(world.db) == before
    return failed.value.for_field("reference")


def test_the_audit_as_saved(audit_world: AuditWorld) -> None:
    audit = audit_world.audit
    assert (audit.theme, audit.status, audit.cases) == ("Neglect", AuditStatus.IN_PROGRESS, 3)
    assert audit.questions == (
        "Was cumulative harm recognised?",
        "Were missed appointments followed up?",
    )
    assert audit.agency_names == (
        "Heronsgate Academy",
        "Wrenfield Community Health",
        "Wrenfield Constabulary",
    )
    assert audits.resolve_audit(audit_world.db, "latest").id == audit.id
    assert audits.resolve_audit(audit_world.db, str(audit.id)).id == audit.id
    assert audits.resolve_audit(audit_world.db, "neglect 2026").id == audit.id
    with pytest.raises(UserError, match="There is no multi-agency audit “99”"):
        audits.resolve_audit(audit_world.db, "99")


@pytest.mark.parametrize(
    ("reference", "fragment"),
    [
        ("Jane Smith", "look like names"),
        ("NG Kayden 04", "“Kayden” looks like a name"),
        ("NG-12/03/2015", "looks like it holds a date (of birth?)"),
        ("DOB 2015-03-12", "looks like it holds a date"),
        ("Child H 12 March 2015", "looks like it holds a date"),
    ],
)
def test_a_reference_that_looks_like_a_name_or_a_birth_date_is_refused(
    audit_world: AuditWorld, reference: str, fragment: str
) -> None:
    messages = refused(audit_world, reference)
    assert any(fragment in m for m in messages), messages


def test_the_reference_pattern_is_a_setting(audit_world: AuditWorld) -> None:
    db = audit_world.db
    assert audits.reference_pattern(db) is None
    with pytest.raises(ValidationFailed, match="not a valid pattern"):
        audits.save_reference_pattern(db, "NG-(")
    audits.save_reference_pattern(db, r"NG-\d{4}-\d{2}")
    assert audits.reference_pattern(db) == r"NG-\d{4}-\d{2}"
    messages = refused(audit_world, "Child H")
    assert messages == [
        r"“Child H” does not follow the partnership's pattern for references (NG-\d{4}-\d{2})."
    ]
    saved = audits.save_case(
        db, audit_world.audit.id, audits.CaseInput("NG-2026-04", [audit_world.police.id])
    )
    assert saved.reference == "NG-2026-04"
    audits.save_reference_pattern(db, "  ")
    assert audits.reference_pattern(db) is None


def test_case_rules(audit_world: AuditWorld) -> None:
    w = audit_world
    with pytest.raises(ValidationFailed) as failed:
        audits.save_case(w.db, w.audit.id, audits.CaseInput("NG-2026-01", [w.charity.id]))
    assert failed.value.for_field("reference") == ["The sample already has a case NG-2026-01."]
    assert "Open Door Youth Project" in failed.value.for_field("agency_ids")[0]
    with pytest.raises(ValidationFailed, match="Tick the agencies"):
        audits.save_case(w.db, w.audit.id, audits.CaseInput("NG-2026-09", []))
    stale = w.case(1)
    audits.save_case(
        w.db, w.audit.id, audits.CaseInput("NG-2026-01", [w.police.id]), stale.id, stale.row_version
    )
    with pytest.raises(StaleRecord):
        audits.save_case(
            w.db,
            w.audit.id,
            audits.CaseInput("NG-2026-01", [w.police.id, w.health.id]),
            stale.id,
            stale.row_version,
        )


def test_status_moves_one_step_at_a_time(audit_world: AuditWorld) -> None:
    w = audit_world
    with pytest.raises(ValidationFailed, match="from In progress it can go to Moderation next"):
        audits.set_status(w.db, w.audit.id, AuditStatus.CLOSED)
    assert (
        audits.set_status(w.db, w.audit.id, AuditStatus.MODERATION).status == AuditStatus.MODERATION
    )
    reported = audits.set_status(w.db, w.audit.id, AuditStatus.REPORTED)
    assert reported.reported_on is not None
    with pytest.raises(UserError, match="its sample is fixed"):
        audits.save_case(w.db, w.audit.id, audits.CaseInput("NG-2026-07", [w.police.id]))


def _return(world: AuditWorld, agency_id: int, case: int, grade: Grade) -> None:
    data = audits.SubmissionData(
        world.audit.id, agency_id,
        (audits.CaseReturnData(world.case(case).id, "Involved", "Reflected", grade.value, None),),
        content_hash=f"{agency_id}-{case}", received_at=datetime(2026, 6, 1),
    )  # fmt: skip
    with world.db.session() as session:
        audits.record_submission(session, data)


def test_an_agency_with_returns_stays_in_the_audit(audit_world: AuditWorld) -> None:
    w = audit_world
    _return(w, w.police.id, 1, Grade.GOOD)
    keep = [w.health.id, w.school.id]
    with pytest.raises(ValidationFailed, match="Wrenfield Constabulary sent returns"):
        audits.save_audit(
            w.db, audits.AuditInput("Neglect", "Neglect 2026", agency_ids=keep), w.audit.id
        )
    # The school has none: it leaves the audit, and its cases lose it.
    audits.save_audit(
        w.db,
        audits.AuditInput("Neglect", "Neglect 2026", agency_ids=[w.police.id, w.health.id]),
        w.audit.id,
    )
    cases = {c.reference: c.agency_ids for c in audits.list_cases(w.db, w.audit.id)}
    assert cases["NG-2026-02"] == (w.health.id,)


def test_a_case_graded_inadequate_is_flagged_and_its_reaudit_linked(
    audit_world: AuditWorld,
) -> None:
    w = audit_world
    _return(w, w.police.id, 1, Grade.INADEQUATE)
    _return(w, w.health.id, 2, Grade.GOOD)
    with pytest.raises(UserError, match="not due a re-audit"):
        audits.start_reaudit(w.db, w.case(2).id, w.audit.id)
    later = audits.save_audit(
        w.db, audits.AuditInput("Neglect", "Neglect re-audit 2027", agency_ids=[w.school.id])
    )
    reaudit = audits.start_reaudit(w.db, w.case(1).id, later.id)
    assert reaudit.reference == "NG-2026-01" and reaudit.reaudit_of == "NG-2026-01 in Neglect 2026"
    # The agencies of the original case now take part in the later audit too.
    assert set(audits.get_audit(w.db, later.id).agency_ids) == {
        w.school.id,
        w.police.id,
        w.health.id,
    }
    original = next(c for c in audits.list_cases(w.db, w.audit.id) if c.id == w.case(1).id)
    assert original.flagged and original.reaudited_as == ("NG-2026-01 in Neglect re-audit 2027",)
    rows = [r for r in audits.grade_rows(w.db, w.audit.id) if r.case_id == w.case(1).id]
    assert all(
        r.reaudited and r.reaudit == "Re-audited as NG-2026-01 in Neglect re-audit 2027"
        for r in rows
    )
    with pytest.raises(ValidationFailed, match="already has a case"):
        audits.start_reaudit(w.db, w.case(1).id, later.id)


def test_a_case_with_returns_cannot_be_removed(audit_world: AuditWorld) -> None:
    w = audit_world
    _return(w, w.police.id, 1, Grade.GOOD)
    with pytest.raises(UserError, match="stays in the sample"):
        audits.remove_case(w.db, w.case(1).id)
    audits.remove_case(w.db, w.case(2).id)
    assert [c.reference for c in audits.list_cases(w.db, w.audit.id)] == [
        "NG-2026-01",
        "NG-2026-03",
    ]
