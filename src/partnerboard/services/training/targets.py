"""What each agency aims for, and the settings of the programme: places each agency means to have
attended in a year, the e-mail domains that place its practitioners, and the cost of a place
(what a place left empty on the day costs the partnership).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Agency, Setting
from partnerboard.db.models.training import TrainingAgencyDomain, TrainingTarget
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services.common import fetch

COST_SETTING = "training.cost_per_place_pence"
_DOMAIN = re.compile(r"^(?=.{3,200}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$")


@dataclass(frozen=True)
class AgencyTraining:
    """One agency's line on the agencies tab: its target for the year and its domains."""

    agency_id: int
    agency: str
    sector: str
    target: int | None
    domains: tuple[str, ...]


def agency_settings(db: Database, year: int) -> list[AgencyTraining]:
    with db.reader() as session:
        targets = dict(
            session.execute(
                select(TrainingTarget.agency_id, TrainingTarget.places).where(
                    TrainingTarget.year == year
                )
            ).all()
        )
        domains: dict[int, list[str]] = {}
        for agency_id, domain in session.execute(
            select(TrainingAgencyDomain.agency_id, TrainingAgencyDomain.domain).order_by(
                TrainingAgencyDomain.domain
            )
        ):
            domains.setdefault(agency_id, []).append(domain)
        agencies = session.execute(
            select(Agency.id, Agency.name, Agency.sector)
            .where(Agency.active.is_(True))
            .order_by(func.lower(Agency.name))
        ).all()
    return [
        AgencyTraining(i, name, sector, targets.get(i), tuple(domains.get(i, [])))
        for i, name, sector in agencies
    ]


def targets_for(db: Database, year: int) -> dict[int, int]:
    """Agency id -> places it aims to have attended in the year from 1 April `year`."""
    with db.reader() as session:
        return dict(
            session.execute(
                select(TrainingTarget.agency_id, TrainingTarget.places).where(
                    TrainingTarget.year == year
                )
            ).all()
        )


def save_agency_training(
    db: Database, agency_id: int, year: int, target: int | None, domains: str | list[str]
) -> AgencyTraining:
    """Set an agency's target for the year (None: none) and the domains that place its people."""
    wanted = domains.replace(",", " ").split() if isinstance(domains, str) else list(domains)
    cleaned = sorted({d.strip().casefold().lstrip("@") for d in wanted if d.strip()})
    errors = []
    bad = [d for d in cleaned if not _DOMAIN.match(d)]
    if bad:
        errors.append(FieldError("domains", f"Not an e-mail domain: {', '.join(bad)}."))
    if target is not None and not 0 <= target <= 100_000:
        errors.append(FieldError("target", "Give a number of places from 0 to 100,000."))
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        fetch(session, Agency, agency_id, "agency")
        taken = session.execute(
            select(TrainingAgencyDomain.domain, Agency.name)
            .join(Agency, Agency.id == TrainingAgencyDomain.agency_id)
            .where(
                TrainingAgencyDomain.domain.in_(cleaned),
                TrainingAgencyDomain.agency_id != agency_id,
            )
        ).all()
        if taken:
            raise ValidationFailed(
                FieldError(
                    "domains",
                    "; ".join(f"{d} already places people in {name}" for d, name in taken) + ".",
                )
            )
        existing = session.scalars(
            select(TrainingTarget).where(
                TrainingTarget.agency_id == agency_id, TrainingTarget.year == year
            )
        ).first()
        if target is None and existing is not None:
            session.delete(existing)
        elif target is not None:
            if existing is None:
                existing = TrainingTarget(agency_id=agency_id, year=year, places=target)
                session.add(existing)
            existing.places = target
        current = {
            d.domain: d
            for d in session.scalars(
                select(TrainingAgencyDomain).where(TrainingAgencyDomain.agency_id == agency_id)
            )
        }
        for domain in set(current) - set(cleaned):
            session.delete(current[domain])
        for domain in set(cleaned) - set(current):
            session.add(TrainingAgencyDomain(agency_id=agency_id, domain=domain))
        session.flush()
    return next(a for a in agency_settings(db, year) if a.agency_id == agency_id)


# ---------------------------------------------------------------- the cost of a place


def cost_per_place(db: Database) -> Decimal | None:
    """What one place costs the partnership, in pounds (None: not set)."""
    with db.reader() as session:
        value = session.scalar(select(Setting.value).where(Setting.key == COST_SETTING))
    return Decimal(int(value)) / 100 if value else None


def parse_pounds(text: str | None) -> Decimal | None:
    """'£45', '45.50', '45' -> pounds; blank -> None; ValueError otherwise."""
    cleaned = (text or "").strip().replace("£", "").replace(",", "")
    if not cleaned:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"“{text}” is not an amount of money (e.g. 45 or 45.50).") from None
    if value < 0 or value > 100_000 or value != value.quantize(Decimal("0.01")):
        raise ValueError(f"“{text}” is not an amount from £0 to £100,000 in pounds and pence.")
    return value


def save_cost_per_place(db: Database, text: str | None) -> Decimal | None:
    try:
        value = parse_pounds(text)
    except ValueError as error:
        raise ValidationFailed(FieldError("cost_per_place", str(error))) from None
    with db.session() as session:
        setting = session.get(Setting, COST_SETTING)
        if setting is None:
            setting = Setting(key=COST_SETTING, value="")
            session.add(setting)
        setting.value = "" if value is None else str(int(value * 100))
    return value


def format_pounds(value: Decimal | None) -> str:
    """'£65', '£1,950', '£45.50'; 'not set' for None."""
    if value is None:
        return "not set"
    return f"£{value:,.0f}" if value == value.to_integral_value() else f"£{value:,.2f}"
