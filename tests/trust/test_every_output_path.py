"""A member signed in meets no restricted record anywhere: every command that writes or prints
(exports, PDFs, templates, lists) and every page of the app.

Restricted records are planted with marker words; the same outputs made by business support
must show every marker (so each check can fail), those made by a member none, except the one
record whose audience names that member. The commands are read from the command line's own
parser, so a new export, report or template fails here until it is walked.
"""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from pathlib import Path

import openpyxl
import pytest

from partnerboard import cli
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Audience
from partnerboard.services import access, escalations, restriction, reviews
from partnerboard.services import partnership as p
from partnerboard.services.actions import (
    ActionInput,
    UpdateInput,
    add_update,
    create_action,
    list_workstreams,
)
from partnerboard.services.audits.register import list_audits
from partnerboard.services.meetings import agenda, meetings, minutes
from partnerboard.services.meetings.agenda import ItemInput
from partnerboard.services.section11.rounds import list_rounds
from partnerboard.services.thresholds import list_documents

TODAY = date(2026, 11, 23)
PASSWORD = "member password 2026"
# One marker per way a restricted record can exist; none is an English word, and each is
# short enough never to be broken across lines in a PDF.
HIDDEN = {
    "action": "Qzxaction",
    "update": "Qzxupdate",
    "item": "Qzxitem",
    "discussion": "Qzxminute",
    "arising": "Qzxarising",
    "escalation": "Qzxescal",
    "logged": "Qzxlogged",
    "review": "RR-9931-77",
}
NAMED = "Qzxnamed"  # restricted to the member by name: they see it, read-only users do not


@pytest.fixture(scope="module")
def planted(tmp_path_factory, demo_template) -> dict:
    path = tmp_path_factory.mktemp("planted") / "board.sqlite"
    shutil.copy(demo_template, path)
    db = open_database(str(path))
    person = p.list_people(db, include_inactive=False)[0]
    access.save_user(
        db, access.UserInput(person.display_name, "member1", "member", person.id), password=PASSWORD
    )
    access.save_user(
        db, access.UserInput("Reader", "reader1", "read_only", None), password=PASSWORD
    )
    agencies = [a.id for a in p.list_agencies(db)]
    workstream = list_workstreams(db)[0].id
    overdue = TODAY - timedelta(days=20)

    secret = create_action(
        db,
        ActionInput(
            text=f"{HIDDEN['action']} mediation",
            workstream_id=workstream,
            lead_agency_id=agencies[0],
            lead_person_id=person.id,
            raised_on=TODAY - timedelta(days=90),
            due_on=overdue,
            restricted=True,
        ),
    )
    add_update(
        db, secret, UpdateInput(TODAY - timedelta(days=5), f"{HIDDEN['update']} held", "red")
    )
    create_action(
        db,
        ActionInput(
            text=f"{NAMED} for one member",
            workstream_id=workstream,
            lead_agency_id=agencies[0],
            raised_on=TODAY - timedelta(days=90),
            due_on=overdue,
            restricted=True,
            restricted_to=Audience.of(person_ids=[person.id]).stored(),
        ),
    )

    held = [m for m in meetings.list_meetings(db) if m.status.value in ("held", "minutes_draft")]
    planned = [m for m in meetings.list_meetings(db) if m.status.value == "planned"]
    meeting = held[-1]
    item = agenda.save_item(db, meeting.id, ItemInput(f"{HIDDEN['item']} case", restricted=True))
    minutes.save_item_minutes(
        db, item.id, minutes.MinutesInput(f"{HIDDEN['discussion']} said", None)
    )
    # An action raised at the restricted item is not itself restricted: it goes with its source.
    create_action(
        db,
        ActionInput(
            text=f"{HIDDEN['arising']} follow-up",
            workstream_id=workstream,
            lead_agency_id=agencies[0],
            raised_on=TODAY - timedelta(days=10),
            due_on=TODAY + timedelta(days=20),
            source_agenda_item_id=item.id,
        ),
    )
    agenda.save_item(db, planned[0].id, ItemInput(f"{HIDDEN['item']} next", restricted=True))

    escalations.save_escalation(
        db,
        escalations.EscalationInput(
            raised_on=TODAY - timedelta(days=30),
            raising_agency_id=agencies[0],
            other_agency_id=agencies[1],
            category="threshold_disagreement",
            summary=f"{HIDDEN['escalation']} dispute",
            learning_theme="Thresholds",
            learning=f"{HIDDEN['escalation']} learning",
            restricted=True,
        ),
    )
    reviews.save_review(
        db,
        reviews.ReviewInput(
            kind="rapid_review",
            reference=HIDDEN["review"],
            aware_on=TODAY - timedelta(days=12),
            agency_ids=agencies[:2],
            summary=f"{HIDDEN['review']} summary",
            restricted=True,
        ),
    )
    # The whole escalation log restricted: an unrestricted record in it is hidden too.
    escalations.save_escalation(
        db,
        escalations.EscalationInput(
            raised_on=TODAY - timedelta(days=25),
            raising_agency_id=agencies[1],
            other_agency_id=agencies[2],
            category="other",
            summary=f"{HIDDEN['logged']} in a restricted log",
        ),
    )
    restriction.restrict_log(db, "escalation", Audience())
    facts = {
        "path": path,
        "meeting": held[-1].id,
        "planned": planned[0].id,
        "round": list_rounds(db)[0].label,
        "agency": p.list_agencies(db)[0].name,
        "audit": list_audits(db)[0].id,
        "review": next(r.reference for r in reviews.list_reviews(db) if not r.restricted),
        "document": list_documents(db)[0].title,
    }
    db.close()
    return facts


