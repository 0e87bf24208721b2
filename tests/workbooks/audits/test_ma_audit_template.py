"""Multi-agency audit return templates: one per agency, its own cases only, the shared conventions."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from partnerboard.errors import UserError
from partnerboard.services import audits
from partnerboard.workbooks.importer import import_paths
from partnerboard.workbooks.ma_audit.template import (
    audit_context,
    template_file_name,
    write_template,
    write_templates,
)
from tests.fixtures_audits import AuditWorld, case_rows, fill_audit_return


def template(world: AuditWorld, agency_id: int, folder: Path) -> Path:
    context = audit_context(world.db, world.audit.id)
    return write_template(world.db, context, agency_id, folder / f"t-{agency_id}.xlsx")


def test_a_template_lists_the_agency_s_cases_only(audit_world: AuditWorld, tmp_path: Path) -> None:
    path = template(audit_world, audit_world.police.id, tmp_path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Instructions", "Lists", "Cases", "Sign-off", "pb_metadata"]
    assert book["pb_metadata"].sheet_state == "veryHidden" and book["Lists"].sheet_state == "hidden"
    cases = book["Cases"]
    assert case_rows(path) == {"NG-2026-01": 7, "NG-2026-03": 8}
    assert cases["A6"].value == "Case reference" and cases["D6"].value == "Grade"
    assert cases.protection.sheet and cases["A7"].protection.locked
    assert not any(cases[f"{c}7"].protection.locked for c in "BCDE")
    [grades] = [v for v in cases.data_validations.dataValidation if v.type == "list"]
    assert grades.formula1 == "GradeList" and set(str(grades.sqref).split()) == {"D7", "D8"}
    assert [c.value for c in book["Lists"]["A"][1:5]] == [
        "Outstanding", "Good", "Requires improvement", "Inadequate",
    ]  # fmt: skip
    metadata = {r[0].value: r[1].value for r in book["pb_metadata"].iter_rows(min_row=3)}
    assert metadata["kind"] == "ma_audit" and metadata["audit_id"] == str(audit_world.audit.id)
    instructions = " ".join(
        str(c.value) for row in book["Instructions"].iter_rows() for c in row if c.value
    )
    assert "Was cumulative harm recognised?" in instructions
    assert "Do not write any child's or family member's name, date of birth" in instructions


def test_templates_are_refused_where_there_is_nothing_to_return(
    audit_world: AuditWorld, tmp_path: Path
) -> None:
    w = audit_world
    with pytest.raises(UserError, match="Open Door Youth Project is not taking part"):
        template(w, w.charity.id, tmp_path)
    audits.save_audit(
        w.db, audits.AuditInput("Neglect", "Neglect 2026", agency_ids=[w.police.id, w.health.id, w.school.id, w.charity.id]),
        w.audit.id,
    )  # fmt: skip
    with pytest.raises(UserError, match="not involved in any case"):
        template(w, w.charity.id, tmp_path)
    written = write_templates(w.db, w.audit.id, tmp_path / "all")
    assert sorted(p.name for p in written.paths) == sorted(
        template_file_name("Neglect 2026", a.name) for a in (w.police, w.health, w.school)
    )
    assert written.without_cases == ["Open Door Youth Project"]


def test_a_new_template_carries_the_current_return(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    first = template(w, w.health.id, tmp_path)
    filled = fill_audit_return(
        first, tmp_path / "filled.xlsx", {"NG-2026-02": ("Visits", "Drift", "Inadequate", None)}
    )
    assert import_paths(w.db, [filled]).ok
    again = openpyxl.load_workbook(template(w, w.health.id, tmp_path / "again"))["Cases"]
    rows = {again.cell(r, 1).value: [again.cell(r, c).value for c in range(2, 6)] for r in (7, 8)}
    assert rows["NG-2026-02"] == ["Visits", "Drift", "Inadequate", None]
    assert rows["NG-2026-01"][2] == "Good"
