"""`partnerboard import`, `template s11`, and the error list sent back to a partner."""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from partnerboard.cli import main
from partnerboard.services import section11 as s11
from partnerboard.workbooks.error_list import error_list_file_name, write_error_list
from partnerboard.workbooks.importer import FileStatus, import_paths
from tests.fixtures_s11 import Answer, S11World, fill_return


def run(db_path: Path, *args: str) -> int:
    return main(["--db", str(db_path), *args])


@pytest.fixture
def db_file(world: S11World) -> Path:
    path = world.db.target.path
    assert path is not None
    return path


def test_template_command_for_all_then_import_json(
    world: S11World, db_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "templates"
    assert run(db_file, "template", "s11", "--round", "2026", "--all", "-o", str(out)) == 0
    names = sorted(p.name for p in out.iterdir())
    assert names == [
        "Section 11 2026 - Wrenfield Community Health.xlsx",
        "Section 11 2026 - Wrenfield Constabulary.xlsx",
    ]
    statuses = {r.agency_name: r.status.value for r in s11.round_returns(world.db, world.round.id)}
    assert set(statuses.values()) == {"issued"}
    good = fill_return(out / names[1], tmp_path / "police.xlsx")
    bad = fill_return(out / names[0], tmp_path / "health.xlsx", default=Answer(rating="Brilliant"))
    capsys.readouterr()

    code = run(db_file, "import", "--json", str(good), str(bad))
    report = json.loads(capsys.readouterr().out)
    assert code == 1
    assert report["counts"] == {"imported": 1, "unchanged": 0, "rejected": 1}
    by_file = {Path(f["file"]).name: f for f in report["files"]}
    assert by_file["police.xlsx"]["status"] == "imported"
    assert by_file["police.xlsx"]["records"] == len(world.framework.criteria)
    rejected = by_file["health.xlsx"]
    assert rejected["agency"] == "Wrenfield Community Health"
    assert rejected["errors"][0]["sheet"] == "Self-assessment"
    assert "“Brilliant” is not one of this round's ratings" in rejected["errors"][0]["message"]

    assert run(db_file, "import", str(good)) == 0
    assert "UNCHANGED" in capsys.readouterr().out


def test_template_command_for_one_agency_with_prefill(
    world: S11World, db_file: Path, tmp_path: Path
) -> None:
    target = tmp_path / "police.xlsx"
    assert (
        run(
            db_file,
            "template",
            "s11",
            "--round",
            "2026",
            "--agency",
            "police",
            "--prefill",
            "-o",
            str(target),
        )
        == 0
    )
    assert target.exists()
    assert (
        run(db_file, "template", "s11", "--round", "1999", "--agency", "police", "-o", str(target))
        == 1
    )


def test_error_list_workbook(world: S11World, tmp_path: Path) -> None:
    from partnerboard.workbooks.section11.template import round_context, write_template

    template = write_template(
        world.db, round_context(world.db, world.round.id), world.police.id, tmp_path / "t.xlsx"
    )
    filled = fill_return(template, tmp_path / "f.xlsx", default=Answer(rating="=1+1 <b>"))
    result = import_paths(world.db, [filled]).files[0]
    assert result.status == FileStatus.REJECTED
    path = write_error_list(result, tmp_path / error_list_file_name(result), "Wrenfield SP")
    sheet = openpyxl.load_workbook(path)["Corrections needed"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    table = rows[
        next(i for i, r in enumerate(rows) if r[:3] == ["Sheet", "Cell", "What to correct"]) + 1 :
    ]
    assert len(table) == len(result.errors)
    assert table[0][0] == "Self-assessment"
    # The partner's text is quoted as text, never turned into a formula.
    assert all(
        sheet.cell(r, 3).data_type == "s"
        for r in range(1, sheet.max_row + 1)
        if sheet.cell(r, 3).value
    )
    assert "holds a formula (=1+1 <b>)" in table[0][2]


def test_import_of_nothing(db_file: Path, tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    assert run(db_file, "import", str(tmp_path / "empty")) == 1
