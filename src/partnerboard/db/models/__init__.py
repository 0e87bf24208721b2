"""All models, imported here so that `Base.metadata` knows every table.

One module per register; the order follows the migrations (later registers point at earlier).
"""

from partnerboard.db.base import Base
from partnerboard.db.models import (
    access,
    actions,
    audits,
    engagement,
    meetings,
    partnership,
    performance,
    reviews,
    section11,
    thresholds,
    training,
)

__all__ = [
    "Base",
    "access",
    "actions",
    "audits",
    "engagement",
    "meetings",
    "partnership",
    "performance",
    "reviews",
    "section11",
    "thresholds",
    "training",
]
