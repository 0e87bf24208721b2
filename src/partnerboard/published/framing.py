"""What every published document takes from the partnership and the database's clock."""

from __future__ import annotations

from typing import Any

from partnerboard.db.database import Database
from partnerboard.services import partnership


def framing(db: Database) -> dict[str, Any]:
    """Partnership name, logo, contact (website or e-mail), the day and the moment it is made."""
    details = partnership.get_partnership(db)
    logo = partnership.get_logo(db)
    return {
        "partnership": details.name,
        "logo": logo[0] if logo else None,
        "contact": details.website or details.email,
        "generated_on": db.clock.today(),
        "made_at": db.clock.now_utc(),
    }
