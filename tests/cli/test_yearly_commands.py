"""`report yearly`, `yearly-narrative`, `publish --yearly` and `engagement` as a user runs them."""

from __future__ import annotations

import json

import docx

from tests.cli.test_core_commands import run
from tests.yearly.word_reading import read_word


def test_draft_take_and_publish_on_the_demo(tmp_path, demo_db_path):
    db = ["--db", str(demo_db_path)]
    draft = tmp_path / "draft.docx"
    done = run(*db, "report", "yearly", "-o", str(draft))  # the last year that has ended
    assert done.returncode == 0, done.stderr
    assert f"Wrote the draft yearly report for 2025/26 to {draft}." in done.stdout
    assert "The registers hold no evidence" not in done.stdout  # the demo's year is whole
    assert "18 section(s) to be written; marked OFFICIAL-SENSITIVE." in done.stdout
    assert read_word(draft).headings[0] == (
        1,
        "Before publication: evidence the registers do not hold",
    )

    earlier = run(*db, "report", "yearly", "--year", "2024-25", "-o", str(tmp_path / "e.docx"))
    assert earlier.returncode == 0, earlier.stderr  # the demo's training began in 2025/26
    assert "  no training evaluations recorded for 2024/25" in earlier.stdout

    site = tmp_path / "site"
    refused = run(*db, "publish", "--yearly", "2025/26", "-o", str(site))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "not ready to publish" in refused.stderr
    assert not site.exists()

    document = docx.Document(str(draft))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "To be written":
            paragraph.text = "Written by the team."
    edited = tmp_path / "edited.docx"
    document.save(str(edited))
    taken = run(*db, "yearly-narrative", str(edited), "--year", "2025-26")
    assert taken.returncode == 0, taken.stderr
    assert "Took the narrative of 2025/26 from edited.docx: 18 section(s) written" in taken.stdout

    published = run(*db, "publish", "--yearly", "2025/26", "-o", str(site), "--verify")
    assert published.returncode == 0, published.stderr
    page, pdf = site / "yearly-report-2025-26.html", site / "yearly-report-2025-26.pdf"
    assert f"Yearly report 2025/26:\n  {page}\n  {pdf}\n" in published.stdout
    assert "OK: tagged for accessibility." in published.stdout
    assert page.read_text("utf-8").count("Written by the team.") == 18
    # Without a year: the last that has ended, here the same one.
    again = run(*db, "publish", "--yearly", "-o", str(tmp_path / "again"))
    assert again.returncode == 0 and (tmp_path / "again" / pdf.name).exists(), again.stderr


def test_mistakes_get_one_line_and_change_nothing(tmp_path, demo_db_path):
    db = ["--db", str(demo_db_path)]
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    for args, message in (
        (("report", "yearly", "--year", "2025/27", "-o", str(tmp_path / "a.docx")), "did you mean 2025/26?"),
        (("report", "yearly", "--year", "2030/31", "-o", str(tmp_path / "a.docx")), "has not started yet"),
        (("report", "yearly", "-o", str(tmp_path / "a.pdf")), "must end in .docx"),
        (("report", "yearly", "-o", str(tmp_path / "no" / "a.docx")), "There is no folder"),
        (("yearly-narrative", str(tmp_path / "missing.docx")), "There is no file"),
        (("engagement", "add", "--date", "31/02/2026", "--activity", "x", "--heard", "y"), "--date:"),
        (("publish", "--yearly", "2025/27", "-o", str(tmp_path / "site")), "--yearly: “2025/27” is not a year"),
        (("publish", "--meeting", "latest", "--preview", "-o", str(tmp_path / "site")), "--preview goes with --yearly"),
        (("publish", "--yearly", "-o", str(tmp_path / "no" / "site")), "does not exist"),
        (("engagement", "add", "--date", "01/01/2026", "--activity", "x", "--heard", "y", "--agency", "Nope"), "no agency called"),
    ):  # fmt: skip
        done = run(*db, *args)
        assert done.returncode == 1, (args, done.stdout)
        assert message in done.stderr and done.stderr.count("\n") == 1, done.stderr
        assert "Traceback" not in done.stderr
    assert not list(tmp_path.iterdir())
    listed = run(*db, "engagement", "list", "--json")
    assert len(json.loads(listed.stdout)) == 8  # the demo's, nothing added


def test_engagement_add_and_list(tmp_path, demo_db_path):
    db = ["--db", str(demo_db_path)]
    added = run(
        *db, "engagement", "add", "--date", "02/04/2025", "--activity", "Youth panel",
        "--heard", "More youth workers.", "--changed", "Two more posts.", "--count", "12",
        "--method", "panel", "--agency", "Police",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert "Recorded “Youth panel” on 02/04/2025." in added.stdout
    listed = run(*db, "engagement", "list", "--year", "2025/26", "--json")
    rows = json.loads(listed.stdout)
    assert len(rows) == 6 and rows[-1]["activity"] == "Youth panel"
    assert (
        rows[-1]["participant_count"] == 12 and rows[-1]["lead_agency"] == "Wrenfield Constabulary"
    )
    later = run(*db, "engagement", "list", "--year", "2026/27")
    assert "Youth panel" not in later.stdout and later.stdout.count("\n") == 3
