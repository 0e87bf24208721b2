"""defusedxml under openpyxl, and partner file names made safe where they are stored and reused."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from openpyxl import xml as openpyxl_xml
from sqlalchemy import text

from partnerboard.domain.safe_text import partner_file_name, printable
from partnerboard.spreadsheets import safety
from partnerboard.workbooks.error_list import error_list_file_name
from partnerboard.workbooks.importer import FileResult, FileStatus, import_paths
from tests.fixtures.hostile import make_corpus

SRC = Path(safety.__file__).parents[1]


def test_openpyxl_parses_with_defusedxml_here() -> None:
    assert openpyxl_xml.DEFUSEDXML is True
    assert safety.openpyxl_for_partner_files().load_workbook


def test_partner_files_are_refused_when_openpyxl_lacks_defusedxml(monkeypatch) -> None:
    monkeypatch.setattr(openpyxl_xml, "DEFUSEDXML", False)
    with pytest.raises(safety.UnsafeWorkbook, match="defusedxml") as caught:
        safety.openpyxl_for_partner_files()
    assert caught.value.code == "xml_unprotected"


def test_no_code_opens_a_workbook_with_openpyxl_except_through_the_guard() -> None:
    """Every `load_workbook` in the app must be reached through `openpyxl_for_partner_files`."""
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if re.search(r"\bload_workbook\b", path.read_text(encoding="utf-8"))
        and "openpyxl_for_partner_files" not in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


@pytest.mark.parametrize(
    ("given", "safe"),
    [
        ("../../x.xlsx", "x.xlsx"),
        ("..\\..\\x.xlsx", "x.xlsx"),
        ("ret\x1b[2Jurn\n.xlsx", "ret_[2Jurn_.xlsx"),
        ("invoice\u202excod.xlsx", "invoice_xcod.xlsx"),
        ("CON.xlsx", "_CON.xlsx"),
        ('a<b>:"c"|?*.xlsx', "a_b___c____.xlsx"),
        ("..", "unnamed file"),
        ("Return – Police (final).xlsx", "Return – Police (final).xlsx"),
    ],
)
def test_partner_file_names(given: str, safe: str) -> None:
    assert partner_file_name(given) == safe


def test_long_names_keep_their_suffix_and_printable_text() -> None:
    assert partner_file_name("x" * 500 + ".xlsx").endswith("x.xlsx")
    assert len(partner_file_name("x" * 500 + ".xlsx")) == 200
    assert printable("a\x1b[31mb\u202ec\nd") == "a?[31mb?c d"


def test_hostile_names_are_stored_and_reused_safely(tmp_path: Path) -> None:
    db, _world = make_corpus.corpus_database(tmp_path / "db.sqlite")
    hostile = tmp_path / "Police\x1b[2J\u202e return\n.xlsx"
    hostile.write_bytes(make_corpus.base_return(tmp_path / "base"))
    try:
        [result] = import_paths(db, [hostile]).files
        assert result.status == FileStatus.IMPORTED, result.errors
        with db.engine.connect() as connection:
            stored = connection.execute(text("SELECT file_name FROM s11_submission")).scalar_one()
    finally:
        db.close()
    assert stored == "Police_[2J_ return_.xlsx" == result.name
    rejected = FileResult(tmp_path / "..\\..\\evil\x07.xlsx", FileStatus.REJECTED)
    assert error_list_file_name(rejected) == "evil_ - corrections.xlsx"
