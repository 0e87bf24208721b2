"""From the draft to the published report: the team edits the Word file (here with python-docx,
then saved again by LibreOffice as a colleague on another PC would), the app takes their text
back, and the public version carries it with the registers' figures, as the public may see them.
"""

from __future__ import annotations

import sqlite3
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest

from partnerboard.domain import public_sector_year as years
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.yearly_report import Requirement
from partnerboard.errors import UserError
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from partnerboard.exports.yearly_report_narrative import read_narrative, take_narrative
from partnerboard.published.publish import publish_yearly
from partnerboard.services.yearly_report.narrative import load_narrative
from tests.clock import TODAY
from tests.fixtures_s11 import resave  # noqa: F401  (fixture: LibreOffice re-save)
from tests.yearly.word_reading import read_word

YEAR = Period.latest_complete(TODAY, years.YEAR)
WRITTEN = {r.heading: f"Our account of {r.label.lower()} in {YEAR.label}." for r in Requirement}


def edit_like_the_team(source: Path, target: Path) -> None:
    """Write over the prompt under each section heading, add a list and a subheading to the
    engagement part, and change a figure the app drew (which must not reach the public)."""
    document = docx.Document(str(source))
    paragraphs = document.paragraphs
    heading = None
    for paragraph in paragraphs:
        style = paragraph.style.name
        if style.startswith("Heading"):
            heading = paragraph.text
        elif style == "To be written" and heading in WRITTEN:
            paragraph.text = WRITTEN[heading]
        elif style == "To be written" and heading == "Engagement with children and families":
            paragraph.text = "Children shaped three services this year."
            after = paragraphs[paragraphs.index(paragraph) + 1]
            after.insert_paragraph_before("What young people asked for", style="Heading 3")
            after.insert_paragraph_before("Trusted adults in youth clubs.", style="List Bullet")
            after.insert_paragraph_before("Plans written with them.", style="List Bullet")
        elif style == "Report figure" and paragraph.text.startswith("Round "):
            paragraph.text = "Round 2025 was excellent in every way."
    document.save(str(target))


@pytest.fixture
def edited(demo_db, tmp_path, resave) -> Path:  # noqa: F811
    draft = tmp_path / "draft.docx"
    yearly_report_docx(demo_db, YEAR, draft)
    mine = tmp_path / "ours.docx"
    edit_like_the_team(draft, mine)
    return resave(mine, to="docx")


def test_the_team_text_comes_back_from_a_file_saved_by_libreoffice(demo_db, edited, tmp_path):
    taken = take_narrative(demo_db, edited, YEAR)
    assert taken.year == YEAR and not taken.missing
    for requirement in Requirement:
        assert requirement.value in taken.stored.written
    assert "engagement" in taken.stored.written
    assert taken.changed_figures == ("Section 11 audits",)
    stored = load_narrative(demo_db, YEAR)
    assert stored["activity"].text == WRITTEN[Requirement.ACTIVITY.heading]
    assert stored["engagement"].text == (
        "Children shaped three services this year.\n\n### What young people asked for\n\n"
        "- Trusted adults in youth clubs.\n- Plans written with them."
    )
    assert stored["engagement"].source_file == edited.name
    # Drawn again, the draft keeps what the team wrote instead of the prompts.
    again = tmp_path / "again.docx"
    yearly_report_docx(demo_db, YEAR, again)
    word = read_word(again)
    assert WRITTEN[Requirement.FEEDBACK.heading] in word.texts("Normal")
    assert "Trusted adults in youth clubs." in word.texts("List Bullet")
    assert len(word.texts("To be written")) == 18 - 6
    assert "Round 2025 was excellent in every way." not in word.texts()
    # Taking the same file again changes nothing.
    assert take_narrative(demo_db, edited, YEAR).stored.changed == ()


def test_a_file_of_another_year_or_not_a_draft_is_refused(demo_db, edited, tmp_path):
    with pytest.raises(UserError, match="is the draft for 2025/26, not 2024/25"):
        take_narrative(demo_db, edited, YEAR.previous())
    plain = tmp_path / "letter.docx"
    document = docx.Document()
    document.add_paragraph("Dear colleague")
    document.save(str(plain))
    with pytest.raises(UserError, match="not a yearly report drafted by partnerboard"):
        read_narrative(plain)
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(UserError, match="cannot be read as a Word document"):
        read_narrative(broken)
    assert load_narrative(demo_db, YEAR) == {}


