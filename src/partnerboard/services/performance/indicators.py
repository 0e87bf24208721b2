"""Indicators of the performance dataset: their definitions, and new series when a definition
changes.

Changing what is counted (the definition, numerator, denominator, unit or frequency) of an
indicator that already has values starts a new series: a new indicator row with the same
reference and the next version replaces the old one, which is marked superseded and keeps its
values readable. Anything else (title wording, theme, owner, target, comparators) is edited in
place; the audit trail keeps what it was.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.performance import Indicator, IndicatorValue
from partnerboard.domain.access import stored_audience
from partnerboard.domain.actions import reference_key
from partnerboard.domain.choices import Choice
from partnerboard.domain.marking import Classification, author_name, classify, labelled
from partnerboard.domain.partnership import check_required
from partnerboard.domain.performance import (
    COMPARATOR_PERIOD_MAX,
    NAME_MAX,
    REFERENCE_MAX,
    TEXT_MAX,
    TITLE_MAX,
    Frequency,
    Measure,
    Polarity,
    Unit,
    format_figure,
    parse_figure,
)
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period
from partnerboard.errors import FieldError, NotFound, UserError, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.partnership import get_partnership

CURRENT = "current"
SUPERSEDED = "superseded"
RETIRED = "retired"
STATUS_LABELS = {
    CURRENT: "Current",
    SUPERSEDED: "Superseded by a new definition",
    RETIRED: "Retired",
}
# What is counted: a change to any of these, once values exist, starts a new series.
DEFINING = ("definition", "numerator", "denominator", "unit", "frequency")
COMPARATORS = (
    ("england", "England"),
    ("neighbours", "Statistical neighbours"),
    ("region", "Region"),
)


@dataclass(frozen=True)
class Comparator:
    key: str
    label: str
    value: float | None
    period: str | None


@dataclass(frozen=True)
class IndicatorRow:
    id: int
    reference: str
    version: int
    title: str
    definition: str | None
    numerator: str | None
    denominator: str | None
    theme: str | None
    agency_id: int | None
    agency_name: str | None
    owner: str | None
    unit: Unit
    polarity: Polarity
    frequency: Frequency
    target: float | None
    tolerance: float | None
    comparators: tuple[Comparator, ...]
    status: str
    replaces_id: int | None
    starts: str | None
    notes: str | None
    restricted: bool
    restricted_to: str | None
    row_version: int
    agency_short: str | None = None  # the agency's short name, for narrow columns

    @property
    def active(self) -> bool:
        return self.status == CURRENT

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)

    @property
    def name(self) -> str:
        """How the indicator is named in lists and messages: 'PI-03 Re-referrals (version 2)'."""
        suffix = f" (version {self.version})" if self.version > 1 else ""
        return f"{self.reference} {self.title}{suffix}"

    @property
    def labelled_title(self) -> str:
        """The title as papers and workbooks print it: 'Restricted: …' when restricted."""
        return labelled(self.title, self.restricted)

    @property
    def has_parts(self) -> bool:
        return bool(self.numerator and self.denominator)

    @property
    def measure(self) -> Measure:
        return Measure(self.unit, self.polarity, self.target, self.tolerance, self.has_parts)

    @property
    def period_kind(self) -> str:
        return self.frequency.period_kind

    @property
    def sort_key(self) -> tuple[str, str, int]:
        return ((self.theme or "").casefold(), reference_key(self.reference), self.version)

    def target_text(self) -> str:
        if self.polarity is Polarity.CONTEXT:
            return "Context only"
        if self.target is None:
            return "No target"
        text = format_figure(self.target, self.unit)
        if self.tolerance:
            text += f" (±{format_figure(self.tolerance, self.unit, with_unit=False)})"
        return text

    def comparator_text(self) -> str:
        """'England 21.5 (2024/25); Region 19.8 (2024/25)'."""
        parts = []
        for c in self.comparators:
            if c.value is None:
                continue
            when = f" ({c.period})" if c.period else ""
            parts.append(f"{c.label} {format_figure(c.value, self.unit)}{when}")
        return "; ".join(parts)


@dataclass
class IndicatorInput:
    reference: str
    title: str
    unit: str = Unit.COUNT.value
    polarity: str = Polarity.HIGHER.value
    frequency: str = Frequency.QUARTERLY.value
    definition: str | None = None
    numerator: str | None = None
    denominator: str | None = None
    theme: str | None = None
    agency_id: int | None = None
    owner: str | None = None
    target: object = None  # typed text or a number
    tolerance: object = None
    england: object = None
    england_period: str | None = None
    neighbours: object = None
    neighbours_period: str | None = None
    region: object = None
    region_period: str | None = None
    notes: str | None = None
    restricted: bool = False
    restricted_to: str | None = None
    # The first period of a new series (when a changed definition starts one); default: the
    # period after the old series' latest value.
    starts: str | None = None


@lru_cache(maxsize=256)
def _stored(choice: type[Choice], value: str | None) -> Any:
    """A stored choice's member (a few values, parsed once each)."""
    return choice.parse(value)


