"""Who may do what is one table (`domain.access.PERMISSIONS`), and the command line obeys it.

Each role signs in and runs every command (read from the command line's own parser, so a new
command fails here until it is listed): a command is refused, with one line and nothing done,
exactly when the table says so; every allowed command that changes the database adds audit
entries naming the user, and every other one leaves the trail as it was (reading writes nothing).
The README shows the same table (checked below).
"""

from __future__ import annotations

import contextlib
import io
import re
import shutil
from pathlib import Path

import docx
import pytest

from partnerboard import cli
from partnerboard.db.auto_backup import make_automatic_backup
from partnerboard.db.schema import open_database
from partnerboard.domain.access import PERMISSIONS, Permission, Role, permission_table
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.exports.yearly_report_docx import yearly_report_docx
from partnerboard.published.publish import publish_thresholds
from partnerboard.services import access, reviews, training
from partnerboard.services import partnership as p
from partnerboard.services import section11 as s11
from partnerboard.workbooks.section11 import template as templates
from tests.fixtures_s11 import fill_return
from tests.fixtures_training import (
    EVENTBRITE,
    FORMS_START,
    OUTCOMES,
    eventbrite_row,
    write_csv,
    write_forms_xlsx,
)
from tests.services.performance.test_dataset_import import write_dataset
from tests.trust.helpers import PASSWORD, USERS, trail

README = Path(__file__).parents[2] / "README.md"


@pytest.fixture(scope="module")
def prepared(tmp_path_factory, demo_template) -> dict:
    """The demo with a user of each role (and a spare), a filled Section 11 return, an action
    plan and a backup to restore."""
    folder = tmp_path_factory.mktemp("roles")
    path = folder / "board.sqlite"
    shutil.copy(demo_template, path)
    db = open_database(str(path))
    people = p.list_people(db, include_inactive=False)
    for (login, (name, role)), person in zip(USERS.items(), people, strict=False):
        access.save_user(
            db, access.UserInput(name, login, role.value, person.id), password=PASSWORD
        )
    access.save_user(db, access.UserInput("Spare", "spare1", "member"), password=PASSWORD)
    the_round = next(r for r in s11.list_rounds(db) if r.label == "2026")
    issued = next(r for r in s11.round_returns(db, the_round.id) if r.status.value == "issued")
    template = templates.write_template(
        db, templates.round_context(db, the_round.id), issued.agency_id, folder / "template.xlsx"
    )
    returns = folder / "returns"
    returns.mkdir()
    fill_return(template, returns / "filled.xlsx")
    backup = make_automatic_backup(db.target, folder / "backups", keep=2)
    review = next(r.reference for r in reviews.list_reviews(db) if not r.restricted)
    # The newer registers' files: a tagged PDF, a booking site's export and a forms tool's for a
    # held session, the yearly report's draft with its narrative written in.
    tagged = next(w.pdf for w in publish_thresholds(db, folder / "published"))
    held = next(s for s in training.list_sessions(db) if s.held)
    bookings = write_csv(folder / "attendees.csv", EVENTBRITE, [
        eventbrite_row(1, "Anna", "Smith", "anna@wrenfield.police.uk", "Checked In", "DS",
                       "Wrenfield Constabulary"),
    ])  # fmt: skip
    forms = write_forms_xlsx(
        folder / "evaluations.xlsx",
        [*FORMS_START, "Neglect (before)", "Neglect (after)", *OUTCOMES[1:]],
        [[90001, None, None, "anonymous", None, None, 2, 4, 3, 3]],  # a response not yet held
    )
    dataset = write_dataset(folder / "dataset.xlsx")
    year = Period.latest_complete(db.clock.today(), YEAR)
    draft = folder / "yearly-draft.docx"
    yearly_report_docx(db, year, draft)
    document = docx.Document(str(draft))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "To be written":
            paragraph.text = "Written by the team."
    document.save(str(draft))
    db.close()
    plan = Path(__file__).parents[1] / "fixtures" / "improvement_plan.xlsx"
    return {
        "path": path,
        "returns": returns,
        "plan": plan,
        "backup": backup,
        "round": the_round.label,
        "agency": issued.agency_name,
        "review": review,
        "tagged": tagged,
        "session": str(held.id),
        "bookings": bookings,
        "evaluations": forms,
        "year": year.label,
        "draft": draft,
        "dataset": dataset,
    }


