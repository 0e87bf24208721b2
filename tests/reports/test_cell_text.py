"""Plain table cells are laid out as a Paragraph lays them out: the same lines at every width,
including lines that fit only by narrowing their spaces, forced line breaks and right-to-left
names; a Paragraph stands in for what the fast path does not do."""

from __future__ import annotations

import random

import pytest
from pypdf import PdfReader

from partnerboard.domain.marking import classify
from partnerboard.reports.blocks import data_table
from partnerboard.reports.cell_text import CellText, break_lines
from partnerboard.reports.layout import ReportInfo, build_pdf
from partnerboard.reports.scripts import for_display
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import clean_text, para
from tests.clock import TODAY

WORDS = [
    "safeguarding",
    "partnership",
    "neglect",
    "exploitation",
    "a",
    "an",
    "of",
    "to",
    "multi-agency",
    "audit",
    "thresholds",
    "Wrexham-Smith",
    "(27/10/2025)",
    "contextual",
    "i",
    "WWWWW",
    "ll",
    "escalation",
    "12,000",
    "Overdue.",
]


def paragraph_lines(value: object, width: float) -> list[str]:
    style = report_styles().cell
    paragraph = para(value, style)
    paragraph.wrap(width, 100_000)
    layout = paragraph.blPara
    if layout.kind == 0:
        return [" ".join(words) for _extra, words in layout.lines]
    return [" ".join(" ".join(f.text for f in line.words).split()) for line in layout.lines]


def texts() -> list[str]:
    rng = random.Random(20)
    made = []
    for _ in range(300):
        parts = [" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 30)))]
        if rng.random() < 0.3:
            parts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randrange(1, 6))))
        made.append("\n".join(parts))
    return made


@pytest.mark.parametrize("width", [60.0, 97.3, 150.0, 211.5])
def test_lines_break_where_a_paragraph_breaks_them(width):
    style = report_styles().cell
    compared = 0
    for text in texts():
        shown = for_display(clean_text(text))
        mine = break_lines(shown, style.fontName, style.fontSize, width)
        if mine is None:  # a word wider than the column: the Paragraph's own splitting
            continue
        assert [" ".join(words) for _left, words in mine] == paragraph_lines(text, width), text
        compared += 1
    assert compared > 100


def test_a_line_that_fits_only_by_narrowing_its_spaces_is_kept_as_a_paragraph_keeps_it():
    style = report_styles().cell
    text = "partnership neglect exploitation audit thresholds"
    full = break_lines(text, style.fontName, style.fontSize, 1000)
    exact = 1000 - full[0][0]  # the line's own width
    squeezed = break_lines(text, style.fontName, style.fontSize, exact - 0.5)
    assert len(squeezed) == 1 and squeezed[0][0] < 0  # over by less than the shrinkage
    assert paragraph_lines(text, exact - 0.5) == [text]
    assert len(break_lines(text, style.fontName, style.fontSize, exact - 20)) == 2


def test_what_the_fast_path_does_not_do_is_left_to_a_paragraph():
    style = report_styles().cell
    font, size = style.fontName, style.fontSize
    assert break_lines("Supercalifragilisticexpialidocious words", font, size, 40) is None
    assert break_lines("no\xa0break space", font, size, 200) is None
    assert break_lines("one\n\nblank line between", font, size, 200) is None


def test_cells_drawn_as_lines_read_back_from_the_pdf(tmp_path):
    narrative = "(27/10/2025) Thresholds reviewed with the multi-agency partners " * 3
    table = data_table(
        ("Ref", "Action", "Latest progress"),
        [("1.1", "Restricted: review the neglect strategy with every partner agency", narrative)],
        widths=(1, 3, 4),
    )
    cell = table._cellvalues[1][2]
    assert isinstance(cell, CellText)
    info = ReportInfo(
        title="Cells", partnership="Tamshire SSP",
        classification=classify([], author="Tamshire SSP"), generated_on=TODAY,
    )  # fmt: skip
    target = tmp_path / "cells.pdf"
    build_pdf(info, [table], target)
    text = " ".join(PdfReader(target).pages[0].extract_text().split())
    assert "Restricted: review the neglect strategy with every partner agency" in text
    assert " ".join(narrative.split()) in text
