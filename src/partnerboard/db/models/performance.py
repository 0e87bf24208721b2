"""The performance dataset: indicators (each definition a series of its own), their values per
period, and the returns partners send in.

An indicator's definition is versioned: changing what is counted (definition, numerator,
denominator, unit or frequency) starts a new indicator row with the same reference and the
next version, `replaces_id` pointing back; the old row is superseded and keeps its values, so
the old series stays readable. Other edits (wording of the title, target, owner, comparators)
change the row in place, with the audit trail keeping what they were.

A value is a record of its own: the current value of an indicator for a period is its latest
record; a correction is a new record with a reason, so any past quarter can be reported as
it stood (`recorded_at`).
"""

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerboard.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    audience_check,
    audience_column,
)


class Indicator(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "indicator"
    __table_args__ = (
        UniqueConstraint("reference", "version"),
        Index("ix_indicator_status_theme", "status", "theme"),
        audience_check(),
    )

    reference: Mapped[str] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    title: Mapped[str] = mapped_column(String(300))
    definition: Mapped[str | None] = mapped_column(Text)  # what is counted, in plain words
    numerator: Mapped[str | None] = mapped_column(Text)
    denominator: Mapped[str | None] = mapped_column(Text)
    theme: Mapped[str | None] = mapped_column(String(100))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    owner: Mapped[str | None] = mapped_column(String(200))  # the named owner, as written
    # count / percentage / rate / days / median (domain.performance.Unit)
    unit: Mapped[str] = mapped_column(String(20))
    # higher / lower / context
    polarity: Mapped[str] = mapped_column(String(20))
    # quarterly / monthly
    frequency: Mapped[str] = mapped_column(
        String(20), default="quarterly", server_default="quarterly"
    )
    target: Mapped[float | None] = mapped_column(Float)
    tolerance: Mapped[float | None] = mapped_column(Float)
    # Comparators typed in by hand, each with the period it is for ("2024/25", "31/03/2025").
    england: Mapped[float | None] = mapped_column(Float)
    england_period: Mapped[str | None] = mapped_column(String(40))
    neighbours: Mapped[float | None] = mapped_column(Float)
    neighbours_period: Mapped[str | None] = mapped_column(String(40))
    region: Mapped[float | None] = mapped_column(Float)
    region_period: Mapped[str | None] = mapped_column(String(40))
    # current / superseded (a later definition replaced it) / retired
    status: Mapped[str] = mapped_column(String(20), default="current", server_default="current")
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id"))
    # The first period the definition applies to (a later version starts a new series).
    starts: Mapped[str | None] = mapped_column(String(12))
    notes: Mapped[str | None] = mapped_column(Text)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    restricted_to: Mapped[str | None] = audience_column()


class DatasetReturn(IdMixin, TimestampMixin, Base):
    """A partner's return workbook for one period, as imported (its values point at it)."""

    __tablename__ = "dataset_return"
    __table_args__ = (Index("ix_dataset_return_agency_period", "agency_id", "period"),)

    agency_id: Mapped[int] = mapped_column(ForeignKey("agency.id"))
    period: Mapped[str] = mapped_column(String(12))
    received_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str | None] = mapped_column(String(300))
    content_hash: Mapped[str] = mapped_column(String(64))
    submitted_by: Mapped[str | None] = mapped_column(String(200))
    submitted_role: Mapped[str | None] = mapped_column(String(200))
    submitted_email: Mapped[str | None] = mapped_column(String(254))
    submitted_on: Mapped[date | None] = mapped_column(Date)
    template_version: Mapped[str | None] = mapped_column(String(20))
    template_generated_at: Mapped[datetime | None] = mapped_column(DateTime)


class IndicatorValue(IdMixin, TimestampMixin, Base):
    """One record of an indicator's figure for a period; the latest record is the current one."""

    __tablename__ = "indicator_value"
    __table_args__ = (
        # The current value of every indicator and period in one pass.
        Index("ix_indicator_value_current", "indicator_id", "period", "recorded_at", "id"),
    )

    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicator.id"))
    period: Mapped[str] = mapped_column(String(12))  # domain.public_sector_year key: "2026/27-Q2"
    period_start: Mapped[date] = mapped_column(Date)
    # The agency that supplied the figure.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    value: Mapped[float | None] = mapped_column(Float)
    numerator: Mapped[float | None] = mapped_column(Float)
    denominator: Mapped[float | None] = mapped_column(Float)
    not_available: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    not_available_reason: Mapped[str | None] = mapped_column(Text)
    commentary: Mapped[str | None] = mapped_column(Text)
    # A later record for the same period corrects this one: it says why.
    correction_reason: Mapped[str | None] = mapped_column(Text)
    recorded_at: Mapped[datetime] = mapped_column(DateTime)  # UTC, the database's clock
    recorded_by: Mapped[str | None] = mapped_column(String(200))
    # form / return / import
    source: Mapped[str] = mapped_column(String(20), default="form", server_default="form")
    return_id: Mapped[int | None] = mapped_column(ForeignKey("dataset_return.id"), index=True)
    source_file: Mapped[str | None] = mapped_column(String(300))

    # The return it came in (set on a new record: the return and its figures go in one flush).
    dataset_return: Mapped[DatasetReturn | None] = relationship()
