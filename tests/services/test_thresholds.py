"""Threshold documents, versions, levels and partner sign-up, on a real SQLite file."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.thresholds import (
    DEFAULT_LEVEL_NAMES,
    SignupStatus,
    VersionStatus,
    next_version_label,
)
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import partnership as p
from partnerboard.services import threshold_levels as tl
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th

# name, sector, statutory partner
AGENCIES = [
    ("Council Children's Services", "local_authority", "local_authority"),
    ("Council Education", "local_authority", "none"),
    ("Constabulary", "police", "police"),
    ("Integrated Care Board", "health", "health"),
    ("Hospital Trust", "health", "none"),
    ("Community Health Trust", "health", "none"),
    ("Youth Project", "voluntary", "none"),
]


@pytest.fixture
def agencies(db) -> dict[str, int]:
    made = {}
    for name, sector, statutory in AGENCIES:
        row = p.save_agency(
            db, p.AgencyInput(name=name, sector=sector, statutory_partner=statutory)
        )
        made[name] = row.id
    return made


def agreed(on: date = date(2026, 5, 1), who: str = "A. Director") -> su.SignupInput:
    return su.SignupInput("agreed", who, "Director", on, "letter")


def test_a_first_version_takes_its_levels_from_the_settings(db, agencies):
    assert tl.level_names(db) == list(DEFAULT_LEVEL_NAMES)
    tl.save_level_names(db, ["Universal", "Additional", "Complex", "Acute", "Specialist"])
    document = th.save_document(db, "Continuum of need")
    v1 = th.create_version(db, document.id, th.VersionInput("1.0", "Continuum of need"))
    levels = tl.list_levels(db, v1.id)
    assert [(lv.number, lv.name) for lv in levels] == [
        (1, "Universal"),
        (2, "Additional"),
        (3, "Complex"),
        (4, "Acute"),
        (5, "Specialist"),
    ]
    with pytest.raises(ValidationFailed) as failed:
        tl.save_level_names(db, ["Universal", "universal"])
    assert "same name" in str(failed.value)


def test_a_new_version_copies_the_levels_and_only_drafts_can_change_them(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    v1 = th.create_version(db, document.id, th.VersionInput("1.0", "Threshold guidance"))
    edited = [
        tl.LevelRow(1, "Universal", "Needs met by universal services.", "On track."),
        tl.LevelRow(2, "Early help", "Additional needs; early help assessment.", None),
        tl.LevelRow(3, "Child in need", "Section 17 assessment.", "Impairment likely."),
        tl.LevelRow(4, "Child protection", "Section 47 enquiries.", "Significant harm."),
    ]
    tl.save_levels(db, v1.id, edited)
    th.save_version(
        db, v1.id, th.VersionInput("1.0", "Threshold guidance", "approved", date(2025, 3, 1))
    )
    with pytest.raises(UserError, match="Make a new version"):
        tl.save_levels(db, v1.id, edited[:2])
    v2 = th.create_version(db, document.id, th.VersionInput("2.0", "Threshold guidance (2026)"))
    assert tl.list_levels(db, v2.id) == tl.list_levels(db, v1.id)
    assert tl.list_levels(db, v1.id)[2].descriptors == "Section 17 assessment."


def test_approving_a_version_supersedes_the_one_before_and_makes_it_current(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    v1 = th.create_version(
        db, document.id, th.VersionInput("1.0", "Guidance", "approved", date(2024, 3, 1))
    )
    v2 = th.create_version(db, document.id, th.VersionInput("2.0", "Guidance"))
    versions = {v.version: v for v in th.list_versions(db, document.id)}
    assert versions["1.0"].is_current and not versions["2.0"].is_current
    th.save_version(
        db,
        v2.id,
        th.VersionInput("2.0", "Guidance", "approved", date(2026, 4, 2), date(2028, 3, 31)),
        expected_version=v2.row_version,
    )
    versions = {v.version: v for v in th.list_versions(db, document.id)}
    assert versions["1.0"].status is VersionStatus.SUPERSEDED
    assert versions["2.0"].status is VersionStatus.APPROVED and versions["2.0"].is_current
    with pytest.raises(ValidationFailed) as failed:
        th.save_version(db, v1.id, th.VersionInput("1.0", "Guidance", "draft"))
    assert failed.value.for_field("status")


def test_version_rules(db):
    document = th.save_document(db, "Threshold guidance")
    with pytest.raises(ValidationFailed) as failed:
        th.create_version(
            db,
            document.id,
            th.VersionInput("", "Guidance", "approved", None, date(2027, 1, 1)),
        )
    assert failed.value.for_field("version") and failed.value.for_field("approved_on")
    th.create_version(db, document.id, th.VersionInput("1.0", "Guidance"))
    with pytest.raises(ValidationFailed, match="already has a version 1.0"):
        th.create_version(db, document.id, th.VersionInput(" 1.0 ", "Guidance"))
    assert next_version_label("2.0") == "3.0" and next_version_label("v7") == "v8"


def test_a_new_version_starts_everyone_at_pending_and_keeps_the_earlier_signups(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    v1 = th.create_version(
        db, document.id, th.VersionInput("1.0", "Guidance", "approved", date(2024, 3, 1))
    )
    police, icb, youth = (
        agencies["Constabulary"],
        agencies["Integrated Care Board"],
        agencies["Youth Project"],
    )
    su.record_signup(db, v1.id, police, agreed(date(2024, 4, 2), "Chief Constable"))
    su.record_signup(db, v1.id, icb, agreed(date(2024, 5, 9)))
    su.record_signup(
        db,
        v1.id,
        youth,
        su.SignupInput("declined", None, None, date(2024, 6, 1), "email", "Too long"),
    )

    v2 = th.create_version(db, document.id, th.VersionInput("2.0", "Guidance"))
    th.save_version(db, v2.id, th.VersionInput("2.0", "Guidance", "approved", date(2026, 4, 2)))
    matrix = su.signup_matrix(db, document.id)
    assert [v.version for v in matrix.versions] == ["1.0", "2.0"]
    assert matrix.current is not None and matrix.current.id == v2.id
    by_name = {row.agency_name: row for row in matrix.rows}
    # Every agency is pending on the new version ...
    assert all(matrix.cell(row, v2.id).status is SignupStatus.PENDING for row in by_name.values())
    # ... and the earlier version's answers are all still there.
    old = {name: matrix.cell(row, v1.id) for name, row in by_name.items()}
    assert old["Constabulary"].status is SignupStatus.AGREED
    assert old["Constabulary"].signatory_name == "Chief Constable"
    assert old["Constabulary"].signed_on == date(2024, 4, 2)
    assert old["Integrated Care Board"].status is SignupStatus.AGREED
    assert old["Youth Project"].status is SignupStatus.DECLINED
    assert old["Youth Project"].note == "Too long"
    assert sum(1 for c in old.values() if c.status is SignupStatus.PENDING) == 4
    assert len(matrix.not_signed_current()) == len(AGENCIES)
    # Agreeing the new version moves that agency off the "not signed" list only.
    su.record_signup(db, v2.id, police, agreed(date(2026, 5, 1)))
    matrix = su.signup_matrix(db, document.id)
    assert "Constabulary" not in {r.agency_name for r in matrix.not_signed_current()}
    assert len(matrix.not_signed_current()) == len(AGENCIES) - 1
    assert matrix.cell(by_name["Constabulary"], v1.id).signed_on == date(2024, 4, 2)


def test_coverage_by_sector_matches_a_hand_count(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    version = th.create_version(
        db, document.id, th.VersionInput("1.0", "Guidance", "approved", date(2026, 1, 5))
    )
    for name in ("Council Children's Services", "Constabulary", "Hospital Trust", "Youth Project"):
        su.record_signup(db, version.id, agencies[name], agreed())
    su.record_signup(
        db,
        version.id,
        agencies["Community Health Trust"],
        su.SignupInput("declined", None, None, date(2026, 2, 1), "letter"),
    )
    lines = {
        line.label: (line.in_scope, line.agreed, line.declined, line.pending, line.percent_agreed)
        for line in su.coverage_by_sector(su.signup_matrix(db, document.id), version.id)
    }
    # By hand: local authority 2 (1 agreed, 1 pending); police 1 (agreed); health 3 (hospital
    # agreed, community declined, ICB pending); voluntary 1 (agreed). Statutory partners: the
    # council, police and ICB — 2 agreed, 1 pending. All: 7, 4 agreed, 1 declined, 2 pending.
    assert lines == {
        "Local authority": (2, 1, 0, 1, 50),
        "Police": (1, 1, 0, 0, 100),
        "Health": (3, 1, 1, 1, 33),
        "Voluntary & community": (1, 1, 0, 0, 100),
        "Statutory partners": (3, 2, 0, 1, 67),
        "All agencies": (7, 4, 1, 2, 57),
    }


def test_who_is_asked_to_sign_up(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    v1 = th.create_version(
        db, document.id, th.VersionInput("1.0", "Guidance", "approved", date(2024, 1, 5))
    )
    su.record_signup(db, v1.id, agencies["Youth Project"], agreed())
    v2 = th.create_version(
        db, document.id, th.VersionInput("2.0", "Guidance", "approved", date(2026, 1, 5))
    )
    # A youth project that agreed and then closed stays on record for v1 but not for v2.
    p.set_agency_active(db, agencies["Youth Project"], False)
    # A new partner joins after v2 was made: pending on v2, not asked about superseded v1.
    new = p.save_agency(db, p.AgencyInput(name="Fire and Rescue", sector="other")).id
    matrix = su.signup_matrix(db, document.id)
    rows = {row.agency_name: row for row in matrix.rows}
    assert matrix.cell(rows["Youth Project"], v1.id).status is SignupStatus.AGREED
    assert matrix.cell(rows["Youth Project"], v2.id) is None
    assert matrix.cell(rows["Fire and Rescue"], v1.id) is None
    assert matrix.cell(rows["Fire and Rescue"], v2.id).status is SignupStatus.PENDING
    su.record_signup(db, v2.id, new, agreed())
    matrix = su.signup_matrix(db, document.id)
    fire = next(row for row in matrix.rows if row.agency_id == new)
    assert matrix.cell(fire, v2.id).status is SignupStatus.AGREED


def test_signup_rules(db, agencies):
    document = th.save_document(db, "Threshold guidance")
    version = th.create_version(db, document.id, th.VersionInput("1.0", "Guidance"))
    with pytest.raises(ValidationFailed) as failed:
        su.record_signup(db, version.id, agencies["Constabulary"], su.SignupInput("agreed"))
    fields = {e.field for e in failed.value.errors}
    assert fields == {"signed_on", "method", "signatory_name"}
    with pytest.raises(ValidationFailed) as failed:
        su.record_signup(
            db,
            version.id,
            agencies["Constabulary"],
            su.SignupInput("pending", signed_on=date(2026, 1, 1)),
        )
    assert failed.value.for_field("signed_on")
    assert su.validate_signup(agreed(date(2026, 5, 2)), today=date(2026, 5, 1))[0].field == (
        "signed_on"
    )
