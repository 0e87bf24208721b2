"""A Section 11 template follows the conventions, and keeps them through a LibreOffice re-save."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from openpyxl.worksheet.cell_range import CellRange

from partnerboard.workbooks.metadata import META_SHEET
from partnerboard.workbooks.section11.template import (
    round_context,
    template_file_name,
    write_template,
)
from tests.fixtures_s11 import S11World, criterion_rows


def template(world: S11World, tmp_path: Path) -> Path:
    context = round_context(world.db, world.round.id)
    return write_template(world.db, context, world.police.id, tmp_path / "t.xlsx")


def validations(sheet) -> dict[str, tuple[str, str | None, str | None]]:
    """cell -> (type, formula1, prompt) for every validated cell of a sheet."""
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cells in validation.sqref.ranges:
            for row in CellRange(cells.coord).cells:
                ref = f"{openpyxl.utils.get_column_letter(row[1])}{row[0]}"
                found[ref] = (validation.type, validation.formula1, validation.prompt)
    return found


def check_conventions(path: Path, rows: dict[str, int]) -> openpyxl.Workbook:
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[0] == "Instructions"
    assert book["Lists"].sheet_state == "hidden"
    assert "RatingList" in book.defined_names
    sheet = book["Self-assessment"]
    assert sheet.protection.sheet
    checks = validations(sheet)
    for row in rows.values():
        assert checks[f"D{row}"][:2] == ("list", "RatingList")
        assert checks[f"H{row}"][0] == "date"
        assert checks[f"E{row}"][0] == "textLength"
        assert all(checks[f"{c}{row}"][2] for c in "DEFGH"), "every input cell has input help"
        assert not any(sheet[f"{c}{row}"].protection.locked for c in "DEFGH")
        assert sheet[f"A{row}"].protection.locked and sheet[f"B{row}"].protection.locked
    assert book["Sign-off"].protection.sheet
    return book


def test_template_conventions(world: S11World, tmp_path: Path) -> None:
    path = template(world, tmp_path)
    rows = criterion_rows(path)
    assert list(rows) == [c.code for c in world.framework.criteria]
    book = check_conventions(path, rows)
    assert book[META_SHEET].sheet_state == "veryHidden"
    assert book.security.lockStructure
    instructions = " ".join(
        str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value
    )
    assert "Wrenfield Constabulary" in instructions and "31/03/2026" in instructions


@pytest.mark.libreoffice
def test_conventions_survive_a_libreoffice_resave(world: S11World, tmp_path: Path, resave) -> None:
    path = template(world, tmp_path)
    book = check_conventions(resave(path), criterion_rows(path))
    assert book[META_SHEET].sheet_state == "hidden"  # LibreOffice unhides very hidden sheets


def test_file_names_are_safe_on_windows() -> None:
    assert template_file_name("2026", 'A/B: "C" <D>?') == "Section 11 2026 - A B C D.xlsx"
    assert (
        template_file_name("2026", "Wrenfield Homes.") == "Section 11 2026 - Wrenfield Homes.xlsx"
    )
