"""Geometry of a painted chart, and how to paint it; the widgets only decide where things go.

Coordinates are logical pixels: QPainter scales them on high-DPI screens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen

from partnerboard.domain import palette
from partnerboard.domain.palette import Swatch


def qcolor(colour: str) -> QColor:
    """A QColor from a palette hex string."""
    return QColor(colour)


def swatch_colours(swatch: Swatch) -> tuple[QColor, QColor]:
    """(fill, text) QColors of a palette swatch."""
    return QColor(swatch.fill), QColor(swatch.text)


@dataclass(frozen=True)
class ChartSegment:
    """One clickable part of a chart, in widget coordinates (logical pixels)."""

    category: str
    series: str
    count: int
    rect: QRectF
    category_index: int
    series_index: int

    @property
    def words(self) -> str:
        """'Neglect, Amber: 3' — what the tooltip and the screen reader say."""
        return f"{self.category}, {self.series}: {self.count}"


@dataclass(frozen=True)
class ChartText:
    """A piece of text to paint in `rect` with Qt alignment flags."""

    rect: QRectF
    text: str
    colour: str = palette.TEXT
    align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    bold: bool = False


@dataclass
class ChartLayout:
    """Where things go at the current size; rebuilt on resize, font change or new data.

    Subclasses fill it in `_layout`; the base class paints it, so charts only do geometry.
    """

    segments: list[ChartSegment] = field(default_factory=list)
    fills: list[tuple[QRectF, Swatch]] = field(default_factory=list)
    texts: list[ChartText] = field(default_factory=list)
    lines: list[tuple[QPointF, QPointF]] = field(default_factory=list)
    # Full text of labels that were cut short, shown as a tooltip over the label.
    tips: list[tuple[QRectF, str]] = field(default_factory=list)


def paint_layout(painter: QPainter, layout: ChartLayout, font: QFont) -> None:
    """Paint the fills, axis lines and texts of `layout` in `font` (bold where asked)."""
    # A white edge keeps neighbouring segments apart even when their colours are close.
    painter.setPen(QPen(QColor(palette.BACKGROUND), 1))
    for rect, swatch in layout.fills:
        painter.setBrush(QColor(swatch.fill))
        painter.drawRect(rect)
    # Axis lines after the fills, so that the segments' white edges do not break them.
    painter.setPen(QPen(QColor(palette.RULE), 1))
    for start, end in layout.lines:
        painter.drawLine(start, end)
    regular, bold = QFont(font), QFont(font)
    bold.setBold(True)
    for item in layout.texts:
        painter.setFont(bold if item.bold else regular)
        painter.setPen(QColor(item.colour))
        painter.drawText(item.rect, int(item.align), item.text)
