"""Building blocks of board papers: data tables, key facts, signature blocks and RAG badges.

Every cell that is not already a Flowable goes through `para()`, so user text is escaped and
wraps inside its column instead of running off the page.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterable, Sequence

from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, LongTable, Paragraph, Table, TableStyle

from partnerboard.columns import share_widths
from partnerboard.domain import palette
from partnerboard.domain.palette import Swatch
from partnerboard.reports import fonts
from partnerboard.reports.cell_text import CellText, PlainCell, word_width
from partnerboard.reports.scripts import for_display
from partnerboard.reports.styles import (
    RULE,
    data_table_style,
    facts_table_style,
    report_styles,
)
from partnerboard.reports.text import LaidOutOnce, as_text, clean_text, markup, one_line, para

# Rows stay whole: a table breaks between rows. Only a table with a row too tall to share a
# page (a narrative of most of a page) may split inside rows, into pieces at least this tall
# (three lines), so that such a row never aborts the PDF.
_MIN_ROW_SPLIT = 36
_TALL_ROW = 400.0
_PADDING = 8.5  # left and right padding of a cell, and a hair
_WORD_BREAKS = re.compile(r"(?<=[-/])")


def data_table(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: Sequence[float] | None = None,
    *,
    empty_text: str = "None recorded.",
    split_in_rows: bool = True,
) -> Flowable:
    """A register table: header row repeated on every page, cells wrapped, rows striped.

    `widths` are relative weights of the columns (e.g. `(1, 4, 2)`), shared out over the width
    the table is given; by default the columns are equal. A column is never narrower than its
    longest word (names do not split; a long reference breaks after a hyphen), the others give
    way. Cells may be text, numbers, dates
    (shown dd/mm/yyyy), None (blank), choices (their label) or Flowables such as `rag_badge()`.
    Without rows, the table is replaced by `empty_text`. A table whose cells cannot split (a
    drawing in a cell) passes `split_in_rows=False`: it breaks between rows even when a row is
    taller than `_TALL_ROW`.
    """
    styles = report_styles()
    rows_seen = [tuple(row) for row in rows]
    body = [[_cell(value, styles.cell) for value in row] for row in rows_seen]
    if not body:
        return para(empty_text, styles.muted)
    columns = len(header)
    weights = list(widths) if widths else [1.0] * columns
    if len(weights) != columns or any(w <= 0 for w in weights):
        raise ValueError("widths needs one positive weight per column")
    for row in body:
        if len(row) != columns:
            raise ValueError(f"a row has {len(row)} cells for {columns} columns")
    # Percentages are resolved by reportlab against the frame width when the table is laid
    # out; `_DataTable` then widens any column whose longest word would not fit
    # (`columns.share_widths`).
    total = sum(weights)
    percentages = [f"{weight * 100 / total:.3f}%" for weight in weights]
    head = [para(title, styles.cell_header) for title in header]
    table = _DataTable(
        [head, *body],
        colWidths=percentages,
        repeatRows=1,
        splitByRow=1,
        splitInRow=0,
        style=data_table_style(),
        hAlign="LEFT",
        spaceBefore=2,
        spaceAfter=8,
    )
    table.content_widths(weights, _column_minimums(header, rows_seen, styles))
    table.may_split_rows = split_in_rows
    return table


def _column_minimums(
    header: Sequence[str], rows: list[Sequence[object]], styles: object
) -> list[float]:
    """The width each column needs so that no word in it splits (a reference may break after a
    hyphen or slash): its widest unbreakable piece, in the cell font, plus padding."""
    cell = styles.cell  # type: ignore[attr-defined]
    header_style = styles.cell_header  # type: ignore[attr-defined]

    def widest(text: str, font: str, size: float) -> float:
        words: list[str] = []
        for word in text.split():
            if "-" in word or "/" in word:
                words.extend(piece for piece in _WORD_BREAKS.split(word) if piece)
            else:
                words.append(word)
        if len(words) > 2:  # the two longest are measured (widths remembered: `word_width`)
            words = heapq.nlargest(2, words, key=len)
        return max((word_width(word, font, size) for word in words), default=0.0)

    minimums = [
        widest(one_line(title), header_style.fontName, header_style.fontSize) for title in header
    ]
    for row in rows:
        for column, value in enumerate(row):
            if isinstance(value, Drawing):  # drawn at its size: it cannot wrap
                need = float(value.width)
            elif isinstance(value, Flowable):
                need = getattr(value, "minimum_width", 0.0)
            else:
                need = widest(clean_text(value), cell.fontName, cell.fontSize)
            if need > minimums[column]:
                minimums[column] = need
    return [m + _PADDING for m in minimums]


class _DataTable(LongTable):
    """A register table whose columns are as wide as their words need (see `share_widths`),
    which breaks between rows and splits inside a row only when a row is too tall for a page."""

    _weights: Sequence[float] | None = None
    _minimums: Sequence[float] = ()
    _sized_for: float | None = None
    _measured_heights: list[float] | None = None
    _given_heights: list[float | None] | None = None
    may_split_rows = True

    def content_widths(self, weights: Sequence[float], minimums: Sequence[float]) -> None:
        self._weights, self._minimums = list(weights), list(minimums)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        if self._weights is not None and self._sized_for != availWidth:
            widths = share_widths(self._weights, self._minimums, availWidth)
            self._argW = self._colWidths = widths
            self._width_calculated_once = 0
            self._sized_for = availWidth
            if self._measured_heights is not None:  # new widths: measure the rows again
                self._argH, self._measured_heights = self._given_heights, None
        size = super().wrap(availWidth, availHeight)
        if self._weights is not None and self._measured_heights is None:
            # The rows' heights depend only on the widths: a table is asked its size again and
            # again (under a heading, at each page), and would lay out every cell each time.
            self._given_heights = self._argH
            self._argH = self._measured_heights = list(self._rowHeights)
        tall = max(self._rowHeights, default=0) > _TALL_ROW
        if self.may_split_rows and not self.splitInRow and tall:
            # In-row first: split between rows first would leave the rest (header and all)
            # to split again inside the tall row in the space left (a second header mid-page).
            self.splitByRow, self.splitInRow = 0, _MIN_ROW_SPLIT
        return size

    def _drawCell(self, cellval, cellstyle, pos, size) -> None:  # noqa: ANN001, N802
        """Plain text cells draw their lines straight on the canvas, where reportlab would put
        them (top-aligned, after the padding), without a Flowable's state and translation."""
        cell = cellval[0] if isinstance(cellval, (tuple, list)) and len(cellval) == 1 else cellval
        if (
            isinstance(cell, PlainCell)
            and cellstyle.valign == "TOP"
            and cellstyle.alignment == "LEFT"
        ):
            width = size[0] - cellstyle.leftPadding - cellstyle.rightPadding
            cell.wrapOn(self.canv, width, size[1] - cellstyle.topPadding - cellstyle.bottomPadding)
            x = pos[0] + cellstyle.leftPadding
            if cell.draw_at(self.canv, x, pos[1] + size[1] - cellstyle.topPadding):
                self._curcellstyle = None  # the fill colour changed: set it again when needed
                return
        super()._drawCell(cellval, cellstyle, pos, size)


