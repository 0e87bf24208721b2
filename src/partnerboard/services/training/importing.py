"""What the booking and evaluation imports share: reading the file, mapping its columns, and a
result that lists the rows it could not read and the agencies it could not place.

Whole or not at all: every row is read first; one row that cannot be read and nothing is
written, the rows named with what is wrong. Rows it can read whose agency cannot be placed are
imported with the agency left to place (kept as written) and listed apart.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from partnerboard.domain.log_import import ImportField, guess_mapping, map_columns
from partnerboard.domain.training_import import date_order
from partnerboard.errors import UserError
from partnerboard.services.actions.plan_reading import HeaderScore, Table, read_table
from partnerboard.services.training.placing import Placed
from partnerboard.spreadsheets.cells import cell_text


@dataclass(frozen=True)
class RowProblem:
    row: int  # the row number in the file (1-based, as a spreadsheet shows it)
    message: str

    def to_json(self) -> dict[str, Any]:
        return {"row": self.row, "message": self.message}


@dataclass(frozen=True)
class Unplaced:
    """Rows whose agency could not be placed, by what they said (a name or an e-mail domain)."""

    what: str
    why: str
    rows: tuple[int, ...]

    def describe(self) -> str:
        rows = ", ".join(str(r) for r in self.rows[:12]) + (" …" if len(self.rows) > 12 else "")
        return f"{self.what} ({len(self.rows)} row(s): {rows}): {self.why}"

    def to_json(self) -> dict[str, Any]:
        return {"what": self.what, "why": self.why, "rows": list(self.rows)}


@dataclass
class ImportResult:
    source: str
    what: str  # "bookings", "course evaluations", "follow-up responses"
    target: str  # the session or course they went to
    mapping: dict[str, str] = field(default_factory=dict)  # field label -> header
    problems: list[RowProblem] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    notes: list[str] = field(default_factory=list)
    written: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def summary(self) -> str:
        if not self.ok:
            return (
                f"{self.source}: nothing imported; {len(self.problems)} row(s) could not be "
                "read (listed). Correct them and import the whole file again."
            )
        parts = [f"{self.added} {self.what} {'added' if self.written else 'to add'}"]
        if self.updated:
            parts.append(f"{self.updated} updated")
        if self.unchanged:
            parts.append(f"{self.unchanged} already recorded")
        if self.unplaced:
            rows = sum(len(u.rows) for u in self.unplaced)
            parts.append(f"{rows} row(s) with an agency not placed (listed)")
        verb = "" if self.written else " (dry run: nothing written)"
        return f"{self.source} → {self.target}: " + ", ".join(parts) + f".{verb}"

    def to_json(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "written": self.written,
            "source": self.source,
            "what": self.what,
            "target": self.target,
            "mapping": self.mapping,
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "problems": [p.to_json() for p in self.problems],
            "unplaced": [u.to_json() for u in self.unplaced],
            "notes": self.notes,
        }

    def lines(self) -> list[str]:
        """The result as a person reads it: the columns used, each problem, each unplaced."""
        lines = [f"  {header:<34} → {label}" for label, header in self.mapping.items()]
        lines += [f"row {p.row:>5}: {p.message}" for p in self.problems]
        if self.unplaced:
            lines.append(
                "Agencies not placed (imported without an agency; place them on the page):"
            )
            lines += [f"  {u.describe()}" for u in self.unplaced]
        lines += self.notes
        lines.append(self.summary())
        return lines


class UnplacedList:
    """Collects unplaced rows by what they said, in the order first met."""

    def __init__(self) -> None:
        self._found: dict[str, tuple[str, list[int]]] = {}

    def add(self, placed: Placed, row: int) -> None:
        if placed.agency_id is None and placed.unplaced:
            self._found.setdefault(placed.unplaced, (placed.why or "", []))[1].append(row)

    def result(self) -> list[Unplaced]:
        return [Unplaced(what, why, tuple(rows)) for what, (why, rows) in self._found.items()]


def read_source(
    path: Path | str, sheet: str | None, header_row: int | None, score_of: HeaderScore
) -> Table:
    table = read_table(Path(path).expanduser(), sheet, header_row, score_of)
    if not any(table.headers):
        raise UserError(f"{table.source}: the sheet “{table.sheet}” has no row of headings.")
    return table


def column_mapping(
    table: Table,
    fields: Sequence[ImportField],
    keys: Sequence[str],
    given: Sequence[str],
    extra: dict[str, int] | None = None,
) -> dict[str, int]:
    """Field key -> column: the usual headers of `fields`, `extra` (e.g. ratings found by
    outcome), and `--map FIELD=HEADER` on top; columns in `extra` are not guessed again."""
    headers = table.headers
    taken = set((extra or {}).values())
    visible = ["" if i in taken else h for i, h in enumerate(headers)]
    guessed = {**guess_mapping(visible, fields), **(extra or {})}
    return map_columns(headers, guessed, given, keys)


def values_of(row: list[Any], mapping: dict[str, int]) -> dict[str, Any]:
    return {key: (row[column] if column < len(row) else None) for key, column in mapping.items()}


def text_of(values: dict[str, Any], key: str) -> str | None:
    return cell_text(values.get(key))


def column_date_order(table: Table, column: int | None) -> str:
    """'dmy' or 'mdy' for one column of dates (`domain.training_import.date_order`)."""
    if column is None:
        return "dmy"
    values = [row[column] if column < len(row) else None for _n, row in table.data_rows()]
    try:
        return date_order(values)
    except ValueError as error:
        raise UserError(f"{table.source}, column “{table.headers[column]}”: {error}.") from None


def is_blank(row: list[Any]) -> bool:
    return all(cell_text(v) is None for v in row)


def describe_mapping(
    table: Table, mapping: dict[str, int], labels: dict[str, str]
) -> dict[str, str]:
    return {
        labels.get(key, key): table.headers[column]
        for key, column in sorted(mapping.items(), key=lambda item: item[1])
        if column < len(table.headers)
    }
