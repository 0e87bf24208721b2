"""Excel exports of the sign-up matrix and the escalation log, reopened with openpyxl."""

from __future__ import annotations

from datetime import datetime

import openpyxl
import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.exports.escalations_xlsx import export_escalation_log
from partnerboard.exports.thresholds_xlsx import export_signup_matrix
from partnerboard.services import escalation_figures as ef
from partnerboard.services import escalations as es
from partnerboard.services import partnership as p
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from tests.clock import TODAY


def sheet_rows(sheet) -> list[list[object]]:
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def test_signup_matrix_export(demo_db, tmp_path):
    (document,) = th.list_documents(demo_db)
    matrix = su.signup_matrix(demo_db, document.id)
    path = export_signup_matrix(demo_db, tmp_path / "signup.xlsx")
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["About", "Sign-up matrix", "Sign-up details", "Coverage by sector"]

    grid = sheet_rows(book["Sign-up matrix"])
    assert grid[0] == [
        "Agency",
        "Sector",
        "Statutory partner",
        "Version 2.0",
        "Version 3.0 (current)",
    ]
    assert len(grid) == 1 + len(matrix.rows)
    by_agency = {line[0]: line for line in grid[1:]}
    for row in matrix.rows:
        expected = [cell.status.label if cell else "Not asked" for cell in row.cells]
        assert by_agency[row.agency_name][3:] == expected
    # Cells carry the palette's RAG fill: agreed green, pending amber, declined red.
    sheet = book["Sign-up matrix"]
    fills = {
        sheet.cell(r, 5).value: sheet.cell(r, 5).fill.fgColor.rgb for r in range(2, len(grid) + 1)
    }
    assert fills["Agreed"].endswith("00703C") and fills["Pending"].endswith("F5A623")

    details = book["Sign-up details"]
    header = [c.value for c in details[1]]
    date_column = header.index("Date") + 1
    dated = [r for r in range(2, details.max_row + 1) if details.cell(r, date_column).value]
    assert dated
    cell = details.cell(dated[0], date_column)
    assert isinstance(cell.value, datetime) and cell.number_format == "DD/MM/YYYY"

    coverage = sheet_rows(book["Coverage by sector"])
    lines = su.coverage_by_sector(matrix, matrix.current.id)
    assert [r[:5] for r in coverage[1:]] == [
        [ln.label, ln.in_scope, ln.agreed, ln.declined, ln.pending] for ln in lines
    ]
    assert coverage[-1][5] == pytest.approx(lines[-1].agreed / lines[-1].in_scope)
    assert int(book["Sign-up matrix"].page_setup.paperSize) == 9  # A4


def test_text_that_looks_like_a_formula_stays_text(demo_db, tmp_path):
    agency = p.save_agency(
        demo_db, p.AgencyInput(name='=HYPERLINK("http://evil.example","Click")', sector="other")
    )
    (document,) = th.list_documents(demo_db)
    current = next(v for v in th.list_versions(demo_db, document.id) if v.is_current)
    su.record_signup(
        demo_db,
        current.id,
        agency.id,
        su.SignupInput("declined", "@SUM(A1)", "+44 role", TODAY, "letter", "-1\x07 bell"),
    )
    book = openpyxl.load_workbook(export_signup_matrix(demo_db, tmp_path / "s.xlsx"))
    details = book["Sign-up details"]
    found = [row for row in details.iter_rows(min_row=2) if row[2].value == agency.name]
    assert len(found) == 1
    cells = {c.column_letter: c for c in found[0]}
    assert cells["C"].data_type == "s" and cells["C"].value.startswith("=HYPERLINK")
    assert (cells["G"].value, cells["H"].value, cells["K"].value) == (
        "@SUM(A1)",
        "+44 role",
        "-1 bell",
    )
    assert all(c.data_type == "s" for c in (cells["C"], cells["G"], cells["H"], cells["K"]))


def test_escalation_log_export_has_every_stage_date_and_the_figures(demo_db, tmp_path):
    rows = es.list_escalations(demo_db)
    book = openpyxl.load_workbook(export_escalation_log(demo_db, tmp_path / "log.xlsx"))
    log = sheet_rows(book["Escalation log"])
    header = log[0]
    assert header[:6] == [
        "Reference",
        "Raised on",
        "Raised by",
        "Raised with",
        "Category",
        "Stage now",
    ]
    assert header[-1] == "Restricted"
    assert len(log) == 1 + len(rows)
    by_reference = {line[0]: dict(zip(header, line, strict=True)) for line in log[1:]}
    for row in rows:
        line = by_reference[row.reference]
        assert line["Stage now"] == row.stage
        for stage in range(1, 5):
            reached = row.reached_on(stage)
            value = line[f"Stage {stage} reached"]
            assert (value.date() if value else None) == reached
        assert line["Days to resolve"] == row.days_to_resolve
    figures = dict(r[:2] for r in sheet_rows(book["Figures"])[1:6])
    assert (
        figures["Median days to resolve"] == ef.escalation_figures(demo_db).median_days_to_resolve
    )
    assert "Contains restricted escalations" in str(sheet_rows(book["About"]))


def test_a_members_export_leaves_restricted_escalations_out(demo_db_path, demo_db, tmp_path):
    restricted = {r.reference for r in es.list_escalations(demo_db) if r.restricted}
    assert restricted
    member = open_database(str(demo_db_path), principal=Principal("M", Role.MEMBER))
    try:
        book = openpyxl.load_workbook(export_escalation_log(member, tmp_path / "m.xlsx"))
    finally:
        member.close()
    log = sheet_rows(book["Escalation log"])
    references = {line[0] for line in log[1:]}
    assert not references & restricted
    assert len(references) == len(es.list_escalations(demo_db)) - len(restricted)
    assert "Restricted" not in log[0]
    figures = dict(r[:2] for r in sheet_rows(book["Figures"])[1:4])
    assert figures["Escalations raised"] == len(references)
    assert "Contains restricted" not in str(sheet_rows(book["About"]))


def test_escalation_export_for_a_period(demo_db, tmp_path):
    since = TODAY.replace(day=1)
    expected = [r.reference for r in es.list_escalations(demo_db, since=since)]
    book = openpyxl.load_workbook(export_escalation_log(demo_db, tmp_path / "p.xlsx", since=since))
    assert [line[0] for line in sheet_rows(book["Escalation log"])[1:]] == expected
