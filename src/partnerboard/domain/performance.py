"""The performance dataset's vocabulary and rules: units, polarity, RAG against a target,
direction of travel, exceptions, and what makes a figure possible.

The same rules serve the form, the partner's return workbook, the import of an existing
dataset and the scorecard, so a figure is judged one way wherever it comes from.

- **RAG** needs a target: higher-is-better indicators are Green at or above the target, Amber
  within the tolerance below it, Red further below; lower-is-better the other way round.
  Context-only indicators and indicators without a target have no RAG.
- **Direction of travel** compares a value with the one before it, read by polarity
  (improving / worsening / same); for context-only indicators it only says higher or lower.
- An **exception** is Red, or worsening two periods running. Commentary is required when a
  value is Red or worse than the last one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from partnerboard.domain.actions import Rag
from partnerboard.domain.choices import Choice
from partnerboard.domain.public_sector_year import MONTH, QUARTER
from partnerboard.errors import FieldError

REFERENCE_MAX = 20
TITLE_MAX = 300
TEXT_MAX = 4000
NAME_MAX = 200
COMMENTARY_MAX = 4000
REASON_MAX = 1000
COMPARATOR_PERIOD_MAX = 40
# No safeguarding figure comes near this; a bigger one is a typing slip (or a pasted phone number).
FIGURE_MAX = 1e9
RATE_BASE = 10_000


class Unit(Choice):
    COUNT = "count", "Count"
    PERCENTAGE = "percentage", "Percentage"
    RATE = "rate", "Rate per 10,000 children"
    DAYS = "days", "Days"
    MEDIAN = "median", "Median"

    @property
    def whole(self) -> bool:
        return self is Unit.COUNT

    @property
    def computed(self) -> bool:
        """The figure follows from a numerator and a denominator (when the indicator has them)."""
        return self in (Unit.PERCENTAGE, Unit.RATE)


class Polarity(Choice):
    HIGHER = "higher", "Higher is better"
    LOWER = "lower", "Lower is better"
    CONTEXT = "context", "Context only"


class Frequency(Choice):
    QUARTERLY = "quarterly", "Quarterly"
    MONTHLY = "monthly", "Monthly"

    @property
    def period_kind(self) -> str:
        return QUARTER if self is Frequency.QUARTERLY else MONTH


class ValueSource(Choice):
    """Where a recorded figure came from."""

    FORM = "form", "Typed in"
    RETURN = "return", "Partner return"
    IMPORT = "import", "Imported dataset"


class Direction(Choice):
    IMPROVING = "improving", "Improving"
    WORSENING = "worsening", "Worsening"
    SAME = "same", "Same"
    UP = "up", "Higher"  # context only: no judgement
    DOWN = "down", "Lower"
    NONE = "none", "No earlier value"

    @property
    def arrow(self) -> str:
        return {
            "improving": "▲",
            "worsening": "▼",
            "same": "▶",
            "up": "↑",
            "down": "↓",
            "none": "",
        }[self.value]


THEMES = (
    "Early help",
    "Front door",
    "Child protection",
    "Children in care",
    "Exploitation",
    "Health",
    "Education",
)

NO_TARGET = "No target"


@dataclass(frozen=True)
class Measure:
    """How one indicator's figures are judged (a definition's unit, polarity, target)."""

    unit: Unit
    polarity: Polarity
    target: float | None = None
    tolerance: float | None = None
    has_parts: bool = False  # a numerator and a denominator are defined

    def rag(self, value: float | None) -> Rag | None:
        return rag_of(value, self)

    def direction(self, value: float | None, before: float | None) -> Direction:
        return direction_of(value, before, self.polarity)


def rag_of(value: float | None, measure: Measure) -> Rag | None:
    """Red, Amber or Green of `value` against the target (None: no target, or context only)."""
    if value is None or measure.target is None or measure.polarity is Polarity.CONTEXT:
        return None
    tolerance = abs(measure.tolerance or 0.0)
    target = measure.target
    # How far the figure falls short of the target (negative: better than the target).
    gap = target - value if measure.polarity is Polarity.HIGHER else value - target
    if gap <= _EPSILON:
        return Rag.GREEN
    if gap <= tolerance + _EPSILON:
        return Rag.AMBER
    return Rag.RED


_EPSILON = 1e-9


def direction_of(value: float | None, before: float | None, polarity: Polarity) -> Direction:
    if value is None or before is None:
        return Direction.NONE
    if math.isclose(value, before, rel_tol=1e-9, abs_tol=_EPSILON):
        return Direction.SAME
    higher = value > before
    if polarity is Polarity.CONTEXT:
        return Direction.UP if higher else Direction.DOWN
    better = higher if polarity is Polarity.HIGHER else not higher
    return Direction.IMPROVING if better else Direction.WORSENING


def is_exception(rag: Rag | None, direction: Direction, previous: Direction) -> bool:
    """Red, or worsening two periods running."""
    return rag is Rag.RED or (direction is Direction.WORSENING and previous is Direction.WORSENING)


def commentary_required(rag: Rag | None, direction: Direction) -> bool:
    return rag is Rag.RED or direction is Direction.WORSENING


# ---------------------------------------------------------------- figures


def format_figure(value: float | None, unit: Unit, *, with_unit: bool = True) -> str:
    """'1,234' / '82.5%' / '45.2' / '12.5 days' (one decimal at most; whole numbers plain)."""
    if value is None:
        return ""
    rounded = round(value, 1)
    text = f"{rounded:,.0f}" if rounded == int(rounded) else f"{rounded:,.1f}"
    if not with_unit:
        return text
    if unit is Unit.PERCENTAGE:
        return f"{text}%"
    if unit is Unit.DAYS:
        return f"{text} day" if rounded == 1 else f"{text} days"
    return text


_NUMBER = re.compile(r"^[-+]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")


def parse_figure(value: object) -> float | None:
    """A number from a cell or a field: 82.5, '82.5', '82.5%', '1,234'. None when blank.

    Raises ValueError with a plain message for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError("Yes/No is not a figure.")
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = str(value).strip().replace("\u00a0", "").replace(" ", "")
        if not text:
            return None
        if text.endswith("%"):
            text = text[:-1]
        if not text or not _NUMBER.match(text) or text in ("+", "-", "."):
            raise ValueError(f"“{str(value).strip()}” is not a number.")
        number = float(text.replace(",", ""))
    if math.isnan(number) or math.isinf(number):
        raise ValueError("That is not a number.")
    return number


