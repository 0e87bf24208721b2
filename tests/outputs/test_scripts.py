"""People's names in Arabic and Hebrew print shaped and in the right order; emoji are named."""

from __future__ import annotations

import io
import unicodedata
from datetime import date

from pypdf import PdfReader

from partnerboard.domain.marking import classify
from partnerboard.reports import blocks, text
from partnerboard.reports.blocks import data_table
from partnerboard.reports.layout import ReportInfo, build_pdf
from partnerboard.reports.scripts import for_display
from partnerboard.reports.text import para

ARABIC = "فاطمة الزهراء"
HEBREW = "שרה לוי"


def names_pdf() -> str:
    """A paper with both names in a table and in running text; its text as pypdf reads it."""
    info = ReportInfo("Names", "Tamshire SSP", classify(author="T"), generated_on=date(2026, 1, 1))
    story = [
        para(f"Lead: {ARABIC}, with Police."),
        data_table(["Name", "Agency"], [[HEBREW, "Police"], [ARABIC, "ICB"]], widths=(3, 1)),
        para("Thanks 👍 from the panel"),
    ]
    return PdfReader(io.BytesIO(build_pdf(info, story))).pages[0].extract_text()


def test_arabic_and_hebrew_names_print_in_reading_order_and_joined():
    extracted = names_pdf()
    # pypdf reads right-to-left runs back into logical order: a name drawn right to left
    # reads as typed; one drawn left to right (reversed on paper) would read backwards.
    readable = unicodedata.normalize("NFKC", extracted)
    assert HEBREW in readable and readable.count(ARABIC) == 2
    # Arabic letters are drawn in their joined forms (Arabic Presentation Forms-B).
    assert any("\ufe70" <= c <= "\ufefc" for c in extracted)
    assert "[thumbs up sign]" in extracted and "👍" not in extracted


def test_without_shaping_and_ordering_the_same_check_fails(monkeypatch):
    """The check above can fail: with the text drawn as stored, the names come out reversed."""
    monkeypatch.setattr(text, "for_display", lambda value: value)
    monkeypatch.setattr(blocks, "for_display", lambda value: value)
    readable = unicodedata.normalize("NFKC", names_pdf())
    assert HEBREW not in readable and ARABIC not in readable


def test_display_text_keeps_a_name_on_one_line_and_leaves_latin_alone():
    assert for_display("Deputy Chief Nurse") == "Deputy Chief Nurse"
    shown = for_display(f"Lead {ARABIC} (ICB)")
    assert shown.startswith("Lead ") and shown.endswith(" (ICB)")
    assert "\u00a0" in shown  # the two words of the name cannot be broken apart
    assert for_display(f"{HEBREW} and team") == f"{HEBREW[::-1].replace(' ', chr(160))} and team"
