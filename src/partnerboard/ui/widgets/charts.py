"""Small dashboard charts painted with QPainter (no Qt Charts), fed by a `Breakdown`.

    chart = StackedBarChart("RAG by workstream")
    chart.set_data(Breakdown(workstreams, ("Red", "Amber", "Green"), counts))
    chart.segment_clicked.connect(lambda category, series: open_register(category, series))

Both charts: colours from `domain.palette`, 'No data yet' when empty, tooltips with category,
series and count, clickable segments that also work by keyboard (arrow keys, Home/End, Enter
or Space), and an accessible name and description (see `chart_base`).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.palette import Swatch
from partnerboard.ui.widgets.chart_base import BreakdownChart
from partnerboard.ui.widgets.chart_layout import (
    ChartLayout,
    ChartSegment,
    ChartText,
    qcolor,
    swatch_colours,
)

__all__ = [
    "BarChart",
    "BreakdownChart",
    "ChartSegment",
    "StackedBarChart",
    "heat_colours",
    "qcolor",
    "swatch_colours",
]

_MARGIN = 8.0
_CENTRE = Qt.AlignmentFlag.AlignCenter
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def heat_colours(
    value: float | None, low: float, high: float, scale: tuple[str, ...] = palette.HEAT_SCALE
) -> tuple[QColor, QColor]:
    """(fill, text) QColors for a heatmap cell, e.g. in a table delegate's BackgroundRole.

    `value` is placed on `scale` between `low` and `high`; None is grey. Use
    `palette.RAG_SCALE` for shares where more is better (e.g. threshold sign-up coverage).
    """
    return swatch_colours(palette.heat_swatch(value, low, high, scale))


class StackedBarChart(BreakdownChart):
    """One horizontal bar per category (e.g. a workstream), split by series (Red/Amber/Green).

    Bars share one scale; counts sit inside segments wide enough for them and each bar's
    total follows it. Long category names are elided (the full name is a tooltip).
    """

    _BARS_RUN_ACROSS = True

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        line = QFontMetricsF(self.font()).height()
        rows = max(1, len(self.data().categories))
        return QSize(420, int(2 * _MARGIN + 2 * line + rows * line * 1.9))

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(160, 60)

    def _layout(self, area: QRectF) -> ChartLayout:
        data = self.data()
        layout = ChartLayout()
        metrics, bold = _metrics(self.font())
        top = _legend(layout, _series_legend(data), area, metrics)
        rows = len(data.categories)
        line = metrics.height()
        row_height = (area.bottom() - _MARGIN - top) / rows
        row_height = max(line + 6, min(row_height, line * 2.2))
        bar_height = min(row_height - 4, line * 1.5)
        longest = max(metrics.horizontalAdvance(name) for name in data.categories)
        label_width = min(longest + 8, area.width() * 0.35)
        total_width = bold.horizontalAdvance(str(data.max_category_total)) + 10
        left = area.left() + _MARGIN + label_width
        scale = max(0.0, area.right() - _MARGIN - total_width - left) / data.max_category_total
        layout.lines.append((QPointF(left, top), QPointF(left, top + rows * row_height)))
        for index, name in enumerate(data.categories):
            row_top = top + index * row_height
            label_rect = QRectF(area.left() + _MARGIN, row_top, label_width - 6, row_height)
            elided = metrics.elidedText(name, Qt.TextElideMode.ElideRight, label_rect.width())
            layout.texts.append(ChartText(label_rect, elided))
            if elided != name:
                layout.tips.append((label_rect, name))
            x, bar_top = left, row_top + (row_height - bar_height) / 2
            for series, count in enumerate(data.counts[index]):
                if count:
                    rect = QRectF(x, bar_top, count * scale, bar_height)
                    _add_segment(layout, data, index, series, rect, metrics)
                    x += count * scale
            total_rect = QRectF(x + 4, row_top, total_width, row_height)
            layout.texts.append(ChartText(total_rect, str(data.category_total(index)), bold=True))
        return layout


class BarChart(BreakdownChart):
    """Vertical bars, one per category, stacked by series (e.g. grade distribution).

    A one-series `Breakdown.distribution` colours each bar by its name (Good, Inadequate).
    Totals stand above the bars; names sit below on up to two lines, elided when too long.
    """

    _BARS_RUN_ACROSS = False

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(420, 240)

    def minimumSizeHint(self) -> QSize:  # noqa: N802
        return QSize(160, 120)

    def _layout(self, area: QRectF) -> ChartLayout:
        data = self.data()
        layout = ChartLayout()
        metrics, _bold = _metrics(self.font())
        line = metrics.height()
        legend = _series_legend(data) if len(data.series) > 1 else []
        top = _legend(layout, legend, area, metrics) + line + 2  # room for the totals
        baseline = area.bottom() - _MARGIN - 2 * line - 4
        slot = (area.width() - 2 * _MARGIN) / len(data.categories)
        bar_width = min(slot * 0.6, line * 4)
        scale = max(0.0, baseline - top) / data.max_category_total
        layout.lines.append(
            (QPointF(area.left() + _MARGIN, baseline), QPointF(area.right() - _MARGIN, baseline))
        )
        for index, name in enumerate(data.categories):
            centre = area.left() + _MARGIN + slot * (index + 0.5)
            y = baseline
            for series, count in enumerate(data.counts[index]):
                if count:
                    rect = QRectF(
                        centre - bar_width / 2, y - count * scale, bar_width, count * scale
                    )
                    _add_segment(layout, data, index, series, rect, metrics, label=len(legend) > 0)
                    y -= count * scale
            total_rect = QRectF(centre - slot / 2, y - line - 2, slot, line)
            total = str(data.category_total(index))
            layout.texts.append(ChartText(total_rect, total, align=_CENTRE, bold=True))
            label_rect = QRectF(centre - slot / 2 + 2, baseline + 4, slot - 4, 2 * line)
            text = _two_lines(metrics, name, label_rect.width())
            align = Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop
            layout.texts.append(ChartText(label_rect, text, align=align))
            if text.replace("\n", " ") != name:
                layout.tips.append((label_rect, name))
        return layout


def _metrics(font: QFont) -> tuple[QFontMetricsF, QFontMetricsF]:
    bold = QFont(font)
    bold.setBold(True)
    return QFontMetricsF(font), QFontMetricsF(bold)


def _series_legend(data: Breakdown) -> list[tuple[str, Swatch]]:
    return [
        (f"{name} ({data.series_total(i)})", data.colours[i]) for i, name in enumerate(data.series)
    ]


def _legend(
    layout: ChartLayout, entries: list[tuple[str, Swatch]], area: QRectF, metrics: QFontMetricsF
) -> float:
    """Lay out legend entries left to right, wrapping; return the y where the plot starts."""
    top = area.top() + _MARGIN
    if not entries:
        return top
    line = metrics.height()
    box = line * 0.7
    x, y = area.left() + _MARGIN, top
    for label, swatch in entries:
        width = box + 4 + metrics.horizontalAdvance(label)
        if x > area.left() + _MARGIN and x + width > area.right() - _MARGIN:
            x, y = area.left() + _MARGIN, y + line + 4
        layout.fills.append((QRectF(x, y + (line - box) / 2, box, box), swatch))
        text_rect = QRectF(x + box + 4, y, width - box - 4 + 1, line)
        layout.texts.append(ChartText(text_rect, label))
        x += width + 14
    return y + line + 10


def _add_segment(
    layout: ChartLayout,
    data: Breakdown,
    category: int,
    series: int,
    rect: QRectF,
    metrics: QFontMetricsF,
    *,
    label: bool = True,
) -> None:
    swatch = data.swatch(category, series)
    count = data.counts[category][series]
    layout.fills.append((rect, swatch))
    layout.segments.append(
        ChartSegment(data.categories[category], data.series[series], count, rect, category, series)
    )
    text = str(count)
    fits = metrics.horizontalAdvance(text) + 4 <= rect.width() and metrics.height() <= rect.height()
    if label and fits:
        layout.texts.append(ChartText(rect, text, colour=swatch.text, align=_CENTRE))


def _two_lines(metrics: QFontMetricsF, text: str, width: float) -> str:
    """`text` wrapped between words onto at most two lines of `width`, the second elided."""
    words = text.split()
    first = ""
    for index, word in enumerate(words):
        candidate = f"{first} {word}".strip()
        if first and metrics.horizontalAdvance(candidate) > width:
            rest = " ".join(words[index:])
            first = metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
            second = metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)
            return f"{first}\n{second}"
        first = candidate
    return metrics.elidedText(first, Qt.TextElideMode.ElideRight, width)
