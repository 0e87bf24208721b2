"""`import-bookings`, `import-evaluations`, `report training` and `export training` as a user
runs them: exit status, what is printed, whole or not at all."""

from __future__ import annotations

import json

from openpyxl import load_workbook
from pypdf import PdfReader

from partnerboard.db.schema import open_database
from partnerboard.services import training
from tests.cli.test_core_commands import run
from tests.fixtures_training import (
    EVENTBRITE,
    FORMS_START,
    OUTCOMES,
    eventbrite_row,
    make_world,
    write_csv,
    write_forms_xlsx,
)


def _world(db_path):
    db = open_database(str(db_path))
    try:
        world = make_world(db)
        return world.held.id, world.course.reference
    finally:
        db.close()


def test_bookings_and_evaluations_from_the_command_line(db_path, tmp_path):
    held, course = _world(db_path)
    rows = [
        eventbrite_row(1, "Anna", "Smith", "anna@wrenfield.police.uk", "Checked In", "DS", "Wrenfield Constabulary"),
        eventbrite_row(2, "Dev", "Patel", "dev@gmail.com", "Attending", "Youth worker", "Scouts"),
    ]  # fmt: skip
    csv = write_csv(tmp_path / "attendees.csv", EVENTBRITE, rows)
    done = run("--db", str(db_path), "import-bookings", str(csv), "--session", str(held))
    assert done.returncode == 0, done.stderr
    assert "Company                            → Agency" in done.stdout
    assert "“Scouts” (1 row(s): 3)" in done.stdout
    assert "2 bookings added" in done.stdout

    broken = write_csv(tmp_path / "broken.csv", EVENTBRITE, [
        eventbrite_row(3, "Cara", "Khan", "cara@x.uk", "Perhaps", "SW", "WCC"),
    ])  # fmt: skip
    refused = run(
        "--db", str(db_path), "import-bookings", str(broken), "--session", str(held), "--json"
    )
    assert refused.returncode == 1
    answer = json.loads(refused.stdout)
    assert answer["ok"] is False and answer["written"] is False
    assert answer["problems"][0]["row"] == 2 and "Perhaps" in answer["problems"][0]["message"]

    no_dates = run("--db", str(db_path), "import-bookings", str(csv), "--course", course)
    assert no_dates.returncode == 1 and len(no_dates.stderr.strip().splitlines()) == 1
    assert "no column says which session each row is for" in no_dates.stderr

    header = [*FORMS_START, "Neglect (before)", "Neglect (after)", *OUTCOMES[1:]]
    forms = write_forms_xlsx(
        tmp_path / "eval.xlsx", header, [[1, None, None, "anonymous", None, None, 2, 4, 3, 3]]
    )
    mapped = run("--db", str(db_path), "import-evaluations", str(forms), "--session", str(held),
                 "--map", "before1=Neglect (before)", "--map", "after1=Neglect (after)")  # fmt: skip
    assert mapped.returncode == 0, mapped.stderr
    assert "1 course evaluations added" in mapped.stdout
    wrong = run("--db", str(db_path), "import-evaluations", str(forms), "--session", "999")
    assert (
        wrong.returncode == 1
        and wrong.stderr.strip() == "partnerboard: There is no training session 999."
    )
    db = open_database(str(db_path))
    try:
        assert len(training.list_bookings(db, held)) == 2
        assert len(training.list_evaluations(db)) == 1
    finally:
        db.close()


def test_report_and_export_for_a_year(demo_db_path, tmp_path):
    pdf = tmp_path / "training.pdf"
    done = run("--db", str(demo_db_path), "report", "training", "--year", "2026/27", "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Training report 2026/27 written to")
    assert len(PdfReader(pdf).pages) >= 4
    book = tmp_path / "training.xlsx"
    done = run(
        "--db", str(demo_db_path), "export", "training", "--year", "Q2 2026/27", "-o", str(book)
    )
    assert done.returncode == 0, done.stderr
    about = dict(load_workbook(book)["About"].iter_rows(min_row=3, max_col=2, values_only=True))
    assert about["Period"].startswith("Q2 2026/27 (01/07/2026")
    assert about["Protective marking"] == "OFFICIAL"  # the first line (`domain.marking`)
    bad = run("--db", str(demo_db_path), "report", "training", "--year", "2026", "-o", str(pdf))
    assert bad.returncode == 1
    assert bad.stderr.strip().startswith("partnerboard: --year: “2026” could be 2025/26 or 2026/27")
    assert "Traceback" not in bad.stderr
