"""Public versions (one rule for every format and for members' views) and the Word minutes.

Rule (README, "Published agendas and minutes"): a restricted item keeps its number with a
neutral "Not published" line and no title, time or presenter; the first page says it is the
public version and what was left out.
"""

from __future__ import annotations

import zipfile

import docx

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.domain.meetings import WITHHELD_TEXT, WITHHELD_TITLE
from partnerboard.exports.minutes_docx import minutes_docx
from partnerboard.reports.agenda_pdf import agenda_pdf
from partnerboard.reports.minutes_pdf import minutes_pdf
from partnerboard.services.meetings import agenda
from tests.fixtures_restricted import HIDDEN


def numbered(planted: dict, public: bool, principal: Principal | None = None) -> list:
    db = open_database(str(planted["path"]), principal=principal)
    try:
        with db.reader() as session:
            from partnerboard.services.meetings.records import meeting_of  # noqa: PLC0415

            return agenda.visible_items(
                session, meeting_of(session, planted["meeting"]), public=public
            )
    finally:
        db.close()


def test_public_and_member_versions_keep_every_number(planted):
    full = numbered(planted, public=False)
    public = numbered(planted, public=True)
    member = numbered(planted, public=False, principal=Principal("M", Role.MEMBER, 99, None))
    numbers = [i.number for i in full]
    assert numbers == list(range(1, len(full) + 1))
    secret = next(i for i in full if HIDDEN["item"] in i.title)
    for version in (public, member):
        assert [i.number for i in version] == numbers  # no gap
        withheld = next(i for i in version if i.number == secret.number)
        assert withheld.withheld and withheld.title == WITHHELD_TITLE
        assert (withheld.presenter, withheld.starts_at, withheld.discussion) == (None, None, None)
        assert all(HIDDEN["item"] not in i.title for i in version)


def test_public_pdfs_say_so_and_show_the_number_not_the_item(planted, tmp_path, read_pdf):
    db = open_database(str(planted["path"]))
    try:
        minutes = read_pdf(minutes_pdf(db, planted["meeting"], public=True))
        agenda_paper = read_pdf(agenda_pdf(db, planted["planned"], public=True))
        word = minutes_docx(db, planted["meeting"], tmp_path / "m.docx", public=True)
    finally:
        db.close()
    for pdf in (minutes, agenda_paper):
        first = " ".join(pdf.page_texts[0].split())
        assert "Public version: restricted material is not published here:" in first
        assert "(item" in first  # says where the gaps are: "(item 5)", "(items 3 and 7)"
        assert "OFFICIAL" not in pdf.text  # a public version carries no marking
        assert HIDDEN["item"] not in pdf.text
    assert "(public version)" in minutes.reader.metadata.title
    assert WITHHELD_TEXT in " ".join(minutes.text.split())
    assert WITHHELD_TEXT in " ".join(agenda_paper.text.split())
    document = docx.Document(str(word))
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("Public version: restricted material is not published here:")
    assert "inutes (public version)" in text and WITHHELD_TEXT in text  # (draft) minutes
    assert HIDDEN["item"] not in text
    assert document.core_properties.title.endswith("(public version)")


def test_word_minutes_match_the_pdf(planted, tmp_path):
    db = open_database(str(planted["path"]))
    try:
        path = minutes_docx(db, planted["meeting"], tmp_path / "m.docx")
    finally:
        db.close()
    document = docx.Document(str(path))
    header = " ".join(p.text for p in document.sections[0].header.paragraphs)
    footer = " ".join(p.text for p in document.sections[0].footer.paragraphs)
    assert "OFFICIAL-SENSITIVE" in header and "OFFICIAL-SENSITIVE" in footer
    assert document.paragraphs[0].text.startswith("OFFICIAL-SENSITIVE: it holds restricted")
    # The same words in every cell as the PDF, never a blank where the PDF says something.
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("Overdue" in c for c in cells)
    assert "No update yet" in cells or any(c.startswith("Not rated") for c in cells)
    # Column widths set from the content: no table has equal columns by default.
    widths = [[c.width for c in t.rows[-1].cells] for t in document.tables if len(t.columns) > 3]
    assert widths and all(len(set(w)) > 1 for w in widths)
    # This partnership's properties, in en-GB, and nothing of python-docx's 2013 template.
    properties = document.core_properties
    assert properties.language == "en-GB" and properties.created.year >= 2026
    assert properties.comments == "" and properties.author == properties.last_modified_by
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        app = package.read("docProps/app.xml").decode()
        styles = package.read("word/styles.xml").decode()
    assert not any("thumbnail" in name for name in names)
    assert "Macintosh" not in app and "partnerboard" in app
    assert 'w:val="en-US"' not in styles and 'w:val="en-GB"' in styles


def test_word_minutes_render_in_libreoffice_as_long_as_the_pdf(planted, tmp_path, resave):
    """The Word minutes print in about as many pages as the PDF (equal-width columns made them
    half as long again)."""
    from pypdf import PdfReader  # noqa: PLC0415

    db = open_database(str(planted["path"]))
    try:
        word = minutes_docx(db, planted["meeting"], tmp_path / "m.docx")
        minutes_pdf(db, planted["meeting"], tmp_path / "m.pdf")
    finally:
        db.close()
    pdf_pages = len(PdfReader(tmp_path / "m.pdf").pages)
    assert len(PdfReader(resave(word, to="pdf")).pages) <= pdf_pages + 1
