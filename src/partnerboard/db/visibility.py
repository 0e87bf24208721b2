"""Who sees restricted records: one rule, stated in SQL and added to every ORM query.

Business support and the chairs see everything (no criteria at all). For anyone else
(`access_rules` calls `hiding_options` for every ORM SELECT of their sessions) a record of a
restrictable kind (action, agenda item, escalation, practice review, performance indicator)
is loaded only when

- it is not restricted, or its audience (`restricted_to`, `domain.access.Audience`) names their
  role or the person they are;
- its whole log is not restricted (`restricted_log`), or that log's audience names them;
- its *source* is visible to them: an action raised at a restricted agenda item or from a
  restricted practice review or indicator carries that source in its text and source note, so
  it is hidden with it (even when the item was restricted only after the action was raised).

Child records without a flag of their own (`CHILDREN`: an action's updates and events, an
escalation's steps, a review's agencies, a correction to minutes quoting an item, an
indicator's values) are loaded only with a visible parent, so a query of the children alone
cannot reach a hidden parent's narrative. A test checks that every foreign key to a restrictable table is accounted for.

Personal data of people outside the register (`PERSONAL`: practitioners booked on training,
with their names, e-mails and job roles) follows the same line: business support and the
chairs see it (they read the whole audit trail, which holds it anyway); for anyone else those
rows are absent, and figures by agency come from the bookings without them.

The rule follows the models as they are mapped (per register, when first imported:
`db.models`): it is built from the classes mapped when a viewer's first query runs, and built
again whenever another class is mapped, so a class first used later is hidden like the rest.
Building it maps the registers it looks into (an action's sources, a child's parent).

What a `with_loader_criteria` rule covers, and what it cannot (Table columns, `text()` SQL,
raw connections), is listed in CONTRIBUTING.md ("Restricted records").
"""

from __future__ import annotations

import importlib
from functools import cache, lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, event, exists, false, func, literal, or_
from sqlalchemy.orm import Mapper, with_loader_criteria

from partnerboard.db.base import Base
from partnerboard.db.models.access import RESTRICTABLE_KINDS, RestrictedLog
from partnerboard.domain.access import Principal, viewer_tokens

# An action is hidden with the agenda item, practice review or indicator it arose from.
SOURCES: dict[str, tuple[tuple[str, str], ...]] = {
    "action": (
        ("source_agenda_item_id", "agenda_item"),
        ("source_review_id", "practice_review"),
        ("source_indicator_id", "indicator"),
    ),
}
# Tables whose rows belong to one restrictable record (foreign key column, parent kind).
# A child whose key is empty (a correction about no item) belongs to no restricted record.
CHILDREN: dict[str, tuple[str, str]] = {
    "action_update": ("action_id", "action"),
    "action_event": ("action_id", "action"),
    "escalation_step": ("escalation_id", "escalation"),
    "practice_review_agency": ("review_id", "practice_review"),
    "minutes_correction": ("agenda_item_id", "agenda_item"),
    "training_course_action": ("action_id", "action"),
    "indicator_value": ("indicator_id", "indicator"),
}
# Tables of personal data about people outside the register, hidden whole (see above).
PERSONAL: tuple[str, ...] = ("training_practitioner",)
# The model module (`db.models.<register>`) of each restrictable kind, mapped when a rule
# of a mapped class looks into it.
REGISTER_OF: dict[str, str] = {
    "action": "actions",
    "agenda_item": "meetings",
    "escalation": "thresholds",
    "practice_review": "reviews",
    "indicator": "performance",
}


@cache
def restricted_models() -> tuple[type, ...]:
    """Every mapped class with a boolean `restricted` column (the restrictable kinds)."""
    found = tuple(
        sorted(
            (m.class_ for m in Base.registry.mappers if "restricted" in m.columns),
            key=lambda cls: cls.__name__,
        )
    )
    assert {m.__table__.name for m in found} <= set(RESTRICTABLE_KINDS), found
    return found


@cache
def child_models() -> tuple[type, ...]:
    return tuple(m.class_ for m in Base.registry.mappers if m.local_table.name in CHILDREN)