def _row(indicator: Any, agency: str | None, short: str | None = None) -> IndicatorRow:
    """An indicator as it is shown and checked."""
    return IndicatorRow(
        id=indicator.id,
        reference=indicator.reference,
        version=indicator.version,
        title=indicator.title,
        definition=indicator.definition,
        numerator=indicator.numerator,
        denominator=indicator.denominator,
        theme=indicator.theme,
        agency_id=indicator.agency_id,
        agency_name=agency,
        owner=indicator.owner,
        unit=_stored(Unit, indicator.unit) or Unit.COUNT,
        polarity=_stored(Polarity, indicator.polarity) or Polarity.CONTEXT,
        frequency=_stored(Frequency, indicator.frequency) or Frequency.QUARTERLY,
        target=indicator.target,
        tolerance=indicator.tolerance,
        comparators=tuple(
            Comparator(key, label, getattr(indicator, key), getattr(indicator, f"{key}_period"))
            for key, label in COMPARATORS
        ),
        status=indicator.status,
        replaces_id=indicator.replaces_id,
        starts=indicator.starts,
        notes=indicator.notes,
        restricted=indicator.restricted,
        restricted_to=indicator.restricted_to,
        row_version=indicator.row_version,
        agency_short=short or agency,
    )


def agency_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Agency.id, Agency.name)).all())


def rows_of(session: Session, indicators: list[Indicator]) -> list[IndicatorRow]:
    names = {
        ident: (name, short)
        for ident, name, short in session.execute(select(Agency.id, Agency.name, Agency.short_name))
    }
    rows = [_row(i, *names.get(i.agency_id or 0, (None, None))) for i in indicators]
    return sorted(rows, key=lambda r: r.sort_key)


@dataclass(frozen=True)
class IndicatorMeasure:
    """What checking and storing a figure needs of an indicator (`values.Supplied`): an import
    of returns reads every current indicator, so it reads only these columns."""

    id: int
    reference: str
    agency_id: int | None
    agency_name: str | None
    unit: Unit
    measure: Measure


@cache
def _measure_columns() -> tuple[Any, ...]:
    return (
        Indicator.id,
        Indicator.reference,
        Indicator.agency_id,
        Indicator.unit,
        Indicator.polarity,
        Indicator.target,
        Indicator.tolerance,
        Indicator.numerator,
        Indicator.denominator,
    )


def select_measures(
    session: Session, agencies: dict[int, str], *criteria: ColumnElement[bool]
) -> list[IndicatorMeasure]:
    """The indicators matching `criteria` that the user may see (through the session, so the
    visibility rules apply), each with its measure as `IndicatorRow.measure` makes it;
    `agencies`: each agency's name by id (`agency_names`)."""
    found = []
    for (
        ident,
        reference,
        agency_id,
        unit,
        polarity,
        target,
        tolerance,
        numerator,
        denominator,
    ) in session.execute(select(*_measure_columns()).where(*criteria)):
        parsed = _stored(Unit, unit) or Unit.COUNT
        measure = Measure(
            parsed,
            _stored(Polarity, polarity) or Polarity.CONTEXT,
            target,
            tolerance,
            bool(numerator and denominator),
        )
        found.append(
            IndicatorMeasure(
                ident, reference, agency_id, agencies.get(agency_id or 0), parsed, measure
            )
        )
    return found


