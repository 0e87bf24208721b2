"""Feedback from children and families (the engagement log), and the yearly report's narrative.

The engagement log records each time the partners sought the views of children, young people
and families: the activity, when, who took part (never a child's name), what was heard and what
changed as a result. The yearly report's section on feedback is drawn from it.

`ReportNarrative` holds what the team wrote for each part of a yearly report, taken back from
the Word draft they edited, so that a redrawn draft keeps it and the published version uses it.
"""

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class EngagementEntry(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "engagement_entry"
    __table_args__ = (Index("ix_engagement_entry_held_on", "held_on"),)

    activity: Mapped[str] = mapped_column(String(300))
    held_on: Mapped[date] = mapped_column(Date)
    # domain.engagement.EngagementMethod: survey / group / panel / one_to_one / event / other
    method: Mapped[str] = mapped_column(String(30), default="other", server_default="other")
    # Who took part, in words ("Children in Care Council, 9 young people aged 11 to 17").
    participants: Mapped[str | None] = mapped_column(Text)
    # How many took part, where counted (the report adds these up).
    participant_count: Mapped[int | None] = mapped_column(Integer)
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    heard: Mapped[str | None] = mapped_column(Text)  # what we heard
    changed: Mapped[str | None] = mapped_column(Text)  # what changed as a result
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class ReportNarrative(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The team's text for one slot (domain.yearly_report.SLOTS) of one year's report."""

    __tablename__ = "report_narrative"
    __table_args__ = (UniqueConstraint("year", "slot"),)

    year: Mapped[str] = mapped_column(String(10))  # "2025/26"
    slot: Mapped[str] = mapped_column(String(40))
    # Paragraphs separated by a blank line; "- " starts a list item, "### " a subheading.
    text: Mapped[str] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(String(300))
