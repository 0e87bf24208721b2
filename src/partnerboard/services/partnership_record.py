"""The partnership's own record: its name and details, its logo, its template key.

Start-up needs only this (the window's title, the record created in a new database), so it
is a module of its own and the rest of the register (agencies, people, boards, memberships:
`services.partnership`, which re-exports all of this) loads when a page first uses it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.partnership import Partnership
from partnerboard.domain.access import Permission
from partnerboard.domain.partnership import check_email, check_required
from partnerboard.errors import ValidationFailed
from partnerboard.services.common import check_version, tidy

PLACEHOLDER_NAME = "Safeguarding partnership"


@dataclass(frozen=True)
class PartnershipRow:
    id: int
    name: str
    short_name: str
    former_name: str | None
    area: str | None
    address: str | None
    email: str | None
    website: str | None
    has_logo: bool
    row_version: int


@dataclass
class PartnershipInput:
    name: str
    short_name: str
    former_name: str | None = None
    area: str | None = None
    address: str | None = None
    email: str | None = None
    website: str | None = None


def _partnership_row(p: Partnership) -> PartnershipRow:
    return PartnershipRow(
        p.id,
        p.name,
        p.short_name,
        p.former_name,
        p.area,
        p.address,
        p.email,
        p.website,
        p.logo is not None,
        p.row_version,
    )


def _the_partnership(session: Session) -> Partnership:
    found = session.scalars(select(Partnership).order_by(Partnership.id).limit(1)).first()
    if found is None:
        found = Partnership(
            name=PLACEHOLDER_NAME, short_name="SP", template_key=secrets.token_hex(32)
        )
        session.add(found)
        session.flush()
    return found


def ensure_partnership(db: Database) -> PartnershipRow:
    """The partnership record, created with a placeholder name in a brand-new database."""
    with db.reader() as session:
        found = session.scalars(select(Partnership).limit(1)).first()
        if found is not None:
            return _partnership_row(found)
    with db.session() as session:
        return _partnership_row(_the_partnership(session))


def get_partnership(db: Database) -> PartnershipRow:
    return ensure_partnership(db)


def template_key(db: Database) -> str:
    """The partnership's secret for signing partner workbooks: only for those who may generate
    templates or import returns (anyone holding it could forge any agency's return)."""
    return template_key_and_name(db)[0]


def template_key_and_name(db: Database) -> tuple[str, str]:
    """`template_key` and the partnership's name (what an import checks each file's metadata
    against), read together: one statement unless the partnership is still to be created."""
    if not db.principal.may(Permission.IMPORT_RETURNS):
        db.principal.require(Permission.GENERATE_TEMPLATES)
    with db.reader() as session:
        found = session.execute(select(Partnership.template_key, Partnership.name).limit(1)).first()
    if found is None:
        ensure_partnership(db)
        return template_key_and_name(db)
    return found[0], found[1]


def save_partnership(
    db: Database, data: PartnershipInput, expected_version: int | None = None
) -> PartnershipRow:
    errors = check_required("name", data.name, "Name") + check_required(
        "short_name", data.short_name, "Short name", 30
    )
    errors += check_email("email", data.email)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        p = _the_partnership(session)
        check_version(p, expected_version, "partnership")
        p.name = tidy(data.name) or p.name
        p.short_name = tidy(data.short_name) or p.short_name
        p.former_name = tidy(data.former_name)
        p.area = tidy(data.area)
        p.address = tidy(data.address)
        p.email = tidy(data.email)
        p.website = tidy(data.website)
        session.flush()
        return _partnership_row(p)


def set_logo(db: Database, image: bytes | None, mime: str | None) -> None:
    with db.session() as session:
        p = _the_partnership(session)
        p.logo, p.logo_mime = image, mime


def get_logo(db: Database) -> tuple[bytes, str] | None:
    with db.reader() as session:
        row = session.execute(select(Partnership.logo, Partnership.logo_mime).limit(1)).first()
    if row is None or row[0] is None:
        return None
    return row[0], row[1] or "image/png"