def list_indicators(db: Database, *, include_inactive: bool = True) -> list[IndicatorRow]:
    """Every indicator the user may see, by theme then reference (current ones only unless
    `include_inactive`: superseded and retired ones too)."""
    with db.reader() as session:
        query = select(Indicator)
        if not include_inactive:
            query = query.where(Indicator.status == CURRENT)
        return rows_of(session, list(session.scalars(query)))


def fetch_indicator(session: Session, indicator_id: int) -> Indicator:
    """The indicator, or NotFound — also when it is restricted from the user."""
    found = session.get(Indicator, indicator_id)
    if found is None:
        raise NotFound(f"There is no indicator with id {indicator_id}.")
    return found


def get_indicator(db: Database, indicator_id: int) -> IndicatorRow:
    with db.reader() as session:
        return rows_of(session, [fetch_indicator(session, indicator_id)])[0]


def find_indicator(db: Database, reference: str) -> IndicatorRow:
    """The current indicator with this reference (as typed on the command line)."""
    with db.reader() as session:
        found = session.scalars(
            select(Indicator).where(
                func.lower(Indicator.reference) == reference.strip().lower(),
                Indicator.status == CURRENT,
            )
        ).first()
        if found is None:
            raise NotFound(f"There is no current indicator “{reference}”.")
        return rows_of(session, [found])[0]


def series_ids(session: Session, indicator_id: int) -> list[int]:
    """The ids of every version of an indicator's reference (its whole history)."""
    indicator = fetch_indicator(session, indicator_id)
    return list(
        session.scalars(select(Indicator.id).where(Indicator.reference == indicator.reference))
    )


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class _Checked:
    target: float | None
    tolerance: float | None
    comparators: dict[str, float | None]


def _number(
    field: str, raw: object, label: str, errors: list[FieldError], *, unit: Unit | None
) -> float | None:
    try:
        number = parse_figure(raw)
    except ValueError as error:
        errors.append(FieldError(field, f"{label}: {error}"))
        return None
    if number is None:
        return None
    if number < 0:
        errors.append(FieldError(field, f"{label} cannot be negative."))
    elif unit is Unit.PERCENTAGE and number > 100:
        errors.append(FieldError(field, f"{label} is a percentage: at most 100."))
    return number


def validate_indicator(data: IndicatorInput) -> tuple[_Checked | None, list[FieldError]]:
    errors = check_required("reference", data.reference, "Reference", REFERENCE_MAX)
    errors += check_required("title", data.title, "Title", TITLE_MAX)
    unit = Unit.parse(data.unit)
    polarity = Polarity.parse(data.polarity)
    if unit is None:
        errors.append(FieldError("unit", "Choose the unit."))
    if polarity is None:
        errors.append(FieldError("polarity", "Choose whether higher or lower is better."))
    if Frequency.parse(data.frequency) is None:
        errors.append(FieldError("frequency", "Choose how often the figure is reported."))
    for field, label, limit in (
        ("definition", "The definition", TEXT_MAX),
        ("numerator", "The numerator", TEXT_MAX),
        ("denominator", "The denominator", TEXT_MAX),
        ("theme", "The theme", 100),
        ("owner", "The owner", NAME_MAX),
        ("notes", "The notes", TEXT_MAX),
        *(
            (f"{key}_period", f"The {label} period", COMPARATOR_PERIOD_MAX)
            for key, label in COMPARATORS
        ),
    ):
        text = tidy(getattr(data, field))
        if text and len(text) > limit:
            errors.append(FieldError(field, f"{label} must be at most {limit} characters."))
    if bool(tidy(data.numerator)) != bool(tidy(data.denominator)):
        missing = "denominator" if tidy(data.numerator) else "numerator"
        errors.append(
            FieldError(missing, "Give both the numerator and the denominator, or neither.")
        )
    target = _number("target", data.target, "The target", errors, unit=unit)
    tolerance = _number("tolerance", data.tolerance, "The tolerance", errors, unit=None)
    if polarity is Polarity.CONTEXT and target is not None:
        errors.append(
            FieldError("target", "A context-only indicator has no target: leave it blank.")
        )
    if tolerance and target is None and polarity is not Polarity.CONTEXT:
        errors.append(FieldError("tolerance", "A tolerance needs a target."))
    comparators = {
        key: _number(key, getattr(data, key), f"The {label} figure", errors, unit=unit)
        for key, label in COMPARATORS
    }
    if data.starts:
        try:
            Period.parse(data.starts, (QUARTER, MONTH))
        except ValueError as error:
            errors.append(FieldError("starts", str(error)))
    if errors:
        return None, errors
    return _Checked(target, tolerance, comparators), []


