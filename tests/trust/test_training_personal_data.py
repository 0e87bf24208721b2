"""Training records and the trust rules: a course that answers a restricted action is shown with
it and hidden with it; practitioners' names and e-mails are seen by business support and the
chairs only, and no output of the programme (the report, the export) holds them at all."""

from __future__ import annotations

import contextlib
import io
import shutil
import subprocess

import openpyxl
import pytest

from partnerboard import cli
from partnerboard.db.schema import open_database
from partnerboard.services import training
from tests.fixtures_restricted import HIDDEN, PASSWORD

PERSON = "Qzxpractitioner Quill"
EMAIL = "qzx.quill@wrenfield.police.example"


@pytest.fixture(scope="module")
def booked(planted, tmp_path_factory) -> dict:
    """The planted database, with one practitioner whose name and e-mail are markers."""
    path = tmp_path_factory.mktemp("booked") / "board.sqlite"
    shutil.copy(planted["path"], path)
    db = open_database(str(path))
    try:
        held = next(s for s in training.list_sessions(db) if s.held and not s.cancelled)
        training.save_booking(
            db, held.id, training.BookingInput(PERSON, EMAIL, "Detective Constable", None, "attended")
        )  # fmt: skip
    finally:
        db.close()
    return {**planted, "path": path, "session": held.id}


def _output(path, login: str | None, out, *argv: str) -> str:
    who = ["--user", login] if login else []
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as env:
        env.setenv("PARTNERBOARD_PASSWORD", PASSWORD)
        with contextlib.redirect_stdout(printed), contextlib.redirect_stderr(printed):
            status = cli.main(["--db", str(path), *who, *argv, "-o", str(out)])
    assert status == 0, printed.getvalue()
    if out.suffix == ".pdf":
        return subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    book = openpyxl.load_workbook(out, read_only=True)
    return " ".join(str(v) for s in book for r in s.iter_rows(values_only=True) for v in r if v)


@pytest.mark.parametrize("login", [None, "member1", "reader1"])
def test_outputs_hold_no_names_and_no_restricted_action(booked, tmp_path, login):
    for kind, suffix in (("report", ".pdf"), ("export", ".xlsx")):
        text = _output(booked["path"], login, tmp_path / f"t{suffix}", kind, "training")
        assert PERSON not in text and EMAIL not in text, (kind, login)
        # The neglect course answers the restricted action: business support sees it.
        assert (HIDDEN["action"] in text) is (login is None), (kind, login)


def test_names_are_loaded_for_business_support_only(booked):
    from partnerboard.services import access

    for login, sees in ((None, True), ("member1", False), ("reader1", False)):
        db = open_database(str(booked["path"]))
        try:
            if login:
                db.principal = access.authenticate(db, login, PASSWORD)
            rows = training.list_bookings(db, booked["session"])
            assert (PERSON in {r.name for r in rows}) is sees
            assert (EMAIL in {r.email for r in rows}) is sees
            assert len(rows) > 1  # everyone sees the places, by agency
            course = training.resolve_course(db, "NEG-1")
            assert any(HIDDEN["action"] in a for a in course.actions) is sees
        finally:
            db.close()