def facts_table(facts: Sequence[tuple[str, object]], label_width: float = 0.25) -> Flowable:
    """Label / value lines without a grid, e.g. date, venue and chair at the top of minutes."""
    styles = report_styles()
    label_style = ParagraphStyle("FactLabel", parent=styles.body, fontName=fonts.BOLD)
    data = [[para(label, label_style), _cell(value, styles.body)] for label, value in facts]
    if not data:
        return para("", styles.body)
    share = max(0.05, min(label_width, 0.95)) * 100
    return Table(
        data,
        colWidths=[f"{share:.3f}%", f"{100 - share:.3f}%"],
        style=facts_table_style(),
        hAlign="LEFT",
        spaceAfter=8,
    )


def signature_block(
    name: object, role: object, *, signed_label: str = "Signed", date_label: str = "Date"
) -> Flowable:
    """Signature and date lines to sign by hand, above the signatory's name and role."""
    styles = report_styles()
    label = ParagraphStyle("SignatureLabel", parent=styles.body, fontName=fonts.BOLD)
    table = Table(
        [
            [para(signed_label, label), "", para(date_label, label), ""],
            [para("Name", label), para(name), "", ""],
            [para("Role", label), para(role), "", ""],
        ],
        colWidths=[22 * mm, 78 * mm, 14 * mm, 40 * mm],
        rowHeights=[11 * mm, None, None],
        style=TableStyle(
            [
                *facts_table_style().getCommands(),
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("LINEBELOW", (1, 0), (1, 0), 0.75, colors.HexColor(palette.TEXT)),
                ("LINEBELOW", (3, 0), (3, 0), 0.75, colors.HexColor(palette.TEXT)),
                ("LEFTPADDING", (2, 0), (2, 0), 6),
                ("SPAN", (1, 1), (3, 1)),
                ("SPAN", (1, 2), (3, 2)),
                ("TOPPADDING", (0, 1), (-1, 1), 6),
            ]
        ),
        hAlign="LEFT",
    )
    return KeepTogether([table])


def rag_badge(value: object, label: str | None = None) -> Flowable:
    """A coloured pill for a RAG, rating or grade ('Amber', 'Not met', 'Good'); grey if unknown.

    `value` is a name or stored value (or a choice); `label` overrides the words shown, which
    default to the choice's label, the value with a capital letter, or 'Not rated' for None.
    """
    swatch = palette.named_swatch(value) or palette.GREY
    if label is None:
        text = as_text(value)
        label = "Not rated" if not text else text[:1].upper() + text[1:].replace("_", " ")
    return Badge(label, swatch)


