"""Minutes as Word (opened by LibreOffice) and as one accessible HTML page (parsed back)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from html.parser import HTMLParser
from pathlib import Path

import pytest

from partnerboard.exports.minutes_docx import minutes_docx
from partnerboard.exports.minutes_html import minutes_html
from tests.conftest import need
from tests.services.meeting_fixtures import SECRET_TITLE, full_meeting


@pytest.mark.libreoffice
def test_the_word_minutes_open_in_libreoffice(db, tmp_path):
    need(shutil.which("soffice") is not None, "LibreOffice (soffice) is not installed")
    made = full_meeting(db)
    path = minutes_docx(db, made.meeting_id, tmp_path / "minutes.docx")
    with zipfile.ZipFile(path) as package:
        document = package.read("word/document.xml").decode("utf-8")
        styles = package.read("word/styles.xml").decode("utf-8")
    assert 'w:val="en-GB"' in styles
    assert "NUMPAGES" in package_text(path, "word/footer1.xml")
    assert "Budget &lt;script&gt;" in document  # text, not markup
    out = tmp_path / "converted"
    done = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            str(path),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert done.returncode == 0, done.stderr
    pdf = out / "minutes.pdf"
    assert pdf.exists() and pdf.stat().st_size > 5_000
    text = " ".join(
        subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split()
    )
    assert "Draft minutes" in text and "4. Neglect audit findings" in text
    assert f"5. {SECRET_TITLE} – Restricted" in text
    assert "Re-audit chronologies in neglect cases" in text and "Page 1 of" in text


def package_text(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as package:
        return package.read(member).decode("utf-8")


class Structure(HTMLParser):
    """Collects what an accessibility check looks at: tags, headings, table cells, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None
        self._title = False
        self.title = ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3"):
            self._heading = tag
            self.headings.append((tag, ""))
        self._title = tag == "title"

    def handle_endtag(self, tag):
        if tag == self._heading:
            self._heading = None
        self._title = False

    def handle_data(self, data):
        self.text.append(data)
        if self._heading:
            level, words = self.headings[-1]
            self.headings[-1] = (level, words + data)
        if self._title:
            self.title += data


def test_the_public_html_minutes_are_accessible_and_leave_restricted_items_out(db, tmp_path):
    made = full_meeting(db)
    path = minutes_html(db, made.meeting_id, tmp_path / "minutes.html")
    html = path.read_text(encoding="utf-8")
    page = Structure()
    page.feed(html)
    assert html.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en-GB"}) in page.tags
    assert page.title == "Minutes: Tamshire Safeguarding Executive, 10/11/2026 (draft)"
    levels = [level for level, _ in page.headings]
    assert levels.count("h1") == 1 and levels[0] == "h1"
    assert "h2" in levels and "h3" in levels
    titles = [words for level, words in page.headings if level == "h3"]
    assert "4. Neglect audit findings" in titles
    assert "6. Budget <script>alert(1)</script>" in titles  # shown as text …
    assert all(tag != "script" for tag, _ in page.tags)  # … never run
    assert "<b>" not in html and "Gus Ward &lt;b&gt;" in html
    text = " ".join(page.text)
    assert "Rapid review" not in text and "Restricted" not in text
    assert "Notify the national panel" not in text
    # Every table has a caption, column headers with scope, and a row header per row.
    tables = html.count("<table>")
    assert tables >= 5 and html.count("<caption>") == tables
    headers = [attrs.get("scope") for tag, attrs in page.tags if tag == "th"]
    assert headers and set(headers) == {"col", "row"}
    assert not any(tag in ("link", "img") and "http" in str(attrs) for tag, attrs in page.tags)