@dataclass(frozen=True)
class Figure:
    """What was given for one indicator and period, before it is checked."""

    value: object = None
    numerator: object = None
    denominator: object = None
    not_available: bool = False
    reason: object = None
    commentary: object = None


@dataclass(frozen=True)
class CheckedFigure:
    value: float | None
    numerator: float | None
    denominator: float | None
    not_available: bool
    reason: str | None
    commentary: str | None
    rag: Rag | None
    direction: Direction


def _text(value: object) -> str | None:
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _plain(value: object) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _read(field: str, raw: object, label: str, errors: list[FieldError]) -> float | None:
    try:
        return parse_figure(raw)
    except ValueError as error:
        errors.append(FieldError(field, f"{label}: {error}"))
        return None


def _possible(field: str, number: float, unit: Unit, label: str) -> str | None:
    """Why `number` cannot be a figure of `unit` (None when it can)."""
    if number < 0:
        return f"{label} cannot be negative ({format_figure(number, unit, with_unit=False)})."
    if number > FIGURE_MAX:
        return f"{label} is implausibly large ({number:,.0f}); check the figure."
    if unit is Unit.PERCENTAGE and field == "value" and number > 100 + _EPSILON:
        return f"A percentage is between 0 and 100; {format_figure(number, unit)} is impossible."
    if unit.whole and field == "value" and not float(number).is_integer():
        return f"A count is a whole number; {number:g} is not."
    return None


def computed_value(unit: Unit, numerator: float, denominator: float) -> float:
    if unit is Unit.PERCENTAGE:
        return numerator / denominator * 100
    if unit is Unit.RATE:
        return numerator / denominator * RATE_BASE
    return numerator / denominator


def _agrees(typed: float, computed: float) -> bool:
    """A typed figure agrees with the computed one when they round to the same one decimal
    (allowing for a figure rounded half up or down)."""
    return abs(typed - computed) <= 0.05 + 1e-6 + abs(computed) * 1e-6


