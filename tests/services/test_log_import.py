"""Bringing an existing log in: a council's improvement plan imports intact; a messy sheet's
unreadable rows are listed, never dropped silently; a second import adds nothing."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from partnerboard.cli import main
from partnerboard.domain.actions import ActionStatus, Rag, parse_rag
from partnerboard.domain.log_import import guess_mapping, read_due
from partnerboard.errors import UserError
from partnerboard.services import actions
from partnerboard.services.actions.plan_reading import read_table
from partnerboard.services.actions.plan_writing import plan_for, run_import
from partnerboard.services.actions.progress import latest_narratives
from tests.fixtures.make_improvement_plan import AMBITIONS, PLAN

FIXTURE = Path(__file__).parents[1] / "fixtures" / "improvement_plan.xlsx"
AS_OF = date(2025, 10, 31)


def test_the_fixture_is_the_one_the_script_writes(tmp_path):
    """The stored workbook and the generating script agree (regenerate it if this fails)."""
    from tests.fixtures.make_improvement_plan import write

    fresh = read_table(write(tmp_path / "plan.xlsx"))
    stored = read_table(FIXTURE)
    assert fresh.rows == stored.rows


def test_the_improvement_plan_imports_with_every_row_reference_and_workstream(db):
    table = read_table(FIXTURE)
    assert table.sheet == "Improvement Plan" and table.header_row == 4  # found under the title
    mapping = guess_mapping(table.headers)
    assert mapping == {
        "workstream": 0,
        "lead": 1,
        "reference": 2,
        "action": 3,
        "progress": 4,
        "rag": 5,
    }
    plan = plan_for(db, table, mapping, as_of=AS_OF)
    assert [p.message for p in plan.problems if not p.imported] == []
    report = run_import(db, plan)
    assert report.ok and report.imported == len(PLAN) == 70

    workstreams = actions.list_workstreams(db)
    assert [(w.number, w.title) for w in workstreams] == [
        (n, title) for n, (title, _count) in enumerate(AMBITIONS, start=1)
    ]
    rows = actions.list_actions(db)
    # Natural order, references as written: 1.10 after 1.9; 2.10 too, though Excel stored 2.1.
    assert [r.reference for r in rows] == [p["ref"] for p in PLAN]
    with db.reader() as session:
        narratives = latest_narratives(session)
    by_ref = {r.reference: r for r in rows}
    for expected in PLAN:
        row = by_ref[expected["ref"]]
        assert row.text == expected["action"]
        assert row.workstream == f"{expected['ambition_number']}. {expected['ambition']}"
        assert row.lead == " ".join(expected["lead"].split("\n")) or row.lead == expected["lead"]
        assert narratives[row.id] == expected["progress"]  # long, multi-paragraph, intact
        assert row.rag == parse_rag(expected["rag"])
        assert row.last_update_on == AS_OF and row.status is ActionStatus.OPEN
    assert {r.rag for r in rows} == {Rag.RED, Rag.AMBER, Rag.GREEN, None}
    # A second import finds everything already there and adds nothing.
    again = run_import(db, plan_for(db, read_table(FIXTURE), mapping, as_of=AS_OF))
    assert again.imported == 0 and len(again.not_imported) == 70
    assert len(actions.list_actions(db)) == 70


MESSY = """Partnership action log (exported from SharePoint);;;;;;
;;;;;;
Theme;No.;Action plan;Owner;By when;Update;Status
Early help;EH1;Relaunch the early help assessment;Head of Early Help;March 2026;Pilot under way.;Amber
Early help;EH2;Partner-led assessments to 40%;Someone New;Ongoing;;Purple
Early help;EH2;A second EH2;Head of Early Help;31/01/2026;;Red
Early help;EH3;;Head of Early Help;;An update with no action;Green
Exploitation;;Weekly risk meeting;DCI Exploitation;31/12/2025;Running since June.;Complete
;;;;;;
Exploitation;EX9;"=HYPERLINK(""http://x"")";DCI Exploitation;end of Sept 26;;G
"""


def test_a_messy_sheet_lists_what_it_cannot_read(db, tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(MESSY, encoding="cp1252")
    table = read_table(path)
    assert table.header_row == 3
    mapping = guess_mapping(table.headers)
    assert mapping == {
        "workstream": 0,
        "reference": 1,
        "action": 2,
        "lead": 3,
        "due": 4,
        "progress": 5,
        "status": 6,
    }
    plan = plan_for(db, table, mapping, as_of=AS_OF)
    listed: dict[tuple[int, bool], str] = {}
    for problem in plan.problems:
        key = (problem.row, problem.imported)
        listed[key] = f"{listed.get(key, '')} {problem.message}"
    assert set(listed) == {(5, True), (6, False), (7, False)}
    assert "appears twice" in listed[(6, False)]
    assert "No action text" in listed[(7, False)]
    assert "“Ongoing” is not a date" in listed[(5, True)]
    assert "Status “Purple” is neither open nor closed" in listed[(5, True)]
    report = run_import(db, plan)
    assert report.imported == 4 and not report.ok
    rows = {r.reference: r for r in actions.list_actions(db)}
    assert set(rows) == {"EH1", "EH2", "EX9", "2.1"}  # no reference: numbered in its workstream
    assert rows["EH1"].rag is Rag.AMBER and rows["EH1"].due_on == date(2026, 3, 31)
    assert (
        rows["EH2"].due_on is None
        and "Due as written: Ongoing" in actions.get_action(db, rows["EH2"].id).source_note
    )
    assert rows["2.1"].status is ActionStatus.CLOSED and rows["2.1"].closed_on == AS_OF
    assert rows["EX9"].text == '=HYPERLINK("http://x")' and rows["EX9"].due_on == date(2026, 9, 30)
    assert rows["EX9"].rag is Rag.GREEN
    assert {w.title for w in actions.list_workstreams(db)} == {"Early help", "Exploitation"}


def test_dates_people_write_in_a_by_when_column():
    assert read_due("March 2026") == date(2026, 3, 31)
    assert read_due("end of Feb 28") == date(2028, 2, 29)
    assert read_due("31/03/2027") == date(2027, 3, 31)
    for words in ("Ongoing", "Q3 2025/26", "TBC"):
        with pytest.raises(ValueError):
            read_due(words)


def test_files_that_are_not_spreadsheets_are_refused(tmp_path):
    bad = tmp_path / "plan.docx"
    bad.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(UserError, match="not an Excel workbook"):
        read_table(bad)
    broken = tmp_path / "plan.xlsx"
    broken.write_bytes(b"PK\x03\x04 broken zip")
    with pytest.raises(UserError, match="damaged"):  # the partner-workbook guard says so
        read_table(broken)


def test_command_line_import_with_a_mapping(db_path, tmp_path, capsys):
    path = tmp_path / "log.csv"
    path.write_text(MESSY, encoding="utf-8")
    code = main(
        [
            "--db",
            str(db_path),
            "import-actions",
            "--json",
            "--map",
            "rag=Status",
            "--as-of",
            "31/10/2025",
            str(path),
        ]
    )
    assert code == 1  # some rows were listed, not imported
    said = json.loads(capsys.readouterr().out)
    assert said["mapping"]["rag"] == "Status" and "status" not in said["mapping"]
    assert said["imported"] == 4 and said["header_row"] == 3
    assert [p["row"] for p in said["problems"] if not p["imported"]] == [6, 7]
    code = main(["--db", str(db_path), "import-actions", "--map", "colour=Status", str(path)])
    assert code == 1 and "FIELD=HEADER" in capsys.readouterr().err
