"""`export reviews`, `report briefing` and `deadlines` as a user runs them."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from pypdf import PdfReader

from tests.cli.test_core_commands import run


def test_export_briefing_and_deadlines_on_the_demo(tmp_path, demo_db_path):
    path = demo_db_path  # a copy of its own
    workbook = tmp_path / "reviews.xlsx"
    done = run("--db", str(path), "export", "reviews", "-o", str(workbook))
    assert done.returncode == 0, done.stderr
    assert "Wrote 3 review(s) and 8 recommendation(s)" in done.stdout
    sheet = load_workbook(workbook)["Reviews"]
    assert sheet.max_row == 4 and sheet["A1"].value == "Reference"

    # The demo was built today, with its rapid review due this week.
    listed = run("--db", str(path), "deadlines", "--json")
    assert listed.returncode == 0, listed.stderr
    rows = json.loads(listed.stdout)
    reference = next(r["review"] for r in rows if r["deadline"] == "Rapid review")
    assert all(
        r["computed"].startswith("aware ")
        for r in rows
        if r["deadline"] != "Publish the local review"
    )

    pdf = tmp_path / "briefing.pdf"
    briefed = run(
        "--db", str(path), "report", "briefing", "--review", reference.lower(), "-o", str(pdf)
    )
    assert briefed.returncode == 0, briefed.stderr
    assert f"Wrote the learning briefing on {reference}" in briefed.stdout
    assert len(PdfReader(pdf).pages) in (1, 2)


def test_unknown_review_and_wrong_suffix_fail_in_one_line(tmp_path, demo_db_path):
    path = demo_db_path  # a copy of its own
    missing = run(
        "--db",
        str(path),
        "report",
        "briefing",
        "--review",
        "RR-1999-01",
        "-o",
        str(tmp_path / "x.pdf"),
    )
    assert missing.returncode == 1
    assert (
        missing.stderr.strip()
        == "partnerboard: There is no practice review with the reference “RR-1999-01”."
    )
    wrong = run("--db", str(path), "export", "reviews", "-o", str(tmp_path / "reviews.csv"))
    assert wrong.returncode == 1 and "must end in .xlsx" in wrong.stderr
    assert not (tmp_path / "x.pdf").exists()
