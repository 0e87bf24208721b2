"""The models, one module per register, each mapped when it is first imported.

Importing `partnerboard.db.models.actions` maps the action register's classes and nothing else
(the start-up maps the four registers the home page shows, not all eleven: mapping the 61
classes was a quarter of the start-up). A register's relationships stay inside its module, and
a foreign key to a table of a register not yet mapped is resolved only when that register is
(SQLAlchemy leaves it pending), so a module can be mapped and queried on its own. A *write*
needs more: the unit of work orders a flush's tables by every foreign key of the tables it
writes, so before each flush `db.database.BoardSession` maps the registers those keys point at
(`load_tables`, through `TABLES`), not all eleven.

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

# Every table of each register (a test holds it equal to the mapped models), so that a foreign
# key's target table names the module to map without importing the others.
TABLES: dict[str, tuple[str, ...]] = {
    "partnership": (
        "agency",
        "board",
        "membership",
        "partnerboard_meta",
        "partnership",
        "person",
        "setting",
    ),
    "access": ("app_user", "audit_chain_head", "audit_entry", "restricted_log", "sign_in_failure"),
    "actions": ("action", "action_event", "action_update", "workstream"),
    "meetings": ("agenda_item", "attendance", "meeting", "minutes_correction"),
    "reviews": ("practice_review", "practice_review_agency"),
    "performance": ("dataset_return", "indicator", "indicator_value"),
    "thresholds": (
        "escalation",
        "escalation_step",
        "threshold_document",
        "threshold_level",
        "threshold_signup",
        "threshold_version",
    ),
    "audits": (
        "ma_audit",
        "ma_audit_agency",
        "ma_audit_question",
        "ma_case",
        "ma_case_agency",
        "ma_case_return",
        "ma_finding",
        "ma_moderation",
        "ma_submission",
    ),
    "section11": (
        "s11_answer",
        "s11_challenge",
        "s11_criterion",
        "s11_framework",
        "s11_moderation",
        "s11_return",
        "s11_round",
        "s11_standard",
        "s11_submission",
    ),
    "engagement": ("engagement_entry", "report_narrative"),
    "training": (
        "training_agency_domain",
        "training_booking",
        "training_course",
        "training_course_action",
        "training_evaluation",
        "training_outcome",
        "training_practitioner",
        "training_rating",
        "training_session",
        "training_target",
    ),
}
MODULE_OF: dict[str, str] = {table: name for name, tables in TABLES.items() for table in tables}

__all__ = ["MODULES", "MODULE_OF", "TABLES", "Base", "load_all", "load_tables", *MODULES]


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


def load_tables(tables: set[str]) -> None:
    """Map the registers that hold `tables` (names of tables of any register)."""
    for name in sorted({MODULE_OF[table] for table in tables}, key=MODULES.index):
        importlib.import_module(f"{__name__}.{name}")


def __getattr__(name: str) -> Any:
    """`models.Base` is the base with every model loaded; `models.actions` maps one register."""
    if name == "Base":
        return load_all()
    if name in MODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