def commands(f: dict, out: Path) -> dict[str, list[str]]:
    """Every command, as someone would run it, in an order that keeps the database usable."""
    r, a = f["round"], f["agency"]
    return {
        "check": ["check"],
        "list": ["list", "agencies"],
        "deadlines": ["deadlines"],
        "export actions": ["export", "actions", "-o", f"{out}/a.xlsx"],
        "export minutes": ["export", "minutes", "--meeting", "1", "-o", f"{out}/m.docx"],
        "export attendance": ["export", "attendance", "-o", f"{out}/att.xlsx"],
        "export s11": ["export", "s11", "--round", r, "-o", f"{out}/s11.xlsx"],
        "export audits": ["export", "audits", "-o", f"{out}/au.xlsx"],
        "export reviews": ["export", "reviews", "-o", f"{out}/r.xlsx"],
        "export thresholds": ["export", "thresholds", "-o", f"{out}/t.xlsx"],
        "export escalations": ["export", "escalations", "-o", f"{out}/e.xlsx"],
        "export audit-trail": ["export", "audit-trail", "-o", f"{out}/trail.xlsx"],
        "report actions": ["report", "actions", "-o", f"{out}/a.pdf"],
        "report minutes": ["report", "minutes", "--meeting", "1", "-o", f"{out}/m.pdf"],
        "report agenda": ["report", "agenda", "--meeting", "1", "-o", f"{out}/ag.pdf"],
        "report s11-feedback": [
            "report",
            "s11-feedback",
            "--round",
            r,
            "--agency",
            a,
            "-o",
            f"{out}/fb.pdf",
            "--draft",  # the return is issued, not yet validated: its draft
        ],  # fmt: skip
        "report audit": ["report", "audit", "--audit", "latest", "-o", f"{out}/au.pdf"],
        "report briefing": ["report", "briefing", "--review", f["review"], "-o", f"{out}/b.pdf"],
        "report thresholds": ["report", "thresholds", "-o", f"{out}/t.pdf"],
        "template s11": ["template", "s11", "--round", r, "--all", "-o", f"{out}/s11/"],
        "template action-update": ["template", "action-update", "--all", "-o", f"{out}/au/"],
        "template ma-audit": [
            "template",
            "ma-audit",
            "--audit",
            "latest",
            "--all",
            "-o",
            f"{out}/ma/",
        ],  # fmt: skip
        "import": ["import", str(f["returns"])],
        "import-actions": ["import-actions", str(f["plan"])],
        "demo": ["demo", "--if-empty"],
        "backup": ["backup", "-o", f"{out}/backup.sqlite"],
        "user list": ["user", "list"],
        "user add": ["user", "add", "newbie", "--role", "read_only", "--password-stdin"],
        "user passwd": ["user", "passwd", "{login}", "--password-stdin"],
        "user disable": ["user", "disable", "spare1"],
        "user enable": ["user", "enable", "spare1"],
        "user sign-in": ["user", "sign-in", "optional"],
        "user restrict-log": ["user", "restrict-log", "practice_review", "--also", "member"],
        "restore": ["restore", str(f["backup"])],
        # The newer registers: the performance dataset, training, the yearly report, publishing.
        "template dataset": ["template", "dataset", "--all", "-o", f"{out}/ds/"],
        "import-dataset": ["import-dataset", "--dry-run", str(f["dataset"])],
        "export dataset": ["export", "dataset", "-o", f"{out}/ds.xlsx"],
        "report performance": ["report", "performance", "-o", f"{out}/sc.pdf"],
        "import-bookings": ["import-bookings", str(f["bookings"]), "--session", f["session"]],
        "import-evaluations": [
            "import-evaluations",
            str(f["evaluations"]),
            "--session",
            f["session"],
            "--map",
            "before1=Neglect (before)",
            "--map",
            "after1=Neglect (after)",
        ],  # fmt: skip
        "report training": ["report", "training", "-o", f"{out}/tr.pdf"],
        "export training": ["export", "training", "-o", f"{out}/tr.xlsx"],
        "report yearly": ["report", "yearly", "--year", f["year"], "-o", f"{out}/y.docx"],
        "yearly-narrative": ["yearly-narrative", str(f["draft"]), "--year", f["year"]],
        "engagement list": ["engagement", "list"],
        "engagement add": [
            "engagement",
            "add",
            "--date",
            "01/10/2026",
            "--activity",
            "Youth forum",
            "--heard",
            "More youth workers in the evenings",
        ],  # fmt: skip
        "publish": ["publish", "--thresholds", "-o", f"{out}/site/"],
        "check-pdf": ["check-pdf", str(f["tagged"])],
    }


