"""`partnerboard publish` and `partnerboard check-pdf` as an officer runs them, on the demo."""

from __future__ import annotations

import json

from tests.cli.test_core_commands import run


def test_publish_the_latest_meeting_and_verify_it(demo_db_path, tmp_path):
    folder = tmp_path / "website"
    done = run("--db", str(demo_db_path), "publish", "--meeting", "latest", "-o", str(folder),
               "--verify")  # fmt: skip
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in folder.iterdir())
    # The latest meeting held has draft minutes in the demo: the file name says so.
    assert len(names) == 4 and sum("draft-minutes" in n for n in names) == 2
    assert {n.rsplit(".", 1)[1] for n in names} == {"html", "pdf"}
    assert done.stdout.count("OK: tagged for accessibility.") == 2
    assert "Draft minutes:" in done.stdout


def test_publish_a_briefing_and_the_thresholds(demo_db_path, tmp_path):
    db = str(demo_db_path)
    done = run("--db", db, "publish", "--briefing", "LCSPR Child M 2025", "-o", str(tmp_path / "b"))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "briefing-LCSPR-Child-M-2025.html",
        "briefing-LCSPR-Child-M-2025.pdf",
    ]
    done = run("--db", db, "publish", "--thresholds", "--version", "2.0", "-o", str(tmp_path / "t"))
    assert done.returncode == 0, done.stderr
    names = sorted(p.name for p in (tmp_path / "t").iterdir())
    assert names[:2] == [
        "threshold-document-version-2.0.html",
        "threshold-document-version-2.0.pdf",
    ]
    assert names[2].startswith("threshold-signups-") and len(names) == 4


def test_publish_refuses_clearly(demo_db_path, tmp_path):
    db = str(demo_db_path)
    refused = run("--db", db, "publish", "--briefing", "RR-2026-03", "-o", str(tmp_path / "r"))
    assert refused.returncode == 1 and "still restricted" in refused.stderr
    assert "Traceback" not in refused.stderr and not list((tmp_path / "r").glob("*"))
    refused = run("--db", db, "publish", "--thresholds", "--version", "9.9", "-o", str(tmp_path))
    assert refused.returncode == 1 and "no version 9.9" in refused.stderr
    refused = run("--db", db, "publish", "--briefing", "X", "--version", "1", "-o", str(tmp_path))
    assert refused.returncode == 1 and "go with --thresholds" in refused.stderr
    refused = run("--db", db, "publish", "-o", str(tmp_path))
    assert refused.returncode == 2 and "--meeting --briefing --thresholds" in refused.stderr


def test_check_pdf_tells_a_tagged_pdf_from_a_board_paper(demo_db_path, tmp_path):
    db = str(demo_db_path)
    public, paper = tmp_path / "public.pdf", tmp_path / "paper.pdf"
    made = run(
        "--db", db, "report", "minutes", "--meeting", "latest", "--public", "-o", str(public)
    )
    assert made.returncode == 0, made.stderr
    assert (
        run("--db", db, "report", "minutes", "--meeting", "latest", "-o", str(paper)).returncode
        == 0
    )
    good = run("check-pdf", str(public))
    assert good.returncode == 0 and "tagged yes, language en-GB" in good.stdout
    bad = run("check-pdf", str(paper), "--json")
    assert bad.returncode == 1
    (report,) = json.loads(bad.stdout)
    assert report["ok"] is False and report["tagged"] is False
    assert any("not tagged" in p for p in report["problems"])
    not_pdf = tmp_path / "notes.pdf"
    not_pdf.write_text("not a PDF")
    refused = run("check-pdf", str(not_pdf))
    assert refused.returncode == 1 and "is not a PDF that can be read" in refused.stderr
    assert "Traceback" not in refused.stderr
