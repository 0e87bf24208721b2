"""Reading the sheet of an existing action log or plan: cells, merged cells, the header row.

A plan kept in Word and pasted into Excel has a title above its table and its ambition merged
down the rows of its actions; merged cells are filled with their value here, so that every
row carries its workstream. CSV files are read too (UTF-8 or Windows-1252, comma or
semicolon). Excel files go through the same guard and reader as partners' returns.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerboard.domain.log_import import column_index, header_score  # noqa: F401  (re-exported)
from partnerboard.errors import UserError
from partnerboard.spreadsheets.cells import cell_text
from partnerboard.spreadsheets.reader import read_workbook, split_ref
from partnerboard.spreadsheets.safety import Limits

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ROWS = 20_000
MAX_COLUMNS = 60
HEADER_SEARCH_ROWS = 15
EXCEL_SUFFIXES = {".xlsx", ".xlsm"}


@dataclass
class Table:
    source: str  # the file's name
    sheet_names: list[str]
    sheet: str
    rows: list[list[Any]]
    header_row: int  # 1-based

    @property
    def headers(self) -> list[str]:
        if not 1 <= self.header_row <= len(self.rows):
            return []
        return [cell_text(v) or "" for v in self.rows[self.header_row - 1]]

    def data_rows(self) -> Iterator[tuple[int, list[Any]]]:
        """(sheet row number, values) of every row under the header."""
        for index in range(self.header_row, len(self.rows)):
            yield index + 1, self.rows[index]

    def with_header_row(self, header_row: int) -> Table:
        return Table(self.source, self.sheet_names, self.sheet, self.rows, header_row)


# How many fields a row of headers names: the action log's by default; other imports (the
# performance dataset, training bookings) pass their own.
HeaderScore = Callable[[Sequence[object]], int]


def find_header_row(rows: list[list[Any]], score_of: HeaderScore = header_score) -> int:
    """The row (1-based) among the first few that names the most fields (1 when none does)."""
    best, best_score = 1, 0
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = score_of([cell_text(v) or "" for v in row])
        if score > best_score:
            best, best_score = index + 1, score
    return best


def read_table(
    path: Path | str,
    sheet: str | None = None,
    header_row: int | None = None,
    score_of: HeaderScore = header_score,
) -> Table:
    """The chosen sheet (default: the first visible one with a recognisable header row)."""
    sheets = read_sheets(path)
    names = list(sheets)
    if sheet is None:
        scored = [(score_of(_first_rows(sheets[n], score_of)), -i, n) for i, n in enumerate(names)]
        sheet = max(scored)[2]
    if sheet not in sheets:
        raise UserError(f"{Path(path).name} has no sheet “{sheet}”; it has: {', '.join(names)}.")
    rows = sheets[sheet]
    found = header_row or find_header_row(rows, score_of)
    return Table(Path(path).name, names, sheet, rows, found)


def read_sheets(path: Path | str) -> dict[str, list[list[Any]]]:
    """Every visible sheet of a workbook (or the one table of a CSV file), merged cells
    filled in, through the same guard as partners' returns."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"There is no file {path}.")
    if path.stat().st_size > MAX_FILE_BYTES:
        raise UserError(f"{path.name} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB.")
    suffix = path.suffix.lower()
    if suffix == ".csv":
        sheets = {path.stem: _read_csv(path)}
        merged: dict[str, list[tuple[int, int, int, int]]] = {}
    elif suffix in EXCEL_SUFFIXES:
        sheets, merged = _read_excel(path)
    else:
        raise UserError(
            f"{path.name} is not an Excel workbook (.xlsx) or a CSV file. Open it in Excel or "
            "LibreOffice and save it as an Excel Workbook (.xlsx)."
        )
    if not sheets:
        raise UserError(f"{path.name} has no sheet to read.")
    return {name: _fill_merged(rows, merged.get(name, [])) for name, rows in sheets.items()}


def _first_rows(rows: list[list[Any]], score_of: HeaderScore = header_score) -> list[str]:
    best: list[str] = []
    for row in rows[:HEADER_SEARCH_ROWS]:
        texts = [cell_text(v) or "" for v in row]
        if score_of(texts) > score_of(best):
            best = texts
    return best


def _fill_merged(rows: list[list[Any]], ranges: list[tuple[int, int, int, int]]) -> list[list[Any]]:
    for top, left, bottom, right in ranges:  # 0-based, inclusive
        if top >= len(rows):
            continue
        value = rows[top][left] if left < len(rows[top]) else None
        for r in range(top, min(bottom, len(rows) - 1) + 1):
            row = rows[r]
            for c in range(left, min(right, MAX_COLUMNS - 1) + 1):
                while len(row) <= c:
                    row.append(None)
                if (r, c) != (top, left):
                    row[c] = value
    return rows


# An action log is bigger than a partner's return: allow more rows, same guard otherwise.
LOG_LIMITS = Limits(max_rows=MAX_ROWS, max_columns=MAX_COLUMNS, max_cells=MAX_ROWS * 30)
_MERGE = re.compile(
    rb"<(?:\w+:)?mergeCell\s+ref=[\"']([A-Z]{1,3}[0-9]{1,7}):([A-Z]{1,3}[0-9]{1,7})[\"']"
)


def _read_excel(
    path: Path,
) -> tuple[dict[str, list[list[Any]]], dict[str, list[tuple[int, int, int, int]]]]:
    """Every visible sheet through the partner-workbook guard and reader (zip bombs, macros,
    external links and oversized sheets are refused before anything is parsed)."""
    sheets: dict[str, list[list[Any]]] = {}
    merged: dict[str, list[tuple[int, int, int, int]]] = {}
    with read_workbook(path, LOG_LIMITS) as book:
        for info in book.sheets:
            if info.state != "visible" or info.part is None:
                continue
            sheet = book.sheet(info.name)
            if sheet is None:
                continue
            sheets[info.name] = [list(row) for row in sheet.rows]
            merged[info.name] = [
                (top - 1, left - 1, bottom - 1, right - 1)
                for (top, left), (bottom, right) in (
                    (split_ref(a.decode()), split_ref(b.decode()))
                    for a, b in _MERGE.findall(book.package.read(info.part))
                )
            ]
    return sheets, merged


def _read_csv(path: Path) -> list[list[Any]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes nearly everything
        raise UserError(f"{path.name} is not a text file.")
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    rows = [list(row) for row in csv.reader(io.StringIO(text), dialect)]
    if len(rows) > MAX_ROWS:
        raise UserError(f"{path.name} has more than {MAX_ROWS} rows.")
    return [[v if v != "" else None for v in row[:MAX_COLUMNS]] for row in rows]
