"""Small builders shared by the practice review tests (real database, real services)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.access import Principal, Role
from partnerboard.services.reviews import ReviewInput, ReviewRow, save_review

TODAY = date(2026, 6, 3)


def add_agencies(db: Database, *names: str) -> list[int]:
    with db.session() as session:
        made = [Agency(name=name, short_name=name.split()[0], sector="other") for name in names]
        session.add_all(made)
        session.flush()
        return [a.id for a in made]


def review_input(**changes) -> ReviewInput:
    base = ReviewInput(
        kind="rapid_review",
        reference="RR-2026-07",
        aware_on=date(2026, 5, 22),
        reviewer="CSPR Group",
        summary="A baby was injured at home.",
        learning_points="Think family.",
        do_differently="Ask who else lives in the house.",
    )
    return replace(base, **changes)


def add_review(db: Database, **changes) -> ReviewRow:
    return save_review(db, review_input(**changes), today=TODAY)


def as_role(db: Database, role: Role) -> Database:
    """The same database seen by someone in `role` (sessions carry the principal)."""
    return Database(db.target, db.engine, Principal(name=f"A {role.label}", role=role))
