"""The command line learns who runs a command on a file without sign-in from two plain
statements (`services.local_user`, which `services.access` uses too): the same principal `services.access` gives,
in every case, and no answer where the file requires sign-in."""

from __future__ import annotations

from partnerboard.domain.access import Principal, os_user_name
from partnerboard.services import access
from partnerboard.services.access import UserInput
from partnerboard.services.local_user import plain_local_principal


def test_the_plain_read_names_whom_the_services_name(db):
    # No user yet: the operating-system user, as business support, with no account.
    assert plain_local_principal(db) == access.local_principal(db) == Principal.local_user()
    # The first run makes them the administrator: their account is named.
    made = access.ensure_first_administrator(db)
    assert made is not None
    principal = plain_local_principal(db)
    assert principal == access.local_principal(db)
    assert (principal.user_id, principal.name) == (made.id, os_user_name())
    # Their account disabled: no longer theirs (the operating-system user without one).
    access.save_user(
        db,
        UserInput(name="Admin two", login="admin2", role="business_support"),
        password="a long password 2",
    )
    db.principal = access.authenticate(db, "admin2", "a long password 2")
    access.set_user_active(db, os_user_name(), False)
    assert plain_local_principal(db) == access.local_principal(db) == Principal.local_user()


def test_the_plain_read_gives_no_answer_where_sign_in_is_required(db):
    access.ensure_first_administrator(db)
    access.set_password(db, os_user_name(), "admin password 1")
    access.set_sign_in_required(db, True)
    assert plain_local_principal(db) is None
    access.set_sign_in_required(db, False)
    assert plain_local_principal(db) == access.local_principal(db)
