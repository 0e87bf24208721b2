"""The escalation log: stages, figures checked against a hand count, who sees restricted ones."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.domain.thresholds import EscalationCategory
from partnerboard.errors import NotFound, UserError, ValidationFailed
from partnerboard.services import escalation_figures as ef
from partnerboard.services import escalation_steps as es_steps
from partnerboard.services import escalations as es
from partnerboard.services import partnership as p


@pytest.fixture
def agencies(db) -> dict[str, int]:
    return {
        key: p.save_agency(db, p.AgencyInput(name=name, sector=sector)).id
        for key, name, sector in [
            ("school", "Heronsgate Academy", "education"),
            ("council", "Children's Services", "local_authority"),
            ("police", "Constabulary", "police"),
        ]
    }


def raise_one(db, agencies, raised_on, category="threshold_disagreement", **extra):
    data = es.EscalationInput(
        raised_on=raised_on,
        raising_agency_id=agencies["school"],
        other_agency_id=agencies["council"],
        category=category,
        summary="Referral assessed at level 2; the school thought level 3.",
    )
    row = es.save_escalation(db, data)
    for stage, on in extra.get("steps", []):
        row = es_steps.add_step(db, row.id, stage, on)
    if "resolved_on" in extra:
        data.resolved_on = extra["resolved_on"]
        data.outcome = "Assessment opened."
        data.learning_theme = extra.get("theme")
        data.restricted = extra.get("restricted", False)
        row = es.save_escalation(db, data, row.id, row.row_version)
    elif extra.get("restricted"):
        data.restricted = True
        row = es.save_escalation(db, data, row.id, row.row_version)
    return row


def test_an_escalation_climbs_the_stages_with_a_date_for_each(db, agencies):
    row = raise_one(db, agencies, date(2026, 3, 2))
    assert row.reference == "E2026-001" and row.stage == 1
    assert [(s.stage, s.on_date) for s in row.steps] == [(1, date(2026, 3, 2))]
    row = es_steps.add_step(db, row.id, 2, date(2026, 3, 9), "Team managers met")
    row = es_steps.add_step(db, row.id, 3, date(2026, 3, 20))
    assert row.stage == 3 and row.reached_on(2) == date(2026, 3, 9)
    with pytest.raises(ValidationFailed, match="already at stage 3"):
        es_steps.add_step(db, row.id, 2, date(2026, 3, 21))
    with pytest.raises(ValidationFailed, match="reached later"):
        es_steps.add_step(db, row.id, 4, date(2026, 3, 19))
    row = es_steps.remove_last_step(db, row.id)
    assert row.stage == 2 and row.reached_on(3) is None
    second = raise_one(db, agencies, date(2026, 4, 1))
    assert second.reference == "E2026-002"
    # Moving the raising date past a later stage is refused; the dates must stay in order.
    data = es.EscalationInput(
        date(2026, 3, 10), agencies["school"], agencies["council"], "plan_drift"
    )
    with pytest.raises(ValidationFailed) as failed:
        es.save_escalation(db, data, row.id)
    assert failed.value.for_field("raised_on")


def test_escalation_rules(db, agencies):
    with pytest.raises(ValidationFailed) as failed:
        es.save_escalation(
            db,
            es.EscalationInput(
                date(2026, 3, 2),
                agencies["school"],
                agencies["school"],
                None,
                resolved_on=date(2026, 3, 1),
            ),
        )
    fields = {e.field for e in failed.value.errors}
    assert fields == {"other_agency_id", "category", "resolved_on", "outcome"}
    assert es.list_escalations(db) == []


def test_figures_match_a_hand_count(db, agencies):
    # raised          resolved       days  stage  category          financial quarter
    # 10/04/2026      13/04/2026        3  1      threshold         Q1 2026/27
    # 20/05/2026      30/05/2026       10  2      threshold         Q1
    # 01/06/2026      22/06/2026       21  2      referral declined Q1
    # 15/10/2026      24/11/2026 ...   open 3     plan drift        Q3 2026/27 (Q2 has none)
    # 05/11/2026      open              -  1      referral declined Q3
    # 02/02/2026      14/03/2026       40  4      info sharing      Q4 2025/26
    raise_one(db, agencies, date(2026, 4, 10), resolved_on=date(2026, 4, 13))
    raise_one(
        db,
        agencies,
        date(2026, 5, 20),
        steps=[(2, date(2026, 5, 25))],
        resolved_on=date(2026, 5, 30),
    )
    raise_one(
        db,
        agencies,
        date(2026, 6, 1),
        "referral_declined",
        steps=[(2, date(2026, 6, 8))],
        resolved_on=date(2026, 6, 22),
    )
    raise_one(
        db,
        agencies,
        date(2026, 10, 15),
        "plan_drift",
        steps=[(2, date(2026, 10, 20)), (3, date(2026, 11, 1))],
    )
    raise_one(db, agencies, date(2026, 11, 5), "referral_declined")
    raise_one(
        db,
        agencies,
        date(2026, 2, 2),
        "information_sharing",
        steps=[(2, date(2026, 2, 9)), (3, date(2026, 2, 16)), (4, date(2026, 3, 2))],
        resolved_on=date(2026, 3, 14),
    )
    figures = ef.escalation_figures(db)
    assert (figures.raised, figures.open, figures.resolved) == (6, 2, 4)
    assert figures.open_by_stage == (1, 0, 1, 0)
    assert figures.highest_stage == (2, 2, 1, 1)
    # Days to resolve: 3, 10, 21, 40 -> median (10 + 21) / 2.
    assert figures.median_days_to_resolve == 15.5
    assert figures.by_category == (2, 2, 1, 1, 0)
    assert [(q.label, q.counts) for q in figures.quarters] == [
        ("Q4 2025/26", (0, 0, 0, 1, 0)),
        ("Q1 2026/27", (2, 1, 0, 0, 0)),
        ("Q2 2026/27", (0, 0, 0, 0, 0)),
        ("Q3 2026/27", (0, 1, 1, 0, 0)),
    ]
    # A period counts escalations raised in it: from April, the 40-day one drops out.
    since_april = ef.escalation_figures(db, since=date(2026, 4, 1))
    assert since_april.raised == 5 and since_april.median_days_to_resolve == 10
    assert list(EscalationCategory)[0] is EscalationCategory.THRESHOLD


@pytest.fixture
def mixed_log(db, agencies):
    """Three escalations, one restricted; returns the restricted one."""
    raise_one(db, agencies, date(2026, 4, 10), resolved_on=date(2026, 4, 20), theme="Feedback")
    raise_one(db, agencies, date(2026, 5, 10), "plan_drift")
    return raise_one(
        db,
        agencies,
        date(2026, 6, 1),
        "other",
        steps=[(2, date(2026, 6, 5))],
        resolved_on=date(2026, 6, 30),
        theme="Feedback",
        restricted=True,
    )


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        (Role.BUSINESS_SUPPORT, True),
        (Role.CHAIR, True),
        (Role.MEMBER, False),
        (Role.READ_ONLY, False),
    ],
)
def test_restricted_escalations_only_for_those_who_may_see_them(db_path, mixed_log, role, sees):
    reader = open_database(str(db_path), principal=Principal(name="Someone", role=role))
    try:
        rows = es.list_escalations(reader)
        figures = ef.escalation_figures(reader)
        themes = ef.learning_theme_rows(reader)
        assert (mixed_log.id in {r.id for r in rows}) is sees
        assert figures.raised == (3 if sees else 2)
        assert figures.median_days_to_resolve == (19.5 if sees else 10)
        assert figures.by_category[-1] == (1 if sees else 0)
        assert figures.highest_stage == ((2, 1, 0, 0) if sees else (2, 0, 0, 0))
        assert [(t.theme, t.escalations) for t in themes] == [("Feedback", 2 if sees else 1)]
        assert es.open_count(reader) == 1
        if sees:
            assert es.get_escalation(reader, mixed_log.id).restricted
        else:
            with pytest.raises(NotFound):
                es.get_escalation(reader, mixed_log.id)
            with pytest.raises(NotFound):
                es_steps.add_step(reader, mixed_log.id, 3, date(2026, 6, 10))
    finally:
        reader.close()


def test_a_learning_theme_becomes_one_action(db, agencies, mixed_log):
    reference = ef.create_action_from_theme(
        db,
        "feedback",
        ef.ThemeActionInput(
            text="Tell every referrer the outcome of their referral within 3 working days",
            lead_agency_id=agencies["council"],
            due_on=date(2027, 3, 31),
        ),
    )
    with db.reader() as session:
        action = session.scalars(select(Action).where(Action.reference == reference)).one()
        assert action.source_kind == "escalation_learning"
        assert action.lead_agency_id == agencies["council"]
        assert "E2026-001" in action.source_note and mixed_log.reference in action.source_note
        assert action.restricted  # made from a restricted escalation
    themes = ef.learning_theme_rows(db)
    assert themes[0].action_references == (reference,) and themes[0].without_action == 0
    assert all(r.learning_action == reference for r in ef.escalations_of_theme(db, "Feedback"))
    with pytest.raises(UserError, match="already linked"):
        ef.create_action_from_theme(db, "Feedback", ef.ThemeActionInput(text="Again"))
    with pytest.raises(ValidationFailed):
        ef.create_action_from_theme(db, "Feedback", ef.ThemeActionInput(text=" "))