class Outline(HTMLParser):
    """What an accessibility checker looks at first: language, headings, tables."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = None
        self.headings: list[int] = []
        self.tables = self.captions = self.col_headers = self.row_headers = self.rows = 0
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.col_headers += tag == "th" and attrs.get("scope") == "col"
        self.row_headers += tag == "th" and attrs.get("scope") == "row"
        self.rows += tag == "tr"

    def handle_data(self, data):
        self.text.append(data)


def _pdf_text(path: Path) -> str:
    done = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(done.stdout.split())


def test_the_published_version_carries_the_narrative_and_nothing_restricted(
    demo_db, demo_db_path, edited, tmp_path
):
    with pytest.raises(UserError, match="no narrative has been written"):
        publish_yearly(demo_db, YEAR, tmp_path / "too-soon")
    assert not (tmp_path / "too-soon").exists()
    take_narrative(demo_db, edited, YEAR)
    (written,) = publish_yearly(demo_db, YEAR, tmp_path / "site")
    # Published as every published document is: an HTML page and a tagged PDF, same name.
    assert (written.html.name, written.pdf.name) == (
        f"yearly-report-{YEAR.slug}.html",
        f"yearly-report-{YEAR.slug}.pdf",
    )
    document = written.document
    assert document.marking == "" and not document.preview
    assert document.version.statement.startswith("This is the public version")
    html = written.html.read_text("utf-8")
    outline = Outline()
    outline.feed(html)
    text = " ".join(outline.text)
    pdf = _pdf_text(written.pdf)
    for words in (text, pdf):
        for line in WRITTEN.values():
            assert line in words
        assert "Trusted adults in youth clubs." in words and "Preview" not in words
        assert "Round 2025 was excellent" not in words and "To be written" not in words
        assert "Evidence gap" not in words  # the team's business, not the public's
    # Accessible structure: language, one h1, no skipped heading level, captioned tables.
    assert outline.lang == "en-GB"
    assert outline.headings.count(1) == 1 and outline.headings[0] == 1
    assert all(b - a <= 1 for a, b in zip(outline.headings, outline.headings[1:], strict=False))
    assert outline.tables == outline.captions > 10
    assert outline.row_headers == outline.rows - outline.tables  # every body row has a header
    # Nothing restricted: not the texts of restricted actions or escalations of the year, which
    # the draft (for business support) does show.
    with sqlite3.connect(demo_db_path) as connection:
        hidden = [
            text
            for (text,) in connection.execute(
                "SELECT text FROM action WHERE restricted AND (status = 'open' "
                "OR closed_on BETWEEN ? AND ?)",
                (YEAR.start.isoformat(), YEAR.end.isoformat()),
            )
        ]
    connection.close()
    assert hidden
    draft = read_word(edited)
    draft_text = " ".join(
        draft.texts() + [c for rows in draft.tables.values() for r in rows for c in r]
    )
    assert any(h in draft_text for h in hidden)
    assert not [h for h in hidden if h in text or " ".join(h.split()) in pdf]
    for words in (text, pdf):
        assert "Restricted" not in words


def test_a_year_not_ended_is_published_only_as_a_preview(demo_db, tmp_path):
    year = Period.containing(TODAY, years.YEAR)
    with pytest.raises(UserError, match="has not ended"):
        publish_yearly(demo_db, year, tmp_path / "site")
    assert not (tmp_path / "site").exists()
    (written,) = publish_yearly(demo_db, year, tmp_path / "site", preview=True)
    assert written.html.name == f"preview-yearly-report-{year.slug}.html"
    html = written.html.read_text("utf-8")
    assert "Preview: not for publication." in html
    assert f"<title>Preview: Yearly report {year.label}</title>" in html
    assert f"<h1>Preview: Yearly report {year.label}</h1>" in html
    assert f"{year.label} has not ended" in html
    assert f"{year.label} has not ended" in _pdf_text(written.pdf)
