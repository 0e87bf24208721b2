"""Indicators and their figures: versioned definitions, corrections kept, every value audited."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from partnerboard.db.models.access import AuditEntry
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import performance as perf
from partnerboard.services.performance.values import history
from tests.clock import TODAY, pin

Q1, Q2 = "2026/27-Q1", "2026/27-Q2"  # TODAY is in Q3 2026/27: Q2 is the latest complete


def _fields(failed: ValidationFailed) -> dict[str, str]:
    return {e.field: e.message for e in failed.errors}


def test_an_indicator_is_saved_with_its_rules(db, dataset):
    row = perf.get_indicator(db, dataset.rereferrals.id)
    assert (row.unit.value, row.polarity.value, row.target, row.tolerance) == (
        "percentage",
        "lower",
        20,
        3,
    )
    assert row.has_parts and row.target_text() == "20% (±3)"
    assert row.comparator_text() == "England 22.4% (2024/25)"
    with pytest.raises(ValidationFailed) as failed:
        perf.save_indicator(db, perf.IndicatorInput(reference="fd4", title="Another", unit="count"))
    assert "already an indicator FD4" in _fields(failed.value)["reference"]
    with pytest.raises(ValidationFailed) as failed:
        perf.save_indicator(
            db,
            perf.IndicatorInput(
                reference="X1", title="Context", polarity="context", target=5, numerator="a"
            ),
        )
    fields = _fields(failed.value)
    assert "context-only" in fields["target"] and "denominator" in fields


def test_a_changed_definition_starts_a_new_series_and_keeps_the_old_one(db, dataset):
    old = dataset.timeliness
    perf.record_value(db, old.id, perf.ValueInput(Q1, value=88))
    # The target alone changes in place.
    same = perf.save_indicator(db, _input(old, target=90), old.id, expected_version=old.row_version)
    assert same.id == old.id and same.version == 1 and same.target == 90
    # What is counted changes: a new series.
    new = perf.save_indicator(
        db,
        _input(same, definition="Now counted from the strategy discussion's decision."),
        same.id,
        expected_version=same.row_version,
    )
    assert new.id != old.id and (new.reference, new.version) == ("CP3", 2)
    assert new.replaces_id == old.id and new.starts == Q2
    stored = perf.get_indicator(db, old.id)
    assert not stored.active and stored.status == "superseded"
    assert [v.period.key for v in perf.period_values(db, old.id)] == [Q1]  # still readable
    assert perf.period_values(db, new.id) == []
    assert [v.version for v in perf.versions(db, new.id)] == [2, 1]
    with pytest.raises(UserError):
        perf.record_value(db, old.id, perf.ValueInput(Q2, value=80, commentary="x"))
    with pytest.raises(ValidationFailed) as failed:  # before the new definition starts
        perf.record_value(db, new.id, perf.ValueInput(Q1, value=88))
    assert "starts at Q2 2026/27" in _fields(failed.value)["period"]


def _input(row, **changes) -> perf.IndicatorInput:
    data = perf.IndicatorInput(
        reference=row.reference,
        title=row.title,
        unit=row.unit.value,
        polarity=row.polarity.value,
        frequency=row.frequency.value,
        definition=row.definition,
        numerator=row.numerator,
        denominator=row.denominator,
        theme=row.theme,
        agency_id=row.agency_id,
        target=row.target,
        tolerance=row.tolerance,
    )
    for key, value in changes.items():
        setattr(data, key, value)
    return data


def test_figures_are_checked_for_their_period(db, dataset):
    with pytest.raises(ValidationFailed) as failed:
        perf.record_value(db, dataset.timeliness.id, perf.ValueInput("2026/27-Q4", value=90))
    assert "has not started" in _fields(failed.value)["period"]
    with pytest.raises(ValidationFailed) as failed:
        perf.record_value(db, dataset.timeliness.id, perf.ValueInput("June 2026", value=90))
    assert "quarterly" in _fields(failed.value)["period"]
    with pytest.raises(ValidationFailed) as failed:
        perf.record_value(
            db, dataset.rereferrals.id, perf.ValueInput(Q2, numerator=70, denominator=50)
        )
    assert "larger than the denominator" in _fields(failed.value)["numerator"]


def test_a_correction_needs_a_reason_and_the_history_is_kept(db, dataset):
    indicator = dataset.rereferrals.id
    first = perf.record_value(db, indicator, perf.ValueInput(Q2, numerator=45, denominator=250))
    assert first.value == pytest.approx(18.0)
    assert (
        perf.record_value(db, indicator, perf.ValueInput(Q2, numerator=45, denominator=250)) is None
    )
    with pytest.raises(ValidationFailed) as failed:
        perf.record_value(db, indicator, perf.ValueInput(Q2, numerator=50, denominator=250))
    assert "say why it is corrected" in _fields(failed.value)["correction_reason"]
    pin(db, TODAY.replace(day=28))  # corrected five days later
    perf.record_value(
        db,
        indicator,
        perf.ValueInput(
            Q2, numerator=50, denominator=250, correction_reason="Late referrals added"
        ),
    )
    records = history(db, indicator)
    assert [(r.value, r.correction_reason) for r in records] == [
        (pytest.approx(20.0), "Late referrals added"),
        (pytest.approx(18.0), None),
    ]
    current = perf.period_values(db, indicator)
    assert current[0].row.value == pytest.approx(20.0) and current[0].corrections == 1
    # As it stood before the correction.
    before = perf.period_values(db, indicator, as_of=TODAY)
    assert before[0].row.value == pytest.approx(18.0)


def test_the_audit_trail_records_every_value(db, db_path, dataset):
    perf.record_value(db, dataset.missing.id, perf.ValueInput(Q2, value=132))
    perf.record_value(
        db, dataset.missing.id, perf.ValueInput(Q2, value=135, correction_reason="Recount")
    )
    with db.reader() as session:
        entries = session.execute(
            select(AuditEntry.action, AuditEntry.after).where(
                AuditEntry.table_name == "indicator_value"
            )
        ).all()
    assert [action for action, _after in entries] == ["insert", "insert"]
    stored = [json.loads(after) for _action, after in entries]
    assert [(s["value"], s["correction_reason"]) for s in stored] == [(132, None), (135, "Recount")]
