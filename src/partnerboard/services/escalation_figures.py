"""Figures of the escalation log, and its learning themes turned into action-log actions.

Everything here reads through ORM queries, which the session filters (`db.visibility`), so a
member's figures never count a restricted escalation. The arithmetic is in `figures_from`, a plain function over
rows, so that a hand count can check it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from partnerboard.db.database import Database
from partnerboard.db.models.thresholds import Escalation
from partnerboard.domain import palette
from partnerboard.domain.actions import ActionSource
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.public_sector_year import Period, span
from partnerboard.domain.thresholds import (
    STAGES,
    EscalationCategory,
    median_days,
)
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.actions import ActionInput, create_action_in
from partnerboard.services.escalations import (
    EscalationRow,
    list_escalations,
    list_escalations_in,
)
from partnerboard.services.restriction import inherited_restriction


@dataclass(frozen=True)
class QuarterCounts:
    period: Period  # a quarter of the public-sector year
    counts: tuple[int, ...]  # per category, in EscalationCategory order

    @property
    def label(self) -> str:
        return self.period.label

    @property
    def total(self) -> int:
        return sum(self.counts)


@dataclass(frozen=True)
class EscalationFigures:
    since: date | None
    until: date | None
    raised: int
    open: int
    resolved: int
    open_by_stage: tuple[int, ...]  # open escalations at stage 1, 2, 3, 4
    highest_stage: tuple[int, ...]  # all escalations by the highest stage reached
    median_days_to_resolve: float | None
    by_category: tuple[int, ...]  # in EscalationCategory order
    quarters: tuple[QuarterCounts, ...]  # every financial quarter from the first to the last


def figures_from(
    rows: list[EscalationRow], since: date | None = None, until: date | None = None
) -> EscalationFigures:
    """The figures of the escalations in `rows` (already chosen for the period and the reader)."""
    categories = list(EscalationCategory)
    stages = sorted(STAGES)
    open_rows = [r for r in rows if r.is_open]
    resolved = [r for r in rows if not r.is_open]
    by_quarter: dict[Period, Counter[EscalationCategory]] = {}
    for row in rows:
        by_quarter.setdefault(Period.containing(row.raised_on), Counter())[row.category] += 1
    quarters = [
        QuarterCounts(q, tuple(by_quarter.get(q, Counter())[c] for c in categories))
        for q in (span(min(by_quarter), max(by_quarter)) if by_quarter else ())
    ]
    category_counts = Counter(r.category for r in rows)
    return EscalationFigures(
        since,
        until,
        raised=len(rows),
        open=len(open_rows),
        resolved=len(resolved),
        open_by_stage=tuple(sum(1 for r in open_rows if r.stage == s) for s in stages),
        highest_stage=tuple(sum(1 for r in rows if r.stage == s) for s in stages),
        median_days_to_resolve=median_days(r.days_to_resolve for r in resolved),  # type: ignore[misc]
        by_category=tuple(category_counts[c] for c in categories),
        quarters=tuple(quarters),
    )


def quarters_breakdown(figures: EscalationFigures) -> Breakdown:
    """Categories by quarter as chart data: one bar per quarter, split by category."""
    categories = list(EscalationCategory)
    colours = tuple(
        palette.GREY if c is EscalationCategory.OTHER else palette.SERIES[i]
        for i, c in enumerate(categories)
    )
    return Breakdown(
        tuple(q.label for q in figures.quarters),
        tuple(c.label for c in categories),
        tuple(q.counts for q in figures.quarters),
        colours=colours,
    )


def escalation_figures(
    db: Database, since: date | None = None, until: date | None = None
) -> EscalationFigures:
    """Figures over the escalations raised in the period that this user may see."""
    return figures_from(list_escalations(db, since, until), since, until)


# ---------------------------------------------------------------- learning themes → actions


@dataclass(frozen=True)
class ThemeRow:
    theme: str
    references: tuple[str, ...]
    escalations: int
    open: int
    without_action: int  # escalations of the theme not yet linked to an action
    action_references: tuple[str, ...]
    latest_raised_on: date
    restricted: int

    @property
    def has_action(self) -> bool:
        return bool(self.action_references)


def learning_theme_rows(db: Database) -> list[ThemeRow]:
    """Each learning theme with its escalations and the actions made from it, commonest first."""
    grouped: dict[str, list[EscalationRow]] = {}
    for row in list_escalations(db):
        if row.learning_theme:
            grouped.setdefault(row.learning_theme.casefold(), []).append(row)
    themes = [
        ThemeRow(
            rows[0].learning_theme or "",
            tuple(r.reference for r in rows),
            len(rows),
            sum(1 for r in rows if r.is_open),
            sum(1 for r in rows if r.learning_action_id is None),
            tuple(sorted({r.learning_action for r in rows if r.learning_action})),
            max(r.raised_on for r in rows),
            sum(1 for r in rows if r.restricted),
        )
        for rows in grouped.values()
    ]
    return sorted(themes, key=lambda t: (-t.escalations, t.theme.casefold()))


@dataclass
class ThemeActionInput:
    text: str
    lead_agency_id: int | None = None
    lead_person_id: int | None = None
    board_id: int | None = None
    due_on: date | None = None
    measure: str | None = None


def create_action_from_theme(db: Database, theme: str, data: ThemeActionInput) -> str:
    """Turn a learning theme into one action-log action; returns the action's reference.

    The escalations of the theme not yet linked to an action are linked to the new one. An
    action made from restricted escalations (or from a restricted escalation log) is
    restricted too, to those every one of them admits: its source note names them.
    """
    if not (data.text or "").strip():
        raise ValidationFailed(FieldError("text", "Say what the action is."))
    with db.session() as session:
        escalations = [
            e
            for e in session.scalars(select(Escalation).order_by(Escalation.raised_on))
            if (e.learning_theme or "").casefold() == theme.strip().casefold()
        ]
        if not escalations:
            raise UserError(f"No escalation has the learning theme “{theme}”.")
        unlinked = [e for e in escalations if e.learning_action_id is None]
        if not unlinked:
            raise UserError(f"Every escalation of “{theme}” is already linked to an action.")
        references = ", ".join(e.reference or f"#{e.id}" for e in unlinked)
        restricted, restricted_to = inherited_restriction(
            session, "escalation", ((e.restricted, e.restricted_to) for e in unlinked)
        )
        action = create_action_in(
            session,
            ActionInput(
                text=data.text,
                source_kind=ActionSource.ESCALATION_LEARNING.value,
                source_note=f"Learning theme “{unlinked[0].learning_theme}” from escalations "
                f"{references}",
                lead_agency_id=data.lead_agency_id,
                lead_person_id=data.lead_person_id,
                board_id=data.board_id,
                due_on=data.due_on,
                measure=data.measure,
                restricted=restricted,
                restricted_to=restricted_to,
            ),
        )
        for escalation in unlinked:
            escalation.learning_action_id = action.id
        session.flush()
        return action.reference


def escalations_of_theme(db: Database, theme: str) -> list[EscalationRow]:
    with db.reader() as session:
        return [
            r
            for r in list_escalations_in(session)
            if (r.learning_theme or "").casefold() == theme.strip().casefold()
        ]
