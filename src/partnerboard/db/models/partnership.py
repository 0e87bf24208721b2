"""The partnership register: the partnership itself, agencies, people, boards and memberships."""

from datetime import date

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin


class AppMeta(Base):
    """Marks a database as partnerboard's and holds facts about it (key/value)."""

    __tablename__ = "partnerboard_meta"

    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)


class Partnership(IdMixin, TimestampMixin, VersionedMixin, Base):
    """The one partnership this database belongs to; its names are settings, never hard-coded."""

    __tablename__ = "partnership"

    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str] = mapped_column(String(30))
    former_name: Mapped[str | None] = mapped_column(String(200))
    area: Mapped[str | None] = mapped_column(String(200))
    address: Mapped[str | None] = mapped_column(Text)
    email: Mapped[str | None] = mapped_column(String(254))
    website: Mapped[str | None] = mapped_column(String(254))
    logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    logo_mime: Mapped[str | None] = mapped_column(String(50))
    # Secret that signs partner workbooks so that a template of this partnership can be told
    # from a copy or another partnership's (see the workbooks package).
    template_key: Mapped[str] = mapped_column(String(64))


class Agency(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "agency"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40))
    sector: Mapped[str] = mapped_column(String(30))
    statutory_partner: Mapped[str] = mapped_column(
        String(30), default="none", server_default="none"
    )
    section11_duty: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    contact_person_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", use_alter=True, ondelete="SET NULL")
    )
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    address: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    contact: Mapped["Person | None"] = relationship(
        foreign_keys=[contact_person_id], post_update=True
    )


class Person(IdMixin, TimestampMixin, VersionedMixin, Base):
    __tablename__ = "person"

    name: Mapped[str] = mapped_column(String(200))
    job_title: Mapped[str | None] = mapped_column(String(200))
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agency.id"))
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    agency: Mapped[Agency | None] = relationship(foreign_keys=[agency_id])


class Board(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A board or sub-group, with its terms of reference."""

    __tablename__ = "board"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    short_name: Mapped[str | None] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20), default="board", server_default="board")
    parent_board_id: Mapped[int | None] = mapped_column(ForeignKey("board.id"))
    purpose: Mapped[str | None] = mapped_column(Text)
    meeting_frequency: Mapped[str | None] = mapped_column(String(100))
    # Quorum rule from the terms of reference: at least `quorum_minimum` members present,
    # deputies with delegated authority counting or not, and optionally one of each statutory
    # partner; `quorum_note` keeps the wording of the terms of reference.
    quorum_minimum: Mapped[int | None] = mapped_column(Integer)
    quorum_counts_deputies: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    quorum_needs_statutory_partners: Mapped[bool] = mapped_column(
        Boolean, default=False, server_default="0"
    )
    quorum_note: Mapped[str | None] = mapped_column(Text)
    sort_order: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    parent: Mapped["Board | None"] = relationship(remote_side="Board.id")
    memberships: Mapped[list["Membership"]] = relationship(back_populates="board")


class Membership(IdMixin, TimestampMixin, VersionedMixin, Base):
    """A person's seat on a board: role, named deputy, and the period it runs."""

    __tablename__ = "membership"
    __table_args__ = (UniqueConstraint("board_id", "person_id"),)

    board_id: Mapped[int] = mapped_column(ForeignKey("board.id"))
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id"))
    role: Mapped[str] = mapped_column(String(20), default="member", server_default="member")
    # A briefed deputy may attend with delegated authority (the deputising policy).
    deputy_person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    starts_on: Mapped[date | None] = mapped_column(Date)
    ends_on: Mapped[date | None] = mapped_column(Date)
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")

    board: Mapped[Board] = relationship(back_populates="memberships")
    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    deputy: Mapped[Person | None] = relationship(foreign_keys=[deputy_person_id])


class Setting(Base):
    """Partnership-wide settings shared by the team (terms, patterns), as key/value text."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, nullable=False)
