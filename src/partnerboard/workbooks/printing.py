"""How every workbook the app writes prints, and says what it holds (exports and templates).

`finish_workbook(book, title, classification)` gives each sheet:

- A4, landscape when its columns are wider than a portrait page, as wide as one page;
- the heading row (the last frozen row) repeated on every page;
- a header with the protective marking, and a footer with the title, the marking and
  "Page X of Y";
- a height for every row holding wrapped text (LibreOffice draws such text over the next row
  when a program wrote no height; `fit_row_heights`).

The marking comes from `domain.marking` (what the workbook holds, for whoever made it); the
first sheet also says it in words (`marking_facts`, for an About or Instructions sheet).
openpyxl is imported by the callers; nothing here imports it at module level.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from copy import copy
from typing import Any

from partnerboard.domain.marking import Classification

# Column width units a page holds at 100 % (Calibri 11): A4 portrait and landscape, less margins.
PORTRAIT_UNITS = 95
LINE_POINTS = 15.0  # one line of Calibri 11
FONT = "Calibri"
MAX_ROW_POINTS = 409.0  # Excel's limit
_CHARACTERS_PER_UNIT = 1.15
_FOOTER_TITLE = 55  # an average character of text is narrower than a width unit


def marking_facts(classification: Classification) -> list[tuple[str, str]]:
    """The lines an About or Instructions sheet shows first: the marking and what it means."""
    facts = [("Protective marking", classification.marking or "Public (no marking)")]
    if classification.notice:
        facts.append(("Holds", classification.notice.partition(": ")[2]))
    return facts


def finish_workbook(book: Any, title: str, classification: Classification) -> None:
    """Print set-up, header and footer, and row heights on every visible sheet of `book`."""
    for sheet in book.worksheets:
        if sheet.sheet_state != "visible":
            continue
        fit_row_heights(sheet)
        print_setup(sheet, title, classification)


def print_setup(sheet: Any, title: str, classification: Classification) -> None:
    """A4, one page wide, heading row repeated, marking in header and footer, page X of Y."""
    widths = _widths(sheet)
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.orientation = (
        sheet.ORIENTATION_LANDSCAPE if sum(widths) > PORTRAIT_UNITS else sheet.ORIENTATION_PORTRAIT
    )
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.page_margins.top = sheet.page_margins.bottom = 0.6
    sheet.page_margins.header = sheet.page_margins.footer = 0.25
    heading_row = _heading_row(sheet)
    if heading_row:
        sheet.print_title_rows = f"{heading_row}:{heading_row}"
    marking = _escaped(classification.marking)
    for header in (sheet.oddHeader, sheet.evenHeader, sheet.firstHeader):
        header.center.text = f"&B{marking}" if marking else ""
    for footer in (sheet.oddFooter, sheet.evenFooter, sheet.firstFooter):
        footer.left.text = footer_title(title, sheet.title)
        footer.center.text = f"&B{marking}" if marking else ""
        footer.right.text = PAGE_X_OF_Y


PAGE_X_OF_Y = "Page &P of &N"


def footer_title(title: str, sheet_name: str) -> str:
    """The footer's left part: the workbook's title and the sheet (codes escaped)."""
    text = f"{title} – {sheet_name}"
    if len(text) > _FOOTER_TITLE:  # the left part must leave the centre to the marking
        text = title[: _FOOTER_TITLE - len(sheet_name) - 4].rstrip() + "… – " + sheet_name
    return _escaped(text)


def header_footer_codes(title: str, sheet_name: str, marking: str) -> tuple[str, str]:
    """The header and footer as Excel codes, for a sheet written without openpyxl."""
    bold = f"&B{_escaped(marking)}" if marking else ""
    header = f"&C{bold}" if bold else ""
    footer = f"&L{footer_title(title, sheet_name)}" + (f"&C{bold}" if bold else "")
    return header, footer + f"&R{PAGE_X_OF_Y}"


def fit_row_heights(sheet: Any, first_row: int = 1) -> None:
    """A height for every row with wrapped text, from the text's length and the column widths."""
    widths = _width_by_column(sheet)
    merged = {
        (r.min_row, r.min_col): sum(widths.get(c, 8.43) for c in range(r.min_col, r.max_col + 1))
        for r in sheet.merged_cells.ranges
    }
    for row in sheet.iter_rows(min_row=first_row):
        lines = 1
        for cell in row:
            if cell.has_style and cell.font is not None and cell.font.name is None:
                # LibreOffice draws a font without a name in its default serif face.
                font = copy(cell.font)
                font.name = FONT
                cell.font = font
            value = cell.value
            if not isinstance(value, str) or not (cell.alignment and cell.alignment.wrap_text):
                continue
            width = merged.get((cell.row, cell.column), widths.get(cell.column, 8.43))
            lines = max(lines, text_lines(value, width))
        if lines > 1:
            dimension = sheet.row_dimensions[row[0].row]
            wanted = min(MAX_ROW_POINTS, lines * LINE_POINTS + 3)
            dimension.height = max(dimension.height or 0, wanted)


def text_lines(text: str, width: float) -> int:
    """Roughly how many lines `text` wraps to in a column `width` units wide."""
    per_line = max(int(width * _CHARACTERS_PER_UNIT) - 1, 1)
    return sum(max(1, math.ceil(len(part) / per_line)) for part in text.split("\n"))


def row_points(texts: Iterable[tuple[str, float]]) -> float | None:
    """The height a row needs for its wrapped `(text, column width)` cells; None for one line."""
    lines = max((text_lines(text, width) for text, width in texts), default=1)
    return min(MAX_ROW_POINTS, lines * LINE_POINTS + 3) if lines > 1 else None


def _escaped(text: str) -> str:
    return text.replace("&", "&&")


def _heading_row(sheet: Any) -> int | None:
    """The row of column headings: the last frozen row, if the sheet freezes any."""
    frozen = sheet.freeze_panes
    if not frozen:
        return None
    row = int("".join(c for c in frozen if c.isdigit()) or "1") - 1
    return row if row >= 1 else None


def _width_by_column(sheet: Any) -> dict[int, float]:
    from openpyxl.utils import column_index_from_string  # noqa: PLC0415

    found: dict[int, float] = {}
    for letter, dimension in sheet.column_dimensions.items():
        width = dimension.width or 8.43
        first = column_index_from_string(letter)
        last = dimension.max or first
        for column in range(max(first, dimension.min or first), last + 1):
            found[column] = width
        found.setdefault(first, width)
    return found


def _widths(sheet: Any) -> list[float]:
    by_column = _width_by_column(sheet)
    used = sheet.max_column or 1
    return [by_column.get(column, 8.43) for column in range(1, used + 1)]
