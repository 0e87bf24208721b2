"""The shared board-paper layout, checked through the facts of the PDFs it builds."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path

import pytest
from PIL import Image

from partnerboard.domain.marking import classify
from partnerboard.reports.blocks import data_table, facts_table, rag_badge, signature_block
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.sample import sample_report
from partnerboard.reports.text import para

HOSTILE = [
    "<b>bold",
    '<img src="/etc/passwd"/>',
    '<a href="x">click</a>',
    "</para> & &amp; &nbsp; <font size=90>big",
    "bell\x07 and null\x00 gone",
]


def info(**changes: object) -> ReportInfo:
    values: dict[str, object] = {
        "title": "Minutes",
        "partnership": "Tamshire SSP",
        "classification": classify(author="Tamshire SSP"),
        "generated_on": date(2026, 11, 22),
    }
    values.update(changes)
    return ReportInfo(**values)  # type: ignore[arg-type]


def png_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 60), (29, 112, 184)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_sample_report_facts(read_pdf) -> None:
    pdf = read_pdf(sample_report(draft=True, logo=png_logo()))
    assert pdf.pages == 3
    for number in (1, 2, 3):
        page_text = pdf.page_texts[number - 1]
        assert f"Page {number} of 3" in page_text
        assert "Generated 22/11/2026" in page_text
        # Top and foot of every page, and the notice of what it holds on the first.
        assert page_text.count("OFFICIAL-SENSITIVE") == (3 if number == 1 else 2)
        assert "Tamshire Strategic Safeguarding Partnership" in page_text
        assert "DRAFT" in pdf.pypdf_texts[number - 1]
        box = pdf.reader.pages[number - 1].mediabox
        assert (float(box.width), float(box.height)) == pytest.approx((595.27, 841.89), abs=0.01)
        # The logo is an image on every page.
        assert "/XObject" in pdf.reader.pages[number - 1]["/Resources"]
    assert "Early help and thresholds" in pdf.text
    assert "Requires" in pdf.text


def test_every_font_is_embedded_and_none_is_helvetica(read_pdf) -> None:
    pdf = read_pdf(sample_report())
    fonts = pdf.fonts()
    assert fonts, "no fonts found at all"
    assert all(embedded for _, embedded in fonts), fonts
    assert not any("Helvetica" in name or "Times" in name for name, _ in fonts), fonts
    assert {name.split("+")[-1] for name, _ in fonts} >= {"DejaVuSans", "DejaVuSans-Bold"}


def test_metadata_language_and_bookmarks(read_pdf) -> None:
    pdf = read_pdf(sample_report())
    meta = pdf.reader.metadata
    assert meta.title == "Improvement plan progress report, quarter 2"
    assert meta.author == "Business support team"
    assert meta.subject == "Progress of the board's improvement plan"
    root = pdf.reader.trailer["/Root"]
    assert root["/Lang"] == "en-GB"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"]
    outline = pdf.reader.outline
    titles = [entry.title for entry in outline if not isinstance(entry, list)]
    assert titles[:2] == ["1. Summary", "2. Actions rated Red or Amber"]
    nested = next(entry for entry in outline if isinstance(entry, list))
    assert [entry.title for entry in nested][0] == "1.1 Progress by workstream"


def test_draft_mark_only_when_asked(read_pdf) -> None:
    pdf = read_pdf(sample_report(draft=False, restricted=0))
    assert pdf.pages == 3
    assert not any("DRAFT" in text for text in pdf.pypdf_texts + pdf.page_texts)
    assert "OFFICIAL-SENSITIVE" not in pdf.text
    assert pdf.page_texts[0].count("OFFICIAL") == 2  # nothing restricted: OFFICIAL


def test_hostile_text_is_printed_literally(read_pdf) -> None:
    pdf = read_pdf(sample_report(partner_notes=HOSTILE))
    flat = " ".join(pdf.text.split())
    for literal in ["<b>bold", '<img src="/etc/passwd"/>', '<a href="x">click</a>']:
        assert literal in flat
    assert "</para> & &amp; &nbsp; <font size=90>big" in flat
    assert "bell and null gone" in flat
    for page in pdf.reader.pages:
        assert "/Annots" not in page  # no link was made


def test_hostile_text_in_page_furniture_and_tables(read_pdf) -> None:
    nasty = '<b>x</b> <img src="/etc/passwd"/>'
    story = [
        heading(nasty),
        facts_table([(nasty, nasty)]),
        data_table([nasty, "B"], [[nasty, rag_badge(nasty)], ["line 1\nline 2", None]]),
        signature_block(nasty, nasty),
    ]
    report = info(
        title=nasty,
        partnership=nasty,
        classification=classify([(nasty, 1)], author=nasty),
        subject=nasty,
    )
    pdf = read_pdf(build_pdf(report, story))
    assert pdf.text.count("<b>x</b>") >= 6
    assert pdf.reader.metadata.title == nasty
    assert pdf.reader.outline[0].title == nasty


def test_long_table_repeats_its_header_and_splits_a_huge_cell(read_pdf) -> None:
    rows = [[f"A{n}", "Some words " * 8, date(2027, 3, 31)] for n in range(120)]
    rows.insert(5, ["HUGE", "A narrative with no end. " * 700, None])
    story = [heading("Action log"), data_table(["Ref", "Action", "Due"], rows, widths=(1, 6, 2))]
    pdf = read_pdf(build_pdf(info(), story))
    assert pdf.pages > 4
    header = re.compile(r"^\s*Ref\s+Action\s+Due\s*$", re.MULTILINE)
    for text in pdf.page_texts:
        # Exactly once: the header repeats on each page, never twice on one page.
        assert len(header.findall(text)) == 1, text
    assert "Page 1 of" in pdf.page_texts[0]
    assert f"Page {pdf.pages} of {pdf.pages}" in pdf.page_texts[-1]
    assert "31/03/2027" in pdf.text


def test_landscape_and_empty_table(read_pdf) -> None:
    pdf = read_pdf(build_pdf(info(landscape=True), [data_table(["A"], [])]))
    box = pdf.reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx((841.89, 595.27), abs=0.01)
    assert "None recorded." in pdf.text
    assert "Page 1 of 1" in pdf.text


def test_bad_logo_is_left_out(read_pdf) -> None:
    pdf = read_pdf(build_pdf(info(logo=b"not an image"), [para("Body")]))
    assert "Body" in pdf.text
    assert "/XObject" not in pdf.reader.pages[0]["/Resources"]


def test_heading_levels_may_skip_and_headings_may_be_blank(read_pdf) -> None:
    story = [heading("Deep", 3), heading("Top", 1), heading("Deeper", 3), heading(None)]
    pdf = read_pdf(build_pdf(info(), story))
    assert "Deeper" in pdf.text


def test_target_file_is_written_whole(tmp_path: Path) -> None:
    target = tmp_path / "paper.pdf"
    data = sample_report(target)
    assert target.read_bytes() == data
    assert [p.name for p in tmp_path.iterdir()] == ["paper.pdf"]


def test_progress_and_cancel(tmp_path: Path) -> None:
    seen: list[int] = []
    build_pdf(info(), [para("x")], on_page=seen.append)
    assert seen == [1]

    class Cancelled(Exception):
        pass

    def cancel(page: int) -> None:
        raise Cancelled

    target = tmp_path / "cancelled.pdf"
    with pytest.raises(Cancelled):
        build_pdf(info(), [para("x")], target, on_page=cancel)
    assert list(tmp_path.iterdir()) == []


def test_cell_values_are_shown_the_uk_way(read_pdf) -> None:
    story = [data_table(["When", "Done", "Count"], [[date(2026, 11, 22), True, 3]])]
    text = read_pdf(build_pdf(info(), story)).text
    assert "22/11/2026" in text and "Yes" in text
    with pytest.raises(ValueError):
        data_table(["A", "B"], [["only one"]])
    with pytest.raises(ValueError):
        data_table(["A", "B"], [["a", "b"]], widths=(1,))
