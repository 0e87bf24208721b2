"""Users of the app and the tamper-evident audit trail of every change."""

from datetime import datetime

from sqlalchemy import Boolean, CheckConstraint, DateTime, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from partnerboard.db.base import Base, IdMixin, TimestampMixin, VersionedMixin, audience_column

# The kinds of record that can be restricted, by table (each has `restricted`, `restricted_to`).
RESTRICTABLE_KINDS = ("action", "agenda_item", "escalation", "practice_review", "indicator")


class AppUser(IdMixin, TimestampMixin, VersionedMixin, Base):
    """Someone who signs in. Never deleted (the audit trail names them): disabled instead."""

    __tablename__ = "app_user"

    name: Mapped[str] = mapped_column(String(200))
    login: Mapped[str] = mapped_column(String(100), unique=True)
    # argon2id, in the library's self-describing format; None: cannot sign in with a password.
    password_hash: Mapped[str | None] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(30))
    person_id: Mapped[int | None] = mapped_column(ForeignKey("person.id"))
    active: Mapped[bool] = mapped_column(Boolean, default=True, server_default="1")
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime)


class SignInFailure(TimestampMixin, Base):
    """Failed sign-ins for one login (known or not, so the table does not tell which exist):
    how many since the last quiet spell and when the last was. Sign-ins slow down after a few
    (`services.access`); each failure is in the audit trail."""

    __tablename__ = "sign_in_failure"

    login: Mapped[str] = mapped_column(String(100), primary_key=True)  # as typed, lower case
    failures: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    last_failed_at: Mapped[datetime] = mapped_column(DateTime)


class RestrictedLog(TimestampMixin, VersionedMixin, Base):
    """A whole log restricted (a board's terms of reference may keep its mediation log for
    the chair and co-chair): every record of `kind`, restricted or not, is then seen only by
    business support, the chairs and `restricted_to` (`db.visibility`). No row: not restricted.
    """

    __tablename__ = "restricted_log"
    __table_args__ = (
        CheckConstraint(
            "kind IN (" + ", ".join(f"'{k}'" for k in RESTRICTABLE_KINDS) + ")", name="known_kind"
        ),
    )

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    restricted_to: Mapped[str | None] = audience_column()


class AuditEntry(Base):
    """One insert, update or delete, chained by hash to the entry before it.

    `seq` is given by the writer under the chain lock (1, 2, 3 …), so a gap shows a deleted
    entry; `hash` covers the entry's content and `prev_hash` (see db.audit_chain).
    """

    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_record", "table_name", "record_key"),
        Index("ix_audit_entry_at", "at"),
    )

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(DateTime)  # UTC
    who: Mapped[str] = mapped_column(String(200))
    user_id: Mapped[int | None] = mapped_column(Integer)  # no foreign key: the trail outlives all
    action: Mapped[str] = mapped_column(String(10))  # insert / update / delete / restore
    table_name: Mapped[str] = mapped_column(String(80))
    record_key: Mapped[str] = mapped_column(String(200))
    before: Mapped[str | None] = mapped_column(Text)  # JSON
    after: Mapped[str | None] = mapped_column(Text)  # JSON
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditChainHead(Base):
    """One row: the latest entry's number and hash. Writers lock it to append one at a time."""

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))
