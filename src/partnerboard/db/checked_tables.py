"""The tables `check` reads, described without mapping the models: each table's name, primary
key, and columns with their types, in the models' order (parents before children).

Mapping the 61 model classes to learn this cost `check` a tenth of a second on every call. The
description is stored instead, in `db.expected_schema` (TABLES, written by
tools/make_expected_schema.py from the models beside the schema the migrations make), and used
while it was made from these migrations (its REVISION and MIGRATIONS_DIGEST, as the stored schema
is); else it is read from the models, as before. A test compares the stored description with the
models.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import Table, types
from sqlalchemy.types import TypeEngine

from partnerboard.db import migrate

# A table as stored: (name, its primary key's columns, its columns as "name:Type ..."), each
# type the name of a SQLAlchemy type that reads values the same whatever its arguments (a
# String's length).
Described = tuple[str, str, str]
_SIZED = frozenset({"String", "Text"})


@dataclass(frozen=True)
class CheckedTable:
    name: str
    primary_key: tuple[str, ...]
    columns: tuple[tuple[str, TypeEngine], ...]


def describe(table: Table) -> Described:
    """How `table` (a model's) is stored in `db.expected_schema`; refuses a column whose type
    would not read its values the same when made again from its name alone."""
    columns = []
    for column in table.c:
        kind = type(column.type)
        name = kind.__name__
        plain = getattr(types, name, None)
        if plain is not kind or (name not in _SIZED and repr(plain()) != repr(column.type)):
            raise ValueError(f"{table.name}.{column.name}: {column.type!r} cannot be described")
        columns.append(f"{column.name}:{name}")
    return table.name, " ".join(c.name for c in table.primary_key), " ".join(columns)


def _described() -> tuple[Described, ...]:
    from partnerboard.db import expected_schema as stored  # noqa: PLC0415

    if (
        migrate.head_revision() == stored.REVISION
        and migrate.migrations_digest() == stored.MIGRATIONS_DIGEST
    ):
        return stored.TABLES
    return models_described()


def models_described() -> tuple[Described, ...]:
    """Every table of the models, described (maps every model)."""
    from partnerboard.db.models import Base  # noqa: PLC0415  (every model: only when stale)

    return tuple(describe(table) for table in Base.metadata.sorted_tables)


@lru_cache(maxsize=1)
def checked_tables() -> tuple[CheckedTable, ...]:
    """Every table the models define, parents before children (`MetaData.sorted_tables`)."""
    return tuple(
        CheckedTable(name, tuple(key.split()), tuple(_typed(c) for c in columns.split()))
        for name, key, columns in _described()
    )


def _typed(described: str) -> tuple[str, TypeEngine]:
    name, _, kind = described.partition(":")
    return name, getattr(types, kind)()
