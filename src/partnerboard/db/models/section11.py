"""Section 11 audits: frameworks of standards and criteria, rounds, returns and answers."""

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class S11Framework(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "s11_framework"
    __table_args__ = (UniqueConstraint("name", "version"),)

    name: Mapped[str] = mapped_column(String(200))
    version: Mapped[str] = mapped_column(String(30))
    # draft / active / retired
    status: Mapped[str] = mapped_column(String(20), default="active", server_default="active")
    notes: Mapped[str | None] = mapped_column(Text)

    standards: Mapped[list["S11Standard"]] = relationship(
        back_populates="framework", order_by="S11Standard.number"
    )


class S11Standard(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "s11_standard"
    __table_args__ = (UniqueConstraint("framework_id", "number"),)

    framework_id: Mapped[int] = mapped_column(ForeignKey("s11_framework.id"))
    number: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)

    framework: Mapped[S11Framework] = relationship(back_populates="standards")
    criteria: Mapped[list["S11Criterion"]] = relationship(
        back_populates="standard", order_by="S11Criterion.position"
    )


class S11Criterion(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "s11_criterion"
    __table_args__ = (UniqueConstraint("standard_id", "code"),)

    standard_id: Mapped[int] = mapped_column(ForeignKey("s11_standard.id"))
    code: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    text: Mapped[str] = mapped_column(Text)
    guidance: Mapped[str | None] = mapped_column(Text)
    required: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    standard: Mapped[S11Standard] = relationship(back_populates="criteria")


class S11Round(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "s11_round"

    label: Mapped[str] = mapped_column(String(30), unique=True)
    framework_id: Mapped[int] = mapped_column(ForeignKey("s11_framework.id"))
    # Key of the rating scale chosen for this round (see domain.section11).
    rating_scale: Mapped[str] = mapped_column(String(30), default="fpn", server_default="fpn")
    issue_date: Mapped[date | None] = mapped_column(Date)
    deadline: Mapped[date | None] = mapped_column(Date)
    challenge_date: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    notes: Mapped[str | None] = mapped_column(Text)


class S11Return(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One agency's return in one round; its answers hang off its submissions."""

    __tablename__ = "s11_return"
    __table_args__ = (UniqueConstraint("round_id", "agency_id"),)

    round_id: Mapped[int] = mapped_column(ForeignKey("s11_round.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"), index=True)
    # not_issued -> issued -> returned -> validated -> challenged -> feedback_sent
    status: Mapped[str] = mapped_column(
        String(20), default="not_issued", server_default="not_issued"
    )
    issued_on: Mapped[date | None] = mapped_column(Date)
    # A later deadline agreed with this agency (the round's deadline applies otherwise).
    extended_to: Mapped[date | None] = mapped_column(Date)
    returned_on: Mapped[date | None] = mapped_column(Date)
    validated_on: Mapped[date | None] = mapped_column(Date)
    challenged_on: Mapped[date | None] = mapped_column(Date)
    feedback_sent_on: Mapped[date | None] = mapped_column(Date)
    strengths: Mapped[str | None] = mapped_column(Text)
    areas_for_development: Mapped[str | None] = mapped_column(Text)


class S11Submission(IdMixin, TimestampMixin, Base):
    """A returned workbook as imported; a later re-submission supersedes it but it is kept."""

    __tablename__ = "s11_submission"

    return_id: Mapped[int] = mapped_column(ForeignKey("s11_return.id"), index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitted_role: Mapped[str | None] = mapped_column(String(200))
    submitted_email: Mapped[str | None] = mapped_column(String(254))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    # The template it was filled in on: its version and when it was generated.
    template_version: Mapped[str | None] = mapped_column(String(20))
    template_generated_at: Mapped[datetime | None] = mapped_column(DateTime)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class S11Answer(IdMixin, Base):
    __tablename__ = "s11_answer"
    __table_args__ = (UniqueConstraint("submission_id", "criterion_id"),)

    submission_id: Mapped[int] = mapped_column(ForeignKey("s11_submission.id"))
    criterion_id: Mapped[int] = mapped_column(ForeignKey("s11_criterion.id"))
    rating: Mapped[str | None] = mapped_column(String(30))
    evidence: Mapped[str | None] = mapped_column(Text)
    planned_action: Mapped[str | None] = mapped_column(Text)
    action_owner: Mapped[str | None] = mapped_column(String(200))
    target_date: Mapped[date | None] = mapped_column(Date)


class S11Moderation(IdMixin, TimestampMixin, Base):
    """The board's moderated rating of one criterion, kept apart from the agency's own."""

    __tablename__ = "s11_moderation"

    return_id: Mapped[int] = mapped_column(ForeignKey("s11_return.id"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("s11_criterion.id"))
    rating: Mapped[str] = mapped_column(String(30))
    reason: Mapped[str] = mapped_column(Text)
    moderated_on: Mapped[date] = mapped_column(Date)
    moderated_by: Mapped[str | None] = mapped_column(String(200))


class S11Challenge(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A challenge question from the board's challenge session, and the agency's response."""

    __tablename__ = "s11_challenge"

    return_id: Mapped[int] = mapped_column(ForeignKey("s11_return.id"), index=True)
    standard_id: Mapped[int | None] = mapped_column(ForeignKey("s11_standard.id"))
    question: Mapped[str] = mapped_column(Text)
    asked_on: Mapped[date | None] = mapped_column(Date)
    asked_by: Mapped[str | None] = mapped_column(String(200))
    response: Mapped[str | None] = mapped_column(Text)
    responded_on: Mapped[date | None] = mapped_column(Date)
