"""Reading a guarded workbook: python-calamine for values, a bounded scan of the sheet XML for
the extent of each sheet and for formulas.

calamine reads these files tens of times faster than openpyxl (TECH-NOTES: 60 returns in
0.04 s against ~1 s), but it allocates a sheet's whole used range and it returns the value a
sender *cached* for a formula, which can be anything (`=1+1` came back as 999). So before
calamine loads a sheet, its XML is scanned:

- the extent of the cells that hold something must lie within the row/column/cell limits, so a
  file holding A1 and XFD1048576 is refused instead of allocating 17 billion cells;
- the `<dimension>` a sheet declares must lie within the same limits: no spreadsheet program
  declares A1:XFD1048576 for a form, and a reader that trusts it would size the sheet from it;
- cells holding a formula are listed (an array formula marks its whole range), so that the
  importer can refuse them in input cells. LibreOffice writes a plain TRUE/FALSE as the formula
  `TRUE()`/`FALSE()`; that one is treated as the constant it is.

The fast path is a regular expression over the bytes; a proper (defusedxml) parse runs only
when a formula is present or a cell has no reference. Values come back as calamine gives them,
except that an empty cell is None: whole numbers are floats, dates are `date`/`datetime`.
"""

from __future__ import annotations

import logging
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from operator import itemgetter
from pathlib import Path
from typing import Any

from defusedxml import ElementTree as SafeET

from partnerboard.errors import UserError
from partnerboard.spreadsheets.safety import DEFAULT_LIMITS, Limits, Package, open_package

log = logging.getLogger(__name__)

MAIN_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
STRICT_REL_ID = "{http://purl.oclc.org/ooxml/officeDocument/relationships}id"
RELS_NS = "{http://schemas.openxmlformats.org/package/2006/relationships}"

# (`<c…|<\w+:c…` rather than `<(?:\w+:)?c…`: the same matches, found in half the time)
_CELL_TAG = re.compile(rb"<c[\s/>]|<\w+:c[\s/>]")
_CELL_REF_FIRST = re.compile(rb"""<(?:c|\w+:c)\s+r=["']([A-Z]{1,3})([0-9]{1,7})["']""")
_FORMULA = re.compile(rb"<f[\s/>]|<\w+:f[\s/>]")
_A1 = re.compile(r"^([A-Z]{1,3})([0-9]{1,7})$")
_DIMENSION = re.compile(rb"""<(?:\w+:)?dimension\s+ref=["']([A-Za-z$0-9:]{1,40})["']""")
CONSTANT_FORMULAS = {"TRUE()": True, "FALSE()": False}


class UnreadableWorkbook(UserError):
    """A file that passed the guard but cannot be read as a workbook."""

    def __init__(self, message: str, code: str = "unreadable"):
        super().__init__(message)
        self.code = code


def column_number(letters: str) -> int:
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number


def column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def cell_ref(row: int, column: int) -> str:
    """`cell_ref(5, 3)` is "C5" (both 1-based)."""
    return f"{column_letters(column)}{row}"


@lru_cache(maxsize=8192)
def split_ref(ref: str) -> tuple[int, int]:
    """`split_ref("C5")` is (5, 3)."""
    match = _A1.match(ref.upper().replace("$", ""))
    if match is None:
        raise ValueError(f"not a cell reference: {ref!r}")
    return int(match.group(2)), column_number(match.group(1))


@dataclass(frozen=True)
class SheetInfo:
    name: str
    state: str  # visible / hidden / veryHidden
    part: str | None  # the worksheet part; None for a chart sheet


@dataclass
class SheetScan:
    """What the XML of one sheet says before any value is read."""

    max_row: int = 0
    max_column: int = 0
    cells: int = 0
    # the last cell of `<dimension ref="A1:H44"/>`, as the sheet declares it (row, column), and
    # the last row and column of any cell element, formatted empty cells included
    declared: tuple[int, int] | None = None
    written: tuple[int, int] = (0, 0)

    @property
    def declaration_lies(self) -> bool:
        """The sheet declares a range beyond the limits that none of its cells reaches."""
        return self.declared is not None and (
            self.declared[0] > max(self.written[0], 1) or self.declared[1] > max(self.written[1], 1)
        )

    # ref -> formula text, for every cell computed by a formula
    formulas: dict[str, str] = field(default_factory=dict)


@dataclass
class Sheet:
    """The values of one sheet, addressed by "C5" or by (row, column), 1-based."""

    info: SheetInfo
    rows: list[list[Any]]
    formulas: dict[str, str]

    @property
    def name(self) -> str:
        return self.info.name

    def at(self, row: int, column: int) -> Any:
        if row < 1 or column < 1:
            return None
        try:
            value = self.rows[row - 1][column - 1]
        except IndexError:  # beyond the sheet or its row
            return None
        return None if value == "" else value

    def values_at(self, row: int, columns: tuple[int, ...]) -> list[Any]:
        """`at(row, column)` of each of `columns`, the row looked up once."""
        if row < 1 or row > len(self.rows):
            return [None] * len(columns)
        values = self.rows[row - 1]
        width = len(values)
        return [
            None if column < 1 or column > width or values[column - 1] == "" else values[column - 1]
            for column in columns
        ]

    def value(self, ref: str) -> Any:
        return self.at(*split_ref(ref))

    def formula(self, ref: str) -> str | None:
        """The formula of a cell (without '='), or None when the cell holds a plain value."""
        if not self.formulas:
            return None
        return self.formulas.get(ref.upper().replace("$", ""))

    @property
    def height(self) -> int:
        return len(self.rows)


