"""Users and sign-in: argon2id passwords, roles, disabling, the first administrator."""

from __future__ import annotations

import pytest
from argon2 import PasswordHasher
from sqlalchemy import select

from partnerboard.db.models.access import AppUser
from partnerboard.domain.access import Principal, Role, os_user_name
from partnerboard.errors import NotPermitted, SignInFailed, ValidationFailed
from partnerboard.services import access
from partnerboard.services.access import UserInput
from tests.trust.helpers import trail


def test_a_user_signs_in_and_becomes_the_principal(demo_db):
    row = access.save_user(
        demo_db,
        UserInput("Grace Adeyemi", "g.adeyemi", "chair", person_id=5),
        password="board chair 2026",
    )
    assert (row.role, row.has_password, row.last_sign_in_at) == (Role.CHAIR, True, None)
    before = trail(demo_db.target.path)
    started = demo_db.clock.now_utc()
    principal = access.authenticate(demo_db, "G.Adeyemi", "board chair 2026")  # login any case
    signed_in = demo_db.clock.now_utc()
    assert principal == Principal("Grace Adeyemi", Role.CHAIR, row.id, 5)
    # Signing in writes nothing (a chair who only reads leaves the database as it was) ...
    assert trail(demo_db.target.path) == before
    assert access.find_user(demo_db, "g.adeyemi").last_sign_in_at is None
    # ... the time is recorded with their first change, by them.
    demo_db.principal = principal
    access.set_password(demo_db, "g.adeyemi", "a new chair password")
    # (the time of the sign-in, not of the change)
    assert started <= access.find_user(demo_db, "g.adeyemi").last_sign_in_at <= signed_in
    last = trail(demo_db.target.path)[-1]
    assert (last["who"], last["table_name"]) == ("Grace Adeyemi", "app_user")
    assert "last_sign_in_at" in last["after"]


def test_passwords_are_stored_as_argon2id_with_the_chosen_parameters(demo_db):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    with demo_db.reader() as session:
        stored = session.scalar(select(AppUser.password_hash).where(AppUser.login == "ann"))
    assert stored.startswith("$argon2id$v=19$m=65536,t=2,p=1$")
    assert "correct horse" not in stored


@pytest.mark.parametrize(
    "login, password",
    [("ann", "wrong password"), ("nobody", "correct horse 9"), ("", "")],
    ids=["wrong password", "unknown login", "empty"],
)
def test_a_failed_sign_in_does_not_say_which_part_was_wrong(demo_db, login, password):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    with pytest.raises(SignInFailed) as failed:
        access.authenticate(demo_db, login, password)
    assert str(failed.value) == access.SIGN_IN_FAILED


def test_a_disabled_user_cannot_sign_in_until_enabled(demo_db):
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    access.set_user_active(demo_db, "ann", False)
    with pytest.raises(SignInFailed):
        access.authenticate(demo_db, "ann", "correct horse 9")
    access.set_user_active(demo_db, "ann", True)
    assert access.authenticate(demo_db, "ann", "correct horse 9").name == "Ann"


def test_a_hash_with_old_parameters_is_upgraded_with_the_first_change(demo_db):
    access.save_user(
        demo_db, UserInput("Ann", "ann", "business_support"), password="correct horse 9"
    )
    weak = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1).hash("correct horse 9")
    with demo_db.session() as session:
        session.scalars(select(AppUser).where(AppUser.login == "ann")).one().password_hash = weak

    def stored():
        with demo_db.reader() as session:
            return session.scalar(select(AppUser.password_hash).where(AppUser.login == "ann"))

    demo_db.principal = access.authenticate(demo_db, "ann", "correct horse 9")
    assert stored() == weak  # signing in wrote nothing
    from partnerboard.services import partnership as p

    p.save_agency(demo_db, p.AgencyInput(name="Ann's first change", sector="other"))
    assert stored().startswith("$argon2id$v=19$m=65536,t=2,p=1$")
    assert access.authenticate(demo_db, "ann", "correct horse 9").name == "Ann"