def _defining(indicator: Indicator, data: IndicatorInput) -> bool:
    """Does `data` change what the indicator counts?"""
    wanted = {
        "definition": tidy(data.definition),
        "numerator": tidy(data.numerator),
        "denominator": tidy(data.denominator),
        "unit": Unit.parse(data.unit).value,  # type: ignore[union-attr]
        "frequency": Frequency.parse(data.frequency).value,  # type: ignore[union-attr]
    }
    return any(getattr(indicator, key) != wanted[key] for key in DEFINING)


def _has_values(session: Session, indicator_id: int) -> bool:
    return bool(
        session.scalar(
            select(func.count())
            .select_from(IndicatorValue)
            .where(IndicatorValue.indicator_id == indicator_id)
        )
    )


def _latest_period(session: Session, indicator_id: int) -> str | None:
    return session.scalar(
        select(IndicatorValue.period)
        .where(IndicatorValue.indicator_id == indicator_id)
        .order_by(IndicatorValue.period_start.desc())
        .limit(1)
    )


def _apply(indicator: Indicator, data: IndicatorInput, checked: _Checked) -> None:
    indicator.reference = tidy(data.reference) or ""
    indicator.title = tidy(data.title) or ""
    indicator.definition = tidy(data.definition)
    indicator.numerator = tidy(data.numerator)
    indicator.denominator = tidy(data.denominator)
    indicator.theme = tidy(data.theme)
    indicator.agency_id = data.agency_id
    indicator.owner = tidy(data.owner)
    indicator.unit = Unit.parse(data.unit).value  # type: ignore[union-attr]
    indicator.polarity = Polarity.parse(data.polarity).value  # type: ignore[union-attr]
    indicator.frequency = Frequency.parse(data.frequency).value  # type: ignore[union-attr]
    indicator.target = checked.target
    indicator.tolerance = checked.tolerance
    for key, _label in COMPARATORS:
        setattr(indicator, key, checked.comparators[key])
        setattr(indicator, f"{key}_period", tidy(getattr(data, f"{key}_period")))
    indicator.notes = tidy(data.notes)
    indicator.restricted = bool(data.restricted)
    indicator.restricted_to = stored_audience(bool(data.restricted), data.restricted_to)


def _check_reference(session: Session, reference: str, except_reference: str | None) -> None:
    if except_reference is not None and reference.casefold() == except_reference.casefold():
        return
    clash = session.scalar(
        select(Indicator.reference)
        .where(func.lower(Indicator.reference) == reference.lower())
        .limit(1)
    )
    if clash is not None:
        raise ValidationFailed(FieldError("reference", f"There is already an indicator {clash}."))


def save_indicator_in(
    session: Session,
    data: IndicatorInput,
    indicator_id: int | None = None,
    expected_version: int | None = None,
) -> Indicator:
    """Add or change an indicator inside the caller's transaction; a changed definition of an
    indicator with values starts a new series (the returned indicator is then the new one)."""
    checked, errors = validate_indicator(data)
    if errors:
        raise ValidationFailed(errors)
    assert checked is not None
    if data.agency_id is not None:
        fetch(session, Agency, data.agency_id, "agency")
    reference = tidy(data.reference) or ""
    if indicator_id is None:
        _check_reference(session, reference, None)
        indicator = Indicator(version=1, status=CURRENT, starts=_starts(data.starts))
        _apply(indicator, data, checked)
        session.add(indicator)
        session.flush()
        return indicator
    indicator = fetch_indicator(session, indicator_id)
    check_version(indicator, expected_version, "indicator")
    if indicator.status == SUPERSEDED:
        raise UserError(
            f"{indicator.reference} version {indicator.version} was replaced by a new "
            "definition; change the current version instead."
        )
    _check_reference(session, reference, indicator.reference)
    if reference != indicator.reference and indicator.version > 1:
        raise ValidationFailed(
            FieldError("reference", "An indicator with earlier versions keeps its reference.")
        )
    if _defining(indicator, data) and _has_values(session, indicator.id):
        return _new_series(session, indicator, data, checked)
    _apply(indicator, data, checked)
    session.flush()
    return indicator