class Workbook:
    """A returned workbook opened for reading; use as a context manager (`read_workbook`)."""

    def __init__(self, package: Package):
        self.package = package
        self.path = package.path
        self.sheets = _sheet_list(package)
        self._by_name = {info.name: info for info in self.sheets}
        self._calamine: Any = None
        self._loaded: dict[str, Sheet] = {}

    def info(self, name: str) -> SheetInfo | None:
        return self._by_name.get(name)

    def sheet(self, name: str) -> Sheet | None:
        """The sheet called `name` (exact name), loaded within the limits; None if absent."""
        info = self._by_name.get(name)
        if info is None or info.part is None:
            return None
        if name not in self._loaded:
            self._loaded[name] = self._load(info)
        return self._loaded[name]

    def _load(self, info: SheetInfo) -> Sheet:
        assert info.part is not None
        limits = self.package.limits
        scan = scan_sheet_xml(self.package.read(info.part), limits)
        if (
            scan.declared is not None
            and (scan.declared[0] > limits.max_rows or scan.declared[1] > limits.max_columns)
            and scan.declaration_lies
        ):
            # A reader may size the sheet from this declaration: refuse before calamine sees it.
            raise UnreadableWorkbook(
                f"Sheet “{info.name}” declares that it reaches cell {cell_ref(*scan.declared)}, "
                "but none of its cells lies there: the file was not saved by a spreadsheet "
                "program or is damaged, and was refused as possibly harmful. Save it again from "
                "Excel or LibreOffice as an Excel Workbook (.xlsx).",
                code="too_big",
            )
        if (
            scan.max_row > limits.max_rows
            or scan.max_column > limits.max_columns
            or scan.cells > limits.max_cells
        ):
            raise UnreadableWorkbook(
                f"Sheet “{info.name}” reaches cell {cell_ref(max(scan.max_row, 1), max(scan.max_column, 1))}"
                f" or holds {scan.cells} cells; a return has at most {limits.max_rows} rows and "
                f"{limits.max_columns} columns. Delete what lies outside the form and save again.",
                code="too_big",
            )
        try:
            if self._calamine is None:
                import python_calamine  # noqa: PLC0415  (Rust extension; only when reading)

                self._calamine = python_calamine.CalamineWorkbook.from_filelike(
                    BytesIO(self.package.data)
                )
            rows = self._calamine.get_sheet_by_name(info.name).to_python(skip_empty_area=False)
        except Exception as error:  # calamine raises several types on malformed parts
            log.info("calamine could not read %s (%s): %s", self.path, info.name, error)
            raise UnreadableWorkbook(
                f"Sheet “{info.name}” cannot be read ({type(error).__name__}). Save the workbook "
                "again from Excel or LibreOffice as an Excel Workbook (.xlsx)."
            ) from None
        for ref, text in list(scan.formulas.items()):
            if text.strip().upper() in CONSTANT_FORMULAS:
                del scan.formulas[ref]
        return Sheet(info, rows, scan.formulas)

    def close(self) -> None:
        if self._calamine is not None:
            self._calamine.close()
        self.package.close()

    def __enter__(self) -> Workbook:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def read_workbook(path: Path | str, limits: Limits = DEFAULT_LIMITS) -> Workbook:
    """Guard `path` (see `safety`) and open it for reading; raises a `UserError` with the reason."""
    package = open_package(path, limits)
    try:
        return Workbook(package)
    except BaseException:
        package.close()
        raise


def _parse(data: bytes, what: str) -> Any:
    try:
        return SafeET.fromstring(data)
    except Exception:  # ParseError, or defusedxml refusing entities/DTDs
        raise UnreadableWorkbook(
            f"The workbook's {what} cannot be read (damaged or not written by a spreadsheet "
            "program). Save it again from Excel or LibreOffice as an Excel Workbook (.xlsx)."
        ) from None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _sheet_list(package: Package) -> list[SheetInfo]:
    """Sheet names, visibility and parts from the workbook part and its relationships."""
    folder, base = posixpath.split(package.workbook_part)
    rels_part = posixpath.join(folder, "_rels", base + ".rels")
    rels = package.read(rels_part) if package.has(rels_part) else None
    return [
        SheetInfo(name, state, part if part is not None and package.has(part) else None)
        for name, state, part in _listed_sheets(
            package.workbook_part, package.read(package.workbook_part), rels
        )
    ]


