"""Multi-agency thematic audits: cases by anonymised reference, agency returns, moderation, findings."""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class MaAudit(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "ma_audit"

    theme: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(300))
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"))
    # planned -> in_progress -> moderation -> reported -> closed
    status: Mapped[str] = mapped_column(String(20), default="planned", server_default="planned")
    return_deadline: Mapped[date | None] = mapped_column(Date)
    moderation_on: Mapped[date | None] = mapped_column(Date)  # the moderation panel's date
    reported_on: Mapped[date | None] = mapped_column(Date)
    summary: Mapped[str | None] = mapped_column(Text)


class MaAuditQuestion(IdMixin, Base):
    __tablename__ = "ma_audit_question"
    __table_args__ = (UniqueConstraint("audit_id", "number"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("ma_audit.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)


class MaAuditAgency(IdMixin, Base):
    """An agency taking part in an audit."""

    __tablename__ = "ma_audit_agency"
    __table_args__ = (UniqueConstraint("audit_id", "agency_id"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("ma_audit.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))


class MaCase(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A case in the sample, known only by an anonymised reference (never a name or a birth date)."""

    __tablename__ = "ma_case"
    __table_args__ = (UniqueConstraint("audit_id", "reference"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("ma_audit.id"))
    reference: Mapped[str] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    # The case this one re-audits (a case graded Inadequate in an earlier audit).
    reaudit_of_case_id: Mapped[int | None] = mapped_column(ForeignKey("ma_case.id"), index=True)


class MaCaseAgency(IdMixin, Base):
    """An agency involved in a case, which is therefore asked for a return on it."""

    __tablename__ = "ma_case_agency"
    __table_args__ = (UniqueConstraint("case_id", "agency_id"),)

    case_id: Mapped[int] = mapped_column(ForeignKey("ma_case.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))


class MaSubmission(IdMixin, TimestampMixin, Base):
    """One agency's returned workbook for an audit, as imported (its sign-off and source file).

    Only a file that changed something is recorded; the case returns it brought point at it.
    """

    __tablename__ = "ma_submission"
    __table_args__ = (Index("ix_ma_submission_audit_agency", "audit_id", "agency_id"),)

    audit_id: Mapped[int] = mapped_column(ForeignKey("ma_audit.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitted_role: Mapped[str | None] = mapped_column(String(200))
    submitted_email: Mapped[str | None] = mapped_column(String(254))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    template_version: Mapped[str | None] = mapped_column(String(20))
    template_generated_at: Mapped[datetime | None] = mapped_column(DateTime)


class MaCaseReturn(IdMixin, TimestampMixin, Base):
    """One agency's return on one case; a changed re-submission supersedes it (kept as history)."""

    __tablename__ = "ma_case_return"
    __table_args__ = (Index("ix_ma_case_return_case_agency", "case_id", "agency_id"),)

    submission_id: Mapped[int] = mapped_column(ForeignKey("ma_submission.id"), index=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("ma_case.id"))
    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    involvement: Mapped[str | None] = mapped_column(Text)
    reflection: Mapped[str | None] = mapped_column(Text)
    grade: Mapped[str] = mapped_column(String(30))
    learning: Mapped[str | None] = mapped_column(Text)
    superseded: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class MaModeration(IdMixin, TimestampMixin, Base):
    """A moderation decision on one case return; the latest one is the current moderated grade."""

    __tablename__ = "ma_moderation"

    case_return_id: Mapped[int] = mapped_column(ForeignKey("ma_case_return.id"), index=True)
    moderated_grade: Mapped[str] = mapped_column(String(30))
    moderator: Mapped[str] = mapped_column(String(200))
    agreed: Mapped[bool] = mapped_column(Boolean)
    note: Mapped[str | None] = mapped_column(Text)
    moderated_on: Mapped[date] = mapped_column(Date)


class MaFinding(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A finding of an audit, tagged to a theme. Recommendations are action-log actions whose
    source is the audit (and, where one led to it, the finding)."""

    __tablename__ = "ma_finding"

    audit_id: Mapped[int] = mapped_column(ForeignKey("ma_audit.id"))
    # strength / area_for_development / learning
    kind: Mapped[str] = mapped_column(String(30))
    text: Mapped[str] = mapped_column(Text)
    theme_tag: Mapped[str | None] = mapped_column(String(100))
