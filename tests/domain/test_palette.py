"""The shared palette: readable text on every fill, lookups by what users call things."""

import pytest

from partnerboard.domain import palette
from partnerboard.domain.palette import Swatch

NAMED = [
    palette.RED,
    palette.AMBER,
    palette.GREEN,
    palette.GREY,
    palette.OUTSTANDING,
    palette.GOOD,
    palette.REQUIRES_IMPROVEMENT,
    palette.INADEQUATE,
    *palette.SERIES,
]


@pytest.mark.parametrize("swatch", NAMED, ids=lambda s: s.fill)
def test_text_on_every_swatch_meets_wcag_aa(swatch: Swatch) -> None:
    assert palette.contrast_ratio(swatch.fill, swatch.text) >= 4.5


def test_table_header_and_stripes_are_readable() -> None:
    assert palette.contrast_ratio(palette.HEADER_FILL, palette.WHITE) >= 4.5
    assert palette.contrast_ratio(palette.STRIPE_FILL, palette.TEXT) >= 4.5
    assert palette.contrast_ratio(palette.MUTED_TEXT, palette.BACKGROUND) >= 4.5


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Red", palette.RED),
        ("AMBER", palette.AMBER),
        (" green ", palette.GREEN),
        ("requires_improvement", palette.REQUIRES_IMPROVEMENT),
        ("Requires  improvement", palette.REQUIRES_IMPROVEMENT),
        ("Not met", palette.RED),
        ("partially-met", palette.AMBER),
        ("Fully met", palette.GREEN),
        ("Not applicable", palette.GREY),
        ("outstanding", palette.OUTSTANDING),
        (None, palette.GREY),
    ],
)
def test_named_swatch_accepts_labels_and_stored_values(name: object, expected: Swatch) -> None:
    assert palette.named_swatch(name) == expected


def test_unknown_names_fall_back_to_neutral_series_colours() -> None:
    assert palette.named_swatch("Police") is None
    assert palette.series_swatch("Police", 0) == palette.SERIES[0]
    assert palette.series_swatch("Health", len(palette.SERIES) + 1) == palette.SERIES[1]
    assert palette.series_swatch("Amber", 5) == palette.AMBER


def test_heat_swatch_spans_the_scale_and_clamps() -> None:
    assert palette.heat_swatch(0, 0, 10).fill == palette.HEAT_SCALE[0].upper()
    assert palette.heat_swatch(10, 0, 10).fill == palette.HEAT_SCALE[-1].upper()
    assert palette.heat_swatch(-5, 0, 10) == palette.heat_swatch(0, 0, 10)
    assert palette.heat_swatch(99, 0, 10) == palette.heat_swatch(10, 0, 10)
    assert palette.heat_swatch(None, 0, 10) == palette.GREY
    # A degenerate range (every cell the same) must not divide by zero.
    assert palette.heat_swatch(3, 3, 3).fill == palette.HEAT_SCALE[0].upper()
    with pytest.raises(ValueError):
        palette.heat_swatch(1, 0, 2, scale=("#FFFFFF",))


@pytest.mark.parametrize("scale", [palette.HEAT_SCALE, palette.RAG_SCALE])
def test_heat_text_is_readable_at_every_step(scale: tuple[str, ...]) -> None:
    for value in range(101):
        swatch = palette.heat_swatch(value, 0, 100, scale)
        assert palette.contrast_ratio(swatch.fill, swatch.text) >= 4.5, (value, swatch)


def test_hex_conversions() -> None:
    assert palette.hex_to_rgb("#1D70B8") == (29, 112, 184)
    assert palette.rgb_to_hex(29, 112, 184) == "#1D70B8"
    assert palette.rgb_to_hex(-3, 300, 12.6) == "#00FF0D"
    with pytest.raises(ValueError):
        palette.hex_to_rgb("#FFF")
    assert palette.contrast_ratio("#FFFFFF", "#000000") == pytest.approx(21)