def _starts(text: str | None) -> str | None:
    return Period.parse(text, (QUARTER, MONTH)).key if text else None


def _new_series(
    session: Session, old: Indicator, data: IndicatorInput, checked: _Checked
) -> Indicator:
    latest = _latest_period(session, old.id)
    starts = _starts(data.starts)
    kind = (Frequency.parse(data.frequency) or Frequency.QUARTERLY).period_kind
    if starts is None:
        after = Period.from_key(latest) if latest else None
        first = (
            after.next()
            if after is not None and after.kind == kind
            else Period.containing(clock_of(session).today(), kind)
        )
        starts = first.key
    old.status = SUPERSEDED
    session.flush()
    new = Indicator(version=old.version + 1, status=CURRENT, replaces_id=old.id, starts=starts)
    _apply(new, replace(data, reference=old.reference), checked)
    session.add(new)
    session.flush()
    return new


def save_indicator(
    db: Database,
    data: IndicatorInput,
    indicator_id: int | None = None,
    expected_version: int | None = None,
) -> IndicatorRow:
    with db.session() as session:
        indicator = save_indicator_in(session, data, indicator_id, expected_version)
        return rows_of(session, [indicator])[0]


def set_indicator_active(db: Database, indicator_id: int, active: bool) -> IndicatorRow:
    """Retire an indicator (no longer reported; its values stay) or bring it back."""
    with db.session() as session:
        indicator = fetch_indicator(session, indicator_id)
        if indicator.status == SUPERSEDED:
            raise UserError(
                f"{indicator.reference} version {indicator.version} was replaced by a new "
                "definition; it cannot be brought back."
            )
        if active:
            _check_reference_free(session, indicator)
        indicator.status = CURRENT if active else RETIRED
        session.flush()
        return rows_of(session, [indicator])[0]


def _check_reference_free(session: Session, indicator: Indicator) -> None:
    clash = session.scalar(
        select(Indicator.id).where(
            func.lower(Indicator.reference) == indicator.reference.lower(),
            Indicator.status == CURRENT,
            Indicator.id != indicator.id,
        )
    )
    if clash is not None:
        raise UserError(f"Another current indicator is {indicator.reference}.")


def versions(db: Database, indicator_id: int) -> list[IndicatorRow]:
    """Every version of the indicator's reference, newest first."""
    with db.reader() as session:
        ids = series_ids(session, indicator_id)
        rows = rows_of(
            session, list(session.scalars(select(Indicator).where(Indicator.id.in_(ids))))
        )
    return sorted(rows, key=lambda r: -r.version)


def suggested_themes(db: Database) -> list[str]:
    """The usual themes and those already in use, for the form's list."""
    from partnerboard.domain.performance import THEMES  # noqa: PLC0415

    with db.reader() as session:
        used = [t for t in session.scalars(select(Indicator.theme).distinct()) if t]
    seen: dict[str, str] = {}
    for theme in (*THEMES, *sorted(used)):
        seen.setdefault(theme.casefold(), theme)
    return list(seen.values())


def today_period(db: Database, frequency: Frequency = Frequency.QUARTERLY) -> Period:
    """The latest complete period by the database's clock (what a return is usually for)."""
    return Period.latest_complete(db.clock.today(), frequency.period_kind)


def period_is_open(period: Period, today: date) -> bool:
    """A figure can be given for a period that has started (a part period is the user's call)."""
    return period.start <= today


def classification_of(db: Database, indicators: Iterable[IndicatorRow]) -> Classification:
    """What a paper or workbook of the dataset holds (`domain.marking`): each restricted
    indicator in it (only those its maker may see are) makes it OFFICIAL-SENSITIVE, and is
    labelled "Restricted" in it (`IndicatorRow.labelled_title`)."""
    restricted = len({i.id for i in indicators if i.restricted})
    partnership = get_partnership(db).name
    return classify([("indicator", restricted)], author=author_name(db.principal, partnership))
