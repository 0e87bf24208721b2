"""Import messages a partner can act on: re-save an .ods, a .csv named as one, a date the wrong
way round, and a row inserted after unprotecting the sheet reported (not silently dropped)."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from partnerboard.cli import main
from partnerboard.workbooks.importer import FileStatus, import_paths
from partnerboard.workbooks.section11 import layout as L
from partnerboard.workbooks.section11.template import round_context, write_template
from tests.fixtures_s11 import Answer, S11World, fill_return


def template(world: S11World, folder: Path) -> Path:
    context = round_context(world.db, world.round.id)
    return write_template(world.db, context, world.police.id, folder / "police-template.xlsx")


def only_message(world: S11World, path: Path) -> str:
    result = import_paths(world.db, [path]).files[0]
    assert result.status is FileStatus.REJECTED
    return " ".join(e.message for e in result.errors)


def test_an_ods_return_is_told_to_re_save_not_to_start_again(world, tmp_path, resave):
    filled = fill_return(template(world, tmp_path), tmp_path / "police.xlsx")
    ods = resave(filled, to="ods")
    message = only_message(world, ods)
    assert "OpenDocument spreadsheet (.ods)" in message
    assert "save it again as an Excel Workbook (.xlsx)" in message
    assert "Nothing needs typing again" in message and "template that was sent" not in message
    # And it is true: the same file re-saved as .xlsx imports.
    again = resave(ods, to="xlsx")
    assert import_paths(world.db, [again]).files[0].status is FileStatus.IMPORTED


def test_a_csv_is_called_a_csv(world, tmp_path):
    path = tmp_path / "police.csv"
    path.write_text("Ref,Rating\n1.1,Fully met\n", encoding="utf-8")
    message = only_message(world, path)
    assert "CSV file (.csv)" in message and "renamed" not in message
    renamed = tmp_path / "police.xlsx"
    renamed.write_text("Ref,Rating\n1.1,Fully met\n", encoding="utf-8")
    assert "a CSV or text file renamed .xlsx" in only_message(world, renamed)


def test_a_us_date_gets_the_dd_mm_yyyy_hint(world, tmp_path):
    first = world.framework.criteria[0].code
    filled = fill_return(
        template(world, tmp_path),
        tmp_path / "police.xlsx",
        answers={
            first: Answer(rating="Partially met", planned_action="Train", target="03/31/2027")
        },
    )
    message = only_message(world, filled)
    assert "“03/31/2027” is not a real date (day 3, month 31, year 2027)" in message
    assert "write it as dd/mm/yyyy, e.g. 31/03/2027" in message


def test_an_inserted_row_is_reported_in_the_result_and_the_json(
    world, tmp_path, capsys: pytest.CaptureFixture[str]
):
    filled = fill_return(template(world, tmp_path), tmp_path / "police.xlsx")
    book = openpyxl.load_workbook(filled)
    sheet = book[L.ASSESSMENT_SHEET]
    sheet.protection.sheet = False
    sheet.insert_rows(L.FIRST_ROW + 3)
    sheet[f"B{L.FIRST_ROW + 3}"] = "Our extra note"
    book.save(filled)

    result = import_paths(world.db, [filled]).files[0]
    assert result.status is FileStatus.IMPORTED  # the answers matched by reference still count
    assert len(result.warnings) == 1
    warning = result.warnings[0]
    assert (warning.sheet, warning.cell) == (L.ASSESSMENT_SHEET, f"B{L.FIRST_ROW + 3}")
    assert "Our extra note" in warning.message and "not imported" in warning.message

    path = world.db.target.path
    capsys.readouterr()
    main(["--db", str(path), "import", "--json", str(filled)])
    report = json.loads(capsys.readouterr().out)
    assert report["files"][0]["warnings"][0]["cell"] == f"B{L.FIRST_ROW + 3}"
    main(["--db", str(path), "import", str(filled)])
    assert "warning: Self-assessment!B9" in capsys.readouterr().out
