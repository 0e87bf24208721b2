"""Multi-agency training: courses and their learning outcomes, sessions, practitioners and their
bookings, evaluations with a confidence rating per outcome, and agencies' targets.

Practitioners are people outside the partnership's register (whoever books a place); their
names, e-mails and job roles live in `training_practitioner` alone, which `db.visibility`
shows only to business support and the chairs: everyone else gets bookings and figures by
agency without the people. Evaluations keep no name or e-mail: a response is linked to the
booking it came from.
"""

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


class TrainingCourse(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "training_course"

    reference: Mapped[str] = mapped_column(String(20), unique=True)  # "NEG-1"
    title: Mapped[str] = mapped_column(String(300))
    theme: Mapped[str] = mapped_column(String(200))
    # The partnership priority (a workstream of the improvement plan) the course serves.
    workstream_id: Mapped[int | None] = mapped_column(ForeignKey("workstream.id"))
    level: Mapped[str] = mapped_column(String(20))  # domain.training.Level
    audience: Mapped[str | None] = mapped_column(Text)
    delivering_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    trainers: Mapped[str | None] = mapped_column(String(300))
    duration_minutes: Mapped[int | None] = mapped_column(Integer)
    # Practitioners to train ("train 300 practitioners in the neglect toolkit").
    target_trained: Mapped[int | None] = mapped_column(Integer)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class TrainingOutcome(IdMixin, Base):
    """A learning outcome of a course, numbered 1, 2 … as evaluations rate them."""

    __tablename__ = "training_outcome"
    __table_args__ = (UniqueConstraint("course_id", "number"),)

    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String(300))


class TrainingCourseAction(IdMixin, Base):
    """An action of the action log (a review recommendation, an improvement-plan action) that
    the course answers. Hidden with a restricted action (`db.visibility.CHILDREN`)."""

    __tablename__ = "training_course_action"
    __table_args__ = (UniqueConstraint("course_id", "action_id"),)

    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"))
    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)


class TrainingSession(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "training_session"
    __table_args__ = (Index("ix_training_session_course_start", "course_id", "starts_at"),)

    course_id: Mapped[int] = mapped_column(ForeignKey("training_course.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)  # local wall time
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    mode: Mapped[str] = mapped_column(String(10))  # domain.training.Mode
    venue: Mapped[str | None] = mapped_column(String(300))  # a venue, or the online platform
    capacity: Mapped[int] = mapped_column(Integer)
    trainers: Mapped[str | None] = mapped_column(String(300))  # when not the course's
    cancelled: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # When the follow-up survey (about three months later) went out: its response rate counts
    # the attendees of these sessions.
    follow_up_sent_on: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class TrainingPractitioner(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Someone who booked a place: personal data, seen by business support and the chairs only."""

    __tablename__ = "training_practitioner"

    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(254), index=True)  # stored lower case
    job_role: Mapped[str | None] = mapped_column(String(200))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))


class TrainingBooking(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A practitioner's place on a session, and what became of it (`domain.training.BookingStatus`).

    The agency is the booking's own (where they worked when they booked), so that figures by
    agency need no personal data; `agency_as_written` keeps what a booking site said when no
    agency of the register could be placed."""

    __tablename__ = "training_booking"
    __table_args__ = (
        UniqueConstraint("session_id", "practitioner_id"),
        Index("ix_training_booking_agency", "agency_id"),
    )

    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("training_practitioner.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    agency_as_written: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20))
    booked_on: Mapped[date | None] = mapped_column(Date)
    source: Mapped[str | None] = mapped_column(String(300))  # typed, or "file.csv row 12"
    external_ref: Mapped[str | None] = mapped_column(String(100))  # the booking site's number


class TrainingEvaluation(IdMixin, TimestampMixin, Base):
    """One response to a course evaluation or to the follow-up, without name or e-mail."""

    __tablename__ = "training_evaluation"
    __table_args__ = (Index("ix_training_evaluation_session_kind", "session_id", "kind"),)

    session_id: Mapped[int] = mapped_column(ForeignKey("training_session.id"))
    kind: Mapped[str] = mapped_column(String(20))  # domain.training.EvaluationKind
    booking_id: Mapped[int | None] = mapped_column(ForeignKey("training_booking.id"))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime)
    # "What have you done differently?" (follow-up) or the course evaluation's comments.
    comment: Mapped[str | None] = mapped_column(Text)
    theme_tag: Mapped[str | None] = mapped_column(String(100))  # tagged by business support
    external_id: Mapped[str | None] = mapped_column(String(100))  # the forms tool's response ID
    source_file: Mapped[str | None] = mapped_column(String(300))


class TrainingRating(IdMixin, Base):
    """Confidence in one learning outcome before and after the course (1 to 5)."""

    __tablename__ = "training_rating"
    __table_args__ = (UniqueConstraint("evaluation_id", "outcome_id"),)

    evaluation_id: Mapped[int] = mapped_column(ForeignKey("training_evaluation.id"))
    outcome_id: Mapped[int] = mapped_column(ForeignKey("training_outcome.id"), index=True)
    confidence_before: Mapped[int | None] = mapped_column(Integer)
    confidence_after: Mapped[int | None] = mapped_column(Integer)


class TrainingTarget(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Places an agency aims to have attended in a public-sector year (2025 for 2025/26)."""

    __tablename__ = "training_target"
    __table_args__ = (UniqueConstraint("agency_id", "year"),)

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    year: Mapped[int] = mapped_column(Integer)
    places: Mapped[int] = mapped_column(Integer)


class TrainingAgencyDomain(IdMixin, Base):
    """An e-mail domain that places a practitioner in an agency (e.g. wrenfield.police.example)."""

    __tablename__ = "training_agency_domain"

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    domain: Mapped[str] = mapped_column(String(200), unique=True)