@cache
def personal_models() -> tuple[type, ...]:
    return tuple(m.class_ for m in Base.registry.mappers if m.local_table.name in PERSONAL)


def model_of(table: str) -> type | None:
    """The mapped class of `table` if the rule filters it (restrictable, child or personal
    data), else None (maps every model first: `table` may be of any register)."""
    from partnerboard.db.models import load_all  # noqa: PLC0415

    load_all()
    for model in (*restricted_models(), *child_models(), *personal_models()):
        if model.__table__.name == table:
            return model
    return None


def _table(kind: str) -> Table:
    return Base.metadata.tables[kind]


def _admits(column: Any, tokens: tuple[str, ...]) -> ColumnElement[bool]:
    """`column` (an audience text) names one of `tokens` ("member", "person:12")."""
    padded = literal(" ") + func.coalesce(column, "") + literal(" ")
    return or_(*(padded.contains(f" {token} ", autoescape=True) for token in tokens))


def visible(kind: str, columns: Any, tokens: tuple[str, ...]) -> ColumnElement[bool]:
    """SQL: the row of `kind` whose columns are `columns` is visible to a viewer of `tokens`.

    `columns` is the mapped class (its attributes adapt to aliases) or a table's `.c`; the
    log and source look-ups use plain tables, which no loader criterion touches.
    """
    log = RestrictedLog.__table__.alias()
    parts = [
        or_(columns.restricted.is_(False), _admits(columns.restricted_to, tokens)),
        ~exists().where(log.c.kind == kind, ~_admits(log.c.restricted_to, tokens)),
    ]
    for column, parent_kind in SOURCES.get(kind, ()):
        parent = _table(parent_kind).alias()
        parts.append(
            ~exists().where(
                parent.c.id == getattr(columns, column),
                ~visible(parent_kind, parent.c, tokens),
            )
        )
    return and_(*parts)


def _child_visible(model: type, tokens: tuple[str, ...]) -> ColumnElement[bool]:
    column, parent_kind = CHILDREN[model.__table__.name]
    parent = _table(parent_kind).alias()
    key = getattr(model, column)
    return or_(
        key.is_(None), exists().where(parent.c.id == key, visible(parent_kind, parent.c, tokens))
    )


def _forget_rules(_mapper: Mapper, _class: type) -> None:
    """Another class was mapped: the rule is built again at the next query (see above)."""
    for cached in (restricted_models, child_models, personal_models, _options):
        cached.cache_clear()


def _map_what_rules_look_into() -> None:
    """Map the register of every kind that a mapped class's rule refers to: an action's
    sources, a child's parent (mapping one may bring more kinds: until none is missing)."""
    while True:
        mapped = {m.local_table.name for m in Base.registry.mappers}
        needed = {kind for table in mapped & SOURCES.keys() for _, kind in SOURCES[table]}
        needed |= {CHILDREN[table][1] for table in mapped & CHILDREN.keys()}
        missing = needed - mapped
        if not missing:
            return
        for kind in missing:
            importlib.import_module(f"partnerboard.db.models.{REGISTER_OF[kind]}")


@lru_cache(maxsize=256)
def _options(tokens: tuple[str, ...]) -> tuple[Any, ...]:
    _map_what_rules_look_into()  # first: mapping clears the caches the lines below fill
    own = [
        with_loader_criteria(m, visible(m.__table__.name, m, tokens), include_aliases=True)
        for m in restricted_models()
    ]
    children = [
        with_loader_criteria(m, _child_visible(m, tokens), include_aliases=True)
        for m in child_models()
    ]
    personal = [with_loader_criteria(m, false(), include_aliases=True) for m in personal_models()]
    return (*own, *children, *personal)


event.listen(Base, "after_mapper_constructed", _forget_rules, propagate=True)


def hiding_options(principal: Principal) -> tuple[Any, ...]:
    """Loader criteria that leave out what `principal` may not see (none for those who see all)."""
    if principal.role.sees_restricted:
        return ()
    return _options(viewer_tokens(principal))