# The returns of one template share these two parts byte for byte: each is parsed once.
@lru_cache(maxsize=32)
def _listed_sheets(
    workbook_part: str, workbook_xml: bytes, rels_xml: bytes | None
) -> tuple[tuple[str, str, str | None], ...]:
    """(name, state, worksheet part or None) of each sheet, as the two parts list them."""
    workbook = _parse(workbook_xml, "list of sheets")
    folder = posixpath.dirname(workbook_part)
    targets: dict[str, str] = {}
    if rels_xml is not None:
        for rel in _parse(rels_xml, "relationships").iter(f"{RELS_NS}Relationship"):
            target = rel.get("Target", "")
            if rel.get("TargetMode") == "External":
                continue
            part = target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
            targets[rel.get("Id", "")] = posixpath.normpath(part)
    sheets = []
    for element in workbook.iter():
        if _local(element.tag) != "sheet":
            continue
        rel_id = element.get(REL_ID) or element.get(STRICT_REL_ID) or ""
        part = targets.get(rel_id)
        if part is not None and "worksheets/" not in part:
            part = None  # a chart sheet: no cells to read (`_sheet_list` drops dangling ones)
        sheets.append((element.get("name", ""), element.get("state", "visible"), part))
    return tuple(sheets)


def scan_sheet_xml(data: bytes, limits: Limits = DEFAULT_LIMITS) -> SheetScan:
    """The extent of the cells that hold something, and every formula cell, of one sheet part.

    Fast path (no formula, every cell with its reference first, as Excel, LibreOffice and
    openpyxl write them): two regular expressions over the bytes. Formatted empty cells count
    there too; only when that rough extent breaks a limit, or a cell has no reference, or a
    formula is present, does the exact parse decide.
    """
    declared = _declared_extent(data)
    tags = len(_CELL_TAG.findall(data))
    refs = _CELL_REF_FIRST.findall(data)
    written = (0, 0)
    if refs:  # (over the distinct rows and columns: a handful, where the cells are hundreds)
        columns, rows = set(map(itemgetter(0), refs)), set(map(itemgetter(1), refs))
        written = (
            max(map(int, rows)),
            column_number(max(columns, key=lambda letters: (len(letters), letters)).decode()),
        )
    if len(refs) != tags or _FORMULA.search(data):
        scan = _scan_exactly(data, limits)
        scan.declared, scan.written = (
            declared,
            (max(written[0], scan.max_row), max(written[1], scan.max_column)),
        )
        return scan
    scan = SheetScan(cells=tags, declared=declared, written=written)
    scan.max_row, scan.max_column = written
    if (
        scan.max_row > limits.max_rows
        or scan.max_column > limits.max_columns
        or tags > limits.max_cells
    ):
        scan = _scan_exactly(data, limits)
        scan.declared, scan.written = declared, written
    return scan


def _declared_extent(data: bytes) -> tuple[int, int] | None:
    """The bottom-right cell of the sheet's `<dimension>` (it comes before the cells)."""
    match = _DIMENSION.search(data, 0, min(len(data), 64 * 1024))
    if match is None:
        return None
    last = match.group(1).decode("ascii").rpartition(":")[2]
    try:
        return split_ref(last)
    except ValueError:
        return None


def _scan_exactly(data: bytes, limits: Limits) -> SheetScan:
    """A real (defusedxml) parse, for sheets with formulas or cells without references."""
    scan = SheetScan()
    row_number = 0
    column = 0
    try:
        for event, element in SafeET.iterparse(BytesIO(data), events=("start", "end")):
            tag = _local(element.tag)
            if event == "start" and tag == "row":
                row_number = int(element.get("r") or row_number + 1)
                column = 0
            elif event == "end" and tag == "c":
                ref = element.get("r")
                row, column = split_ref(ref) if ref else (row_number, column + 1)
                children = {_local(child.tag): child for child in element}
                if children:
                    scan.cells += 1
                    scan.max_row = max(scan.max_row, row)
                    scan.max_column = max(scan.max_column, column)
                if "f" in children:
                    _note_formula(scan, children["f"], row, column, limits)
                element.clear()
                if scan.cells > limits.max_cells:
                    break
            elif event == "end" and tag == "row":
                element.clear()
    except UserError:
        raise
    except Exception:
        raise UnreadableWorkbook(
            "A sheet of the workbook is damaged. Save it again from Excel or LibreOffice as an "
            "Excel Workbook (.xlsx)."
        ) from None
    return scan


def _note_formula(scan: SheetScan, formula: Any, row: int, column: int, limits: Limits) -> None:
    text = (formula.text or "").strip()
    scan.formulas[cell_ref(row, column)] = text or "(shared formula)"
    span = formula.get("ref")
    if formula.get("t") in ("array", "dataTable") and span:
        # The other cells of an array formula carry only cached values: mark them all.
        first, _, last = span.partition(":")
        top, left = split_ref(first)
        bottom, right = split_ref(last or first)
        if (bottom - top + 1) * (right - left + 1) > limits.max_cells:
            raise UnreadableWorkbook("A formula in the workbook spans too many cells.")
        for r, c in _cells(top, left, bottom, right):
            scan.formulas.setdefault(cell_ref(r, c), text)


def _cells(top: int, left: int, bottom: int, right: int) -> Iterator[tuple[int, int]]:
    for r in range(top, bottom + 1):
        for c in range(left, right + 1):
            yield r, c
