"""Charts for board papers, drawn with reportlab.graphics from a `Breakdown`.

    story += figure(stacked_bar_chart(rag_by_workstream, info.content_width),
                    rag_by_workstream.describe("RAG by workstream"))

The charts count things directly on the bars (no axis to read off), use the app palette, and
draw every label in the embedded DejaVu fonts. Printed charts cannot be tagged for screen
readers, so `figure()` puts the data in words underneath. Red and green print as the same
grey, and amber as the grey of "not rated": so red segments are hatched diagonally and amber
ones horizontally, in the bars and in the legend, and a mono printout still tells them apart.
"""

from __future__ import annotations

from dataclasses import replace

from reportlab.graphics.shapes import Drawing, Group, Line, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.palette import Swatch
from partnerboard.reports import fonts
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import drawn, fit_text, one_line, para, wrap_text

FONT_SIZE = 8
_ROW = 17  # height of one bar row in a horizontal chart
_BAR = 12
_LEGEND_ROW = 13
_SWATCH = 8


# Bars of one horizontal chart at most: a drawing cannot break across pages, and an A4 body
# frame holds about 38 rows with the legend and a caption.
MAX_BAR_ROWS = 30


def stacked_bar_charts(
    data: Breakdown, width: float, rows: int = MAX_BAR_ROWS
) -> list[tuple[Drawing, Breakdown]]:
    """`stacked_bar_chart` cut into drawings of at most `rows` bars (each fits on a page), all
    on one scale; with the part of `data` each one shows (for its caption)."""
    if data.is_empty or len(data.categories) <= rows:
        return [(stacked_bar_chart(data, width), data)]
    parts = []
    for start in range(0, len(data.categories), rows):
        stop = start + rows
        part = replace(
            data,
            categories=data.categories[start:stop],
            counts=data.counts[start:stop],
            category_colours=data.category_colours[start:stop],
        )
        parts.append((stacked_bar_chart(part, width, scale_total=data.max_category_total), part))
    return parts


def stacked_bar_chart(data: Breakdown, width: float, scale_total: int | None = None) -> Drawing:
    """One horizontal bar per category, split by series (e.g. RAG by workstream), with counts.

    Bars share one scale, so a longer bar means more items; each segment shows its count when
    it is wide enough and the total follows the bar. Category names are cut to fit. A chart
    cut into parts passes the largest total of the whole (`scale_total`) so that all parts
    share the scale. Many categories make a drawing taller than a page: see
    `stacked_bar_charts`.
    """
    fonts.register_fonts()
    if data.is_empty:
        return _no_data(width)
    scale_total = max(scale_total or 0, data.max_category_total)
    parts = _series_parts(data)
    legend = _legend(parts if data.alternatives else _with_totals(parts), width)
    rows = len(data.categories)
    height = legend.height + rows * _ROW + 4
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    legend.draw_into(drawing, top=height)
    longest = max(stringWidth(one_line(c), fonts.BODY, FONT_SIZE) for c in data.categories)
    label_width = min(width * 0.35, longest + 6)
    total_width = stringWidth(str(scale_total), fonts.BOLD, FONT_SIZE) + 6
    left = label_width + 4
    scale = (width - left - total_width) / scale_total
    drawing.add(Line(left, 0, left, rows * _ROW + 2, strokeColor=_hex(palette.RULE)))
    for index, category in enumerate(data.categories):
        y = (rows - 1 - index) * _ROW + 2
        text_y = y + (_ROW - FONT_SIZE) / 2 + 1
        name = fit_text(one_line(category), fonts.BODY, FONT_SIZE, label_width - 2)
        drawing.add(_text(0, text_y, name))
        x = left
        bar_y = y + (_ROW - _BAR) / 2
        for series, count in enumerate(data.counts[index]):
            if not count:
                continue
            swatch = data.swatch(index, series)
            drawing.add(_segment(x, bar_y, count * scale, _BAR, swatch))
            _count_label(drawing, x, bar_y, count * scale, _BAR, count, swatch)
            x += count * scale
        total = str(data.category_total(index))
        drawing.add(_text(x + 3, text_y, total, font=fonts.BOLD))
    return drawing