def check_figure(
    measure: Measure,
    figure: Figure,
    *,
    before: float | None,
    require_parts: bool = True,
    require_commentary: bool = True,
) -> tuple[CheckedFigure | None, list[FieldError]]:
    """The rules of one figure, wherever it comes from. Field names: value, numerator,
    denominator, not_available, reason, commentary (a workbook maps them to its cells).

    `before` is the value of the period before (for 'worse than last time'). An imported
    history has no numerators and no commentary: `require_parts` and `require_commentary`
    are then False. Returns the checked figure (None when anything is wrong) and the errors.
    """
    errors: list[FieldError] = []
    unit = measure.unit
    reason = _text(figure.reason)
    commentary = _plain(figure.commentary)
    if reason and len(reason) > REASON_MAX:
        errors.append(FieldError("reason", f"The reason is longer than {REASON_MAX} characters."))
    if commentary and len(commentary) > COMMENTARY_MAX:
        errors.append(
            FieldError("commentary", f"The commentary is longer than {COMMENTARY_MAX} characters.")
        )
    value = _read("value", figure.value, "The figure", errors)
    numerator = _read("numerator", figure.numerator, "The numerator", errors)
    denominator = _read("denominator", figure.denominator, "The denominator", errors)
    if errors:
        return None, errors
    if figure.not_available:
        if value is not None or numerator is not None or denominator is not None:
            errors.append(
                FieldError(
                    "not_available", "Either give the figure or mark it not available, not both."
                )
            )
        if not reason:
            errors.append(FieldError("reason", "Say why the figure is not available."))
        if errors:
            return None, errors
        checked = CheckedFigure(None, None, None, True, reason, commentary, None, Direction.NONE)
        return checked, []
    for field, number, label in (
        ("value", value, "The figure"),
        ("numerator", numerator, "The numerator"),
        ("denominator", denominator, "The denominator"),
    ):
        if number is not None and (problem := _possible(field, number, unit, label)):
            errors.append(FieldError(field, problem))
    if not measure.has_parts and (numerator is not None or denominator is not None):
        field = "numerator" if numerator is not None else "denominator"
        errors.append(FieldError(field, "This indicator has no numerator or denominator."))
    if measure.has_parts and not errors:
        value = _check_parts(measure, value, numerator, denominator, require_parts, errors)
    if value is None and not errors:
        errors.append(FieldError("value", "Give the figure, or mark it not available and say why."))
    if errors:
        return None, errors
    assert value is not None
    rag = measure.rag(value)
    direction = measure.direction(value, before)
    if require_commentary and commentary_required(rag, direction) and not commentary:
        why = "Red against its target" if rag is Rag.RED else "worse than the last figure"
        errors.append(FieldError("commentary", f"The figure is {why}: add a commentary."))
        return None, errors
    return CheckedFigure(
        value, numerator, denominator, False, reason, commentary, rag, direction
    ), []


def _check_parts(
    measure: Measure,
    value: float | None,
    numerator: float | None,
    denominator: float | None,
    require_parts: bool,
    errors: list[FieldError],
) -> float | None:
    unit = measure.unit
    given = numerator is not None or denominator is not None
    if not given and not require_parts:
        return value
    if numerator is None:
        errors.append(FieldError("numerator", "Give the numerator (what is counted)."))
    if denominator is None:
        errors.append(FieldError("denominator", "Give the denominator (out of how many)."))
    if numerator is None or denominator is None:
        return None
    for field, number, label in (
        ("numerator", numerator, "The numerator"),
        ("denominator", denominator, "The denominator"),
    ):
        if not float(number).is_integer():
            errors.append(FieldError(field, f"{label} is a count: {number:g} is not whole."))
    if denominator == 0:
        errors.append(FieldError("denominator", "The denominator cannot be 0."))
    if unit is Unit.PERCENTAGE and numerator > denominator:
        errors.append(
            FieldError(
                "numerator",
                f"The numerator ({numerator:,.0f}) is larger than the denominator "
                f"({denominator:,.0f}): more than 100% is impossible.",
            )
        )
    if errors:
        return None
    computed = computed_value(unit, numerator, denominator)
    if value is not None and not _agrees(value, computed):
        errors.append(
            FieldError(
                "value",
                f"The figure {format_figure(value, unit)} does not match the numerator and "
                f"denominator, which give {format_figure(computed, unit)}.",
            )
        )
        return None
    return value if value is not None else round(computed, 6)
