"""Review recommendations as action-log actions, and closing a review.

A recommendation *is* an action of the board's action log (source: review recommendation,
pointing at the review), so the board monitors it with every other action; its RAG is that of
its latest accepted update. A review closes only when each of its actions is complete (closed,
superseded, merged or Green) or when the board accepts the remainder, with the reason recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.actions import ActionSource, ActionStatus, Rag
from partnerboard.domain.reviews import ReviewStatus
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.actions import ActionInput, create_action_in, current_rags
from partnerboard.services.common import check_version, tidy
from partnerboard.services.reviews import (
    ReviewRow,
    fetch_visible_review,
    rows_of,
)


@dataclass(frozen=True)
class RecommendationRow:
    action_id: int
    reference: str
    text: str
    lead_agency: str | None
    due_on: date | None
    status: ActionStatus
    rag: Rag | None
    restricted: bool

    @property
    def complete(self) -> bool:
        """Done with: closed, superseded or merged in the action log, or rated Green."""
        return self.status != ActionStatus.OPEN or self.rag == Rag.GREEN


@dataclass
class RecommendationInput:
    text: str
    lead_agency_id: int | None = None
    due_on: date | None = None
    lead_person_id: int | None = None
    restricted: bool = False


def recommendations_in(session: Session, review_id: int) -> list[RecommendationRow]:
    """The review's actions with their current RAG (the review must be visible to the user)."""
    fetch_visible_review(session, review_id)
    query = (
        select(Action, Agency.short_name, Agency.name)
        .outerjoin(Agency, Agency.id == Action.lead_agency_id)
        .where(Action.source_review_id == review_id)
        .order_by(Action.reference_key, Action.id)
    )
    found = session.execute(query).all()
    rags = current_rags(session, [action.id for action, _, _ in found])
    return [
        RecommendationRow(
            action_id=action.id,
            reference=action.reference,
            text=action.text,
            lead_agency=short or name,
            due_on=action.due_on,
            status=ActionStatus(action.status),
            rag=Rag.parse(rags.get(action.id)),
            restricted=action.restricted,
        )
        for action, short, name in found
    ]


def list_recommendations(db: Database, review_id: int) -> list[RecommendationRow]:
    with db.reader() as session:
        return recommendations_in(session, review_id)


def add_recommendation_in(
    session: Session, review_id: int, data: RecommendationInput, today: date | None = None
) -> Action:
    review = fetch_visible_review(session, review_id)
    if review.status == ReviewStatus.CLOSED.value:
        raise ValidationFailed(
            FieldError("text", "This review is closed; reopen it before adding a recommendation.")
        )
    return create_action_in(
        session,
        ActionInput(
            text=data.text,
            source_kind=ActionSource.REVIEW_RECOMMENDATION.value,
            source_review_id=review.id,
            source_note=f"Recommendation of practice review {review.reference}",
            lead_agency_id=data.lead_agency_id,
            lead_person_id=data.lead_person_id,
            raised_on=today or clock_of(session).today(),
            due_on=data.due_on,
            restricted=data.restricted,
        ),
    )


def add_recommendation(db: Database, review_id: int, data: RecommendationInput) -> int:
    """Make a recommendation an action-log action with the review as its source; its action id."""
    with db.session() as session:
        return add_recommendation_in(session, review_id, data).id


def outstanding_actions(db: Database, review_id: int) -> list[RecommendationRow]:
    """The review's actions that are not complete (what the board would have to accept)."""
    return [r for r in list_recommendations(db, review_id) if not r.complete]


def close_review_in(
    session: Session,
    review_id: int,
    *,
    closed_on: date,
    reason: str | None = None,
    by: str | None = None,
    expected_version: int | None = None,
) -> ReviewRow:
    review = fetch_visible_review(session, review_id)
    check_version(review, expected_version, "review")
    if review.status == ReviewStatus.CLOSED.value:
        raise ValidationFailed(FieldError("", f"Review {review.reference} is already closed."))
    if closed_on < review.aware_on:
        raise ValidationFailed(
            FieldError("closed_on", "A review cannot close before the partnership became aware.")
        )
    # Every action counts here, restricted or not: the board accepts the whole remainder.
    actions = session.scalars(select(Action).where(Action.source_review_id == review_id)).all()
    rags = current_rags(session, [a.id for a in actions])
    open_refs = [
        a.reference
        for a in actions
        if a.status == ActionStatus.OPEN.value and rags.get(a.id) != Rag.GREEN.value
    ]
    if open_refs and not tidy(reason):
        count = "1 action is" if len(open_refs) == 1 else f"{len(open_refs)} actions are"
        raise ValidationFailed(
            FieldError(
                "closure_reason",
                f"{count} not complete ({', '.join(open_refs)}). The review closes only when "
                "its actions are complete, or when the board accepts the remainder: record why.",
            )
        )
    review.status = ReviewStatus.CLOSED.value
    review.closed_on = closed_on
    review.closed_by = tidy(by) or session.info["principal"].name
    review.closure_reason = tidy(reason)
    session.flush()
    return rows_of(session, [review])[0]


def close_review(
    db: Database,
    review_id: int,
    *,
    closed_on: date | None = None,
    reason: str | None = None,
    by: str | None = None,
    expected_version: int | None = None,
) -> ReviewRow:
    """Close a review: refused while actions are open, unless the board's reason is given."""
    with db.session() as session:
        return close_review_in(
            session,
            review_id,
            closed_on=closed_on or db.clock.today(),
            reason=reason,
            by=by,
            expected_version=expected_version,
        )
