"""Plain text in a table cell, broken into lines as a Paragraph breaks it, measured once.

A register table of thousands of rows spent most of its time in reportlab's Paragraph: parsing
each cell's markup, breaking its lines (word by word, measuring every word in the TrueType
font) and drawing it fragment by fragment. A cell of plain text needs none of the markup: here
its words are measured once per font and size (`word_width`, kept for the process: a log
repeats the same few thousand words), its lines broken by the rule a left-aligned Paragraph
uses (`break_lines`: words joined by one space, a line may run over by 5 % of its spaces'
width, `rl_config.spaceShrinkage`, and is then drawn with its spaces narrowed), and the lines
drawn as strings where a Paragraph puts them (`CellText`).

Anything this does not do exactly as a Paragraph would (a word wider than the column, which a
Paragraph splits; a no-break space; blank lines; a cell split across pages inside its row) is
left to a real Paragraph (`text.para`).
"""

from __future__ import annotations

from reportlab import rl_config
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph

from partnerboard.reports.text import para

_SHRINK = rl_config.spaceShrinkage
_measured: dict[tuple[str, float], dict[str, float]] = {}

# A line: (width left over, negative when it uses the spaces' shrinkage; its words).
Line = tuple[float, list[str]]


def word_width(word: str, font: str, size: float) -> float:
    """`stringWidth(word, font, size)`, remembered per font and size."""
    widths = _measured.get((font, size))
    if widths is None:
        widths = _measured[(font, size)] = {}
    found = widths.get(word)
    if found is None:
        found = widths[word] = stringWidth(word, font, size)
    return found


def break_lines(text: str, font: str, size: float, width: float) -> list[Line] | None:
    """`text` (display text, '\\n' between forced lines) in lines of `width` points, broken
    between words as a left-aligned Paragraph breaks them; None when a Paragraph would do
    something else (a word wider than the line, a no-break space, an empty line)."""
    if "\xa0" in text:
        return None
    space = word_width(" ", font, size)
    lines: list[Line] = []
    for piece in text.split("\n"):
        words = piece.split()
        if not words:
            return None
        line: list[str] = []
        used = -space
        for word in words:
            measured = word_width(word, font, size)
            if measured > width:
                return None
            wider = used + space + measured
            if line and wider > width + _SHRINK * space * len(line):
                lines.append((width - used, line))
                line, used = [word], measured
            else:
                line.append(word)
                used = wider
        lines.append((width - used, line))
    return lines


class PlainCell(Flowable):
    """Plain text in a table cell, drawn as lines of strings where a left-aligned Paragraph of
    `style` would put them; a real Paragraph of `value` where `_layout` declines."""

    def __init__(self, text: str, style: ParagraphStyle, value: object) -> None:
        super().__init__()
        self.text, self.style, self._value = text, style, value
        self._lines: list[tuple[float, str]] = []  # (word spacing, text)
        self._para: Paragraph | None = None
        self._laid_out_for: float | None = None

    def _layout(self, width: float) -> list[tuple[float, str]] | None:
        raise NotImplementedError

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        if self._para is None and self._laid_out_for != available_width:
            self._laid_out_for = available_width
            lines = self._layout(available_width)
            if lines is None:
                self._para = para(self._value, self.style)
            else:
                self._lines = lines
        if self._para is not None:
            self.width, self.height = self._para.wrap(available_width, available_height)
        else:
            self.width, self.height = available_width, self.style.leading * len(self._lines)
        return self.width, self.height

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        if self._para is None:
            self._para = para(self._value, self.style)
        return self._para.split(available_width, available_height)

    def draw(self) -> None:
        if not self.draw_at(self.canv, 0, self.height):
            self._para.drawOn(self.canv, 0, 0)  # type: ignore[union-attr]

    def draw_at(self, canvas: Canvas, x: float, top: float) -> bool:
        """Draw the lines with their top at `top` (no Flowable drawOn); False when a
        Paragraph stands in for them."""
        if self._para is not None:
            return False
        draw_lines(canvas, self.style, x, top, self._lines)
        return True


class CellText(PlainCell):
    """Text of any length, broken between words by `break_lines`."""

    def _layout(self, width: float) -> list[tuple[float, str]] | None:
        style = self.style
        lines = break_lines(self.text, style.fontName, style.fontSize, width)
        if lines is None:
            return None
        spaced = []
        for left_over, words in lines:
            # Over by the spaces' allowed shrinkage: narrower spaces, as a Paragraph draws it.
            squeeze = left_over / (len(words) - 1) if left_over < -1e-8 and len(words) > 1 else 0
            spaced.append((squeeze, " ".join(words)))
        return spaced


def draw_lines(
    canvas: Canvas, style: ParagraphStyle, x: float, top: float, lines: list[tuple[float, str]]
) -> None:
    """(word spacing, text) lines in `style` from `top` down, where a left-aligned Paragraph
    whose top is at `top` puts them: the first baseline a font size down, then one leading a
    line."""
    canvas.setFillColor(style.textColor)
    text = canvas.beginText()
    text.setFont(style.fontName, style.fontSize, style.leading)
    text.setTextOrigin(x, top - style.fontSize)
    for squeeze, line in lines:
        if squeeze:
            text.setWordSpace(squeeze)
            text.textLine(line)
            text.setWordSpace(0)
        else:
            text.textLine(line)
    canvas.drawText(text)
