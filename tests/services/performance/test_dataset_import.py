"""Bringing an existing dataset in: a workbook laid out as partnerships keep theirs (one
indicator per row, Q1–Q4 columns under a title naming the year, themes as heading rows, '-'
where there is no figure, a definitions sheet), after the published layout of the Greater
Manchester core dataset and the key performance data tables of its partnerships; a CSV of the
same; --map for a header it does not know; and a broken file refused whole."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
import pytest

from partnerboard.cli import main
from partnerboard.domain.actions import Rag
from partnerboard.domain.public_sector_year import Period
from partnerboard.services import partnership as p
from partnerboard.services import performance as perf
from partnerboard.services.performance.dataset_import import (
    parse_overrides,
    plan_dataset,
    run_plan,
)

TITLE = "Wrenshire Safeguarding Children Partnership – Core dataset 2025/26"
HEADER = ["Ref", "Key Performance Indicator", "Data source", "Polarity", "Target", "Q1", "Q2", "Q3", "Q4", "Year", "Comments"]  # fmt: skip
ROWS = [
    ["1. Front door"],
    ["1.1", "Number of contacts to the MASH", "Children's Social Care", "", "", 980, 1012, 1040, 995, 4027, ""],
    ["1.2", "% of referrals that were re-referrals within 12 months", "Children's Social Care", "Low", "20%", 18.2, 19.5, 21.3, "-", None, "Q4 not yet validated"],
    ["1.3", "Average number of working days until MASH decision", "Children's Social Care", "Low", 1, 1.79, 3.37, 2.31, 1.08, 2.14, ""],
    ["2. Child protection"],
    ["2.1", "Rate of children subject to a child protection plan per 10,000 children", "Children's Social Care", "", "", 41.2, 43.0, 44.8, 45.1, None, ""],
    ["2.2", "% of initial child protection conferences within 15 working days", "Children's Social Care", "High", 0.85, 0.81, 0.86, 0.79, 0.88, None, ""],
    ["3. Exploitation"],
    ["3.4(a)", "Number of children missing from home (Total)", "Constabulary", "", "", 92, 72, 86, 78, 328, ""],
    ["3.5", "% of children who had an independent return interview", "Children's Social Care", "High", 95, 76.9, 73.4, 79.1, 82.6, 78, ""],
]  # fmt: skip
DEFINITIONS = [
    ["Ref", "Measure", "Definition", "Numerator", "Denominator", "Frequency", "Aim (up/down)"],
    ["1.2", "Re-referrals", "Referrals in the quarter for a child referred in the previous 12 months.", "Referrals within 12 months of a previous referral", "All referrals in the quarter", "Quarterly", "down"],
    ["2.2", "ICPC timeliness", "Initial conferences held within 15 working days of the strategy discussion.", "", "", "Quarterly", "up"],
    ["3.5", "Return interviews", "Children returning from a missing episode who had an independent interview.", "", "", "Quarterly", "up"],
]  # fmt: skip


def write_dataset(path: Path, rows=ROWS, definitions=DEFINITIONS) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "KPIs 2025-26"
    sheet["A1"] = TITLE
    sheet["A2"] = "Key performance data submitted to the Quality Assurance sub-group"
    for column, header in enumerate(HEADER, start=1):
        sheet.cell(4, column, header)
    for number, row in enumerate(rows, start=5):
        for column, value in enumerate(row, start=1):
            sheet.cell(number, column, value)
        if len(row) == 1:
            sheet.merge_cells(start_row=number, start_column=1, end_row=number, end_column=11)
    for number, row in enumerate(rows, start=5):
        if len(row) > 1 and str(row[1]).startswith("% of initial"):
            for column in range(6, 10):
                sheet.cell(number, column).number_format = "0%"  # kept as fractions of 1
    definitions_sheet = book.create_sheet("Definitions")
    for row in definitions:
        definitions_sheet.append(row)
    book.save(path)
    return path


@pytest.fixture
def agencies(db):
    p.save_agency(db, p.AgencyInput(name="Children's Social Care", sector="local_authority"))
    p.save_agency(
        db, p.AgencyInput(name="Wrenshire Constabulary", short_name="Police", sector="police")
    )


def test_a_partnerships_dataset_is_read_with_its_definitions(db, agencies, tmp_path):
    path = write_dataset(tmp_path / "Core dataset 2025-26.xlsx")
    plan = plan_dataset(db, path, overrides=parse_overrides(["polarity=Aim (up/down)"]))
    assert plan.errors == [], plan.errors
    assert (plan.sheet, plan.header_row, plan.definitions_sheet) == (
        "KPIs 2025-26",
        4,
        "Definitions",
    )
    assert [q.label for q in plan.periods] == [
        "Q1 2025/26",
        "Q2 2025/26",
        "Q3 2025/26",
        "Q4 2025/26",
    ]
    notes = " | ".join(p.message for p in plan.problems)
    assert "Column “Year” was not read" in notes and "Column “Comments” was not read" in notes
    assert "No agency in the register is called “Constabulary”" in notes
    assert "read as fractions" in notes
    report = run_plan(db, plan)
    assert report.written and report.ok
    assert (report.created, report.figures) == (7, 28)  # one of the 28 "-": not available
    rows = {r.reference: r for r in perf.list_indicators(db)}
    assert set(rows) == {"1.1", "1.2", "1.3", "2.1", "2.2", "3.4(a)", "3.5"}
    rereferrals = rows["1.2"]
    assert (rereferrals.unit.value, rereferrals.polarity.value, rereferrals.target) == (
        "percentage", "lower", 20,
    )  # fmt: skip
    assert rereferrals.theme == "Front door" and rereferrals.agency_name == "Children's Social Care"
    assert rereferrals.definition.startswith("Referrals in the quarter")
    assert rows["1.3"].unit.value == "days" and rows["2.1"].unit.value == "rate"
    assert rows["3.4(a)"].polarity.value == "context" and rows["3.4(a)"].agency_id is None
    values = {v.period.label: v.row for v in perf.period_values(db, rereferrals.id)}
    assert values["Q4 2025/26"].not_available and "“-”" in values["Q4 2025/26"].reason
    assert values["Q3 2025/26"].value == 21.3
    conferences = {v.period.label: v.row.value for v in perf.period_values(db, rows["2.2"].id)}
    assert conferences["Q1 2025/26"] == pytest.approx(81.0)  # a fraction read as a percentage
    card = perf.build_scorecard(db, Period.from_key("2025/26-Q4"))
    scored = {r.indicator.reference: r for r in card.rows}
    assert scored["3.5"].rag is Rag.RED and scored["2.2"].rag is Rag.GREEN
    assert scored["2.2"].direction.value == "improving"  # 79% -> 88%, higher is better
    assert scored["1.2"].not_available
    # A second run adds nothing: the indicators are there and hold the same figures.
    again = run_plan(
        db, plan_dataset(db, path, overrides=parse_overrides(["polarity=Aim (up/down)"]))
    )
    assert again.ok and (again.created, again.figures) == (0, 0)


def test_the_same_dataset_as_csv(db, agencies, tmp_path):
    path = tmp_path / "core dataset 2025-26.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([TITLE])
        writer.writerow(HEADER)
        for row in ROWS:
            writer.writerow(["" if v is None else v for v in row])
    report = run_plan(db, plan_dataset(db, path))
    assert report.ok and report.created == 7
    # Without the definitions sheet there is no polarity for 2.2; its column says High.
    assert perf.find_indicator(db, "2.2").polarity.value == "higher"


def test_a_broken_dataset_is_refused_whole(db, agencies, tmp_path):
    broken = [list(r) for r in ROWS]
    broken[1][6] = "about a thousand"  # 1.1 Q2
    broken[2][7] = 140  # a percentage of 140
    broken[8][5] = 92.5  # a count with a fraction
    path = write_dataset(tmp_path / "broken.xlsx", rows=broken)
    plan = plan_dataset(db, path)
    messages = [(e.row, e.reference, e.message) for e in plan.errors]
    assert (6, "1.1", "Q2 2025/26: The figure: “about a thousand” is not a number.") in messages
    assert any(r == "1.2" and "140% is impossible" in m for _row, r, m in messages)
    assert any(r == "3.4(a)" and "whole number" in m for _row, r, m in messages)
    report = run_plan(db, plan)
    assert not report.written and not report.ok
    assert perf.list_indicators(db) == []


def test_the_command_maps_a_header_and_refuses_a_broken_file(db_path, agencies, tmp_path, capsys):
    path = write_dataset(tmp_path / "dataset.xlsx")
    status = main(["--db", str(db_path), "import-dataset", "--dry-run", str(path)])
    printed = capsys.readouterr().out
    assert status == 0 and "Dry run: 7 indicator(s) and 28 figure(s) would be imported" in printed
    status = main(
        ["--db", str(db_path), "import-dataset", "--map", "polarity=Aim (up/down)", str(path)]
    )
    assert status == 0 and "7 indicator(s) added" in capsys.readouterr().out
    broken = [list(r) for r in ROWS]
    broken[1][5] = "n.k."
    status = main(
        ["--db", str(db_path), "import-dataset", str(write_dataset(tmp_path / "b.xlsx", broken))]
    )
    printed = capsys.readouterr().out
    assert status == 1 and "PROBLEM" in printed and "Nothing was written" in printed
    status = main(["--db", str(db_path), "import-dataset", "--map", "colour=Ref", str(path)])
    assert status != 0 and "--map colour=Ref" in capsys.readouterr().err
