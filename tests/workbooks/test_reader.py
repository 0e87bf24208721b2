"""The calamine reader: values, sheet visibility, bounds and formulas, on real files."""

from __future__ import annotations

import zipfile
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from openpyxl.styles import Font

from partnerboard.spreadsheets.reader import (
    UnreadableWorkbook,
    cell_ref,
    read_workbook,
    scan_sheet_xml,
    split_ref,
)
from partnerboard.spreadsheets.safety import Limits, UnsafeWorkbook


def test_cell_references() -> None:
    assert cell_ref(5, 3) == "C5"
    assert cell_ref(1, 16384) == "XFD1"
    assert split_ref("$AB$12") == (12, 28)
    with pytest.raises(ValueError):
        split_ref("12A")


def test_values_and_visibility(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Input"
    sheet["C3"] = "hello"
    sheet["D3"] = 5
    sheet["E3"] = date(2027, 3, 31)
    hidden = book.create_sheet("Hidden")
    hidden.sheet_state = "hidden"
    secret = book.create_sheet("Secret")
    secret.sheet_state = "veryHidden"
    secret["A1"] = "kind"
    book.save(tmp_path / "v.xlsx")
    with read_workbook(tmp_path / "v.xlsx") as read:
        states = {s.name: s.state for s in read.sheets}
        assert states == {"Input": "visible", "Hidden": "hidden", "Secret": "veryHidden"}
        values = read.sheet("Input")
        assert values is not None
        assert values.value("C3") == "hello"
        assert values.value("D3") == 5.0  # calamine: whole numbers come back as floats
        assert values.value("E3") == date(2027, 3, 31)
        assert values.value("A1") is None
        assert values.value("Z99") is None
        # a row's cells at once, as one by one: blank, beyond the row or the sheet are None
        for row in (1, 3, 4, 99):
            columns = (2, 3, 5, 4, 6, 40)
            assert values.values_at(row, columns) == [values.at(row, c) for c in columns]
        assert values.values_at(3, (3, 4, 5, 6)) == ["hello", 5.0, date(2027, 3, 31), None]
        assert read.sheet("Secret").value("A1") == "kind"  # type: ignore[union-attr]
        assert read.sheet("Nope") is None


def test_sheet_far_beyond_the_limits_is_refused_before_calamine(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active["XFD1048576"] = "far away"
    book.save(tmp_path / "far.xlsx")
    with read_workbook(tmp_path / "far.xlsx") as read, pytest.raises(UnreadableWorkbook) as caught:
        read.sheet("Sheet")
    assert caught.value.code == "too_big"
    assert "XFD1048576" in str(caught.value)


def test_formatted_empty_cells_do_not_count(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.active["XFD1048576"].font = Font(bold=True)
    book.save(tmp_path / "styled.xlsx")
    with read_workbook(tmp_path / "styled.xlsx") as read:
        assert read.sheet("Sheet").value("A1") == "x"  # type: ignore[union-attr]


def test_formulas_are_found_with_their_cells(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = 1
    sheet["B2"] = "=1+1"
    sheet["C3"] = "=SUM(A1:A2)"
    book.save(tmp_path / "f.xlsx")
    with read_workbook(tmp_path / "f.xlsx") as read:
        values = read.sheet("Sheet")
        assert values is not None
        assert values.formulas == {"B2": "1+1", "C3": "SUM(A1:A2)"}
        assert values.formula("A1") is None


def test_shared_and_array_formulas_in_raw_xml() -> None:
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1"><f t="shared" ref="A1:A2" si="0">B1*2</f><v>999</v></c></row>'
        b'<row r="2"><c r="A2"><f t="shared" si="0"/><v>999</v></c>'
        b'<c r="D2"><f t="array" ref="D2:E3">B1:C2*2</f><v>1</v></c><c r="E2"><v>2</v></c></row>'
        b"</sheetData></worksheet>"
    )
    scan = scan_sheet_xml(xml, Limits())
    assert set(scan.formulas) == {"A1", "A2", "D2", "E2", "D3", "E3"}
    assert scan.max_row == 2 and scan.max_column == 5


def test_cells_without_references_are_placed_by_position() -> None:
    xml = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="7"><c><v>1</v></c><c><v>2</v></c><c><v>3</v></c></row>'
        b"</sheetData></worksheet>"
    )
    scan = scan_sheet_xml(xml, Limits())
    assert (scan.max_row, scan.max_column, scan.cells) == (7, 3, 3)


def test_entity_declarations_are_refused(tmp_path: Path) -> None:
    """A DTD with entities in the workbook part: refused by the guard before any parser, plainly."""
    book = openpyxl.Workbook()
    book.save(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as original:
        parts = {i.filename: original.read(i) for i in original.infolist()}
    body = parts["xl/workbook.xml"]
    body = body.split(b"?>", 1)[1] if body.startswith(b"<?xml") else body
    parts["xl/workbook.xml"] = (
        b'<!DOCTYPE lol [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>' + body
    )
    with zipfile.ZipFile(tmp_path / "dtd.xlsx", "w") as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    with pytest.raises(UnsafeWorkbook, match="DOCTYPE or entities") as caught:
        read_workbook(tmp_path / "dtd.xlsx")
    assert caught.value.code == "xml_entities"


def test_a_declared_dimension_that_no_cell_reaches_is_refused(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "x"
    book.save(tmp_path / "ok.xlsx")
    with zipfile.ZipFile(tmp_path / "ok.xlsx") as original:
        parts = {i.filename: original.read(i) for i in original.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b'<dimension ref="A1:A1"/>' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(
        b'<dimension ref="A1:A1"/>', b'<dimension ref="A1:XFD1048576"/>'
    )
    with zipfile.ZipFile(tmp_path / "lies.xlsx", "w") as copy:
        for name, data in parts.items():
            copy.writestr(name, data)
    with read_workbook(tmp_path / "lies.xlsx") as read, pytest.raises(UnreadableWorkbook) as caught:
        read.sheet("Sheet")
    assert caught.value.code == "too_big"
    assert "declares that it reaches cell XFD1048576" in str(caught.value)


@pytest.mark.libreoffice
def test_libreoffice_booleans_are_not_formulas(tmp_path: Path, resave) -> None:
    """LibreOffice writes TRUE as the formula TRUE(); a real formula stays a formula."""
    book = openpyxl.Workbook()
    book.active["A1"] = True
    book.active["A2"] = "=2+2"
    book.save(tmp_path / "b.xlsx")
    saved = resave(tmp_path / "b.xlsx")
    with zipfile.ZipFile(saved) as archive:
        assert b"TRUE()" in archive.read("xl/worksheets/sheet1.xml")
    with read_workbook(saved) as read:
        sheet = read.sheet("Sheet")
        assert sheet is not None
        assert sheet.value("A1") is True
        assert sheet.formulas == {"A2": "2+2"}


def test_workbooks_sharing_a_sheet_list_each_read_their_own_parts(tmp_path: Path) -> None:
    """Returns of one template share their list of sheets byte for byte (it is parsed once),
    but a sheet whose part is missing from one file is absent from that file only."""
    book = openpyxl.Workbook()
    book.active.title = "Input"
    book.active["A1"] = "first"
    book.create_sheet("Second")["A1"] = "second"
    book.save(tmp_path / "whole.xlsx")
    with (
        zipfile.ZipFile(tmp_path / "whole.xlsx") as whole,
        zipfile.ZipFile(tmp_path / "gap.xlsx", "w", zipfile.ZIP_DEFLATED) as gap,
    ):
        for info in whole.infolist():
            if info.filename != "xl/worksheets/sheet2.xml":
                gap.writestr(info, whole.read(info))
    for name, second in (("whole", "second"), ("gap", None), ("whole", "second")):
        with read_workbook(tmp_path / f"{name}.xlsx") as read:
            assert [s.name for s in read.sheets] == ["Input", "Second"]
            assert read.sheet("Input").value("A1") == "first"  # type: ignore[union-attr]
            found = read.sheet("Second")
            assert (found.value("A1") if found else None) == second
