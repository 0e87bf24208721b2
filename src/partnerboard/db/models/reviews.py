"""Safeguarding practice reviews (rapid reviews, LCSPRs, older serious case reviews)."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    audience_check,
    audience_column,
)


class PracticeReview(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One review, from the day the partnership became aware to its closure.

    Restricted by default: only business support, the chairs and its `restricted_to` audience
    see it at all (`db.visibility`). `confidential_notes` is the
    one place for case detail; it never reaches a briefing or an export.
    """

    __tablename__ = "practice_review"
    __table_args__ = (audience_check(),)

    # domain.reviews.ReviewKind: rapid_review / lcspr / scr / other
    kind: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(40), unique=True)
    aware_on: Mapped[date] = mapped_column(Date)
    notified_on: Mapped[date | None] = mapped_column(Date)
    rapid_review_on: Mapped[date | None] = mapped_column(Date)
    reviewer: Mapped[str | None] = mapped_column(String(200))
    # domain.reviews.ReviewStatus: open / action_plan / closed
    status: Mapped[str] = mapped_column(String(30), default="open", server_default="open")
    # domain.reviews.ReviewDecision: lcspr / national / other_learning / no_further
    decision: Mapped[str | None] = mapped_column(String(30))
    decision_reason: Mapped[str | None] = mapped_column(Text)
    decision_on: Mapped[date | None] = mapped_column(Date)
    decision_by: Mapped[str | None] = mapped_column(String(200))
    published_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)
    learning_points: Mapped[str | None] = mapped_column(Text)
    do_differently: Mapped[str | None] = mapped_column(Text)
    confidential_notes: Mapped[str | None] = mapped_column(Text)
    # Closing: when, by whom, and (when actions were still open) why the board accepted that.
    closed_on: Mapped[date | None] = mapped_column(Date)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closure_reason: Mapped[str | None] = mapped_column(Text)
    restricted: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    restricted_to: Mapped[str | None] = audience_column()


class PracticeReviewAgency(IdMixin, Base):
    __tablename__ = "practice_review_agency"
    __table_args__ = (UniqueConstraint("review_id", "agency_id"),)

    review_id: Mapped[int] = mapped_column(ForeignKey("practice_review.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
