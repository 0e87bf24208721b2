"""The models, one module per register, each mapped when it is first imported.

Importing `partnerboard.db.models.actions` maps the action register's classes and nothing else
(the start-up maps the four registers the home page shows, not all eleven: mapping the 61
classes was a quarter of the start-up). A register's relationships stay inside its module, and
a foreign key to a table of a register not yet mapped is resolved only when that register is
(SQLAlchemy leaves it pending), so a module can be mapped and queried on its own. A *write*
needs them all: the unit of work orders a flush's tables by every foreign key of the tables
it writes, so the session's first flush loads every model (`db.database.BoardSession`).

What needs *every* table asks for it: `load_all()`, or `from partnerboard.db.models import
Base`, which loads them all first (`Base.metadata` then knows every table: create_all, the
migrations' environment, the schema and data checks, restore). Code that only maps its own
classes imports `partnerboard.db.base.Base` or the register's module.

The model modules do not use `from __future__ import annotations`: with it every `Mapped[...]`
is a string that SQLAlchemy evaluates at import (1,340 `eval`s, about a tenth of mapping the
classes, paid by every command and the start-up); only forward references are quoted.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from partnerboard.db.base import Base

# Every register's model module, in the order of the migrations (later registers point at
# earlier ones).
MODULES = (
    "partnership",
    "access",
    "actions",
    "meetings",
    "reviews",
    "performance",
    "thresholds",
    "audits",
    "section11",
    "engagement",
    "training",
)

__all__ = ["MODULES", "Base", "load_all", *MODULES]


_loaded: list[bool] = []


def load_all() -> type[Base]:
    """Map every model (once) and return the declarative base, whose metadata then holds
    every table."""
    from partnerboard.db.base import Base  # noqa: PLC0415

    if not _loaded:
        for name in MODULES:
            importlib.import_module(f"{__name__}.{name}")
        _loaded.append(True)
    return Base


def __getattr__(name: str) -> Any:
    """`models.Base` is the base with every model loaded; `models.actions` maps one register."""
    if name == "Base":
        return load_all()
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