def commands(f: dict, out: Path) -> dict[str, list[str]]:
    """Every output command, with what it needs from the planted database."""
    m, r, a = str(f["meeting"]), f["round"], str(f["audit"])
    return {
        "export actions": ["export", "actions", "-o", f"{out}/a.xlsx", "--show", "all"],
        "export minutes": ["export", "minutes", "--meeting", m, "-o", f"{out}/m.docx"],
        "export attendance": ["export", "attendance", "-o", f"{out}/att.xlsx"],
        "export s11": ["export", "s11", "--round", r, "-o", f"{out}/s11.xlsx"],
        "export audits": ["export", "audits", "-o", f"{out}/au.xlsx"],
        "export reviews": ["export", "reviews", "-o", f"{out}/r.xlsx"],
        "export thresholds": ["export", "thresholds", "-o", f"{out}/t.xlsx"],
        "export escalations": ["export", "escalations", "-o", f"{out}/e.xlsx"],
        "export audit-trail": ["export", "audit-trail", "-o", f"{out}/trail.xlsx"],
        "report actions": ["report", "actions", "-o", f"{out}/a.pdf", "--show", "all"],
        "report minutes": ["report", "minutes", "--meeting", m, "-o", f"{out}/m.pdf"],
        "report agenda": [
            "report",
            "agenda",
            "--meeting",
            str(f["planned"]),
            "-o",
            f"{out}/ag.pdf",
        ],
        "report s11-feedback": [
            "report",
            "s11-feedback",
            "--round",
            r,
            "--agency",
            f["agency"],
            "-o",
            f"{out}/fb.pdf",
        ],  # fmt: skip
        "report audit": ["report", "audit", "--audit", a, "-o", f"{out}/au.pdf"],
        "report briefing": ["report", "briefing", "--review", f["review"], "-o", f"{out}/b.pdf"],
        "report thresholds": ["report", "thresholds", "-o", f"{out}/t.pdf"],
        "template action-update": ["template", "action-update", "--all", "-o", f"{out}/tpl-a"],
        "template s11": [
            "template",
            "s11",
            "--round",
            r,
            "--all",
            "--prefill",
            "-o",
            f"{out}/tpl-s",
        ],
        "template ma-audit": ["template", "ma-audit", "--audit", a, "--all", "-o", f"{out}/tpl-m"],
        "list agencies": ["list", "agencies", "--all"],
        "list people": ["list", "people", "--all"],
        "list boards": ["list", "boards", "--all"],
        "deadlines": ["deadlines", "--within", "400", "--today", "23/11/2026"],
    }


