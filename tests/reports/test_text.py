"""User text reaches reportlab only escaped: markup stays literal, nothing aborts a paper."""

from __future__ import annotations

from datetime import date, datetime

from hypothesis import given
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from partnerboard.domain.partnership import Sector
from partnerboard.reports import fonts
from partnerboard.reports.scripts import for_display
from partnerboard.reports.text import (
    as_text,
    clean_text,
    fit_text,
    markup,
    one_line,
    para,
    rich,
    wrap_text,
)


def test_markup_escapes_and_keeps_line_breaks() -> None:
    assert markup('<b>x</b> & "y"') == '&lt;b&gt;x&lt;/b&gt; &amp; "y"'
    assert markup("a\r\nb\rc\nd\u2028e") == "a<br/>b<br/>c<br/>d<br/>e"
    assert markup(None) == ""


def test_control_characters_go_and_tabs_become_spaces() -> None:
    assert clean_text("a\x00b\x07c\x1bd\x7fe\x9ff\ud800g") == "abcdefg"
    assert clean_text("a\tb") == "a    b"
    assert clean_text("x\x0by\x0cz") == "x\ny\nz"  # Excel's line break and a form feed
    assert one_line("  two\nlines\there ") == "two lines here"


def test_values_read_the_uk_way() -> None:
    assert as_text(date(2026, 11, 22)) == "22/11/2026"
    assert as_text(datetime(2026, 11, 22, 9, 5)) == "22/11/2026 09:05"
    assert as_text(True) == "Yes"
    assert as_text(None) == ""
    assert as_text(Sector.VOLUNTARY) == "Voluntary & community"
    assert as_text(3) == "3"


def test_rich_escapes_only_the_values() -> None:
    paragraph = rich("<b>Lead:</b> {}", "<i>Jo</i> & co")
    assert paragraph.getPlainText() == "Lead: <i>Jo</i> & co"


def test_fit_and_wrap_text() -> None:
    fonts.register_fonts()
    assert fit_text("short", fonts.BODY, 8, 200) == "short"
    cut = fit_text("a very long category name indeed", fonts.BODY, 8, 50)
    assert cut.endswith("…") and len(cut) < 20
    lines = wrap_text("Requires improvement in every way possible", fonts.BODY, 8, 60)
    assert len(lines) == 2 and lines[0] == "Requires" and lines[1].endswith("…")
    assert wrap_text("", fonts.BODY, 8, 60) == []


@given(st.text(max_size=200))
def test_any_text_parses_and_reads_back_literally(text: str) -> None:
    paragraph = para(text)
    assert isinstance(paragraph, Paragraph)
    paragraph.wrap(200, 10_000)

    # reportlab may drop a soft hyphen (a hint where to break a word), so ignore those. What is
    # drawn is the text as displayed: right-to-left runs in visual order, emoji by name.
    def visible(value: str) -> str:
        return "".join(value.replace("\xad", "").split())

    assert visible(paragraph.getPlainText()) == visible(for_display(clean_text(text)))
