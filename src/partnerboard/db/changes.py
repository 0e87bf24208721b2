"""What a committed unit of work changed, so that pages can refresh themselves.

Collected per session from the flush (table names and primary keys) and announced after the
commit to whoever subscribed on the `Database` (the GUI turns it into a Qt signal).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    ids_by_table: dict[str, frozenset[int]] = field(default_factory=dict)

    @property
    def tables(self) -> frozenset[str]:
        return frozenset(self.ids_by_table)

    def touches(self, *tables: str) -> bool:
        return any(table in self.ids_by_table for table in tables)

    def __bool__(self) -> bool:
        return bool(self.ids_by_table)

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, int | None]]) -> Changes:
        collected: dict[str, set[int]] = {}
        for table, ident in pairs:
            ids = collected.setdefault(table, set())
            if isinstance(ident, int):
                ids.add(ident)
        return cls({table: frozenset(ids) for table, ids in collected.items()})

    def merged(self, other: Changes) -> Changes:
        tables = set(self.ids_by_table) | set(other.ids_by_table)
        return Changes(
            {
                t: self.ids_by_table.get(t, frozenset()) | other.ids_by_table.get(t, frozenset())
                for t in tables
            }
        )
