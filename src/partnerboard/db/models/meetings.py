"""Meetings of boards and sub-groups: agenda items, attendance, minutes and their corrections."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class Meeting(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "meeting"

    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"))
    starts_at: Mapped[datetime] = mapped_column(DateTime)
    ends_at: Mapped[datetime | None] = mapped_column(DateTime)
    venue: Mapped[str | None] = mapped_column(String(200))
    online: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    online_link: Mapped[str | None] = mapped_column(String(500))
    # planned -> held -> minutes_draft -> minutes_approved, or cancelled
    status: Mapped[str] = mapped_column(String(20), default="planned", server_default="planned")
    chair_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    minute_taker_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    minutes_approved_on: Mapped[date | None] = mapped_column(Date)
    minutes_approved_by: Mapped[str | None] = mapped_column(String(200))
    notes: Mapped[str | None] = mapped_column(Text)

    items: Mapped[list[AgendaItem]] = relationship(
        back_populates="meeting", order_by="AgendaItem.position"
    )
    attendance: Mapped[list[Attendance]] = relationship(back_populates="meeting")


class AgendaItem(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "agenda_item"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int] = mapped_column(Integer)
    # standard / previous_minutes / matters_arising / any_other_business
    kind: Mapped[str] = mapped_column(String(30), default="standard", server_default="standard")
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str | None] = mapped_column(String(200))
    paper_ref: Mapped[str | None] = mapped_column(String(100))
    minutes_allotted: Mapped[int | None] = mapped_column(Integer)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    discussion: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    not_reached: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    carried_from_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="items")


class Attendance(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One line of the attendance register: a member, a deputy in their place, or a guest."""

    __tablename__ = "attendance"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # present / present_online / deputy / apologies / absent / guest
    status: Mapped[str] = mapped_column(String(20), default="present", server_default="present")
    deputy_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    deputy_name: Mapped[str | None] = mapped_column(String(200))
    apology_reason: Mapped[str | None] = mapped_column(String(300))
    guest_name: Mapped[str | None] = mapped_column(String(200))
    guest_organisation: Mapped[str | None] = mapped_column(String(200))
    guest_role: Mapped[str | None] = mapped_column(String(200))

    meeting: Mapped[Meeting] = relationship(back_populates="attendance")


class MinutesCorrection(IdMixin, TimestampMixin, Base):
    """A change to approved minutes: allowed only with a reason, and kept."""

    __tablename__ = "minutes_correction"

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    corrected_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
