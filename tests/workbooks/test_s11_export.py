"""The compliance matrix workbook: coloured cells, and partner text that stays text."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl

from partnerboard.cli import main
from partnerboard.services import section11 as s11
from tests.fixtures_s11 import S11World


def test_matrix_export(world: S11World, tmp_path: Path) -> None:
    the_return = s11.find_return(world.db, world.round.id, world.police.id)
    assert the_return is not None
    answers = tuple(
        s11.AnswerData(c.id, "not_met" if c.code == "1.1" else "fully_met",
                       '=HYPERLINK("http://evil.example","click")', "Fix it", None, None)
        for c in world.framework.criteria
    )  # fmt: skip
    with world.db.session() as session:
        s11.record_submission(
            session,
            s11.SubmissionData(the_return.id, answers, "h", datetime(2026, 3, 2), "p.xlsx",
                               "Una", "Lead", "u@x.org", date(2026, 3, 2)),
            date(2026, 3, 2),
        )  # fmt: skip
    path = tmp_path / "matrix.xlsx"
    assert (
        main(
            ["--db", str(world.db.target.path), "export", "s11", "--round", "2026", "-o", str(path)]
        )
        == 0
    )
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["Standards", "Criteria", "Status", "Year on year"]
    standards = book["Standards"]
    header = [c.value for c in standards[4]]
    assert header[:3] == ["Agency", "Status", standards.cell(4, 3).value]
    police = next(
        row for row in standards.iter_rows(min_row=5) if row[0].value == "Wrenfield Constabulary"
    )
    assert police[2].value == "Fully met"  # standard 1: three fully met, one not met
    assert police[2].fill.fgColor.rgb.endswith("00703C")  # the palette's green
    criteria = book["Criteria"]
    evidence = [row[7] for row in criteria.iter_rows(min_row=2) if row[0].value]
    assert evidence and all(cell.data_type == "s" for cell in evidence)
    assert evidence[0].value.startswith("=HYPERLINK")
    status = {row[0].value: row[1].value for row in book["Status"].iter_rows(min_row=2)}
    assert status == {
        "Wrenfield Community Health": "Not issued",
        "Wrenfield Constabulary": "Returned",
    }