def test_rules_for_users(demo_db):
    with pytest.raises(ValidationFailed) as failed:
        access.save_user(demo_db, UserInput("", "two words", "boss"), password="short")
    assert {e.field for e in failed.value.errors} == {"name", "login", "role", "password"}
    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    with pytest.raises(ValidationFailed, match="already has this login"):
        access.save_user(demo_db, UserInput("Other Ann", "ANN", "member"), password="x" * 12)


def test_the_last_business_support_user_cannot_be_disabled_or_demoted(demo_db):
    admin = access.save_user(
        demo_db, UserInput("Admin", "admin", "business_support"), password="pass word 10"
    )
    with pytest.raises(ValidationFailed, match="last business support"):
        access.set_user_active(demo_db, "admin", False)
    with pytest.raises(ValidationFailed, match="last business support"):
        access.save_user(demo_db, UserInput("Admin", "admin", "member"), admin.id)
    access.save_user(demo_db, UserInput("Second", "second", "business_support"), password="x" * 12)
    access.set_user_active(demo_db, "admin", False)
    assert not access.find_user(demo_db, "admin").active


def test_only_business_support_manages_users(demo_db_path, demo_db):
    from tests.trust.helpers import as_role

    access.save_user(demo_db, UserInput("Ann", "ann", "member"), password="correct horse 9")
    chair = as_role(demo_db_path, Role.CHAIR)
    try:
        with pytest.raises(NotPermitted):
            access.save_user(chair, UserInput("Bob", "bob", "business_support"), password="x" * 12)
        with pytest.raises(NotPermitted):
            access.set_user_active(chair, "ann", False)
    finally:
        chair.close()


def test_the_first_run_of_a_file_makes_its_user_the_administrator(db):
    assert not access.has_users(db)
    made = access.ensure_first_administrator(db)
    assert (made.login, made.role, made.has_password) == (
        os_user_name(),
        Role.BUSINESS_SUPPORT,
        False,
    )
    assert access.ensure_first_administrator(db) is None  # once only
    principal = access.local_principal(db)
    assert (principal.role, principal.user_id) == (Role.BUSINESS_SUPPORT, made.id)


def test_sign_in_on_a_file_is_optional_until_business_support_turns_it_on(db):
    assert not access.sign_in_required(db)
    access.ensure_first_administrator(db)
    with pytest.raises(ValidationFailed, match="password first"):
        access.set_sign_in_required(db, True)  # nobody could sign in: refused
    access.set_password(db, os_user_name(), "admin password 1")
    access.set_sign_in_required(db, True)
    assert access.sign_in_required(db)
    access.set_sign_in_required(db, False)
    assert not access.sign_in_required(db)


def test_a_start_without_sign_in_is_the_local_user_and_stops_once_sign_in_is_on(db):
    first = access.start_without_sign_in(db)  # the first run: the user becomes administrator
    made = access.find_user(db, os_user_name())
    assert made is not None and made.role is Role.BUSINESS_SUPPORT
    assert (first.role, first.user_id) == (Role.BUSINESS_SUPPORT, made.id)
    again = access.start_without_sign_in(db)  # later runs: the same account, no second one
    assert again.user_id == made.id and len(access.list_users(db)) == 1
    access.set_password(db, os_user_name(), "admin password 1")
    access.set_sign_in_required(db, True)
    assert access.start_without_sign_in(db) is None  # the sign-in dialog asks instead


def test_a_shared_server_always_requires_sign_in(pg_server):
    from partnerboard.db.schema import open_database

    db = open_database(pg_server.new_database())
    try:
        assert access.sign_in_required(db)
        assert access.ensure_first_administrator(db) is None  # a server's needs a password
        with pytest.raises(ValidationFailed, match="always requires"):
            access.set_sign_in_required(db, False)
        with pytest.raises(ValidationFailed, match="at least 10"):
            access.save_user(db, UserInput("Admin", "admin", "business_support"))
        access.save_user(db, UserInput("Admin", "admin", "business_support"), password="x" * 12)
        assert access.authenticate(db, "admin", "x" * 12).role is Role.BUSINESS_SUPPORT
    finally:
        db.close()
