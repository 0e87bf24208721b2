"""The register's table model: filtering and sorting in plain Python, built for 100,000 rows.

A `QSortFilterProxyModel` calls back into Python once per row for every filter change and
once per comparison for a sort, which is far too slow at this size. Here the model holds
the rows in the current sort order and a `RowSelector` over them; a filter change replaces
the list of shown rows in one reset (a few milliseconds), a sort reorders once with cached
keys. The view sees it through a `QIdentityProxyModel`, which passes `sort` through. The
rows shown are a view (`Picked`) over every row by the selected positions: making a list of
60,000 rows on each keystroke cost more than choosing them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterator, Sequence
from datetime import date

from PySide6.QtCore import QIdentityProxyModel, Qt

from partnerboard.services.actions.filtering import ActionFilter, RowSelector
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.actions.search_index import SearchIndex
from partnerboard.ui.table_model import ROW_ROLE, Column, RowTableModel, _sortable


class Picked(Sequence[ActionRow]):
    """The rows at `positions` of `rows`, without copying them (both lists are left as they are)."""

    __slots__ = ("_rows", "positions")

    def __init__(self, rows: list[ActionRow], positions: list[int]):
        self._rows, self.positions = rows, positions  # positions in ascending order

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, index):  # type: ignore[override]
        if isinstance(index, slice):
            return list(map(self._rows.__getitem__, self.positions[index]))
        return self._rows[self.positions[index]]

    def __iter__(self) -> Iterator[ActionRow]:
        return map(self._rows.__getitem__, self.positions)


class ActionTableModel(RowTableModel[ActionRow]):
    def __init__(self, columns: Sequence[Column[ActionRow]], today: date, parent=None):
        super().__init__(columns, (), parent)
        self._all: list[ActionRow] = []  # every row, in the current sort order
        self._index: SearchIndex | None = None
        # Each row's place in `_all` by id, made when first asked for that list of rows.
        self._place_of_id: tuple[list[ActionRow], dict[int, int]] | None = None
        self._selector = RowSelector([])
        self._filter = ActionFilter()
        self._today = today
        self._sort: tuple[int, Qt.SortOrder] | None = None

    # -- loading
    def load(self, rows: list[ActionRow], today: date, index: SearchIndex | None = None) -> None:
        """Take a fresh set of rows (in reference order), keeping the sort and the filter;
        `today` is the day overdue is judged on (the database's clock); `index`, if given,
        is a `SearchIndex` of these rows (kept until the next load: rows changed since are
        scanned)."""
        self._today = today
        self._all = list(rows)
        self._index = index
        if self._sort is not None:
            self._all = self._sorted(self._all, *self._sort)
        self._selector = RowSelector(self._all, index)
        self._apply()

    def replace_rows(self, fresh: list[ActionRow], gone: set[int] = frozenset()) -> None:
        """Swap in changed rows (by id) and drop removed ones, then filter again."""
        by_id = {row.id: row for row in fresh}
        known = {row.id for row in self._all}
        rows = [by_id.get(row.id, row) for row in self._all if row.id not in gone]
        rows += [row for row in fresh if row.id not in known]
        if self._sort is not None:
            rows = self._sorted(rows, *self._sort)
        else:
            rows.sort(key=lambda r: r.reference_key)
        self._all = rows
        self._selector = RowSelector(self._all, self._index)
        self._apply()

    def all_rows(self) -> list[ActionRow]:
        return list(self._all)

    def count_all(self) -> int:
        """How many rows there are, shown or not."""
        return len(self._all)

    # -- filtering
    @property
    def current_filter(self) -> ActionFilter:
        return self._filter

    def set_filter(self, wanted: ActionFilter) -> None:
        if wanted == self._filter:
            return
        self._filter = wanted
        self._apply()

    def _apply(self) -> None:
        rows = self._all
        positions = self._selector.select(self._filter, self._today)
        self.beginResetModel()
        self._rows = Picked(rows, positions)  # type: ignore[assignment]
        self.endResetModel()

    # -- sorting
    def _sorted(self, rows: list[ActionRow], column: int, order: Qt.SortOrder) -> list[ActionRow]:
        spec = self.columns[column]
        get = spec.sort_key or spec.value

        def key(row: ActionRow):
            return _sortable(get(row))

        return sorted(rows, key=key, reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0 or column >= len(self.columns):
            self._sort = None
            self._all = sorted(self._all, key=lambda r: r.reference_key)  # the view holds the old
        else:
            self._sort = (column, order)
            self._all = self._sorted(self._all, column, order)
        self._selector = RowSelector(self._all, self._index)
        self.layoutAboutToBeChanged.emit()
        positions = self._selector.select(self._filter, self._today)
        self._rows = Picked(self._all, positions)  # type: ignore[assignment]
        self.layoutChanged.emit()

    def position_of_id(self, action_id: int) -> int | None:
        """Where the action is among the rows shown (a look-up: the page keeps the selected
        action selected after each keystroke of the search)."""
        if self._place_of_id is None or self._place_of_id[0] is not self._all:
            self._place_of_id = (self._all, {row.id: i for i, row in enumerate(self._all)})
        place = self._place_of_id[1].get(action_id)
        shown = self._rows
        if not isinstance(shown, Picked) or shown._rows is not self._all:
            return next((i for i, row in enumerate(shown) if row.id == action_id), None)
        if place is None:
            return None
        positions = shown.positions
        position = bisect_left(positions, place)
        return position if position < len(positions) and positions[position] == place else None


class PassThroughProxy(QIdentityProxyModel):
    """What `RegisterTable` expects of a proxy, without a per-row filter (the model filters)."""

    def row_at(self, proxy_row: int) -> ActionRow | None:
        return self.index(proxy_row, 0).data(ROW_ROLE)

    def visible_rows(self) -> list[ActionRow]:
        model = self.sourceModel()
        return model.rows() if isinstance(model, RowTableModel) else []
