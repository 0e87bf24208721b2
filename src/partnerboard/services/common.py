"""Small pieces every service uses: tidy text, fetch-or-fail, optimistic-lock checks."""

from __future__ import annotations

from typing import TypeVar

from sqlalchemy import inspect
from sqlalchemy.orm import Session, object_session

from partnerboard.domain.dates import format_datetime
from partnerboard.errors import NotFound, StaleRecord

T = TypeVar("T")


def tidy(value: str | None) -> str | None:
    """Strip surrounding space; blank becomes None so that 'no value' is stored one way."""
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def fetch(session: Session, model: type[T], ident: int, what: str) -> T:
    found = session.get(model, ident)
    if found is None:
        raise NotFound(f"There is no {what} with id {ident}.")
    return found


def check_version(record: object, expected: int | None, what: str) -> None:
    """Refuse to save over a change made since the form was loaded (nothing is overwritten)."""
    if expected is None:
        return
    current = getattr(record, "row_version", None)
    if current is not None and current != expected:
        # Who and when come from the audit trail; without it, the record's own timestamp. (The
        # trail's reading, and its words for every register, only here: not on every start-up.)
        from partnerboard.services.audit import last_change  # noqa: PLC0415

        session = object_session(record)
        state = inspect(record)
        change = (
            last_change(session, state.mapper.local_table.name, state.identity[0])
            if session is not None and state.identity
            else None
        )
        who = change.who if change else None
        at = change.at if change else getattr(record, "updated_at", None)
        when = format_datetime(at)
        by = ", ".join(part for part in (who, f"at {when}" if when else "") if part)
        raise StaleRecord(
            f"This {what} was changed by someone else{f' ({by})' if by else ''} after you "
            "opened it. Reload it to see their changes; yours were not saved.",
            changed_by=who,
            changed_at=at,
        )
