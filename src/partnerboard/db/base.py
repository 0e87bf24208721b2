"""Declarative base, constraint naming and the columns most records share.

No `from __future__ import annotations` here, as in the model modules (`db.models`): the
mixins' `Mapped[...]` would be strings, and SQLAlchemy evaluates a mixin's annotations again
for every class that uses it (96 `eval`s for the 18 classes the start-up maps, ~2 ms).
"""

from datetime import datetime
from typing import Any

from sqlalchemy import CheckConstraint, DateTime, Integer, MetaData, String, func
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column

from partnerboard.clock import default_clock

# Every constraint gets a predictable name so that Alembic's batch mode (SQLite rebuilds a
# table to alter it) can find and recreate it, and so that PostgreSQL names match SQLite's.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def stamp(context: Any) -> datetime:
    """Now (UTC, naive) by the clock of the database a statement runs on (partnerboard.clock).

    A column default: SQLAlchemy passes the statement's execution context, whose options carry
    the `Database` (see `Database.__init__`); anything else (a migration) uses the default clock.
    """
    options = getattr(context, "execution_options", None) or {}
    database = options.get("partnerboard_database")
    return (database.clock if database is not None else default_clock()).now_utc()


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class IdMixin:
    id: Mapped[int] = mapped_column(Integer, primary_key=True)


class TimestampMixin:
    """When a record was created and last changed (UTC, naive); who changed it is the audit trail's."""

    created_at: Mapped[datetime] = mapped_column(
        DateTime, default=stamp, server_default=func.current_timestamp()
    )
    updated_at: Mapped[datetime] = mapped_column(
        DateTime, default=stamp, onupdate=stamp, server_default=func.current_timestamp()
    )


class VersionedMixin:
    """A counter that SQLAlchemy bumps on every update (optimistic locking).

    A form keeps the version it displayed and the service refuses a save when the stored
    version has moved on, so that two people editing one record never silently overwrite.
    """

    row_version: Mapped[int] = mapped_column(Integer, nullable=False, default=1, server_default="1")

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:
        return {"version_id_col": cls.__table__.c.row_version}  # type: ignore[attr-defined]


# Columns the two mixins above keep up by themselves on every write: not what a person changed.
# The audit trail leaves them out of an entry (its own time says when), and the write rules
# (`access_rules.RowWrite.columns`) leave them out of the columns a write sets or changes.
BOOKKEEPING = frozenset({"created_at", "updated_at", "row_version"})


# ---------------------------------------------------------------- restrictable records

# `restricted_to`: who besides business support and the chairs may see a restricted record,
# as space-separated roles and "person:N" tokens (`domain.access.Audience`). Enforced for every
# query by `db.visibility`.
AUDIENCE_MAX = 400


def audience_column() -> Mapped[str | None]:
    return mapped_column(String(AUDIENCE_MAX))


def audience_check() -> CheckConstraint:
    """An audience only widens a restriction: an unrestricted record has none."""
    return CheckConstraint("restricted_to IS NULL OR restricted", name="audience_needs_restriction")
