"""Evaluation responses as the page lists them, and the themes business support tags them with.

A follow-up answer ("what have you done differently?") is tagged with a theme (e.g. "Better
chronologies", "Earlier referral") so that the yearly report can say what changed in practice
and how often. Responses carry no name or e-mail: they are read by everyone who reads the
figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency
from partnerboard.db.models.training import (
    TrainingCourse,
    TrainingEvaluation,
    TrainingOutcome,
    TrainingRating,
    TrainingSession,
)
from partnerboard.domain.training import TAG_MAX, EvaluationKind
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import fetch, tidy


@dataclass(frozen=True)
class EvaluationRow:
    id: int
    session_id: int
    session_starts_at: datetime
    course_reference: str
    kind: EvaluationKind
    submitted_at: datetime | None
    agency: str | None
    comment: str | None
    theme_tag: str | None
    ratings: tuple[tuple[int, int | None, int | None], ...]  # (outcome number, before, after)

    @property
    def ratings_text(self) -> str:
        """'1: 2→4 · 2: 3→4'."""
        return " · ".join(
            f"{n}: {b if b is not None else '–'}→{a if a is not None else '–'}"
            for n, b, a in self.ratings
        )


def list_evaluations(
    db: Database,
    kind: EvaluationKind | None = None,
    session_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[EvaluationRow]:
    """Responses, newest session first, for a session, a kind or a period."""
    with db.reader() as session:
        query = (
            select(
                TrainingEvaluation, TrainingSession.starts_at, TrainingCourse.reference, Agency.name
            )
            .join(TrainingSession, TrainingSession.id == TrainingEvaluation.session_id)
            .join(TrainingCourse, TrainingCourse.id == TrainingSession.course_id)
            .outerjoin(Agency, Agency.id == TrainingEvaluation.agency_id)
            .order_by(TrainingSession.starts_at.desc(), TrainingEvaluation.id)
        )
        if kind is not None:
            query = query.where(TrainingEvaluation.kind == kind.value)
        if session_id is not None:
            query = query.where(TrainingEvaluation.session_id == session_id)
        if since is not None:
            query = query.where(TrainingSession.starts_at >= datetime.combine(since, time()))
        if until is not None:
            query = query.where(TrainingSession.starts_at <= datetime.combine(until, time.max))
        found = session.execute(query).all()
        ratings: dict[int, list[tuple[int, int | None, int | None]]] = {}
        ids = [e.id for e, *_ in found]
        for start in range(0, len(ids), 500):
            for evaluation_id, number, before, after in session.execute(
                select(
                    TrainingRating.evaluation_id,
                    TrainingOutcome.number,
                    TrainingRating.confidence_before,
                    TrainingRating.confidence_after,
                )
                .join(TrainingOutcome, TrainingOutcome.id == TrainingRating.outcome_id)
                .where(TrainingRating.evaluation_id.in_(ids[start : start + 500]))
                .order_by(TrainingOutcome.number)
            ):
                ratings.setdefault(evaluation_id, []).append((number, before, after))
        return [
            EvaluationRow(
                e.id,
                e.session_id,
                starts,
                reference,
                EvaluationKind.parse(e.kind) or EvaluationKind.COURSE,
                e.submitted_at,
                agency,
                e.comment,
                e.theme_tag,
                tuple(ratings.get(e.id, [])),
            )  # fmt: skip
            for e, starts, reference, agency in found
        ]


def tag_theme(db: Database, evaluation_id: int, tag: str | None) -> EvaluationRow:
    """Tag a response with a theme (blank: untagged)."""
    text = tidy(" ".join((tag or "").split()))
    if text and len(text) > TAG_MAX:
        raise ValidationFailed(FieldError("theme_tag", f"At most {TAG_MAX} characters."))
    with db.session() as session:
        evaluation = fetch(session, TrainingEvaluation, evaluation_id, "evaluation response")
        evaluation.theme_tag = text
        session_id = evaluation.session_id
    return next(r for r in list_evaluations(db, session_id=session_id) if r.id == evaluation_id)


def theme_tags(db: Database) -> list[str]:
    """Themes already used, most used first (offered when tagging)."""
    with db.reader() as session:
        return list(
            session.scalars(
                select(TrainingEvaluation.theme_tag)
                .where(TrainingEvaluation.theme_tag.is_not(None))
                .group_by(TrainingEvaluation.theme_tag)
                .order_by(func.count().desc(), TrainingEvaluation.theme_tag)
            )
        )
