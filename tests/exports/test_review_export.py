"""The review register in Excel: read back with openpyxl and LibreOffice, never a live formula."""

from __future__ import annotations

import csv
import shutil
import subprocess
from datetime import date

import pytest
from openpyxl import load_workbook

from partnerboard.domain.access import Role
from partnerboard.exports.reviews import export_reviews
from partnerboard.services import actions, review_actions
from partnerboard.services.review_actions import RecommendationInput
from tests.conftest import need
from tests.services.review_helpers import TODAY, add_agencies, add_review, as_role

HOSTILE = "=2+3"


@pytest.fixture
def register(db):
    (police,) = add_agencies(db, "Wrenfield Constabulary")
    restricted = add_review(
        db,
        reference="RR-2026-07",
        agency_ids=[police],
        summary=HOSTILE,
        reviewer="@SUM(A1:A3)",
        learning_points="-1+1 and a bell\x07 and a form feed\x0c here",
        confidential_notes="CONFIDENTIAL-CASE-DETAIL",
    )
    public = add_review(
        db, reference="LCSPR Child M", kind="lcspr", restricted=False, aware_on=date(2025, 9, 29)
    )
    action = review_actions.add_recommendation(
        db, public.id, RecommendationInput("+Refresh training", police, due_on=date(2026, 12, 1))
    )
    actions.add_update(
        db, action, actions.UpdateInput(update_on=TODAY, narrative="Under way.", rag="amber")
    )
    return db, restricted, public


def cells(path) -> dict[str, list[list[object]]]:
    book = load_workbook(path)
    return {s.title: [[c.value for c in row] for row in s.iter_rows()] for s in book.worksheets}


def test_the_export_holds_reviews_deadlines_and_recommendations(register, tmp_path):
    db, _restricted, _public = register
    report = export_reviews(db, tmp_path / "reviews.xlsx", today=TODAY)
    assert (report.reviews, report.recommendations) == (2, 1)
    sheets = cells(report.path)
    assert list(sheets) == ["About", "Reviews", "Deadlines", "Recommendations"]
    references = [row[0] for row in sheets["Reviews"][1:]]
    assert references == ["RR-2026-07", "LCSPR Child M"]
    deadline = next(
        r for r in sheets["Deadlines"] if r[0] == "RR-2026-07" and r[1].startswith("Notify")
    )
    assert deadline[3] == (
        "aware Fri 22/05/2026 + 5 working days, skipping Mon 25/05/2026 (Spring bank holiday) "
        "= Mon 01/06/2026"
    )
    assert deadline[5] == "Overdue"
    assert sheets["Recommendations"][1][2:6] == [
        "+Refresh training",
        "Wrenfield",
        deadline_date(2026, 12, 1),
        "Amber",
    ]
    text = repr(sheets)
    assert "CONFIDENTIAL-CASE-DETAIL" not in text


def deadline_date(*parts):
    from datetime import datetime

    return datetime(*parts)


def test_typed_formulas_stay_text_and_control_characters_are_dropped(register, tmp_path):
    db, _, _ = register
    path = export_reviews(db, tmp_path / "reviews.xlsx", today=TODAY).path
    sheet = load_workbook(path)["Reviews"]
    row = {sheet.cell(1, c).value: sheet.cell(2, c) for c in range(1, sheet.max_column + 1)}
    assert row["What happened in brief"].value == HOSTILE
    assert row["What happened in brief"].data_type == "s"
    assert row["Reviewer"].value == "@SUM(A1:A3)" and row["Reviewer"].data_type == "s"
    assert row["Learning points"].value == "-1+1 and a bell and a form feed here"
    assert row["Became aware"].number_format == "DD/MM/YYYY"


def test_members_get_only_unrestricted_reviews(register, tmp_path):
    db, _, _ = register
    report = export_reviews(as_role(db, Role.MEMBER), tmp_path / "member.xlsx", today=TODAY)
    sheets = cells(report.path)
    assert [row[0] for row in sheets["Reviews"][1:]] == ["LCSPR Child M"]
    assert "RR-2026-07" not in repr(sheets)


@pytest.mark.libreoffice
def test_libreoffice_shows_the_typed_formula_as_text(register, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    need(soffice is not None, "LibreOffice is not installed")
    db, _, _ = register
    path = export_reviews(db, tmp_path / "reviews.xlsx", today=TODAY).path
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            # UTF-8, 'save cell contents as shown' (the dd/mm/yyyy format, not the locale's),
            # and the second sheet (Reviews; the first says what the workbook holds)
            "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,2",
            "--outdir",
            str(tmp_path),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    with open(tmp_path / "reviews-Reviews.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, first = rows[0], rows[1]
    assert first[header.index("What happened in brief")] == HOSTILE  # not 5
    assert first[header.index("Reviewer")] == "@SUM(A1:A3)"
    assert first[header.index("Became aware")] == "22/05/2026"
