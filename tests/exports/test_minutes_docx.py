"""Minutes as Word, opened by LibreOffice (the public HTML minutes are tested in tests/published)."""

from __future__ import annotations

import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from partnerboard.exports.minutes_docx import minutes_docx
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