class Badge(Flowable):
    """A rounded, filled label sized to its text; in a narrow column it wraps between words,
    and its type shrinks (down to 6 pt) rather than break a word in two."""

    _PAD_X = 4
    _PAD_Y = 2.5
    _SIZE = 8.0
    _MIN_SIZE = 6.0

    def __init__(self, label: str, swatch: Swatch) -> None:
        super().__init__()
        self.label = one_line(label)
        self._shown = for_display(self.label)  # as the Paragraph's markup shows it
        self.swatch = swatch
        self.hAlign = "LEFT"
        self._size = self._SIZE
        self._text: Paragraph | None = None  # made when the label needs more than one line
        # The narrowest column it reads in: its longest word at the smallest type.
        words = self.label.split() or [""]
        longest = max(word_width(word, fonts.BOLD, self._MIN_SIZE) for word in words)
        self.minimum_width = longest + 2 * self._PAD_X + 1

    def _paragraph(self, size: float) -> Paragraph:
        style = ParagraphStyle(
            "BadgeText",
            parent=report_styles().badge,
            fontSize=size,
            leading=size * 1.25,
            textColor=colors.HexColor(self.swatch.text),
        )
        return LaidOutOnce(markup(self.label), style)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        room = available_width - 2 * self._PAD_X - 1
        words = self.label.split() or [""]
        longest = max(word_width(word, fonts.BOLD, self._SIZE) for word in words)
        size = self._SIZE
        if longest > room > 0:
            size = max(self._MIN_SIZE, self._SIZE * room / longest)
        if size != self._size:  # a table asks several times: make the text again only if it shrank
            self._size, self._text = size, None
        label_width = word_width(self._shown, fonts.BOLD, size)
        natural = label_width + 2 * self._PAD_X + 1
        self.width = max(min(available_width, natural), 2 * self._PAD_X + 8)
        room = self.width - 2 * self._PAD_X
        if label_width <= room:  # one line, drawn as a string where the Paragraph would put it
            self._text = None
            text_height = size * 1.25
        else:
            if self._text is None:
                self._text = self._paragraph(size)
            _, text_height = self._text.wrap(room, available_height)
        self.height = text_height + 2 * self._PAD_Y
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFillColor(colors.HexColor(self.swatch.fill))
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.25)
        canvas.roundRect(0, 0, self.width, self.height, 3, stroke=1, fill=1)
        if self._text is not None:
            canvas.restoreState()
            self._text.drawOn(canvas, self._PAD_X, self._PAD_Y)
            return
        # The centred line of the Paragraph: its baseline a font size below its top.
        canvas.setFillColor(colors.HexColor(self.swatch.text))
        canvas.setFont(fonts.BOLD, self._size)
        baseline = self.height - self._PAD_Y - self._size
        canvas.drawCentredString(self.width / 2, baseline, self._shown)
        canvas.restoreState()


def _cell(value: object, style: ParagraphStyle) -> Flowable:
    if isinstance(value, Flowable):
        return value
    text = clean_text(value)
    if style.alignment != TA_LEFT:
        return para(value, style)
    if "\n" not in text and len(text) <= _LINE_MAX:
        return _Line(for_display(" ".join(text.split())), style)
    return CellText(for_display(text), style, value)


_LINE_MAX = 40  # longer text is as good as certain to wrap: broken between words only


class _Line(PlainCell):
    """A short plain cell (a reference, a date, a name) drawn as strings.

    A Paragraph parses markup and breaks lines for "4.12" or "03/04/2026" too; in a register
    table of thousands of rows that was a third of the work. Text too wide for its column is
    broken after a space, hyphen or slash ("S11-2025-" / "WCCEducation-1"), never inside a word;
    only a word wider than the column itself becomes a Paragraph (which must split it).
    """

    def __init__(self, text: str, style: ParagraphStyle) -> None:
        super().__init__(text, style, text)
        self._width = stringWidth(text, style.fontName, style.fontSize)

    def _layout(self, width: float) -> list[tuple[float, str]] | None:
        if self._width <= width:
            return [(0, self.text)]
        lines = _break_line(self.text, self.style, width)
        return None if lines is None else [(0, line) for line in lines]

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return self._para.split(available_width, available_height) if self._para else []


_BREAK_AFTER = re.compile(r"(?<=[ /-])")


def _break_line(text: str, style: ParagraphStyle, width: float) -> list[str] | None:
    """`text` in lines of at most `width` points, broken only after a space, hyphen or slash;
    None when one piece alone is wider."""
    font, size = style.fontName, style.fontSize
    lines: list[str] = []
    current = ""
    for piece in _BREAK_AFTER.split(text):
        if not piece:
            continue
        candidate = current + piece
        if current and stringWidth(candidate.rstrip(), font, size) > width:
            lines.append(current.rstrip())
            current = piece
        else:
            current = candidate
    lines.append(current.rstrip())
    if any(stringWidth(line, font, size) > width for line in lines):
        return None
    return lines