def test_every_output_command_is_walked(planted, tmp_path):
    """A new export, report, template or list kind must be added to `commands`."""
    parser = cli.build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")  # noqa: SLF001
    walked = {" ".join(c.split()[:2]) for c in commands(planted, tmp_path)}
    for group in ("export", "report", "template"):
        kinds = next(a for a in sub.choices[group]._actions if a.dest == "kind").choices  # noqa: SLF001
        assert {f"{group} {k}" for k in kinds} <= walked, group
    assert "list agencies" in walked and "deadlines" in walked


def _file_text(path: Path) -> str:
    if path.suffix == ".xlsx":
        book = openpyxl.load_workbook(path, read_only=True)
        parts = [str(v) for sheet in book for row in sheet.iter_rows(values_only=True)
                 for v in row if v is not None]  # fmt: skip
        book.close()
        return "\n".join(parts)
    if path.suffix == ".pdf":
        return subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
        ).stdout
    if path.suffix == ".docx":
        with zipfile.ZipFile(path) as document:
            return document.read("word/document.xml").decode("utf-8")
    return path.read_text(encoding="utf-8", errors="replace")


def _run_all(planted: dict, out: Path, login: str | None) -> dict[str, str]:
    """What each command printed and wrote, as one text per command (and its exit status)."""
    out.mkdir()
    who = ["--user", login] if login else []
    seen = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PARTNERBOARD_PASSWORD", PASSWORD)
        for name, argv in commands(planted, out).items():
            before = set(out.rglob("*"))
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                status = cli.main(["--db", str(planted["path"]), *who, *argv])
            written = sorted(f for f in set(out.rglob("*")) - before if f.is_file())
            text = "\n".join([printed.getvalue(), *(_file_text(f) for f in written)])
            seen[name] = f"exit {status}\n{text}"
    return seen


def _markers_in(text: str) -> set[str]:
    return {m for m in (*HIDDEN.values(), NAMED) if m.casefold() in text.casefold()}


@pytest.fixture(scope="module")
def as_business_support(planted, tmp_path_factory) -> dict[str, str]:
    return _run_all(planted, tmp_path_factory.mktemp("bs") / "out", None)


def test_business_support_outputs_show_every_planted_record(as_business_support):
    failed = {
        n: t.splitlines()[1:3] for n, t in as_business_support.items() if not t.startswith("exit 0")
    }
    assert not failed, failed
    shown = set().union(*(_markers_in(t) for t in as_business_support.values()))
    assert shown == {*HIDDEN.values(), NAMED}


@pytest.mark.parametrize("login", ["member1", "reader1"])
def test_a_member_or_reader_meets_no_restricted_record_in_any_output(
    planted, tmp_path, login, as_business_support
):
    seen = _run_all(planted, tmp_path / "out", login)
    leaks = {name: _markers_in(text) - {NAMED} for name, text in seen.items()}
    assert not {n: m for n, m in leaks.items() if m}, "restricted records leaked"
    named = {n for n, t in seen.items() if NAMED.casefold() in t.casefold()}
    if login == "member1":  # restricted to them by name: shown where business support sees it
        expected = {n for n, t in as_business_support.items() if NAMED.casefold() in t.casefold()}
        assert named == expected - {"export audit-trail"}
    else:
        assert not named
    # Outputs that never held a restricted record work for them as for anyone.
    for name in ("export s11", "report thresholds", "list agencies", "report briefing"):
        assert seen[name].startswith("exit 0"), (name, seen[name][:300])
