"""The action export reopens with real dates, RAG fills, a frozen header and an auto-filter,
and nothing a user typed turns into a formula (checked in openpyxl and through LibreOffice)."""

from __future__ import annotations

import shutil
import subprocess
from datetime import datetime, timedelta

import pytest
from openpyxl import load_workbook

from partnerboard.cli import main
from partnerboard.domain import palette
from partnerboard.exports.actions import COLUMNS, export_actions
from partnerboard.services import actions
from partnerboard.services.actions.filtering import ActionFilter, Show
from tests.clock import TODAY
from tests.conftest import need

HOSTILE = '=HYPERLINK("http://evil.example","click")'


def heading(sheet, title: str) -> int:
    return [c.value for c in sheet[1]].index(title) + 1


def test_the_workbook_reopens_with_dates_fills_and_filters(demo_db, tmp_path):
    wanted = ActionFilter(show=Show.ALL)
    result = export_actions(demo_db, tmp_path / "actions.xlsx", wanted, today=TODAY)
    rows = actions.list_actions(demo_db)
    assert result.rows == len(rows)
    book = load_workbook(result.path)
    sheet = book["Actions"]
    assert [c.value for c in sheet[1]] == [title for title, _width, _wrap in COLUMNS]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:P{len(rows) + 1}"
    assert sheet.column_dimensions["C"].width == 32
    by_ref = {sheet.cell(r, 1).value: r for r in range(2, sheet.max_row + 1)}
    assert len(by_ref) == len(rows)
    due, rag, overdue = heading(sheet, "Due"), heading(sheet, "RAG"), heading(sheet, "Overdue")
    for row in rows:
        line = by_ref[row.reference]
        cell = sheet.cell(line, due)
        if row.due_on is None:
            assert cell.value is None
        else:
            assert isinstance(cell.value, datetime) and cell.value.date() == row.due_on
            assert cell.number_format == "DD/MM/YYYY"
        rag_cell = sheet.cell(line, rag)
        swatch = palette.named_swatch(row.rag.value if row.rag else None)
        assert rag_cell.value == (row.rag.label if row.rag else "Not rated")
        assert rag_cell.fill.fgColor.rgb.endswith(swatch.fill.lstrip("#"))
        assert sheet.cell(line, overdue).value == ("Yes" if row.overdue(TODAY) else "No")
    progress = sheet.cell(by_ref["1.1"], heading(sheet, "Latest progress")).value
    assert progress  # the latest accepted narrative
    about = book["About this export"]
    assert about["B4"].value == "All actions"
    # It prints like every other export: A4 landscape, one page wide, headings on every page.
    setup = sheet.page_setup
    assert (int(setup.paperSize), setup.orientation) == (9, "landscape")
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet.print_title_rows == "$1:$1"


def test_typed_formulas_and_control_characters_stay_text(db, tmp_path):
    actions.create_action(db, actions.ActionInput(text=HOSTILE, lead_name="@SUM(A1:A3)"))
    action_id = actions.create_action(db, actions.ActionInput(text="Bell\x07 in the text"))
    actions.add_update(db, action_id, actions.UpdateInput(TODAY, "-2+3 partners replied", "amber"))
    path = export_actions(db, tmp_path / "hostile.xlsx").path
    sheet = load_workbook(path)["Actions"]
    assert sheet["C2"].value == HOSTILE and sheet["C2"].data_type == "s"
    assert sheet["G2"].value == "@SUM(A1:A3)" and sheet["G2"].data_type == "s"
    assert sheet["C3"].value == "Bell in the text"
    assert sheet["E3"].value == "-2+3 partners replied" and sheet["E3"].data_type == "s"
    with open(path, "rb") as handle:  # no formula element anywhere in the package
        import zipfile

        with zipfile.ZipFile(handle) as package:
            assert b"<f>" not in package.read("xl/worksheets/sheet1.xml")


@pytest.mark.libreoffice
def test_libreoffice_keeps_them_as_text(db, tmp_path):
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    need(soffice is not None, "LibreOffice is not installed")
    actions.create_action(db, actions.ActionInput(text=HOSTILE, due_on=TODAY + timedelta(days=3)))
    path = export_actions(db, tmp_path / "export.xlsx").path
    out = tmp_path / "resaved"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{tmp_path}/lo",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    sheet = load_workbook(out / "export.xlsx")["Actions"]
    assert sheet["C2"].value == HOSTILE and sheet["C2"].data_type == "s"
    assert sheet["K2"].value.date() == TODAY + timedelta(days=3)


def test_command_line_export_applies_the_filters(demo_db_path, tmp_path, capsys):
    out = tmp_path / "red.xlsx"
    code = main(["--db", str(demo_db_path), "export", "actions", "-o", str(out), "--rag", "red"])
    assert code == 0
    said = capsys.readouterr().out
    assert "Open actions, Red" in said
    sheet = load_workbook(out)["Actions"]
    values = {sheet.cell(r, heading(sheet, "RAG")).value for r in range(2, sheet.max_row + 1)}
    assert values == {"Red"}
    code = main(["--db", str(demo_db_path), "export", "actions", "-o", str(out), "--board", "Nope"])
    assert code != 0 and "no board called" in capsys.readouterr().err
