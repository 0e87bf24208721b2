"""Signing in on the command line: who a command works as.

On a database that requires sign-in, every command signs in first: `--user LOGIN` (or
PARTNERBOARD_USER), the password asked for, or read from PARTNERBOARD_PASSWORD for scripts
(`services.access.authenticate`: the same rules, waits and trail as the app).

Most calls are on a SQLite file without sign-in and without a login: the command works as the
operating-system user, as business support (`services.access.local_principal`). That answer is
read with two plain statements (`services.local_user`, which `services.access` uses too): a
command such as `check` then neither imports the registers' models nor configures
their mappers nor compiles an ORM query only to learn who is running it. Anything else (a
login given, sign-in required, a shared server) goes through `services.access` itself.
"""

from __future__ import annotations

import getpass
import os
import sys

from partnerboard.db.database import Database
from partnerboard.errors import UserError
from partnerboard.services.local_user import plain_local_principal


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
