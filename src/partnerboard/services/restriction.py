"""Restricted records and logs: who they are restricted to, in words and in forms.

The rule itself is the session's (`db.visibility`); this module reads and sets the audiences
that rule uses: the roles and people who, besides business support and the chairs, may see a
restricted record or a whole restricted log (`domain.access.Audience`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.access import RESTRICTABLE_KINDS, AppUser, RestrictedLog
from partnerboard.db.models.partnership import Person
from partnerboard.domain.access import GRANTABLE_ROLES, Audience, Role
from partnerboard.errors import FieldError, NotPermitted, ValidationFailed

LOG_TITLES = {
    "action": "Action log",
    "agenda_item": "Agenda items of every meeting",
    "escalation": "Escalation log",
    "practice_review": "Practice reviews",
    "indicator": "Performance indicators",
}
ROLE_OPTIONS = {Role.MEMBER: "Every member", Role.READ_ONLY: "Every read-only user"}


def audience_options(db: Database) -> list[tuple[str, str]]:
    """What an audience can name: the roles that do not see restricted records anyway, and
    each person linked to an active user in such a role ("person:12", "Name (Member)")."""
    options = [(role.value, ROLE_OPTIONS[role]) for role in GRANTABLE_ROLES]
    with db.reader() as session:
        found = session.execute(
            select(Person.id, Person.name, AppUser.role)
            .join(AppUser, AppUser.person_id == Person.id)
            .where(AppUser.active.is_(True))
            .order_by(Person.name)
        ).all()
    seen: set[int] = set()
    for person_id, name, role in found:
        parsed = Role.parse(role)
        if person_id in seen or parsed is None or parsed.sees_restricted:
            continue
        seen.add(person_id)
        options.append((f"person:{person_id}", f"{name} ({parsed.label})"))
    return options


def _audience_words(session: Session, audience: Audience) -> str:
    """'business support, the chairs, every member, Grace Adeyemi'."""
    names = [ROLE_OPTIONS[r].lower() for r in GRANTABLE_ROLES if r in audience.roles]
    if audience.person_ids:
        people = dict(
            session.execute(
                select(Person.id, Person.name).where(Person.id.in_(audience.person_ids))
            ).all()
        )
        names += [people.get(p, f"person {p}") for p in sorted(audience.person_ids)]
    if not names:
        return "business support and the chairs only"
    return "business support, the chairs, " + ", ".join(names)


# ---------------------------------------------------------------- whole logs


@dataclass(frozen=True)
class LogRestriction:
    kind: str
    title: str
    restricted: bool
    audience: Audience


def log_restrictions(db: Database) -> list[LogRestriction]:
    """Every log that can be restricted, and whether (and to whom) it is."""
    with db.reader() as session:
        rows = {
            kind: to
            for kind, to in session.execute(select(RestrictedLog.kind, RestrictedLog.restricted_to))
        }
    return [
        LogRestriction(
            kind,
            LOG_TITLES[kind],
            kind in rows,
            Audience.parse(rows[kind]) if kind in rows else Audience(),
        )
        for kind in RESTRICTABLE_KINDS
    ]


def describe_log(db: Database, log: LogRestriction) -> str:
    """'Escalation log: restricted to business support, the chairs, every member.'"""
    if not log.restricted:
        return f"{log.title}: not restricted as a whole."
    with db.reader() as session:
        return f"{log.title}: restricted to {_audience_words(session, log.audience)}."


def restrict_log(db: Database, kind: str, audience: Audience | None) -> LogRestriction:
    """Restrict the whole log of `kind` to business support, the chairs and `audience`; None
    lifts the restriction. Only business support may (a chair who could see everything could
    otherwise lift a restriction their terms of reference set)."""
    if kind not in RESTRICTABLE_KINDS:
        known = ", ".join(RESTRICTABLE_KINDS)
        raise ValidationFailed(FieldError("kind", f"“{kind}” is not a log; choose one of {known}."))
    if not db.principal.role.edits_all:
        raise NotPermitted("Only business support can restrict a whole log or lift it.")
    with db.session() as session:
        if audience is not None and audience.person_ids:
            known = set(
                session.scalars(select(Person.id).where(Person.id.in_(audience.person_ids)))
            )
            missing = sorted(audience.person_ids - known)
            if missing:
                raise ValidationFailed(
                    FieldError("restricted_to", f"There is no person with id {missing[0]}.")
                )
        row = session.get(RestrictedLog, kind)
        if audience is None:
            if row is not None:
                session.delete(row)
        else:
            if row is None:
                row = RestrictedLog(kind=kind)
                session.add(row)
            row.restricted_to = audience.stored()
    return next(r for r in log_restrictions(db) if r.kind == kind)


# ---------------------------------------------------------------- records made from others


def inherited_restriction(
    session: Session, kind: str, sources: Iterable[tuple[bool, str | None]]
) -> tuple[bool, str | None]:
    """(restricted, restricted_to) for a record made from restricted ones of `kind` (an action
    from escalations): restricted when any source or the whole log is, to those every
    restricted source admits."""
    audiences = [Audience.parse(to) for restricted, to in sources if restricted]
    log = session.get(RestrictedLog, kind)
    if log is not None:
        audiences.append(Audience.parse(log.restricted_to))
    if not audiences:
        return False, None
    common = audiences[0]
    for audience in audiences[1:]:
        common = common & audience
    return True, common.stored()
