"""Section 11 returns in: templates filled as partners fill them, re-saved by LibreOffice,
imported whole or rejected whole with a specific message and the database untouched."""

from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.marking import classify
from partnerboard.domain.section11 import ReturnStatus
from partnerboard.services import partnership
from partnerboard.services import section11 as s11
from partnerboard.services.section11 import set_scope
from partnerboard.spreadsheets.cells import cell_date, cell_text
from partnerboard.spreadsheets.reader import read_workbook
from partnerboard.workbooks.conventions import TemplateWriter
from partnerboard.workbooks.importer import FileStatus, ImportReport, import_paths
from partnerboard.workbooks.metadata import Metadata
from partnerboard.workbooks.section11.template import round_context, write_template
from tests.fixtures_s11 import Answer, S11World, criterion_rows, fill_return, make_world, snapshot

PARTLY = Answer(
    rating="Partially met",
    evidence="Training compliance at level 3 is 78% against a target of 90%.",
    planned_action="Targeted reminders to managers; monthly report to the board.",
    owner="Head of Learning",
    target="31/03/2027",  # typed as text, as a partner would
)


def template_for(world: S11World, agency_id: int, folder: Path, prefill: bool = False) -> Path:
    context = round_context(world.db, world.round.id)
    return write_template(
        world.db, context, agency_id, folder / f"template-{agency_id}.xlsx", prefill
    )


def only(report: ImportReport):
    assert len(report.files) == 1
    return report.files[0]


def rejected_with(world: S11World, path: Path, *fragments: str):
    """Import `path`: it must be rejected with every fragment in its messages, nothing written."""
    before = snapshot(world.db)
    result = only(import_paths(world.db, [path]))
    messages = " | ".join(e.message for e in result.errors)
    assert result.status == FileStatus.REJECTED, messages
    for fragment in fragments:
        assert fragment in messages
    assert snapshot(world.db) == before
    return result


# ---------------------------------------------------------------- the round trip


@pytest.mark.libreoffice
def test_filled_template_resaved_by_libreoffice_imports_and_prefills_back(
    world: S11World, tmp_path: Path, resave
) -> None:
    template = template_for(world, world.police.id, tmp_path)
    filled = fill_return(
        template,
        tmp_path / "filled.xlsx",
        answers={"5.2": PARTLY, "4.3": Answer(rating="not applicable", evidence=None)},
    )
    saved = resave(filled)
    with read_workbook(saved) as read:  # LibreOffice unhides it: why every value is re-checked
        assert read.info("pb_metadata").state == "hidden"  # type: ignore[union-attr]
    result = only(import_paths(world.db, [saved]))
    assert result.status == FileStatus.IMPORTED, result.errors
    assert (result.kind, result.agency, result.context) == (
        "s11",
        "Wrenfield Constabulary",
        "Round 2026",
    )
    assert result.records == len(world.framework.criteria)

    the_return = s11_return(world)
    assert the_return.status == ReturnStatus.RETURNED
    assert the_return.submitted_by == "Una Underwood"
    answers = {a.code: a for a in s11_answers(world)}
    assert answers["5.2"].rating == "partially_met"
    assert answers["5.2"].target_date == date(2027, 3, 31)
    assert answers["5.2"].planned_action == PARTLY.planned_action
    assert answers["4.3"].rating == "not_applicable"
    assert answers["1.1"].rating == "fully_met"

    # The same values again, whatever the bytes: LibreOffice's copy and the original.
    assert only(import_paths(world.db, [saved])).status == FileStatus.UNCHANGED
    assert only(import_paths(world.db, [filled])).status == FileStatus.UNCHANGED

    # A prefilled template generated now carries exactly the answers imported.
    prefilled = template_for(world, world.police.id, tmp_path / "again", prefill=True)
    rows = criterion_rows(prefilled)
    with read_workbook(prefilled) as read:
        sheet = read.sheet("Self-assessment")
        assert sheet is not None
        for code, answer in answers.items():
            row = rows[code]
            assert cell_text(sheet.value(f"D{row}")) == answer.rating_label
            assert cell_text(sheet.value(f"E{row}")) == answer.evidence
            assert cell_text(sheet.value(f"F{row}")) == answer.planned_action
            assert cell_text(sheet.value(f"G{row}")) == answer.action_owner
            assert cell_date(sheet.value(f"H{row}")) == answer.target_date


def s11_return(world: S11World) -> s11.ReturnRow:
    found = s11.find_return(world.db, world.round.id, world.police.id)
    assert found is not None
    return found


def s11_answers(world: S11World) -> list[s11.AnswerRow]:
    return s11.return_answers(world.db, s11_return(world).id)


