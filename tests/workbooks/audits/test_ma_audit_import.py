"""Multi-agency audit returns in: filled as partners fill them, re-saved by LibreOffice, imported
whole through the shared importer, or rejected whole with the cell and a message and the
database unchanged."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import openpyxl
import pytest

from partnerboard.cli import main
from partnerboard.domain.audits import AuditStatus, Grade
from partnerboard.services import audits, partnership
from partnerboard.workbooks.importer import FileStatus, import_paths
from partnerboard.workbooks.ma_audit.template import audit_context, write_template
from partnerboard.workbooks.metadata import META_SHEET, Metadata, write_metadata
from tests.fixtures_audits import AuditWorld, fill_audit_return, snapshot

LONG = "x" * 4001


def template(world: AuditWorld, agency_id: int, folder: Path) -> Path:
    context = audit_context(world.db, world.audit.id)
    return write_template(world.db, context, agency_id, folder / f"template-{agency_id}.xlsx")


def filled(world: AuditWorld, agency_id: int, folder: Path, **kwargs) -> Path:
    return fill_audit_return(
        template(world, agency_id, folder), folder / f"filled-{agency_id}.xlsx", **kwargs
    )


def only(world: AuditWorld, path: Path):
    report = import_paths(world.db, [path])
    assert len(report.files) == 1
    return report.files[0]


def rejected_with(world: AuditWorld, path: Path, *expected: tuple[str, str, str]):
    """Import `path`: rejected with each (sheet, cell, fragment), and nothing written."""
    before = snapshot(world.db)
    result = only(world, path)
    found = [(e.sheet, e.cell, e.message) for e in result.errors]
    assert result.status == FileStatus.REJECTED, found
    for sheet, cell, fragment in expected:
        assert any(s == sheet and c == cell and fragment in m for s, c, m in found), found
    assert snapshot(world.db) == before
    return result


def grades(world: AuditWorld) -> dict[tuple[str, str], str | None]:
    return {
        (r.case_reference, r.agency_name): r.grade.label if r.grade else None
        for r in audits.grade_rows(world.db, world.audit.id)
    }


@pytest.mark.libreoffice
def test_returns_filled_and_resaved_by_libreoffice_import(
    audit_world: AuditWorld, tmp_path: Path, resave
) -> None:
    w = audit_world
    police = filled(w, w.police.id, tmp_path, answers={
        "NG-2026-03": ("Strategy discussion attended.", "Risk not recognised early.", "inadequate", "Link up incidents."),
    })  # fmt: skip
    health = filled(w, w.health.id, tmp_path, answers={
        "NG-2026-02": ("Health visits.", "Appointments missed.", "RI", None),
    })  # fmt: skip
    saved = [resave(police), resave(health)]
    report = import_paths(w.db, saved)
    assert [f.status for f in report.files] == [FileStatus.IMPORTED, FileStatus.IMPORTED], (
        report.to_json()
    )
    first = report.files[0]
    assert (first.kind, first.agency, first.context, first.records) == (
        "ma_audit", "Wrenfield Constabulary", "Audit Neglect 2026", 2,
    )  # fmt: skip
    assert grades(w) == {
        ("NG-2026-01", "Wrenfield Community Health"): "Good",
        ("NG-2026-01", "Wrenfield Constabulary"): "Good",
        ("NG-2026-02", "Heronsgate Academy"): None,
        ("NG-2026-02", "Wrenfield Community Health"): "Requires improvement",
        ("NG-2026-03", "Heronsgate Academy"): None,
        ("NG-2026-03", "Wrenfield Constabulary"): "Inadequate",
    }
    row = next(r for r in audits.grade_rows(w.db, w.audit.id) if r.grade == Grade.INADEQUATE)
    assert (row.involvement, row.reflection, row.learning) == (
        "Strategy discussion attended.", "Risk not recognised early.", "Link up incidents.",
    )  # fmt: skip
    assert row.flagged and row.reaudit == "Re-audit due"
    # The same values again (another re-save changes the bytes, not the values): unchanged.
    again = import_paths(w.db, [resave(police)])
    assert again.files[0].status == FileStatus.UNCHANGED


def test_a_changed_return_supersedes_only_the_changed_case(
    audit_world: AuditWorld, tmp_path: Path
) -> None:
    w = audit_world
    assert only(w, filled(w, w.police.id, tmp_path)).status == FileStatus.IMPORTED
    rows = {
        r.case_reference: r
        for r in audits.grade_rows(w.db, w.audit.id)
        if r.agency_id == w.police.id
    }
    audits.moderate(
        w.db,
        rows["NG-2026-01"].return_id,
        audits.ModerationInput(True, "Lead", datetime(2026, 7, 1).date()),
    )
    second = tmp_path / "second"
    second.mkdir()
    changed = filled(
        w,
        w.police.id,
        second,
        answers={"NG-2026-03": ("Visits", "Drift", "Requires improvement", None)},
    )
    assert only(w, changed).status == FileStatus.IMPORTED
    after = {
        r.case_reference: r
        for r in audits.grade_rows(w.db, w.audit.id)
        if r.agency_id == w.police.id
    }
    assert (
        after["NG-2026-01"].return_id == rows["NG-2026-01"].return_id and after["NG-2026-01"].agreed
    )
    assert (
        after["NG-2026-03"].grade == Grade.REQUIRES_IMPROVEMENT
        and after["NG-2026-03"].agreed is None
    )


def test_import_through_the_command_line(
    audit_world: AuditWorld, db_path: Path, tmp_path: Path, capsys
) -> None:
    path = filled(audit_world, audit_world.school.id, tmp_path)
    assert main(["--db", str(db_path), "import", "--json", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["counts"] == {"imported": 1, "unchanged": 0, "rejected": 0}
    assert (
        out["files"][0]["kind"] == "ma_audit"
        and out["files"][0]["kind_title"] == "Multi-agency audit return"
    )
    assert out["files"][0]["agency"] == "Heronsgate Academy" and out["files"][0]["records"] == 2


# ---------------------------------------------------------------- rejections: nothing written


def test_grade_outside_the_list(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    path = filled(
        w, w.police.id, tmp_path, answers={"NG-2026-03": ("Visits", "Drift", "Very good", None)}
    )
    rejected_with(
        w,
        path,
        (
            "Cases",
            "D8",
            "Case NG-2026-03: “Very good” is not a grade: choose one of Outstanding, Good, Requires improvement, Inadequate.",
        ),
    )


def test_case_not_in_the_agency_s_sample(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world

    def swap(book) -> None:
        book["Cases"].protection.sheet = False
        book["Cases"]["A8"] = "NG-2026-02"  # a case of the audit the police were not involved in

    path = filled(w, w.police.id, tmp_path, edit=swap)
    rejected_with(
        w, path, ("Cases", "A8", "Case NG-2026-02 is not in Wrenfield Constabulary's sample")
    )


def test_agency_no_longer_in_the_audit(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    path = filled(w, w.school.id, tmp_path)
    audits.save_audit(
        w.db,
        audits.AuditInput("Neglect", "Neglect 2026", agency_ids=[w.police.id, w.health.id]),
        w.audit.id,
    )
    rejected_with(
        w, path, ("", "", "Heronsgate Academy is not taking part in the audit “Neglect 2026”")
    )


def test_audit_that_no_longer_takes_returns(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    path = filled(w, w.police.id, tmp_path)
    for status in (AuditStatus.MODERATION, AuditStatus.REPORTED):
        audits.set_status(w.db, w.audit.id, status)
    rejected_with(w, path, ("", "", "The audit “Neglect 2026” is reported: returns are closed."))


def _signed_for(world: AuditWorld, path: Path, target: Path, audit_id: int) -> Path:
    """The file with genuine metadata naming another audit (as its own template would)."""
    book = openpyxl.load_workbook(path)
    del book[META_SHEET]
    metadata = Metadata("ma_audit", "1", "Wrenfield Safeguarding Partnership", datetime(2026, 5, 1),
                        {"audit_id": str(audit_id), "audit": "Other", "agency_id": str(world.police.id),
                         "agency": "Wrenfield Constabulary"})  # fmt: skip
    write_metadata(book, metadata, partnership.template_key(world.db))
    book.save(target)
    return target


def test_wrong_audit(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world
    path = filled(w, w.police.id, tmp_path)
    rejected_with(
        w, _signed_for(w, path, tmp_path / "gone.xlsx", 999), ("", "", "no longer exists")
    )
    other = audits.save_audit(
        w.db,
        audits.AuditInput(
            "Neglect", "Neglect 2027", agency_ids=[w.police.id], status="in_progress"
        ),
    )
    audits.save_case(w.db, other.id, audits.CaseInput("NG-2027-01", [w.police.id]))
    rejected_with(
        w, _signed_for(w, path, tmp_path / "other.xlsx", other.id),
        ("Cases", "A7", "“NG-2026-01” is not a case of the audit “Neglect 2027”"),
        ("Cases", "A8", "“NG-2026-03” is not a case of the audit “Neglect 2027”"),
    )  # fmt: skip


def test_every_problem_in_a_return_is_listed(audit_world: AuditWorld, tmp_path: Path) -> None:
    w = audit_world

    def damage(book) -> None:
        book["Cases"]["C7"] = "=B7"

    path = filled(
        w, w.police.id, tmp_path, answers={"NG-2026-03": (None, "Reflection", "Good", LONG)},
        sign_off={"B5": "not an e-mail", "B6": None}, edit=damage,
    )  # fmt: skip
    rejected_with(
        w, path,
        ("Cases", "C7", "The cell holds a formula (=B7)"),
        ("Cases", "B8", "Case NG-2026-03: Describe your agency's involvement."),
        ("Cases", "E8", "Learning is 4001 characters long; at most 4000 fit."),
        ("Sign-off", "B6", "Date completed is required."),
    )  # fmt: skip
