"""Charts of published documents as SVG: one drawing for the web page and the tagged PDF.

A horizontal stacked bar per category, the count written in each segment wide enough to hold
it and the total after the bar, so that the figures can be read without a colour. Each series
also has its own texture (plain, diagonal lines, dots), so that a greyscale print still tells
Agreed from Declined. The text alternative (`model.Chart.alt`) states every figure in words;
the drawing itself is decoration for those who can see it.

Every label is escaped for XML: category names can be typed by people.
"""

from __future__ import annotations

from html import escape

from partnerboard.domain.breakdown import Breakdown

WIDTH = 480  # user units; the drawing is scaled to the text column (about 174 mm)
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"
FONT_SIZE = 8
ROW = 16
BAR = 12
LEGEND_ROW = 14
SWATCH = 9
CHAR = 0.56 * FONT_SIZE  # a generous average advance of DejaVu Sans at this size
# Textures drawn over a series' colour: none, diagonal lines, dots.
_TEXTURES = (
    "",
    '<pattern id="t1" width="5" height="5" patternUnits="userSpaceOnUse" '
    'patternTransform="rotate(45)"><rect width="1.6" height="5" fill="#FFFFFF" '
    'fill-opacity="0.55"/></pattern>',
    '<pattern id="t2" width="5" height="5" patternUnits="userSpaceOnUse">'
    '<circle cx="2.5" cy="2.5" r="1.1" fill="#FFFFFF" fill-opacity="0.7"/></pattern>',
)


def _width(text: str) -> float:
    return len(text) * CHAR


def _fit(text: str, room: float) -> str:
    if _width(text) <= room:
        return text
    keep = max(1, int(room / CHAR) - 1)
    return text[:keep].rstrip() + "…"


def _text(x: float, y: float, words: str, *, anchor: str = "start", fill: str = "#0B0C0C",
          bold: bool = False) -> str:  # fmt: skip
    weight = ' font-weight="bold"' if bold else ""
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{fill}"{weight}>'
        f"{escape(words)}</text>"
    )


def _box(x: float, y: float, w: float, h: float, fill: str, texture: int) -> str:
    shape = f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" fill="{fill}"/>'
    if texture % len(_TEXTURES):
        shape += (
            f'<rect x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" height="{h:.1f}" '
            f'fill="url(#t{texture % len(_TEXTURES)})"/>'
        )
    return shape


def stacked_bar_svg(data: Breakdown) -> str:
    """The chart as a standalone SVG document (no scripts, no external references)."""
    if data.is_empty:
        height = 24
        body = _text(0, 15, "No data yet.", fill="#505A5F")
        return _document(height, body)
    parts: list[str] = []
    # Legend: one swatch per series, with the series total, wrapped over as many rows as needed.
    x, y = 0.0, 0.0
    for index, name in enumerate(data.series):
        label = f"{name} ({data.series_total(index)})"
        step = SWATCH + 4 + _width(label) + 14
        if x and x + step > WIDTH:
            x, y = 0.0, y + LEGEND_ROW
        parts.append(_box(x, y + 1, SWATCH, SWATCH, data.colours[index].fill, index))
        parts.append(_text(x + SWATCH + 4, y + SWATCH, label))
        x += step
    top = y + LEGEND_ROW + 6
    longest = max(_width(c) for c in data.categories)
    label_room = min(WIDTH * 0.38, longest + 6)
    scale_total = max(1, data.max_category_total)
    total_room = _width(str(scale_total)) + 8
    bar_room = WIDTH - label_room - total_room
    for row, category in enumerate(data.categories):
        base = top + row * ROW
        parts.append(_text(0, base + BAR - 3, _fit(category, label_room - 6)))
        left = label_room
        for index, count in enumerate(data.counts[row]):
            if not count:
                continue
            swatch = data.swatch(row, index)
            width = bar_room * count / scale_total
            parts.append(_box(left, base, width, BAR, swatch.fill, index))
            if width >= _width(str(count)) + 4:
                # A plain plate under the number, so that a texture never crosses it.
                plate = _width(str(count)) + 4
                parts.append(
                    f'<rect x="{left + (width - plate) / 2:.1f}" y="{base + 1:.1f}" '
                    f'width="{plate:.1f}" height="{BAR - 2}" fill="{swatch.fill}"/>'
                )
                parts.append(
                    _text(
                        left + width / 2,
                        base + BAR - 3,
                        str(count),
                        anchor="middle",
                        fill=swatch.text,
                        bold=True,
                    )  # fmt: skip
                )
            left += width
        parts.append(_text(left + 3, base + BAR - 3, str(data.category_total(row)), bold=True))
    height = top + len(data.categories) * ROW + 2
    return _document(height, "".join(parts))


def _document(height: float, body: str) -> str:
    defs = "".join(_TEXTURES)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-family="{FONT}" font-size="{FONT_SIZE}">'
        f"<defs>{defs}</defs>{body}</svg>"
    )
