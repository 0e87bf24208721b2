"""The board action log / improvement plan: workstreams, actions and their dated updates.

An action's RAG is never a column of the action: it is the RAG of its latest *accepted*
update, so that any past quarter can be reported as it stood. Nothing is ever deleted:
closed, superseded and merged actions keep their updates and events.
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

from partnerboard.db.base import (
    Base,
    IdMixin,
    TimestampMixin,
    VersionedMixin,
    audience_check,
    audience_column,
)


class Workstream(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A workstream or 'ambition' of an improvement plan; numbers prefix its actions' references."""

    __tablename__ = "workstream"

    number: Mapped[int] = mapped_column(Integer, unique=True)
    title: Mapped[str] = mapped_column(String(300))
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    # The lead as written in an imported plan when no person of the register matches.
    lead_name: Mapped[str | None] = mapped_column(String(200))
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"))
    approach: Mapped[str | None] = mapped_column(Text)  # "our approach"
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")


class Action(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "action"
    __table_args__ = (
        # References are unique within a workstream (actions outside one are checked by the
        # service: NULLs never clash in a unique index).
        UniqueConstraint("workstream_id", "reference"),
        Index("ix_action_status_due", "status", "due_on"),
        Index("ix_action_reference_key", "reference_key"),
        audience_check(),
    )

    # As written by the board ("1.10"); `reference_key` sorts it naturally (1.9 before 1.10).
    reference: Mapped[str] = mapped_column(String(40))
    reference_key: Mapped[str] = mapped_column(String(120))
    workstream_id: Mapped[int | None] = mapped_column(ForeignKey("workstream.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    # meeting_item / s11_return / audit_finding / review_recommendation / peer_review /
    # performance_indicator / other
    source_kind: Mapped[str] = mapped_column(String(30), default="other", server_default="other")
    source_note: Mapped[str | None] = mapped_column(Text)
    # Other registers find "their" actions by these (actions arising from a meeting, ...).
    source_meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meeting.id"), index=True)
    source_agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id"), index=True
    )
    source_s11_return_id: Mapped[int | None] = mapped_column(
        ForeignKey("s11_return.id"), index=True
    )
    source_audit_id: Mapped[int | None] = mapped_column(ForeignKey("ma_audit.id"), index=True)
    source_finding_id: Mapped[int | None] = mapped_column(ForeignKey("ma_finding.id"), index=True)
    source_review_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_review.id"), index=True
    )
    # A performance indicator that was Red (or worsening) when the action was raised.
    source_indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicator.id"), index=True)
    lead_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"), index=True)
    # The lead as written (an imported plan's "Head of Service, Early Help") when no person
    # of the register matches; shown when there is no lead person.
    lead_name: Mapped[str | None] = mapped_column(String(200))
    lead_agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"), index=True)
    board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"), index=True)
    raised_on: Mapped[date | None] = mapped_column(Date)
    due_on: Mapped[date | None] = mapped_column(Date)
    difference: Mapped[str | None] = mapped_column(Text)  # how it will make a difference
    measure: Mapped[str | None] = mapped_column(Text)  # how we will know
    # open / closed / superseded / merged — never deleted
    status: Mapped[str] = mapped_column(String(20), default="open", server_default="open")
    closed_on: Mapped[date | None] = mapped_column(Date)
    closure_note: Mapped[str | None] = mapped_column(Text)
    # The action that supersedes this one, or that this one was merged into.
    replaced_by_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"), index=True)
    restricted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    restricted_to: Mapped[str | None] = audience_column()


class ActionUpdate(IdMixin, TimestampMixin, Base):
    """A dated progress update. The action's current RAG is its latest *accepted* update's."""

    __tablename__ = "action_update"
    __table_args__ = (
        # Current RAG and last update of every action in one pass (covering: rowid included).
        Index("ix_action_update_current", "action_id", "state", "update_on", "id", "rag"),
        # Recently updated (dashboard) and the queue of proposed updates.
        Index("ix_action_update_state_date", "state", "update_on"),
    )

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    update_on: Mapped[date] = mapped_column(Date)
    narrative: Mapped[str | None] = mapped_column(Text)
    rag: Mapped[str | None] = mapped_column(String(10))
    author: Mapped[str | None] = mapped_column(String(200))
    # The agency on whose behalf the update was written (a partner's returned template).
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    # accepted / proposed / rejected (partners' updates by workbook arrive as proposed)
    state: Mapped[str] = mapped_column(String(20), default="accepted", server_default="accepted")
    proposed_due_on: Mapped[date | None] = mapped_column(Date)
    due_change_reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime)
    decision_note: Mapped[str | None] = mapped_column(Text)
    source_file: Mapped[str | None] = mapped_column(String(300))
    # Hash of the values of the returned template that brought this update: a file imported
    # twice is recognised (unchanged), whatever its bytes after a re-save.
    return_hash: Mapped[str | None] = mapped_column(String(64), index=True)


class ActionEvent(IdMixin, TimestampMixin, Base):
    """Things that happen to an action besides progress: moved, re-referenced, closed, merged."""

    __tablename__ = "action_event"
    __table_args__ = (Index("ix_action_event_action_date", "action_id", "happened_on"),)

    action_id: Mapped[int] = mapped_column(ForeignKey("action.id"))
    happened_on: Mapped[date] = mapped_column(Date)
    # created / imported / edited / moved / due_changed / closed / reopened / superseded /
    # merged / absorbed / update_accepted / update_rejected
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str | None] = mapped_column(Text)
    by: Mapped[str | None] = mapped_column(String(200))
    # For a move: the reference before and after (searchable: "what was 2.3?").
    old_reference: Mapped[str | None] = mapped_column(String(40))
    new_reference: Mapped[str | None] = mapped_column(String(40))
    # The other action of a supersede or merge.
    related_action_id: Mapped[int | None] = mapped_column(ForeignKey("action.id"))
