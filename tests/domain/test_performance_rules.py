"""RAG by polarity, direction of travel, exceptions, and what makes a figure possible."""

from __future__ import annotations

import pytest

from partnerboard.domain.actions import Rag
from partnerboard.domain.performance import (
    Direction,
    Figure,
    Measure,
    Polarity,
    Unit,
    check_figure,
    format_figure,
    is_exception,
)

HIGHER = Measure(Unit.PERCENTAGE, Polarity.HIGHER, target=90, tolerance=5)
LOWER = Measure(Unit.PERCENTAGE, Polarity.LOWER, target=20, tolerance=2, has_parts=True)
RATE = Measure(Unit.RATE, Polarity.CONTEXT, has_parts=True)
COUNT = Measure(Unit.COUNT, Polarity.LOWER, target=10)


@pytest.mark.parametrize(
    "measure, value, rag",
    [
        (HIGHER, 92, Rag.GREEN),
        (HIGHER, 90, Rag.GREEN),
        (HIGHER, 85, Rag.AMBER),
        (HIGHER, 84.9, Rag.RED),
        (LOWER, 18, Rag.GREEN),
        (LOWER, 20, Rag.GREEN),
        (LOWER, 22, Rag.AMBER),
        (LOWER, 22.1, Rag.RED),
        (COUNT, 11, Rag.RED),  # no tolerance: only green and red
        (RATE, 400, None),  # context only
        (Measure(Unit.DAYS, Polarity.LOWER), 12, None),  # no target
    ],
)
def test_rag_against_the_target_by_polarity(measure, value, rag):
    assert measure.rag(value) is rag


def test_direction_reads_the_polarity():
    assert HIGHER.direction(88, 85) is Direction.IMPROVING
    assert HIGHER.direction(80, 85) is Direction.WORSENING
    assert LOWER.direction(18, 21) is Direction.IMPROVING
    assert LOWER.direction(23, 21) is Direction.WORSENING
    assert LOWER.direction(21, 21) is Direction.SAME
    assert RATE.direction(410, 400) is Direction.UP
    assert HIGHER.direction(88, None) is Direction.NONE


def test_an_exception_is_red_or_worsening_twice():
    assert is_exception(Rag.RED, Direction.IMPROVING, Direction.NONE)
    assert is_exception(Rag.GREEN, Direction.WORSENING, Direction.WORSENING)
    assert not is_exception(Rag.AMBER, Direction.WORSENING, Direction.IMPROVING)


def _errors(measure, before=None, **given):
    checked, errors = check_figure(measure, Figure(**given), before=before)
    return checked, {e.field: e.message for e in errors}


def test_a_percentage_comes_from_numerator_and_denominator():
    checked, errors = _errors(LOWER, value=None, numerator=45, denominator=250)
    assert not errors and checked.value == pytest.approx(18.0)
    checked, errors = _errors(LOWER, value="18%", numerator=45, denominator=250)
    assert not errors and checked.value == 18.0
    _, errors = _errors(LOWER, value=0.18, numerator=45, denominator=250)
    assert "does not match" in errors["value"] and "18%" in errors["value"]


def test_a_rate_is_checked_against_a_typed_rate():
    checked, errors = _errors(RATE, value=412.5, numerator=165, denominator=4000)
    assert not errors and checked.value == 412.5
    _, errors = _errors(RATE, value=41.2, numerator=165, denominator=4000)
    assert "412.5" in errors["value"]


@pytest.mark.parametrize(
    "measure, given, field, words",
    [
        (HIGHER, {"value": 101}, "value", "between 0 and 100"),
        (HIGHER, {"value": -3}, "value", "negative"),
        (COUNT, {"value": 3.5}, "value", "whole number"),
        (LOWER, {"numerator": 30, "denominator": 20}, "numerator", "larger than the denominator"),
        (LOWER, {"numerator": 3, "denominator": 0}, "denominator", "cannot be 0"),
        (LOWER, {"numerator": 2.5, "denominator": 10}, "numerator", "not whole"),
        (LOWER, {"value": 18}, "numerator", "Give the numerator"),
        (COUNT, {"value": 5, "numerator": 1}, "numerator", "no numerator"),
        (HIGHER, {"value": "lots"}, "value", "not a number"),
        (HIGHER, {"not_available": True}, "reason", "Say why"),
        (HIGHER, {"not_available": True, "value": 3, "reason": "x"}, "not_available", "not both"),
        (HIGHER, {}, "value", "Give the figure"),
    ],
)
def test_impossible_figures_are_refused_with_a_reason(measure, given, field, words):
    checked, errors = _errors(measure, **given)
    assert checked is None and words in errors[field]


def test_commentary_is_required_when_red_or_worse_than_last_time():
    _, errors = _errors(HIGHER, value=80)
    assert "Red" in errors["commentary"]
    _, errors = _errors(HIGHER, before=95, value=92)  # green, but worse than before
    assert "worse than the last figure" in errors["commentary"]
    checked, errors = _errors(HIGHER, before=95, value=92, commentary="Staff sickness.")
    assert not errors and checked.direction is Direction.WORSENING
    checked, errors = _errors(HIGHER, before=91, value=92)
    assert not errors and checked.rag is Rag.GREEN


def test_not_available_needs_only_a_reason():
    checked, errors = _errors(HIGHER, not_available=True, reason="System migration")
    assert not errors and checked.not_available and checked.value is None


def test_figures_read_as_people_write_them():
    assert format_figure(1234, Unit.COUNT) == "1,234"
    assert format_figure(82.456, Unit.PERCENTAGE) == "82.5%"
    assert format_figure(12, Unit.DAYS) == "12 days"
    checked, errors = _errors(COUNT, value="1,234", commentary="high")
    assert not errors and checked.value == 1234
