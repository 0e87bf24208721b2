"""All models, imported here so that `Base.metadata` knows every table.

One module per register; the order follows the migrations (later registers point at earlier).
The model modules do not use `from __future__ import annotations`: with it every `Mapped[...]`
is a string that SQLAlchemy evaluates at import (1,340 `eval`s, about a tenth of mapping the
classes, paid by every command and the start-up); only forward references are quoted.
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
