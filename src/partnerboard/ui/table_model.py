"""Tables of immutable row objects: one model and one filter proxy serve every register.

A page declares its columns (title, how to get the value, how to show and sort it, colours)
and hands rows from a service to `RowTableModel.set_rows`. `FilterProxy` adds free-text search
across the shown columns and any number of named predicates (board, RAG, overdue, ...).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Generic, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from partnerboard.domain.dates import format_date, format_datetime

R = TypeVar("R")

ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the row object itself
SORT_ROLE = (
    Qt.ItemDataRole.UserRole + 2
)  # a native value to sort by (dates as dates, 1.10 after 1.9)

Index = QModelIndex | QPersistentModelIndex

# The roles `RowTableModel.data` answers, as plain ints: the view asks some seven roles per
# cell painted, and comparing with the enum's members costs a lookup each time.
_DISPLAY = int(Qt.ItemDataRole.DisplayRole.value)
_ACCESSIBLE = int(Qt.ItemDataRole.AccessibleTextRole.value)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole.value)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole.value)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole.value)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole.value)
_ROW = int(ROW_ROLE)
_SORT = int(SORT_ROLE)
_ANSWERED = frozenset(
    {_DISPLAY, _ACCESSIBLE, _TOOLTIP, _BACKGROUND, _FOREGROUND, _ALIGNMENT, _ROW, _SORT}
)
_RIGHT = int((Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value)
_SOLID = Qt.BrushStyle.SolidPattern


def _brush(colour: str | None) -> QBrush | None:
    # With its style given, PySide6 picks QBrush's constructor without first building the
    # enums of QImage and QGradient (some 300 members; ~2-6 ms at the first coloured cell).
    return QBrush(QColor(colour), _SOLID) if colour else None


def show(value: Any) -> str:
    """The text a cell shows for a plain value: dd/mm/yyyy dates, Yes/No, labels of choices."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return format_datetime(value)
    if isinstance(value, date):
        return format_date(value)
    label = getattr(value, "label", None)
    if isinstance(label, str):
        return label
    if isinstance(value, (list, tuple)):
        return ", ".join(show(v) for v in value)
    return str(value)


def _sortable(value: Any) -> Any:
    # None sorts first; mixed types must never raise inside Qt's sort.
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, value.casefold())
    if isinstance(value, (int, float, date)) and not isinstance(value, bool):
        return (1, value)
    return (1, show(value).casefold())


@dataclass(frozen=True)
class Column(Generic[R]):
    key: str
    title: str
    value: Callable[[R], Any]
    text: Callable[[R], str] | None = None  # what to show, if not `show(value)`
    sort_key: Callable[[R], Any] | None = None
    tooltip: Callable[[R], str | None] | None = None
    background: Callable[[R], str | None] | None = None  # hex colour
    foreground: Callable[[R], str | None] | None = None
    align_right: bool = False
    visible: bool = True  # shown unless the user chooses otherwise

    def display(self, row: R) -> str:
        return self.text(row) if self.text else show(self.value(row))


class RowTableModel(QAbstractTableModel, Generic[R]):
    def __init__(self, columns: Sequence[Column[R]], rows: Iterable[R] = (), parent=None):
        super().__init__(parent)
        self.columns = list(columns)
        self._rows: list[R] = list(rows)

    # -- Qt API
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.AccessibleTextRole,
        ):
            return self.columns[section].title
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        role = int(role)
        if role not in _ANSWERED or not index.isValid():
            return None
        row = self._rows[index.row()]
        column = self.columns[index.column()]
        if role in (_DISPLAY, _ACCESSIBLE):
            return column.display(row)
        if role == _ROW:
            return row
        if role == _SORT:
            return _sortable(column.sort_key(row) if column.sort_key else column.value(row))
        if role == _TOOLTIP:
            if column.tooltip:
                return column.tooltip(row)
            text = column.display(row)
            return text if len(text) > 40 else None
        if role == _BACKGROUND and column.background:
            return _brush(column.background(row))
        if role == _FOREGROUND and column.foreground:
            return _brush(column.foreground(row))
        if role == _ALIGNMENT and column.align_right:
            return _RIGHT
        return None

    # -- rows
    def set_rows(self, rows: Iterable[R]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[R]:
        return list(self._rows)

    def row(self, position: int) -> R:
        return self._rows[position]

    def position_of(self, predicate: Callable[[R], bool]) -> int | None:
        return next((i for i, r in enumerate(self._rows) if predicate(r)), None)

    def replace_row(self, predicate: Callable[[R], bool], new_row: R) -> bool:
        """Swap one row in place (after an edit) without resetting the view's selection."""
        position = self.position_of(predicate)
        if position is None:
            return False
        self._rows[position] = new_row
        self.dataChanged.emit(self.index(position, 0), self.index(position, len(self.columns) - 1))
        return True

    def replace_rows(
        self,
        rows_by_key: Mapping[Any, R | None],
        key: Callable[[R], Any],
        place: Callable[[R], Any],
    ) -> bool:
        """Put in only the rows a change named (None: the row is gone), after a commit that
        said which: every other row object stays as it was, and so do the view's selection
        and scroll (no reset).

        `place(row)` is what puts a row where it is in the list (the order the service gives).
        When a named row is new, or its place changed, nothing is changed and False is returned:
        the caller loads the whole list again, since the order comes from the database (its
        collation, not Python's) and an unsorted view shows that order.
        """
        positions = {key(row): position for position, row in enumerate(self._rows)}
        for k, new in rows_by_key.items():
            if new is None:
                continue
            if k not in positions or place(new) != place(self._rows[positions[k]]):
                return False
        gone = []
        for k, new in rows_by_key.items():
            if k not in positions:
                continue
            if new is None:
                gone.append(positions[k])
                continue
            position = positions[k]
            self._rows[position] = new
            self.dataChanged.emit(
                self.index(position, 0), self.index(position, len(self.columns) - 1)
            )
        for position in sorted(gone, reverse=True):
            self.beginRemoveRows(QModelIndex(), position, position)
            del self._rows[position]
            self.endRemoveRows()
        return True

    def column_index(self, key: str) -> int:
        return next(i for i, c in enumerate(self.columns) if c.key == key)


class FilterProxy(QSortFilterProxyModel):
    """Free text (every word must appear in some shown column) plus named predicates on the row."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._words: list[str] = []
        self._predicates: dict[str, Callable[[Any], bool]] = {}
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair; 6.8 and 6.9 lack the pair.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateFilter()

    def refilter(self) -> None:
        """Apply the filters again (after something they read has changed)."""
        self._refilter(lambda: None)

    def set_text(self, text: str) -> None:
        def change() -> None:
            self._words = text.casefold().split()

        self._refilter(change)

    def set_predicate(self, name: str, predicate: Callable[[Any], bool] | None) -> None:
        def change() -> None:
            if predicate is None:
                self._predicates.pop(name, None)
            else:
                self._predicates[name] = predicate

        self._refilter(change)

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        if not isinstance(model, RowTableModel):
            return True
        row = model.row(source_row)
        if any(not predicate(row) for predicate in self._predicates.values()):
            return False
        if not self._words:
            return True
        haystack = " ".join(column.display(row) for column in model.columns).casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def row_at(self, proxy_row: int) -> Any:
        return self.index(proxy_row, 0).data(ROW_ROLE)

    def visible_rows(self) -> list[Any]:
        return [self.row_at(i) for i in range(self.rowCount())]