def bar_chart(data: Breakdown, width: float, height: float = 150) -> Drawing:
    """Vertical bars, one per category, stacked by series (e.g. the grade distribution).

    A one-series `Breakdown.distribution` colours each bar by its own name (Good, Inadequate).
    Counts stand above the bars and category names, wrapped on two lines, below them.
    """
    fonts.register_fonts()
    if data.is_empty:
        return _no_data(width)
    multi = len(data.series) > 1
    legend = _legend(_with_totals(_series_parts(data)), width) if multi else _Legend([], 0)
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    legend.draw_into(drawing, top=height)
    labels_height = 2 * (FONT_SIZE + 2) + 4
    plot_bottom = labels_height
    plot_top = height - legend.height - FONT_SIZE - 6
    if plot_top - plot_bottom < 20:
        raise ValueError("the chart is too low for its legend; give it more height")
    slot = width / len(data.categories)
    bar_width = min(slot * 0.6, 56)
    scale = (plot_top - plot_bottom) / data.max_category_total
    rule = _hex(palette.RULE)
    drawing.add(Line(0, plot_bottom, width, plot_bottom, strokeColor=rule))
    for index, category in enumerate(data.categories):
        centre = slot * (index + 0.5)
        x = centre - bar_width / 2
        y = plot_bottom
        for series, count in enumerate(data.counts[index]):
            if not count:
                continue
            swatch = data.swatch(index, series)
            drawing.add(_segment(x, y, bar_width, count * scale, swatch))
            if len(data.series) > 1:
                _count_label(drawing, x, y, bar_width, count * scale, count, swatch)
            y += count * scale
        total = str(data.category_total(index))
        drawing.add(_text(centre, y + 3, total, font=fonts.BOLD, anchor="middle"))
        lines = wrap_text(category, fonts.BODY, FONT_SIZE, slot - 4, max_lines=2)
        for line_number, line in enumerate(lines):
            line_y = plot_bottom - (line_number + 1) * (FONT_SIZE + 2) - 1
            drawing.add(_text(centre, line_y, line, anchor="middle"))
    return drawing


def proportion_bar(data: Breakdown, width: float) -> Drawing:
    """One bar split into shares of the whole (e.g. all actions by RAG), with counts and %.

    Uses the series totals, or the categories of a one-series distribution.
    """
    fonts.register_fonts()
    if data.is_empty:
        return _no_data(width)
    parts = _series_parts(data)
    total = sum(count for _, count, _ in parts)
    described = [
        (f"{name} {count} ({round(100 * count / total)}%)", count, swatch)
        for name, count, swatch in parts
    ]
    legend = _legend(described, width)
    bar_height = 18
    height = legend.height + bar_height + 4
    drawing = Drawing(width, height, initialFontName=fonts.BODY)
    legend.draw_into(drawing, top=height)
    x = 0.0
    for _, count, swatch in parts:
        if not count:
            continue
        share = width * count / total
        drawing.add(_segment(x, 2, share, bar_height, swatch))
        _count_label(drawing, x, 2, share, bar_height, count, swatch)
        x += share
    return drawing


def figure(drawing: Drawing, caption: str = "") -> Flowable:
    """A chart kept together with its caption (e.g. `breakdown.describe(title)`), escaped."""
    parts: list[Flowable] = [drawing]
    if caption:
        parts.append(para(caption, report_styles().caption))
    return KeepTogether(parts)


class _Legend:
    """Legend entries laid out left to right, wrapping onto further rows as needed."""

    def __init__(self, placed: list[tuple[float, int, str, Swatch]], rows: int) -> None:
        self.placed = placed
        self.height = rows * _LEGEND_ROW + (6 if rows else 0)

    def draw_into(self, drawing: Drawing, top: float) -> None:
        for x, row, label, swatch in self.placed:
            y = top - (row + 1) * _LEGEND_ROW + 3
            drawing.add(_segment(x, y, _SWATCH, _SWATCH, swatch))
            drawing.add(_text(x + _SWATCH + 3, y + 0.5, label))


