"""PDF charts: drawn in the embedded fonts, counts and names on the page, empty data handled."""

from __future__ import annotations

from datetime import date

import pytest

from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.marking import classify
from partnerboard.reports.charts import bar_chart, figure, proportion_bar, stacked_bar_chart
from partnerboard.reports.layout import ReportInfo, build_pdf, heading

RAG = Breakdown(
    ["Early help", "A workstream whose name is far too long to fit beside its bar"],
    ["Red", "Amber", "Green"],
    [[3, 17, 5], [0, 0, 9]],
)
GRADES = Breakdown.distribution(
    ["Outstanding", "Good", "Requires improvement", "Inadequate"], [1, 4, 7, 0]
)
INFO = ReportInfo(
    "Charts", "Tamshire SSP", classify(author="Tamshire SSP"), generated_on=date(2026, 11, 22)
)


def test_charts_print_their_numbers_and_names_in_embedded_fonts(read_pdf) -> None:
    width = INFO.content_width
    story = [
        heading("Charts"),
        figure(stacked_bar_chart(RAG, width), RAG.describe("RAG by workstream")),
        figure(bar_chart(GRADES, width), GRADES.describe("Grades")),
        figure(bar_chart(RAG, width, height=180)),
        figure(proportion_bar(RAG, width), "All actions"),
        figure(proportion_bar(GRADES, width)),
    ]
    pdf = read_pdf(build_pdf(INFO, story))
    flat = " ".join(pdf.text.split())
    for words in ["Early help", "Red (3)", "Amber 17 (50%)", "Green 14 (41%)", "Outstanding"]:
        assert words in flat or words in " ".join(pdf.pypdf_texts), words
    assert "A workstream whose name" in flat  # cut short beside the bar, whole in the caption
    assert "…" in flat
    assert all(embedded for _, embedded in pdf.fonts())
    assert not any("Helvetica" in name or "Times" in name for name, _ in pdf.fonts())


def test_empty_charts_say_so(read_pdf) -> None:
    empty = Breakdown.empty()
    width = INFO.content_width
    story = [stacked_bar_chart(empty, width), bar_chart(empty, width), proportion_bar(empty, width)]
    pdf = read_pdf(build_pdf(INFO, story))
    assert pdf.text.count("No data yet") == 3
    assert all(embedded for _, embedded in pdf.fonts())


def test_drawings_take_the_width_given() -> None:
    assert stacked_bar_chart(RAG, 300).width == 300
    assert bar_chart(GRADES, 250, height=120).height == 120
    with pytest.raises(ValueError):
        bar_chart(RAG, 200, height=30)