def test_changed_resubmission_replaces_and_keeps_history(world: S11World, tmp_path: Path) -> None:
    template = template_for(world, world.police.id, tmp_path)
    first = fill_return(template, tmp_path / "first.xlsx")
    assert only(import_paths(world.db, [first])).status == FileStatus.IMPORTED
    s11_service_validate(world)
    second = fill_return(template, tmp_path / "second.xlsx", answers={"5.2": PARTLY})
    assert only(import_paths(world.db, [second])).status == FileStatus.IMPORTED
    history = s11_submissions(world)
    assert [h.superseded for h in history] == [False, True]
    assert {a.code: a.rating for a in s11_answers(world)}["5.2"] == "partially_met"
    # A changed return after validation needs validating again.
    assert s11_return(world).status == ReturnStatus.RETURNED


def s11_service_validate(world: S11World) -> None:
    s11.set_return_status(world.db, s11_return(world).id, ReturnStatus.VALIDATED)
    assert s11_return(world).status == ReturnStatus.VALIDATED


def s11_submissions(world: S11World) -> list[s11.SubmissionRow]:
    return s11.submissions(world.db, s11_return(world).id)


# ---------------------------------------------------------------- rejected, nothing written


def test_rating_typed_outside_the_list(world: S11World, tmp_path: Path) -> None:
    template = template_for(world, world.police.id, tmp_path)
    row = criterion_rows(template)["3.2"]
    filled = fill_return(
        template, tmp_path / "f.xlsx", answers={"3.2": Answer(rating="Mostly met")}
    )
    result = rejected_with(world, filled, "“Mostly met” is not one of this round's ratings")
    assert [(e.sheet, e.cell) for e in result.errors] == [("Self-assessment", f"D{row}")]


def test_required_answers_missing(world: S11World, tmp_path: Path) -> None:
    template = template_for(world, world.police.id, tmp_path)
    rows = criterion_rows(template)
    filled = fill_return(
        template,
        tmp_path / "f.xlsx",
        answers={
            "1.1": Answer(rating=None),
            "1.2": Answer(evidence=None),
            "1.3": Answer(rating="Not met", planned_action=None),
        },
        sign_off={"B3": None},
    )
    result = rejected_with(
        world, filled, "A rating is required", "Evidence is required", "A planned action is required",
        "Completed by (name) is required",
    )  # fmt: skip
    cells = {(e.sheet, e.cell) for e in result.errors}
    assert cells == {
        ("Self-assessment", f"D{rows['1.1']}"),
        ("Self-assessment", f"E{rows['1.2']}"),
        ("Self-assessment", f"F{rows['1.3']}"),
        ("Sign-off", "B3"),
    }


def test_bad_dates_long_text_and_formulas(world: S11World, tmp_path: Path) -> None:
    template = template_for(world, world.police.id, tmp_path)
    rows = criterion_rows(template)
    filled = fill_return(
        template,
        tmp_path / "f.xlsx",
        answers={
            "2.1": Answer(rating="Partially met", planned_action="x", target="31/02/2027"),
            "2.2": Answer(evidence="y" * 4001),
            "2.3": Answer(evidence='=HYPERLINK("http://example.com","see")'),
        },
        sign_off={"B5": "not an address"},
    )
    result = rejected_with(
        world, filled, "not a real date", "4001 characters long; at most 4000 fit",
        "holds a formula", "is not an e-mail address",
    )  # fmt: skip
    assert {e.cell for e in result.errors} >= {
        f"H{rows['2.1']}",
        f"E{rows['2.2']}",
        f"E{rows['2.3']}",
        "B5",
    }


def test_agency_not_in_the_round(world: S11World, tmp_path: Path) -> None:
    template = template_for(world, world.health.id, tmp_path)
    filled = fill_return(template, tmp_path / "f.xlsx")
    set_scope(world.db, world.round.id, [world.police.id])
    rejected_with(world, filled, "Wrenfield Community Health is not in Section 11 round 2026")


def test_template_of_another_partnership(world: S11World, tmp_path: Path) -> None:
    # A database of its own (not a copy of the test template), so its own template key.
    other_db = open_database(str(tmp_path / "other.sqlite"))
    try:
        other = make_world(other_db, name="Kestrel Vale Safeguarding Partnership")
        filled = fill_return(template_for(other, other.police.id, tmp_path), tmp_path / "f.xlsx")
    finally:
        other_db.close()
    rejected_with(world, filled, "generated by Kestrel Vale Safeguarding Partnership")


def test_same_name_but_another_key(world: S11World, tmp_path: Path) -> None:
    other_db = open_database(str(tmp_path / "other.sqlite"))
    try:
        other = make_world(other_db)  # same partnership name, its own template key
        filled = fill_return(template_for(other, other.police.id, tmp_path), tmp_path / "f.xlsx")
    finally:
        other_db.close()
    rejected_with(world, filled, "check value does not match")


