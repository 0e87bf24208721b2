"""Meetings of boards and sub-groups: agenda items, attendance, minutes and their corrections."""

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
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerboard.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    audience_check,
    audience_column,
)


class Meeting(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "meeting"
    __table_args__ = (Index("ix_meeting_board_starts", "board_id", "starts_at"),)

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

    items: Mapped[list["AgendaItem"]] = relationship(
        back_populates="meeting",
        order_by="AgendaItem.position",
        foreign_keys="AgendaItem.meeting_id",
    )
    attendance: Mapped[list["Attendance"]] = relationship(
        back_populates="meeting", order_by="Attendance.position"
    )


class AgendaItem(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "agenda_item"
    __table_args__ = (
        Index("ix_agenda_item_meeting_position", "meeting_id", "position"),
        audience_check(),
    )

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int] = mapped_column(Integer)
    # standard / previous_minutes / matters_arising / any_other_business
    kind: Mapped[str] = mapped_column(String(30), default="standard", server_default="standard")
    title: Mapped[str] = mapped_column(String(300))
    presenter: Mapped[str | None] = mapped_column(String(200))
    paper_ref: Mapped[str | None] = mapped_column(String(100))
    minutes_allotted: Mapped[int | None] = mapped_column(Integer)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    restricted_to: Mapped[str | None] = audience_column()
    discussion: Mapped[str | None] = mapped_column(Text)
    decisions: Mapped[str | None] = mapped_column(Text)
    not_reached: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    carried_from_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    # The meeting whose minutes a "previous minutes" item approves.
    previous_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="items", foreign_keys=[meeting_id])


class Attendance(IdMixin, TimestampMixin, VersionedMixin, Base):
    """One line of the attendance register: a member, a deputy in their place, or a guest.

    `role` and `agency_id` are taken from the membership when the register is made, so that
    attendance figures for a past year stay right after people change jobs or seats.
    """

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"))
    position: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # chair / co_chair / member / adviser / observer (the seat), or None for a guest
    role: Mapped[str | None] = mapped_column(String(20))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
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

    meeting_id: Mapped[int] = mapped_column(ForeignKey("meeting.id"), index=True)
    # The item a correction is about: it quotes the item, so it is hidden with it
    # (db.visibility). None: the meeting's details or attendance.
    agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    corrected_by: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str] = mapped_column(Text)
    detail: Mapped[str | None] = mapped_column(Text)
