"""Signing in: the same work for a known and an unknown login, a back-off after failures (each
recorded), and a sign-in that writes nothing (so reading and `check` leave the database as it
was, the audit anchor included)."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, time, timedelta

import pytest
from argon2 import PasswordHasher, Type, extract_parameters
from argon2.exceptions import VerifyMismatchError

from partnerboard.clock import FixedClock
from partnerboard.db.audit_anchor import anchor_path
from partnerboard.errors import SignInFailed
from partnerboard.services import access, passwords
from partnerboard.services.access import FREE_TRIES, UserInput
from tests.clock import TODAY
from tests.trust.helpers import trail


class LaterClock(FixedClock):
    """The pinned day at a stopped moment (10:00), or some time later (a person waiting,
    without waiting): the waits asked for do not depend on how fast this machine hashes."""

    def __init__(self, later: timedelta = timedelta(0)) -> None:
        super().__init__(TODAY)
        self.later = later

    def now_local(self):
        return datetime.combine(TODAY, time(10, 0)) + self.later


class CountingHasher(PasswordHasher):
    """The app's hasher (same parameters), counting what it is asked to do."""

    def __init__(self) -> None:
        super().__init__(time_cost=2, memory_cost=64 * 1024, parallelism=1, type=Type.ID)
        self.verified: list = []
        self.hashed = 0

    def verify(self, hash, password):  # noqa: A002 - argon2's own name
        self.verified.append(extract_parameters(hash))
        return super().verify(hash, password)

    def hash(self, password, *, salt=None):
        self.hashed += 1
        return super().hash(password, salt=salt)


def test_an_unknown_login_costs_one_verification_with_the_same_parameters(demo_db, monkeypatch):
    counting = CountingHasher()
    assert counting._parameters == passwords.HASHER._parameters  # noqa: SLF001
    assert extract_parameters(passwords.DUMMY_HASH) == passwords.HASHER._parameters  # noqa: SLF001
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    monkeypatch.setattr(passwords, "HASHER", counting)
    for login in ("ann", "nobody"):
        with pytest.raises(SignInFailed):
            access.authenticate(demo_db, login, "wrong password 1")
    assert counting.verified == [passwords.HASHER._parameters] * 2  # noqa: SLF001
    assert counting.hashed == 0  # no hash is made at sign-in (it was, lazily, for the dummy)
    with pytest.raises(VerifyMismatchError):
        counting.verify(passwords.DUMMY_HASH, "")


def test_a_password_of_bytes_that_are_not_text_simply_fails(demo_db):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    with pytest.raises(SignInFailed, match="Unknown login or wrong password"):
        access.authenticate(demo_db, "ann", "correct horse\udcb0")


@pytest.mark.parametrize("login", ["ann", "nobody"], ids=["known login", "unknown login"])
def test_failures_are_recorded_and_then_slow_down(demo_db, demo_db_path, login):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    demo_db.clock = LaterClock()
    for _ in range(FREE_TRIES):
        with pytest.raises(SignInFailed, match="Unknown login or wrong password"):
            access.authenticate(demo_db, login, "wrong password 1")
    failures = [e for e in trail(demo_db_path) if e["table_name"] == "sign_in_failure"]
    assert len(failures) == FREE_TRIES and {e["record_key"] for e in failures} == {login}
    assert {e["who"] for e in failures} == {"(failed sign-in)"}
    # Now even the right password waits: the same for a login that exists and one that does not.
    with pytest.raises(SignInFailed, match=r"Too many failed sign-ins .* wait 2 second"):
        access.authenticate(demo_db, login, "correct horse 9")
    demo_db.clock = LaterClock(timedelta(seconds=3))
    with pytest.raises(SignInFailed, match="Unknown login or wrong password"):
        access.authenticate(demo_db, login, "wrong password 1")  # the fourth: now 4 seconds
    with pytest.raises(SignInFailed, match="wait 4 second"):
        access.authenticate(demo_db, login, "correct horse 9")
    demo_db.clock = LaterClock(timedelta(minutes=20))
    if login == "ann":  # after a quiet spell, the right password works again
        assert access.authenticate(demo_db, "ann", "correct horse 9").name == "Ann"


def _run(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if not k.startswith("PARTNERBOARD_USER")}
    environment.pop("PARTNERBOARD_PASSWORD", None)
    environment.update(env)
    return subprocess.run(
        [sys.executable, "-m", "partnerboard", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=environment,
        input="",  # standard input closed at once
        start_new_session=True,  # and no terminal to ask on, as under a scheduler
    )


def test_signing_in_to_read_or_check_writes_nothing(demo_db, demo_db_path, tmp_path):
    access.ensure_first_administrator(demo_db)
    access.save_user(
        demo_db, UserInput("Rory Reader", "rory", "read_only"), password="reader pw 12"
    )
    access.save_user(demo_db, UserInput("Ann", "ann", "business_support"), password="admin pw 123")
    access.set_password(demo_db, access.os_user_name(), "admin pw 123")
    access.set_sign_in_required(demo_db, True)
    trail_before = trail(demo_db_path)
    anchor = anchor_path(demo_db.target)
    anchor_before = anchor.read_bytes()
    for login, password in (("rory", "reader pw 12"), ("ann", "admin pw 123")):
        for command in (
            ["check"],
            ["list", "agencies"],
            ["export", "actions", "-o", str(tmp_path / "a.xlsx")],
        ):
            done = _run("--db", str(demo_db_path), "--user", login, *command,
                        PARTNERBOARD_PASSWORD=password)  # fmt: skip
            assert done.returncode == 0, (command, done.stderr)
    assert trail(demo_db_path) == trail_before
    assert anchor.read_bytes() == anchor_before  # reads and sign-ins never move the anchor
    assert access.find_user(demo_db, "rory").last_sign_in_at is None


def test_no_password_to_read_is_one_line(demo_db, demo_db_path):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    done = _run("--db", str(demo_db_path), "--user", "ann", "list", "agencies")
    assert done.returncode == 1
    assert done.stderr.strip().splitlines()[-1] == (
        "partnerboard: No password could be read (standard input is closed): type it when "
        "asked, or set PARTNERBOARD_PASSWORD for scripts. Nothing was done."
    )
    assert "Traceback" not in done.stderr
