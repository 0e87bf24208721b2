"""The statutory clock of practice reviews, for one review and for the deadline board.

Deadlines are computed, never stored: they follow from the dates recorded on the review
(aware, notified, rapid review held, decision, published), so correcting a date corrects
every deadline, and each one carries the sum that produced it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.reviews import PracticeReview
from partnerboard.domain.reviews import (
    Deadline,
    DeadlineState,
    ReviewKind,
    ReviewStatus,
    review_deadlines,
)

if TYPE_CHECKING:  # the reviews service only for one review's deadlines, not the home page's board
    from partnerboard.services.reviews import ReviewRow

DEFAULT_WITHIN_DAYS = 14


def deadlines_of(review: PracticeReview | ReviewRow, today: date) -> list[Deadline]:
    """Every statutory deadline of `review` and its state on `today`."""
    return review_deadlines(
        kind=str(review.kind),
        aware_on=review.aware_on,
        notified_on=review.notified_on,
        rapid_review_on=review.rapid_review_on,
        decision=None if review.decision is None else str(review.decision),
        decision_on=review.decision_on,
        published_on=review.published_on,
        today=today,
        closed=str(review.status) == ReviewStatus.CLOSED.value,
    )


def review_deadlines_for(db: Database, review_id: int, today: date | None = None) -> list[Deadline]:
    from partnerboard.services.reviews import fetch_visible_review  # noqa: PLC0415

    with db.reader() as session:
        return deadlines_of(fetch_visible_review(session, review_id), today or db.clock.today())


def next_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The first outstanding deadline (overdue ones first, as they are earliest)."""
    outstanding = [d for d in deadlines if d.outstanding and d.due is not None]
    return min(outstanding, key=lambda d: d.due, default=None)  # type: ignore[arg-type,return-value]


@dataclass(frozen=True)
class UpcomingDeadline:
    """One line of the deadline board."""

    review_id: int
    reference: str
    kind: ReviewKind
    deadline: Deadline
    status_text: str  # 'due in 3 days', 'overdue by 2 working days'

    @property
    def overdue(self) -> bool:
        return self.deadline.state == DeadlineState.OVERDUE

    @property
    def due(self) -> date:
        assert self.deadline.due is not None
        return self.deadline.due


def upcoming_in(session: Session, today: date, within_days: int) -> list[UpcomingDeadline]:
    horizon = today + timedelta(days=within_days)
    query = select(PracticeReview).where(PracticeReview.status != ReviewStatus.CLOSED.value)
    found: list[UpcomingDeadline] = []
    for review in session.scalars(query):
        for deadline in deadlines_of(review, today):
            if not deadline.outstanding or deadline.due is None:
                continue
            if deadline.state == DeadlineState.OVERDUE or deadline.due <= horizon:
                found.append(
                    UpcomingDeadline(
                        review.id,
                        review.reference,
                        ReviewKind(review.kind),
                        deadline,
                        deadline.status_text(today),
                    )
                )
    found.sort(key=lambda u: (u.due, u.reference.casefold(), u.deadline.key))
    return found


def upcoming_deadlines(
    db: Database, today: date | None = None, within_days: int = DEFAULT_WITHIN_DAYS
) -> list[UpcomingDeadline]:
    """The deadline board: every overdue deadline, then those due within `within_days` days.

    Only open reviews the current user may see; met deadlines and closed reviews never appear.
    Sorted by due date, so overdue ones come first.
    """
    with db.reader() as session:
        return upcoming_in(session, today or db.clock.today(), within_days)
