"""Breakdown: the counts behind every chart, and what it says in words."""

import pytest

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown

RAG = Breakdown(
    ["Neglect", "Exploitation"],
    ["Red", "Amber", "Green"],
    [[1, 2, 0], [0, 0, 0]],
)


def test_lists_become_tuples_and_colours_follow_series_names() -> None:
    assert RAG.categories == ("Neglect", "Exploitation")
    assert RAG.counts == ((1, 2, 0), (0, 0, 0))
    assert RAG.colours == (palette.RED, palette.AMBER, palette.GREEN)
    assert hash(RAG)  # frozen and hashable, safe to hand across threads


def test_totals() -> None:
    assert RAG.total == 3
    assert RAG.category_total(0) == 3
    assert RAG.series_total(1) == 2
    assert RAG.max_category_total == 3
    assert not RAG.is_empty
    assert Breakdown.empty().is_empty
    assert Breakdown(["A"], ["Red"], [[0]]).is_empty


@pytest.mark.parametrize(
    ("categories", "series", "counts", "colours"),
    [
        (["A", "B"], ["S"], [[1]], ()),
        (["A"], ["S", "T"], [[1]], ()),
        (["A"], ["S"], [[-1]], ()),
        (["A"], ["S"], [[1]], (palette.RED, palette.AMBER)),
    ],
)
def test_inconsistent_shapes_are_refused(categories, series, counts, colours) -> None:
    with pytest.raises(ValueError):
        Breakdown(categories, series, counts, colours)


def test_distribution_colours_each_bar_by_its_name() -> None:
    grades = Breakdown.distribution(["Outstanding", "Good", "Police"], [1, 2, 3], series="Cases")
    assert grades.series == ("Cases",)
    assert grades.counts == ((1,), (2,), (3,))
    assert grades.swatch(0, 0) == palette.OUTSTANDING
    assert grades.swatch(1, 0) == palette.GOOD
    assert grades.swatch(2, 0) in palette.SERIES


def test_describe_in_words() -> None:
    assert RAG.describe("RAG by workstream") == (
        "RAG by workstream. 3 in total. Neglect: Red 1, Amber 2 (3). Exploitation: none."
    )
    grades = Breakdown.distribution(["Good", "Inadequate"], [4, 1])
    assert grades.describe() == "5 in total: Good 4, Inadequate 1."
    assert Breakdown.empty().describe("Grades") == "Grades. No data yet."
