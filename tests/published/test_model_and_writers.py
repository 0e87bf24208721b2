"""The document model's rules, and text a partner typed reaching both writers as text."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from html import unescape
from pathlib import Path

import pytest

from partnerboard.domain import palette
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.marking import classify
from partnerboard.published.charts import stacked_bar_svg
from partnerboard.published.check import check_pdf
from partnerboard.published.files import slug, write_document
from partnerboard.published.model import (
    Badge,
    Chart,
    Contents,
    Link,
    Notice,
    PublishedDocument,
    Strong,
    bullets,
    heading,
    para,
    short,
    table,
)
from partnerboard.services.publication import PublicVersion, public
from tests.clock import TODAY
from tests.conftest import need
from tests.published.structure import made_on, read_structure

HOSTILE = (
    '#import "/etc/passwd": * *bold* _em_ <b>x</b> \\ \\u{41} $x^2$ @ref [c] `raw` '
    '// ] ) } #set page(fill: red) "quoted"'
)
PUBLIC = PublicVersion(
    public("Tamshire SSP"), "This is the public version.", ("Anything restricted.",)
)


def document(*blocks, **changes) -> PublishedDocument:
    fields = {
        "kind": "test",
        "title": "Test document",
        "short_title": "Test",
        "partnership": "Tamshire Safeguarding Partnership",
        "generated_on": TODAY,
        "version": PUBLIC,
        "blocks": (heading(1, "Test document"), *blocks),
    }
    return PublishedDocument(**{**fields, **changes})


def test_a_document_has_one_title_first_and_no_skipped_heading_level():
    with pytest.raises(ValueError, match="starts with its title"):
        document(blocks=(para("text"), heading(1, "Title")))
    with pytest.raises(ValueError, match="exactly one level-1 heading"):
        document(heading(1, "Another title"))
    with pytest.raises(ValueError, match="skips a level"):
        document(heading(3, "Too deep"))
    assert document(heading(2, "Part"), heading(3, "Section"), heading(2, "Next")).heading == (
        "Test document"
    )


def test_a_draft_says_draft_in_its_titles_and_first_heading():
    with pytest.raises(ValueError, match="draft"):
        document(draft=True)
    with pytest.raises(ValueError, match="draft"):
        document(draft=True, title="Draft minutes", short_title="Draft minutes")
    made = document(
        draft=True,
        title="Draft minutes",
        short_title="Draft minutes",
        blocks=(heading(1, "Draft minutes of the board"),),
    )
    assert made.draft


def test_titles_fit_a_browser_tab_and_tables_their_header():
    with pytest.raises(ValueError, match="longer than 70"):
        document(short_title="x" * 71)
    cut = short("Version 3.0: Wrenfield Continuum of Need: threshold guidance for practitioners")
    assert len(cut) <= 70 and cut.endswith("…") and cut.startswith("Version 3.0:")
    with pytest.raises(ValueError, match="has 1 cells for 2 columns"):
        table("Caption", ("A", "B"), [("only one",)])


def test_the_chart_escapes_its_labels_and_draws_every_count():
    data = Breakdown(
        ("<script>alert(1)</script>", "Police"),
        ("Agreed", "Pending", "Declined"),
        ((3, 2, 1), (1, 0, 0)),
        colours=(palette.GREEN, palette.AMBER, palette.RED),
    )
    svg = stacked_bar_svg(data)
    assert "<script>" not in svg and "&lt;script&gt;" in svg
    assert "Agreed (4)" in svg and "Pending (2)" in svg and "Declined (1)" in svg
    assert "url(#t1)" in svg and "url(#t2)" in svg  # textures, for a greyscale print
    assert Chart("Sign-up", data).alt.startswith("Sign-up. 7 in total.")
    assert "No data yet." in stacked_bar_svg(Breakdown.empty())


def test_slugs_are_plain_ascii():
    assert slug("QA&P – 03/03/2027", "agenda") == "QA-P-03-03-2027-agenda"
    assert slug("Children's Services") == "Children-s-Services"
    assert slug("…") == "document"


def test_hostile_text_is_printed_as_typed_in_the_pdf_and_the_page(tmp_path):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    made = document(
        Notice(HOSTILE, (HOSTILE,)),
        heading(2, HOSTILE),
        para(Strong("Decisions:"), " ", HOSTILE),
        para("See ", Link(HOSTILE, "javascript:alert(1)"), "."),
        bullets([HOSTILE]),
        table("Caption " + HOSTILE, ("Name", "RAG"), [(HOSTILE, Badge("Red", palette.RED))]),
        Chart(HOSTILE, Breakdown((HOSTILE,), ("Agreed",), ((2,),))),
        title=f"Test {HOSTILE}",
        partnership=HOSTILE,
        version=replace(PUBLIC, classification=classify(author="SSP")),  # OFFICIAL
    )
    written = write_document(made, tmp_path, "hostile")
    text = " ".join(
        subprocess.run(
            ["pdftotext", "-raw", str(written.pdf), "-"], capture_output=True, text=True, check=True
        ).stdout.split()
    )
    # Every piece of the hostile string, as typed (a line may wrap between words).
    for piece in HOSTILE.split():
        assert piece in text, piece
    assert text.count("#import") >= 6 and "OFFICIAL" in text
    report = check_pdf(written.pdf)
    assert report.ok, report.problems
    assert report.headings[1] == (2, HOSTILE)  # the heading's text, not markup
    assert report.alt_texts == (f"{HOSTILE}. 2 in total: {HOSTILE} 2.",)
    html = written.html.read_text(encoding="utf-8")
    assert "<b>x</b>" not in html and "&lt;b&gt;x&lt;/b&gt;" in html
    assert 'href="javascript' not in html  # only http(s) and mailto become links


def test_the_pdf_carries_the_clocks_date_and_the_marking_given(tmp_path):
    import pikepdf

    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    sensitive = classify([("action", 1)], author="SSP")
    made = document(version=replace(PUBLIC, classification=sensitive))
    written = write_document(made, tmp_path, "marked")
    with pikepdf.open(written.pdf) as pdf:
        made = made_on(str(pdf.docinfo["/CreationDate"]))
    assert abs((made - TODAY).days) <= 1  # the database's clock, in UTC
    html = written.html.read_text(encoding="utf-8")
    assert html.count('<p class="marking">OFFICIAL-SENSITIVE</p>') == 2  # top and foot
    text = subprocess.run(
        ["pdftotext", str(written.pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert text.count("OFFICIAL-SENSITIVE") == 2


def test_a_preview_says_preview_in_its_titles_and_first_heading():
    with pytest.raises(ValueError, match="preview"):
        document(preview=True)
    made = document(
        preview=True,
        title="Preview: Yearly report 2026/27",
        short_title="Preview: Yearly report 2026/27",
        blocks=(heading(1, "Preview: Yearly report 2026/27"),),
    )
    assert made.unfinished == "preview" and document().unfinished == ""


def test_contents_link_to_the_sections_on_the_page_and_in_the_pdf(tmp_path):
    sections = ("Foreword", "1. What the partners did", "Looking ahead")
    made = document(Contents(), *(b for s in sections for b in (heading(2, s), para("Text."))))
    with pytest.raises(ValueError, match="skips a level"):
        document(Contents(), heading(4, "Too deep"))
    written = write_document(made, tmp_path, "contents")
    html = written.html.read_text(encoding="utf-8")
    assert '<nav aria-labelledby="contents"><h2 id="contents">Contents</h2>' in html
    for number, title in enumerate(sections, start=1):
        assert f'<li><a href="#section-{number}">{title}</a></li>' in html
        assert f'<h2 id="section-{number}">{title}</h2>' in html
    pdf = read_structure(written.pdf)
    assert pdf.headings() == [(1, "Test document"), (2, "Contents")] + [(2, s) for s in sections]
    assert "TOC" in pdf.roles() and pdf.roles().count("TOCI") == len(sections)
    assert check_pdf(written.pdf).ok


def _words_on_page(pdf: Path) -> list[tuple[str, float, float, float]]:
    """Each word with its left, right and top edge (pdftotext's bounding boxes)."""
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    return [
        (unescape(word), float(left), float(right), float(top))
        for left, top, right, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            boxes,
        )
    ]