def _legend(parts: list[tuple[str, int, Swatch]], width: float) -> _Legend:
    placed: list[tuple[float, int, str, Swatch]] = []
    x, row = 0.0, 0
    for name, _count, swatch in parts:
        label = fit_text(one_line(name), fonts.BODY, FONT_SIZE, width - _SWATCH - 4)
        entry = _SWATCH + 3 + stringWidth(label, fonts.BODY, FONT_SIZE) + 12
        if x and x + entry > width:
            x, row = 0.0, row + 1
        placed.append((x, row, label, swatch))
        x += entry
    return _Legend(placed, row + 1 if placed else 0)


def _series_parts(data: Breakdown) -> list[tuple[str, int, Swatch]]:
    if len(data.series) == 1 and data.category_colours:
        return [
            (name, data.category_total(i), data.swatch(i, 0))
            for i, name in enumerate(data.categories)
        ]
    return [(name, data.series_total(i), data.colours[i]) for i, name in enumerate(data.series)]


def _with_totals(parts: list[tuple[str, int, Swatch]]) -> list[tuple[str, int, Swatch]]:
    return [(f"{name} ({count})", count, swatch) for name, count, swatch in parts]


# Hatching by fill colour, so that colours that print as the same grey differ in texture.
_HATCH = {
    palette.RED.fill: "diagonal",
    palette.AMBER.fill: "horizontal",
}
_HATCH_GAP = 3.5


def _segment(x: float, y: float, width: float, height: float, swatch: Swatch) -> Group:
    # A white edge keeps neighbouring segments apart even when their colours are close.
    group = Group(
        Rect(
            x,
            y,
            width,
            height,
            fillColor=_hex(swatch.fill),
            strokeColor=colors.white,
            strokeWidth=0.5,
        )
    )
    kind = _HATCH.get(swatch.fill.upper())
    if kind is None or width < 1 or height < 1:
        return group
    ink = colors.linearlyInterpolatedColor(_hex(swatch.fill), colors.white, 0, 1, 0.55)
    if kind == "horizontal":
        level = y + _HATCH_GAP / 2
        while level < y + height:
            group.add(
                Line(x + 0.5, level, x + width - 0.5, level, strokeColor=ink, strokeWidth=0.7)
            )
            level += _HATCH_GAP
        return group
    offset = -height
    while offset < width:
        start, stop = max(0.0, -offset), min(height, width - offset)
        if stop > start:
            group.add(
                Line(
                    x + offset + start,
                    y + start,
                    x + offset + stop,
                    y + stop,
                    strokeColor=ink,
                    strokeWidth=0.7,
                )
            )
        offset += _HATCH_GAP * 1.4
    return group


def _count_label(
    drawing: Drawing, x: float, y: float, width: float, height: float, count: int, swatch: Swatch
) -> None:
    text = str(count)
    if stringWidth(text, fonts.BODY, FONT_SIZE) + 4 > width or height < FONT_SIZE + 2:
        return
    baseline = y + (height - FONT_SIZE) / 2 + 1.5
    if swatch.fill.upper() in _HATCH:  # a plain patch under the count keeps it legible
        size = stringWidth(text, fonts.BODY, FONT_SIZE) + 3
        drawing.add(
            Rect(
                x + (width - size) / 2,
                baseline - 2,
                size,
                FONT_SIZE + 1.5,
                fillColor=_hex(swatch.fill),
                strokeColor=None,
            )
        )
    drawing.add(_text(x + width / 2, baseline, text, colour=swatch.text, anchor="middle"))


def _text(
    x: float,
    y: float,
    text: str,
    *,
    font: str = fonts.BODY,
    colour: str = palette.TEXT,
    anchor: str = "start",
) -> String:
    return String(
        x,
        y,
        drawn(text),
        fontName=font,
        fontSize=FONT_SIZE,
        fillColor=_hex(colour),
        textAnchor=anchor,
    )


def _no_data(width: float) -> Drawing:
    drawing = Drawing(width, 24, initialFontName=fonts.BODY)
    drawing.add(_text(0, 8, "No data yet", colour=palette.MUTED_TEXT))
    return drawing


def _hex(colour: str) -> colors.Color:
    return colors.HexColor(colour)