def test_template_of_another_kind(world: S11World, tmp_path: Path) -> None:
    writer = TemplateWriter("A form of a later version", classify(author="Test"))
    writer.write_instructions("A form of a later version", [], ["Fill it in."])
    name = partnership.get_partnership(world.db).name
    # A kind this version does not know (made by a later partnerboard).
    meta = Metadata("future_form", "1", name, datetime(2026, 1, 1, 9, 0), {"form_id": "1"})
    path = writer.save(tmp_path / "future.xlsx", meta, partnership.template_key(world.db))
    result = rejected_with(
        world, path, "“future_form” template, which this version of partnerboard cannot import"
    )
    assert result.kind == "future_form"


def test_no_metadata_sheet(world: S11World, tmp_path: Path) -> None:
    """The answers copied into a fresh workbook: not a template any more."""
    filled = fill_return(template_for(world, world.police.id, tmp_path), tmp_path / "f.xlsx")
    source = openpyxl.load_workbook(filled)
    copy = openpyxl.Workbook()
    copy.active.title = "Self-assessment"
    for row in source["Self-assessment"].iter_rows():
        for cell in row:
            copy.active[cell.coordinate] = cell.value
    copy.save(tmp_path / "copied.xlsx")
    rejected_with(world, tmp_path / "copied.xlsx", "no partnerboard details sheet")


def test_truncated_return(world: S11World, tmp_path: Path) -> None:
    data = fill_return(
        template_for(world, world.police.id, tmp_path), tmp_path / "f.xlsx"
    ).read_bytes()
    (tmp_path / "cut.xlsx").write_bytes(data[: len(data) * 2 // 3])
    rejected_with(world, tmp_path / "cut.xlsx", "incomplete or damaged")


def test_password_protected_return(world: S11World, tmp_path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    filled = fill_return(template_for(world, world.police.id, tmp_path), tmp_path / "f.xlsx")
    encrypted = io.BytesIO()
    with filled.open("rb") as handle:
        OOXMLFile(handle).encrypt("partner-password", encrypted)
    (tmp_path / "locked.xlsx").write_bytes(encrypted.getvalue())
    rejected_with(world, tmp_path / "locked.xlsx", "password-protected")


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("convert_to", "message"),
    [
        ("xls", "password-protected or in the old Excel 97-2003 .xls format"),
        ("csv", "CSV or text file renamed .xlsx"),
    ],
)
def test_xls_or_csv_renamed_xlsx(
    world: S11World, tmp_path: Path, resave, convert_to: str, message: str
) -> None:
    filled = fill_return(template_for(world, world.police.id, tmp_path), tmp_path / "f.xlsx")
    converted = resave(filled, to=convert_to)
    renamed = converted.with_name("return.xlsx")
    converted.rename(renamed)
    rejected_with(world, renamed, message)


# ---------------------------------------------------------------- folders, progress, cancel


def test_folder_import_skips_lock_files_and_reports_progress(
    world: S11World, tmp_path: Path
) -> None:
    folder = tmp_path / "returns"
    folder.mkdir()
    fill_return(template_for(world, world.police.id, tmp_path), folder / "police.xlsx")
    fill_return(template_for(world, world.health.id, tmp_path), folder / "health.xlsx")
    (folder / "~$police.xlsx").write_bytes(b"lock")
    (folder / ".~lock.health.xlsx#").write_text("lock")
    (folder / "notes.txt").write_text("not a return")
    seen: list[tuple[int, int, str]] = []
    report = import_paths(world.db, [folder], progress=lambda d, t, w: seen.append((d, t, w)))
    assert sorted(f.path.name for f in report.files) == ["health.xlsx", "police.xlsx"]
    assert report.ok and report.count(FileStatus.IMPORTED) == 2
    assert seen[0][:2] == (0, 2) and seen[-1] == (2, 2, "done")


class StopAfter:
    def __init__(self, files: int):
        self.left = files

    @property
    def cancelled(self) -> bool:
        self.left -= 1
        return self.left < 0


def test_cancel_keeps_what_was_done(world: S11World, tmp_path: Path) -> None:
    first = fill_return(template_for(world, world.police.id, tmp_path), tmp_path / "a.xlsx")
    second = fill_return(template_for(world, world.health.id, tmp_path), tmp_path / "b.xlsx")
    report = import_paths(world.db, [first, second], cancel=StopAfter(1))
    assert report.cancelled and not report.ok
    assert [f.path.name for f in report.files] == ["a.xlsx"]
    assert [p.name for p in report.not_processed] == ["b.xlsx"]
    assert report.to_json()["not_processed"] == [str(second)]
