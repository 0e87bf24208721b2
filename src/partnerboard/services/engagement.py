"""The engagement log: each time the partners sought the views of children and families.

Entries are never deleted (an entry recorded by mistake is deactivated, and stays in the audit
trail); the yearly report counts the active entries held in its year.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.engagement import EngagementEntry
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.engagement import EngagementInput, EngagementMethod, validate_engagement
from partnerboard.errors import ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class EngagementRow:
    id: int
    activity: str
    held_on: date
    method: EngagementMethod
    participants: str | None
    participant_count: int | None
    lead_agency_id: int | None
    lead_agency: str | None
    lead_agency_short: str | None  # its short name where it has one
    heard: str | None
    changed: str | None
    active: bool
    row_version: int

    @property
    def name(self) -> str:  # what register pages show as the record's title
        return self.activity


def _rows(session: Session, entries: list[EngagementEntry]) -> list[EngagementRow]:
    agencies = {
        i: (name, short or name)
        for i, name, short in session.execute(select(Agency.id, Agency.name, Agency.short_name))
    }
    return [
        EngagementRow(
            e.id,
            e.activity,
            e.held_on,
            EngagementMethod.parse(e.method) or EngagementMethod.OTHER,
            e.participants,
            e.participant_count,
            e.lead_agency_id,
            agencies[e.lead_agency_id][0] if e.lead_agency_id in agencies else None,
            agencies[e.lead_agency_id][1] if e.lead_agency_id in agencies else None,
            e.heard,
            e.changed,
            e.active,
            e.row_version,
        )
        for e in entries
    ]


def list_engagement(
    db: Database,
    since: date | None = None,
    until: date | None = None,
    include_inactive: bool = True,
    ids: Collection[int] | None = None,
) -> list[EngagementRow]:
    """Entries held between `since` and `until` (inclusive), newest first; `ids`: only these
    (a page refreshing the rows a change named)."""
    query = select(EngagementEntry).order_by(EngagementEntry.held_on.desc(), EngagementEntry.id)
    if since is not None:
        query = query.where(EngagementEntry.held_on >= since)
    if until is not None:
        query = query.where(EngagementEntry.held_on <= until)
    if not include_inactive:
        query = query.where(EngagementEntry.active.is_(True))
    if ids is not None:
        query = query.where(EngagementEntry.id.in_(ids))
    with db.reader() as session:
        return _rows(session, list(session.scalars(query)))


def save_engagement_in(
    session: Session,
    data: EngagementInput,
    entry_id: int | None = None,
    expected_version: int | None = None,
) -> EngagementEntry:
    errors = validate_engagement(data, session.clock.today())  # type: ignore[attr-defined]
    if errors:
        raise ValidationFailed(errors)
    if data.lead_agency_id is not None:
        fetch(session, Agency, data.lead_agency_id, "agency")
    entry = fetch(session, EngagementEntry, entry_id, "engagement entry") if entry_id else None
    if entry is None:
        entry = EngagementEntry(active=True)
        session.add(entry)
    else:
        check_version(entry, expected_version, "engagement entry")
    entry.activity = " ".join(data.activity.split())
    entry.held_on = data.held_on  # type: ignore[assignment]
    entry.method = EngagementMethod.parse(data.method).value  # type: ignore[union-attr]
    entry.participants = tidy(data.participants)
    entry.participant_count = data.participant_count
    entry.lead_agency_id = data.lead_agency_id
    entry.heard = tidy(data.heard)
    entry.changed = tidy(data.changed)
    session.flush()
    return entry


def save_engagement(
    db: Database,
    data: EngagementInput,
    entry_id: int | None = None,
    expected_version: int | None = None,
) -> EngagementRow:
    """Record an activity (no id) or change one."""
    with db.session() as session:
        entry = save_engagement_in(session, data, entry_id, expected_version)
        return _rows(session, [entry])[0]


def set_engagement_active(db: Database, entry_id: int, active: bool) -> EngagementRow:
    with db.session() as session:
        entry = fetch(session, EngagementEntry, entry_id, "engagement entry")
        entry.active = active
        session.flush()
        return _rows(session, [entry])[0]