# Commands that change the database when allowed (every other one must leave the trail alone).
WRITERS = {
    "import",
    "import-actions",
    "user add",
    "user passwd",
    "user disable",
    "user enable",
    "user sign-in",
    "user restrict-log",
    "restore",
    "import-bookings",
    "import-evaluations",
    "yearly-narrative",
    "engagement add",
}


# Commands that change the database only when there is something to change (a template marks
# a return issued when it was not yet).
MAY_WRITE = {"template s11"}


def _leaf_commands() -> set[str]:
    parser = cli.build_parser()
    top = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    found = set()
    for name, sub in top.choices.items():
        nested = [a for a in sub._actions if a.dest in ("kind", "action")]  # noqa: SLF001
        if nested:
            found |= {f"{name} {k}" for k in nested[0].choices}
        else:
            found.add(name)
    return found


def test_every_command_is_walked(prepared, tmp_path):
    """A new command must be added to `commands` (and to WRITERS if it changes the database)."""
    assert set(commands(prepared, tmp_path)) == _leaf_commands()


def _run(path: Path, login: str, argv: list[str], monkeypatch) -> tuple[int, str]:
    monkeypatch.setenv("PARTNERBOARD_PASSWORD", PASSWORD)
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))  # passwd: the same again
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
        status = cli.main(["--db", str(path), "--user", login, *argv])
    return status, printed.getvalue()


@pytest.mark.parametrize("login", list(USERS))
def test_each_role_may_run_exactly_what_the_table_says(prepared, tmp_path, login, monkeypatch):
    name, role = USERS[login]
    path = tmp_path / "board.sqlite"
    shutil.copy(prepared["path"], path)
    parser = cli.build_parser()
    out = tmp_path / "out"
    out.mkdir()
    refused, allowed = [], []
    for command, argv in commands(prepared, out).items():
        argv = [a.replace("{login}", login) for a in argv]
        needs = parser.parse_args(argv).permission
        before = trail(path)
        status, printed = _run(path, login, argv, monkeypatch)
        added = trail(path)[len(before) :]
        if not role.may(needs):
            assert status == 1 and "Nothing was done." in printed, (command, printed)
            assert trail(path) == before, command  # refused: not a row written
            refused.append(command)
            continue
        allowed.append(command)
        # (import-actions lists the rows already in the log and exits 1 for them)
        partly = command == "import-actions" and "action(s) imported" in printed
        assert status == 0 or partly, (command, printed[-400:])
        if command == "restore":  # the backup's own trail, then an entry naming who restored
            last = trail(path)[-1]
            assert (last["who"], last["action"]) == (name, "restore")
        elif command in WRITERS:
            assert added, f"{command} changed nothing in the trail: {printed[-600:]}"
            assert {e["who"] for e in added} == {name}, (command, {e["who"] for e in added})
        elif command in MAY_WRITE:
            assert {e["who"] for e in added} <= {name}, command
        else:
            assert added == [], f"{command} wrote to the trail although it only reads"
    expected_refusals = {c for c in commands(prepared, out) if not role.may(parser.parse_args(
        [a.replace("{login}", login) for a in commands(prepared, out)[c]]).permission)}  # fmt: skip
    assert set(refused) == expected_refusals
    if role is Role.READ_ONLY:  # the lowest role writes nothing at all, but its own password
        assert set(allowed) & (WRITERS | MAY_WRITE) == {"user passwd"}


def test_the_readme_shows_the_table():
    """The README's "Who may do what" table is the table of `domain.access` (no drift)."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### Who may do what", 1)[1].split("\n\n", 2)[1]
    rows = [line for line in section.splitlines() if line.startswith("|")][2:]
    shown = [[cell.strip() for cell in row.strip("|").split("|")] for row in rows]
    expected = [[what, *("yes" if y else "—" for y in yes)] for what, yes in permission_table()]
    assert shown == expected
    header = [c.strip() for c in section.splitlines()[0].strip("|").split("|")]
    assert header[1:] == [re.sub(r" \(.*\)", "", r.label) for r in Role]


def test_every_permission_is_someones():
    assert all(PERMISSIONS[p] for p in Permission)
    assert all(Role.BUSINESS_SUPPORT.may(p) for p in Permission)