def test_a_date_or_a_reference_never_runs_into_the_next_column(tmp_path):
    need(shutil.which("pdftotext") is not None, "poppler-utils (pdftotext) is not installed")
    made = document(
        table(
            "Actions",  # asked for: almost all the width for the action, little for the rest
            ("Action", "Ref.", "Due", "Closed"),
            [
                (
                    "Agree a safety plan with the district council",
                    "S11-2025-College-1",
                    "31/03/2026",
                    "01/04/2026",
                )
            ],
            (30, 1, 1, 1),
        )  # fmt: skip
    )
    written = write_document(made, tmp_path, "columns")
    words = {w: (left, right) for w, left, right, _ in _words_on_page(written.pdf)}
    assert words["31/03/2026"][1] < words["01/04/2026"][0]  # the due date ends before the next
    assert words["S11-2025-"][1] < words["31/03/2026"][0]  # a reference breaks at a hyphen
    assert words["council"][1] < words["S11-2025-"][0]


def test_a_caption_stays_inside_its_table_wherever_a_page_breaks(tmp_path, monkeypatch):
    """24 captioned tables of 1 to 7 rows: where a page break falls inside a figure but outside
    its table, Typst leaves the caption outside the table; the writer puts it back."""
    from partnerboard.published import pdf_writer

    blocks = []
    for n in range(1, 25):
        rows = [(f"Row {i}", "x") for i in range(n % 7 + 1)]
        blocks += [para(f"Table {n} follows."), table(f"Table {n}", ("A", "B"), rows)]
    made = document(*blocks)
    as_typst_made_it = {}
    with monkeypatch.context() as patched:
        patched.setattr(
            pdf_writer, "captions_into_tables", lambda b: as_typst_made_it.setdefault(0, b)
        )
        pdf_writer.render_pdf(made)
    raw = tmp_path / "raw.pdf"
    raw.write_bytes(as_typst_made_it[0])

    def tables(path: Path) -> list[list[str]]:
        return [inside for role, _, inside in read_structure(path).elements if role == "Table"]

    assert sum("Caption" not in t for t in tables(raw)) >= 1  # the case this test is about
    written = write_document(made, tmp_path, "tables")
    assert len(tables(written.pdf)) == 24
    assert all("Caption" in t and "TH" in t for t in tables(written.pdf))
    assert check_pdf(written.pdf).ok
