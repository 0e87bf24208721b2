"""The board action log / improvement plan: workstreams, actions and their dated updates."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, Date, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class Workstream(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A workstream or 'ambition' of an improvement plan; numbers prefix its actions' references."""

    __tablename__ = "workstream"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"))
    approach: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class Action(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "action"
    __table_args__ = (
        Index("ix_action_status_due", "status", "due_on"),
        Index("ix_action_reference_key", "reference_key"),
    )

    # As written by the board ("1.10"); `reference_key` sorts it naturally (1.9 before 1.10).
    reference: Mapped[str] = mapped_column(String(40))
    reference_key: Mapped[str] = mapped_column(String(120))
    workstream_id: Mapped[int | None] = mapped_column(ForeignKey("workstream.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # meeting_item / s11_return / audit_finding / review_recommendation / peer_review / other
    source_kind: Mapped[str] = mapped_column(String(30), default="other", server_default="other")
    source_note: Mapped[str | None] = mapped_column(Text)
    source_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"))
    source_agenda_item_id: Mapped[int | None] = mapped_column(ForeignKey("agenda_item.id"))
    source_s11_return_id: Mapped[int | None] = mapped_column(ForeignKey("s11_return.id"))
    source_audit_id: Mapped[int | None] = mapped_column(ForeignKey("ma_audit.id"))
    source_finding_id: Mapped[int | None] = mapped_column(ForeignKey("ma_finding.id"))
    source_review_id: Mapped[int | None] = mapped_column(ForeignKey("practice_review.id"))
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"))
    raised_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    difference: Mapped[str | None] = mapped_column(Text)  # how it will make a difference
    measure: Mapped[str | None] = mapped_column(Text)  # how we will know
    # open / closed / superseded / merged — never deleted
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_note: Mapped[str | None] = mapped_column(Text)
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class ActionUpdate(IdMixin, TimestampMixin, Base):
    """A dated progress update. The action's current RAG is its latest *accepted* update's."""

    __tablename__ = "action_update"
    __table_args__ = (Index("ix_action_update_action_date", "action_id", "update_on"),)

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    update_on: Mapped[date] = mapped_column(Date)
    narrative: Mapped[str | None] = mapped_column(Text)
    rag: Mapped[str | None] = mapped_column(String(10))
    author: Mapped[str | None] = mapped_column(String(200))
    # accepted / proposed / rejected (partners' updates by workbook arrive as proposed)
    state: Mapped[str] = mapped_column(String(20), default="accepted", server_default="accepted")
    proposed_due_on: Mapped[date | None] = mapped_column(Date)
    due_change_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    source_file: Mapped[str | None] = mapped_column(String(300))


class ActionEvent(IdMixin, TimestampMixin, Base):
    """Things that happen to an action besides progress: moved, re-referenced, closed, merged."""

    __tablename__ = "action_event"

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"), index=True)
    happened_on: Mapped[date] = mapped_column(Date)
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(200))
