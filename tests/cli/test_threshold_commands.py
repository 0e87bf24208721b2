"""`export thresholds`, `export escalations` and `report thresholds` as a user runs them."""

from __future__ import annotations

import openpyxl
from pypdf import PdfReader

from tests.cli.test_core_commands import run


def test_export_thresholds_and_escalations(demo_db_path, tmp_path):
    matrix = tmp_path / "signup.xlsx"
    done = run("--db", str(demo_db_path), "export", "thresholds", "-o", str(matrix))
    assert done.returncode == 0, done.stderr
    assert f"Sign-up matrix written to {matrix}" in done.stdout
    assert "Sign-up matrix" in openpyxl.load_workbook(matrix).sheetnames

    log = tmp_path / "log.xlsx"
    done = run(
        "--db", str(demo_db_path), "export", "escalations", "-o", str(log), "--since", "01/01/2000"
    )
    assert done.returncode == 0, done.stderr
    assert openpyxl.load_workbook(log)["Escalation log"].max_row > 20


def test_report_thresholds_summary_and_document(demo_db_path, tmp_path):
    summary = tmp_path / "summary.pdf"
    done = run("--db", str(demo_db_path), "report", "thresholds", "-o", str(summary))
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(summary).pages) == 1
    assert "Threshold sign-up summary" in PdfReader(summary).pages[0].extract_text()

    document = tmp_path / "document.pdf"
    done = run(
        "--db",
        str(demo_db_path),
        "report",
        "thresholds",
        "-o",
        str(document),
        "--levels",
        "--version",
        "2.0",
    )
    assert done.returncode == 0, done.stderr
    text = " ".join(page.extract_text() for page in PdfReader(document).pages)
    assert "Version 2.0" in text and "Level 4: Specialist / child protection" in text


def test_mistakes_are_one_line_errors(demo_db_path, tmp_path):
    wrong_suffix = run(
        "--db", str(demo_db_path), "export", "thresholds", "-o", str(tmp_path / "x.pdf")
    )
    assert wrong_suffix.returncode == 1
    assert wrong_suffix.stderr.strip() == "partnerboard: The output file must end in .xlsx: x.pdf"
    bad_date = run(
        "--db",
        str(demo_db_path),
        "export",
        "escalations",
        "-o",
        str(tmp_path / "x.xlsx"),
        "--since",
        "31/02/2026",
    )
    assert bad_date.returncode == 1 and "--since" in bad_date.stderr
    assert len(bad_date.stderr.strip().splitlines()) == 1
    no_version = run(
        "--db",
        str(demo_db_path),
        "report",
        "thresholds",
        "-o",
        str(tmp_path / "x.pdf"),
        "--levels",
        "--version",
        "9.9",
    )
    assert no_version.returncode == 1 and "no version 9.9" in no_version.stderr
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.xlsx").exists()
