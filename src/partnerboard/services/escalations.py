"""The escalation log: professional disagreements between agencies, stage by stage.

**Who sees restricted escalations** is not decided here: the session does it for every query
(`db.visibility`). Business support and the chair / co-chairs see every escalation; anyone
else never loads a restricted one (unless its audience names them), nor any escalation at all
while the whole log is restricted from them — not on the page, in the figures, the learning
themes, the Excel export or the PDF, nor through an escalation's steps.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.thresholds import Escalation, EscalationStep
from partnerboard.domain.access import stored_audience
from partnerboard.domain.thresholds import EscalationCategory, days_to_resolve
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


def fetch_visible(session: Session, escalation_id: int) -> Escalation:
    """The escalation, or NotFound — also when it is hidden from the user (not told apart)."""
    found = session.get(Escalation, escalation_id)
    if found is None:
        raise NotFound(f"There is no escalation with id {escalation_id}.")
    return found


@dataclass(frozen=True)
class StepRow:
    stage: int
    on_date: date
    note: str | None


@dataclass(frozen=True)
class EscalationRow:
    id: int
    reference: str
    raised_on: date
    raising_agency_id: int
    raising_agency: str
    other_agency_id: int
    other_agency: str
    category: EscalationCategory
    summary: str | None
    stage: int
    steps: tuple[StepRow, ...]
    outcome: str | None
    resolved_on: date | None
    learning_theme: str | None
    learning: str | None
    learning_action_id: int | None
    learning_action: str | None  # the action's reference, e.g. "A7"
    restricted: bool
    restricted_to: str | None
    row_version: int

    @property
    def is_open(self) -> bool:
        return self.resolved_on is None

    @property
    def days_to_resolve(self) -> int | None:
        return days_to_resolve(self.raised_on, self.resolved_on)

    def reached_on(self, stage: int) -> date | None:
        return next((s.on_date for s in self.steps if s.stage == stage), None)


def escalation_rows(session: Session, escalations: list[Escalation]) -> list[EscalationRow]:
    ids = [e.id for e in escalations]
    steps: dict[int, list[StepRow]] = {}
    for step in session.scalars(
        select(EscalationStep)
        .where(EscalationStep.escalation_id.in_(ids))
        .order_by(EscalationStep.stage)
    ):
        steps.setdefault(step.escalation_id, []).append(
            StepRow(step.stage, step.on_date, step.note)
        )
    agencies = dict(session.execute(select(Agency.id, Agency.name)).all())
    action_ids = {e.learning_action_id for e in escalations} - {None}
    actions = (
        dict(
            session.execute(
                select(Action.id, Action.reference).where(Action.id.in_(action_ids))
            ).all()
        )
        if action_ids
        else {}
    )
    return [
        EscalationRow(
            e.id,
            e.reference or f"#{e.id}",
            e.raised_on,
            e.raising_agency_id,
            agencies.get(e.raising_agency_id, ""),
            e.other_agency_id,
            agencies.get(e.other_agency_id, ""),
            EscalationCategory(e.category),
            e.summary,
            e.stage,
            tuple(steps.get(e.id, [])),
            e.outcome,
            e.resolved_on,
            e.learning_theme,
            e.learning,
            e.learning_action_id if e.learning_action_id in actions else None,
            actions.get(e.learning_action_id),
            e.restricted,
            e.restricted_to,
            e.row_version,
        )
        for e in escalations
    ]


def list_escalations_in(
    session: Session,
    since: date | None = None,
    until: date | None = None,
    ids: Collection[int] | None = None,
) -> list[EscalationRow]:
    query = select(Escalation).order_by(Escalation.raised_on, Escalation.id)
    if ids is not None:
        query = query.where(Escalation.id.in_(ids))
    if since is not None:
        query = query.where(Escalation.raised_on >= since)
    if until is not None:
        query = query.where(Escalation.raised_on <= until)
    return escalation_rows(session, list(session.scalars(query)))


def list_escalations(
    db: Database,
    since: date | None = None,
    until: date | None = None,
    ids: Collection[int] | None = None,
) -> list[EscalationRow]:
    """The escalations this user may see, raised between `since` and `until` (inclusive);
    `ids`: only these (a page refreshing the rows a change named)."""
    with db.reader() as session:
        return list_escalations_in(session, since, until, ids)


def get_escalation(db: Database, escalation_id: int) -> EscalationRow:
    with db.reader() as session:
        return escalation_rows(session, [fetch_visible(session, escalation_id)])[0]


def learning_themes(db: Database) -> list[str]:
    """Themes already used (for the drop-down), so that the same theme is spelt the same way."""
    with db.reader() as session:
        themes = session.scalars(
            select(Escalation.learning_theme).where(Escalation.learning_theme.is_not(None))
        )
        return sorted(set(themes), key=str.casefold)


# ---------------------------------------------------------------- writing


@dataclass
class EscalationInput:
    raised_on: date | None
    raising_agency_id: int | None
    other_agency_id: int | None
    category: str | None
    summary: str | None = None
    outcome: str | None = None
    resolved_on: date | None = None
    learning_theme: str | None = None
    learning: str | None = None
    restricted: bool = False
    restricted_to: str | None = None  # who else sees it while restricted


def validate_escalation(data: EscalationInput, today: date) -> list[FieldError]:
    errors: list[FieldError] = []
    if data.raised_on is None:
        errors.append(FieldError("raised_on", "Give the date the disagreement was raised."))
    elif data.raised_on > today:
        errors.append(FieldError("raised_on", "The date raised cannot be in the future."))
    if data.raising_agency_id is None:
        errors.append(FieldError("raising_agency_id", "Choose the agency that raised it."))
    if data.other_agency_id is None:
        errors.append(FieldError("other_agency_id", "Choose the agency it was raised with."))
    elif data.other_agency_id == data.raising_agency_id:
        errors.append(FieldError("other_agency_id", "Choose a different agency from the raiser."))
    if EscalationCategory.parse(data.category) is None:
        errors.append(FieldError("category", "Choose a category."))
    if data.resolved_on is not None:
        if data.raised_on is not None and data.resolved_on < data.raised_on:
            errors.append(FieldError("resolved_on", "It cannot be resolved before it was raised."))
        elif data.resolved_on > today:
            errors.append(FieldError("resolved_on", "The date resolved cannot be in the future."))
        if not (data.outcome or "").strip():
            errors.append(FieldError("outcome", "Say how it was resolved."))
    if len((data.learning_theme or "").strip()) > 200:
        errors.append(FieldError("learning_theme", "A theme must be at most 200 characters."))
    return errors


def _next_reference(session: Session, raised_on: date) -> str:
    # Counts every escalation, restricted or not, so that references stay unique; it shows a
    # member nothing but the number given to their own new escalation.
    prefix = f"E{raised_on.year}-"
    used = session.scalars(
        select(Escalation.reference).where(Escalation.reference.like(f"{prefix}%"))
    ).all()
    numbers = [int(r[len(prefix) :]) for r in used if r and r[len(prefix) :].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1:03d}"


def save_escalation(
    db: Database,
    data: EscalationInput,
    escalation_id: int | None = None,
    expected_version: int | None = None,
) -> EscalationRow:
    """Record a new escalation (reaching stage 1 on the day raised) or change one."""
    errors = validate_escalation(data, db.clock.today())
    if errors:
        raise ValidationFailed(errors)
    assert data.raised_on is not None
    with db.session() as session:
        fetch(session, Agency, data.raising_agency_id, "agency")  # type: ignore[arg-type]
        fetch(session, Agency, data.other_agency_id, "agency")  # type: ignore[arg-type]
        if escalation_id is None:
            escalation = Escalation(reference=_next_reference(session, data.raised_on), stage=1)
            session.add(escalation)
            steps: list[EscalationStep] = []
        else:
            escalation = fetch_visible(session, escalation_id)
            check_version(escalation, expected_version, "escalation")
            steps = list(
                session.scalars(
                    select(EscalationStep).where(EscalationStep.escalation_id == escalation.id)
                )
            )
        later = [s for s in steps if s.stage > 1]
        if any(s.on_date < data.raised_on for s in later):
            raise ValidationFailed(
                FieldError("raised_on", "A later stage was reached before this date.")
            )
        last = max((s.on_date for s in steps), default=data.raised_on)
        if data.resolved_on is not None and data.resolved_on < max(last, data.raised_on):
            raise ValidationFailed(
                FieldError(
                    "resolved_on", "It cannot be resolved before its last stage was reached."
                )
            )
        escalation.raised_on = data.raised_on
        escalation.raising_agency_id = data.raising_agency_id  # type: ignore[assignment]
        escalation.other_agency_id = data.other_agency_id  # type: ignore[assignment]
        escalation.category = EscalationCategory.parse(data.category).value  # type: ignore[union-attr]
        escalation.summary = tidy(data.summary)
        escalation.outcome = tidy(data.outcome)
        escalation.resolved_on = data.resolved_on
        escalation.learning_theme = " ".join((data.learning_theme or "").split()) or None
        escalation.learning = tidy(data.learning)
        escalation.restricted = bool(data.restricted)
        escalation.restricted_to = stored_audience(escalation.restricted, data.restricted_to)
        session.flush()
        first = next((s for s in steps if s.stage == 1), None)
        if first is None:
            session.add(
                EscalationStep(escalation_id=escalation.id, stage=1, on_date=data.raised_on)
            )
        else:
            first.on_date = data.raised_on
        session.flush()
        return escalation_rows(session, [escalation])[0]


def open_count(db: Database) -> int:
    with db.reader() as session:
        return (
            session.scalar(
                select(func.count()).select_from(Escalation).where(Escalation.resolved_on.is_(None))
            )
            or 0
        )
