"""The colours of partnerboard, defined once for the PDF reports and the Qt screens.

Plain hex strings, no Qt and no reportlab, so that a RAG red in a printed board paper is the
same red as on the dashboard. Every fill comes as a `Swatch` with the text colour to write on
it: each pair reaches at least 4.5:1 contrast (WCAG 2.2 AA for normal text), which
`tests/domain/test_palette.py` checks.

Fills are looked up by the words users see ("Amber", "Requires improvement", "Not met") or
the values stored for them ("amber", "requires_improvement"), in any case.
"""

from __future__ import annotations

from dataclasses import dataclass

# Text and lines on white paper or a white window.
TEXT = "#0B0C0C"
MUTED_TEXT = "#505A5F"
RULE = "#B1B4B6"
BACKGROUND = "#FFFFFF"
# Table headers (white text, 9.7:1) and alternate table rows (black text, 17:1).
HEADER_FILL = "#24466B"
STRIPE_FILL = "#F3F2F1"
# Keyboard focus: yellow with a black inner line, as GOV.UK does, visible on every fill here.
FOCUS = "#FFDD00"
WHITE = "#FFFFFF"
BLACK = "#000000"


@dataclass(frozen=True)
class Swatch:
    """A fill colour and the text colour that reads on it (both '#RRGGBB')."""

    fill: str
    text: str


# RAG as the action log defines it: Red = limited or no progress, Amber = partially complete
# and on track, Green = complete; grey = not rated / not applicable.
RED = Swatch("#C62828", WHITE)  # white text 5.6:1
AMBER = Swatch("#F5A623", TEXT)  # black text 9.7:1 (white would be 2.0:1)
GREEN = Swatch("#00703C", WHITE)  # white text 6.2:1
GREY = Swatch("#B1B4B6", TEXT)  # black text 9.4:1

# Multi-agency audit grades (Ofsted-style scale).
OUTSTANDING = Swatch("#005A30", WHITE)  # white text 8.4:1
GOOD = Swatch("#6BBF59", TEXT)  # black text 8.6:1
REQUIRES_IMPROVEMENT = AMBER
INADEQUATE = RED

# Series with no meaning of their own (agencies, sectors, years), in order of use.
SERIES: tuple[Swatch, ...] = (
    Swatch("#1D70B8", WHITE),  # blue, 5.2:1
    Swatch("#4C2C92", WHITE),  # purple, 10.1:1
    Swatch("#28A197", TEXT),  # turquoise, 6.2:1
    Swatch("#F499BE", TEXT),  # pink, 9.5:1
    Swatch("#B58840", TEXT),  # brown, 6.1:1
    Swatch("#505A5F", WHITE),  # dark grey, 7.1:1
)

# Sequential scale for heatmaps (light to dark blue) and a diverging one for coverage.
HEAT_SCALE: tuple[str, ...] = ("#F3F8FC", "#9CC3E6", "#1D70B8", "#08306B")
RAG_SCALE: tuple[str, ...] = (RED.fill, AMBER.fill, GREEN.fill)

_NAMED: dict[str, Swatch] = {
    "red": RED,
    "amber": AMBER,
    "green": GREEN,
    "grey": GREY,
    "gray": GREY,
    "none": GREY,
    "na": GREY,
    "n/a": GREY,
    "not applicable": GREY,
    "not rated": GREY,
    "not known": GREY,
    "other": GREY,
    "blue": SERIES[0],
    # Section 11 rating scales.
    "fully met": GREEN,
    "mostly met": GOOD,
    "partially met": AMBER,
    "not met": RED,
    # Audit grades.
    "outstanding": OUTSTANDING,
    "good": GOOD,
    "requires improvement": REQUIRES_IMPROVEMENT,
    "ri": REQUIRES_IMPROVEMENT,
    "inadequate": INADEQUATE,
}


def _key(name: object) -> str:
    return " ".join(str(name).replace("_", " ").replace("-", " ").split()).casefold()


def named_swatch(name: object) -> Swatch | None:
    """The swatch for a RAG, rating or grade name or value ('Amber', 'not_met'), else None.

    None itself (nothing recorded yet) is grey, like 'Not applicable'.
    """
    if name is None:
        return GREY
    return _NAMED.get(_key(name))


def series_swatch(name: object, index: int) -> Swatch:
    """The swatch for the `index`-th series of a chart: its named colour, else a neutral one."""
    return named_swatch(name) or SERIES[index % len(SERIES)]


def swatch_for_fill(fill: str) -> Swatch:
    """A swatch for any fill, with black or white text, whichever contrasts more.

    Pure black rather than `TEXT` here: with it the worse of the two choices still reaches
    4.58:1 on any fill, while the slightly lighter `TEXT` drops to 4.4:1 on mid-tones.
    """
    on_white = contrast_ratio(fill, WHITE)
    on_black = contrast_ratio(fill, BLACK)
    return Swatch(fill.upper(), WHITE if on_white >= on_black else BLACK)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of '#RRGGBB'."""
    red, green, blue = (channel / 255 for channel in hex_to_rgb(colour))

    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio between two '#RRGGBB' colours (1 to 21)."""
    light, dark = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def hex_to_rgb(colour: str) -> tuple[int, int, int]:
    """'#1D70B8' → (29, 112, 184)."""
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"{colour!r} is not a #RRGGBB colour")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def rgb_to_hex(red: float, green: float, blue: float) -> str:
    """(29, 112, 184) → '#1D70B8' (channels are rounded and clamped to 0–255)."""
    parts = (max(0, min(255, round(channel))) for channel in (red, green, blue))
    return "#" + "".join(f"{part:02X}" for part in parts)


def heat_swatch(
    value: float | None, low: float, high: float, scale: tuple[str, ...] = HEAT_SCALE
) -> Swatch:
    """The swatch of `value` on a colour scale from `low` to `high` (clamped); grey for None.

    Use `HEAT_SCALE` for counts (light = few) and `RAG_SCALE` for shares where more is better
    (e.g. threshold sign-up coverage). The text colour is picked for contrast on each cell.
    """
    if value is None:
        return GREY
    if len(scale) < 2:
        raise ValueError("a colour scale needs at least two colours")
    fraction = 0.0 if high <= low else (value - low) / (high - low)
    fraction = max(0.0, min(1.0, fraction))
    position = fraction * (len(scale) - 1)
    index = min(int(position), len(scale) - 2)
    step = position - index
    start, end = hex_to_rgb(scale[index]), hex_to_rgb(scale[index + 1])
    mixed = (a + (b - a) * step for a, b in zip(start, end, strict=True))
    return swatch_for_fill(rgb_to_hex(*mixed))
