"""Restricted records planted with marker words, for the tests that walk every output path
(`tests/trust/test_every_output_path.py`) and every page (`tests/ui/test_restricted_pages.py`).

`planted` copies the demo, adds a member (linked to a person) and a read-only user, and plants
one marker per way a restricted record can exist, one record restricted to the member by
name, and one record in a restricted log.
"""

from __future__ import annotations

import contextlib
import io
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Audience
from partnerboard.services import access, escalations, restriction, reviews, training
from partnerboard.services import partnership as p
from partnerboard.services import performance as perf
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
    "indicator": "Qzxindic",
    "from_indicator": "Qzxfromind",
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
    _answered_by_a_course(db, secret)
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
    # A restricted indicator with its figures, and an action raised from it (hidden with it).
    council = next(i.agency_id for i in perf.list_indicators(db) if i.reference == "FD4")
    secret_indicator = perf.save_indicator(
        db,
        perf.IndicatorInput(
            reference="QZ1",
            title=f"{HIDDEN['indicator']} measure",
            unit="count",
            polarity="lower",
            theme="Front door",
            agency_id=council,
            target=5,
            restricted=True,
        ),
    )
    for period, value in (("2026/27-Q1", 4), ("2026/27-Q2", 9)):
        perf.record_value(
            db,
            secret_indicator.id,
            perf.ValueInput(period, value=value, commentary=f"{HIDDEN['indicator']} rose"),
        )
    perf.raise_action(
        db, secret_indicator.id, perf.RaiseInput(f"{HIDDEN['from_indicator']} follow-up")
    )
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


def _answered_by_a_course(db, action_id: int) -> None:
    """A course of the demo answers the restricted action: shown with it, hidden with it."""
    course = training.resolve_course(db, "NEG-1")
    data = training.CourseInput(
        course.reference, course.title, course.theme, course.level.value,
        outcomes=list(course.outcomes), action_ids=[*course.action_ids, action_id],
        target_trained=course.target_trained,
    )  # fmt: skip
    training.save_course(db, data, course.id, course.row_version)


def markers_in(text: str) -> set[str]:
    """The planted markers that `text` shows."""
    return {m for m in (*HIDDEN.values(), NAMED) if m.casefold() in text.casefold()}


@dataclass(frozen=True)
class Ran:
    """One output command run against the planted database: how it ended and what it made."""

    status: int
    printed: str  # standard output and error
    written: list[Path]  # the files it wrote, in name order


def run_outputs(
    planted: dict, commands: dict[str, list[str]], out: Path, login: str | None
) -> dict[str, Ran]:
    """Run each command (signed in as `login`, or as the database's own user) into `out`."""
    from partnerboard import cli  # noqa: PLC0415

    out.mkdir(exist_ok=True)
    who = ["--user", login] if login else []
    ran = {}
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PARTNERBOARD_PASSWORD", PASSWORD)
        for name, argv in commands.items():
            before = set(out.rglob("*"))
            printed = io.StringIO()
            with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
                status = cli.main(["--db", str(planted["path"]), *who, *argv])
            written = sorted(f for f in set(out.rglob("*")) - before if f.is_file())
            ran[name] = Ran(status, printed.getvalue(), written)
    return ran
