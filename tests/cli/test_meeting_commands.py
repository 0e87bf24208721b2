"""The meeting commands as a user runs them, on the demo: latest meeting, PDF, Word, HTML, Excel."""

from __future__ import annotations

import sqlite3

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.test_core_commands import run


def latest_restricted_titles(path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            """SELECT i.title FROM agenda_item i JOIN meeting m ON m.id = i.meeting_id
               WHERE i.restricted AND m.id = (
                   SELECT id FROM meeting
                   WHERE status IN ('held', 'minutes_draft', 'minutes_approved')
                   ORDER BY starts_at DESC, id DESC LIMIT 1)"""
        ).fetchall()
    connection.close()
    return [r[0] for r in rows]


def test_minutes_of_the_latest_meeting_internal_and_public(demo_db_path, tmp_path):
    restricted = latest_restricted_titles(demo_db_path)
    assert restricted, "the demo's latest meeting held has a restricted item"
    internal, public = tmp_path / "minutes.pdf", tmp_path / "public.pdf"
    done = run(
        "--db", str(demo_db_path), "report", "minutes", "--meeting", "latest", "-o", str(internal)
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Minutes of ") and str(internal) in done.stdout
    done = run(
        "--db",
        str(demo_db_path),
        "report",
        "minutes",
        "--meeting",
        "latest",
        "--public",
        "-o",
        str(public),
    )
    assert done.returncode == 0, done.stderr
    internal_text = " ".join(p.extract_text() for p in PdfReader(internal).pages)
    public_text = " ".join(p.extract_text() for p in PdfReader(public).pages)
    assert all(" ".join(t.split()) in " ".join(internal_text.split()) for t in restricted)
    assert "Restricted" in internal_text and "Restricted" not in public_text
    assert not any(t.split(":")[0] in public_text for t in restricted)
    assert "Page 1 of" in internal_text


def test_agenda_word_html_and_attendance(demo_db_path, tmp_path):
    db = str(demo_db_path)
    agenda = tmp_path / "agenda.pdf"
    assert (
        run("--db", db, "report", "agenda", "--meeting", "latest", "-o", str(agenda)).returncode
        == 0
    )
    assert "Agenda" in PdfReader(agenda).pages[0].extract_text()
    word = tmp_path / "minutes.docx"
    assert (
        run("--db", db, "export", "minutes", "--meeting", "latest", "-o", str(word)).returncode == 0
    )
    assert word.read_bytes()[:2] == b"PK"
    html = tmp_path / "minutes.html"
    refused = run("--db", db, "export", "minutes", "--meeting", "latest", "-o", str(html))
    assert refused.returncode == 1 and "add --public" in refused.stderr and not html.exists()
    done = run("--db", db, "export", "minutes", "--meeting", "latest", "--public", "-o", str(html))
    assert done.returncode == 0 and '<html lang="en-GB">' in html.read_text(encoding="utf-8")
    book = tmp_path / "attendance.xlsx"
    done = run("--db", db, "export", "attendance", "--board", "Executive", "-o", str(book))
    assert done.returncode == 0, done.stderr
    assert "Attendance at " in done.stdout
    sheet = load_workbook(book)["By agency"]
    assert sheet["A1"].value == "Agency" and sheet.max_row > 5


def test_a_missing_meeting_is_one_plain_line(demo_db_path, tmp_path):
    done = run(
        "--db",
        str(demo_db_path),
        "report",
        "minutes",
        "--meeting",
        "99999",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert done.returncode == 1
    assert done.stderr.strip() == "partnerboard: There is no meeting with id 99999."
    wrong = run(
        "--db",
        str(demo_db_path),
        "report",
        "agenda",
        "--meeting",
        "latest",
        "-o",
        str(tmp_path / "x.docx"),
    )
    assert wrong.returncode == 1 and "The output file must end in .pdf: x.docx" in wrong.stderr
