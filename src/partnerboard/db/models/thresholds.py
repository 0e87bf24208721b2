"""Threshold (levels of need) documents with versions and partner sign-up; the escalation log."""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    audience_check,
    audience_column,
)


class ThresholdDocument(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A threshold (continuum of need) document: the series that its versions belong to."""

    __tablename__ = "threshold_document"

    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)


class ThresholdVersion(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "threshold_version"
    __table_args__ = (UniqueConstraint("document_id", "version"),)

    document_id: Mapped[int] = mapped_column(ForeignKey("threshold_document.id"))
    version: Mapped[str] = mapped_column(String(30))
    # The title as printed on this version (documents are renamed between versions).
    title: Mapped[str] = mapped_column(String(300))
    # draft / approved / superseded
    status: Mapped[str] = mapped_column(String(20), default="draft", server_default="draft")
    approved_on: Mapped[date | None] = mapped_column(Date)
    approved_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    review_due: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class ThresholdLevel(IdMixin, Base):
    __tablename__ = "threshold_level"
    __table_args__ = (UniqueConstraint("version_id", "number"),)

    version_id: Mapped[int] = mapped_column(ForeignKey("threshold_version.id"))
    number: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    descriptors: Mapped[str | None] = mapped_column(Text)
    indicators: Mapped[str | None] = mapped_column(Text)


class ThresholdSignup(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One agency's sign-up to one version; a new version gets its own rows, all pending."""

    __tablename__ = "threshold_signup"
    __table_args__ = (
        UniqueConstraint("version_id", "agency_id"),
        Index("ix_threshold_signup_agency_id", "agency_id"),
    )

    version_id: Mapped[int] = mapped_column(ForeignKey("threshold_version.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    # pending / agreed / declined
    status: Mapped[str] = mapped_column(String(20), default="pending", server_default="pending")
    signatory_name: Mapped[str | None] = mapped_column(String(200))
    signatory_role: Mapped[str | None] = mapped_column(String(200))
    signed_on: Mapped[date | None] = mapped_column(Date)
    # board_minute / letter / email
    method: Mapped[str | None] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)


class Escalation(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A professional disagreement under the resolution (escalation) procedure."""

    __tablename__ = "escalation"
    __table_args__ = (Index("ix_escalation_raised_on", "raised_on"), audience_check())

    reference: Mapped[str | None] = mapped_column(String(40))
    raised_on: Mapped[date] = mapped_column(Date)
    raising_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    other_agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    # threshold_disagreement / referral_declined / plan_drift / information_sharing / other
    category: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str | None] = mapped_column(Text)
    # The highest stage reached (kept in step with the escalation's steps by the service).
    stage: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    outcome: Mapped[str | None] = mapped_column(Text)
    resolved_on: Mapped[date | None] = mapped_column(Date)
    # A short theme ("understanding of level 3") that groups learning across escalations.
    learning_theme: Mapped[str | None] = mapped_column(String(200))
    learning: Mapped[str | None] = mapped_column(Text)
    # The action-log action made from this learning. No foreign key: the action table comes
    # in a later migration (0007); readers join it outer, so a missing action shows as none.
    learning_action_id: Mapped[int | None] = mapped_column(Integer)
    # Visible to business support, the chair / co-chairs and `restricted_to` (db.visibility).
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    restricted_to: Mapped[str | None] = audience_column()


class EscalationStep(IdMixin, TimestampMixin, Base):
    """The date an escalation reached a stage (stage 1 is the day it was raised)."""

    __tablename__ = "escalation_step"
    # One step per stage; the unique index also serves look-ups by escalation.
    __table_args__ = (UniqueConstraint("escalation_id", "stage"),)

    escalation_id: Mapped[int] = mapped_column(ForeignKey("escalation.id"))
    stage: Mapped[int] = mapped_column(Integer)
    on_date: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)
