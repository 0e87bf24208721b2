"""The document model's rules, and text a partner typed reaching both writers as text."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import replace

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
from tests.published.structure import made_on

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
