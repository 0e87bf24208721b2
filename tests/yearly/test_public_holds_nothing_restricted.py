"""The public version leaves out every restricted record, whoever publishes it: business support
(who sees them all, and whose draft shows them labelled) publishes a version without any of the
planted markers, restricted by flag, by audience, by source or by a whole restricted log."""

from __future__ import annotations

import subprocess
import zipfile

from partnerboard.db.schema import open_database
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from partnerboard.published.publish import publish_yearly
from tests.clock import TODAY
from tests.fixtures_restricted import HIDDEN, markers_in, planted  # noqa: F401  (fixture)
from tests.yearly.word_reading import read_word


def test_business_support_publishes_nothing_restricted(planted, tmp_path):  # noqa: F811
    db = open_database(str(planted["path"]))
    try:
        year = Period.containing(TODAY, YEAR)  # the planted records' year
        draft = yearly_report_docx(db, year, tmp_path / "draft.docx")
        with zipfile.ZipFile(tmp_path / "draft.docx") as package:
            body = package.read("word/document.xml").decode()
        shown = markers_in(body)
        assert {HIDDEN["action"], HIDDEN["review"]} <= shown  # the draft does show them
        assert "Restricted: " + HIDDEN["action"] in body and draft.restricted > 0
        # The dataset's restricted indicator, and the restricted action a course answers.
        assert f"Restricted: QZ1 {HIDDEN['indicator']} measure" in body
        assert body.count(HIDDEN["indicator"]) >= 2  # its row and its exception
        word = read_word(tmp_path / "draft.docx")
        progress = word.caption_starting("Courses answering the partnership's priorities")
        answers = " ".join(r["Answers"] for r in word.table(progress))
        assert "Restricted: " in answers and HIDDEN["action"] in answers
        assert draft.marking == "OFFICIAL-SENSITIVE"
        (written,) = publish_yearly(db, year, tmp_path / "site", preview=True)
        html = written.html.read_text("utf-8")
        pdf = subprocess.run(
            ["pdftotext", str(written.pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        for text in (html, pdf):
            assert markers_in(text) == set()
            assert "Restricted: " not in text
    finally:
        db.close()
