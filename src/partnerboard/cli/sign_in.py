"""Signing in on the command line: who a command works as.

On a database that requires sign-in, every command signs in first: `--user LOGIN` (or
PARTNERBOARD_USER), the password asked for, or read from PARTNERBOARD_PASSWORD for scripts
(`services.access.authenticate`: the same rules, waits and trail as the app).

Most calls are on a SQLite file without sign-in and without a login: the command works as the
operating-system user, as business support (`services.access.local_principal`). That answer is
read here with two plain statements, the same questions `services.access` asks through the
models: a command such as `check` then neither imports the registers' models nor configures
their mappers nor compiles an ORM query only to learn who is running it. Anything else (a
login given, sign-in required, a shared server) goes through `services.access` itself.
"""

from __future__ import annotations

import getpass
import os
import sys

from sqlalchemy import Boolean, text

from partnerboard.db.database import Database
from partnerboard.domain.access import Principal, os_user_name
from partnerboard.errors import UserError

# `services.access.SIGN_IN_SETTING` (a test holds the two equal).
SIGN_IN_SETTING = "access.sign_in_required"

# (Qualified as the ORM writes them: a damaged file fails with the same first line.)
_SIGN_IN_REQUIRED = text('SELECT setting.value FROM setting WHERE setting."key" = :key')
# As `services.access._find`: the first user whose login, in lower case, is the one wanted.
_USER = text(
    "SELECT app_user.id, app_user.name, app_user.person_id, app_user.active FROM app_user "
    "WHERE lower(app_user.login) = :wanted"
).columns(active=Boolean)


def sign_in_from_args(db: Database, args) -> None:
    """Set `db.principal` for this command, signing in when the database requires it."""
    login = getattr(args, "user", None) or os.environ.get("PARTNERBOARD_USER")
    if not login and db.is_sqlite:
        local = plain_local_principal(db)
        if local is not None:
            db.principal = local
            return
    from partnerboard.services import access  # noqa: PLC0415  (the models: only to sign in)

    if not access.sign_in_required(db) and not login:
        # The operating-system user, as business support. (The app's first run also makes them
        # the file's administrator; a command does not, so that `check` of a copy writes nothing.)
        db.principal = access.local_principal(db)
        return
    if not access.has_users(db):
        if getattr(args, "first_user", False):
            return  # `user add` creating the first administrator (checked there)
        raise UserError(
            "This database requires sign-in but has no users yet: create the first "
            "administrator with `partnerboard user add LOGIN --name NAME --role business_support`."
        )
    if not login:
        raise UserError(
            "This database requires sign-in: give --user LOGIN (the password is asked for, or "
            "read from PARTNERBOARD_PASSWORD)."
        )
    password = os.environ.get("PARTNERBOARD_PASSWORD")
    if password is None:
        password = ask(f"Password for {login}: ")
    db.principal = access.authenticate(db, login, password)


def plain_local_principal(db: Database) -> Principal | None:
    """`services.access.local_principal(db)` where a SQLite file does not require sign-in;
    None where it does. Read in one reading unit of work, with plain statements."""
    with db.reader() as session:
        setting = session.execute(_SIGN_IN_REQUIRED, {"key": SIGN_IN_SETTING}).first()
        if setting is not None and setting.value == "yes":
            return None
        user = session.execute(_USER, {"wanted": os_user_name().strip().lower()}).first()
    # As `services.access._local_principal_of`.
    if user is not None and user.active:
        return Principal(name=user.name, user_id=user.id, person_id=user.person_id)
    return Principal.local_user()


def ask(prompt: str) -> str:
    """A password typed without echo; one plain line when none can be read (no terminal and
    standard input closed or empty, as under a scheduler)."""
    try:
        return getpass.getpass(prompt)
    except EOFError:
        print(file=sys.stderr)  # end the prompt's line: the message stands on its own
        raise UserError(
            "No password could be read (standard input is closed): type it when asked, or set "
            "PARTNERBOARD_PASSWORD for scripts. Nothing was done."
        ) from None
