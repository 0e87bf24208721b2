"""Who works on a SQLite file that does not require sign-in: the one rule, read without models.

Where sign-in is off, the operating-system user works as business support, linked to their
account when an active one has their login (so that the audit trail names the same user
either way). The app's start, `services.access` and the command line all ask this module, in
plain statements: a command such as `check` then neither imports the registers' models nor
configures their mappers only to learn who is running it.
"""

from __future__ import annotations

from typing import NamedTuple

from sqlalchemy import Boolean, text

from partnerboard.db.database import Database
from partnerboard.domain.access import Principal, os_user_name

SIGN_IN_SETTING = "access.sign_in_required"

# (Qualified as the ORM writes them: a damaged file fails with the same first line.)
_SETTING = text('SELECT setting.value FROM setting WHERE setting."key" = :key')
# The first user whose login, in lower case, is the one wanted (as `services.access._find`).
_USER = text(
    "SELECT app_user.id, app_user.name, app_user.person_id, app_user.active FROM app_user "
    "WHERE lower(app_user.login) = :wanted"
).columns(active=Boolean)


class LocalUser(NamedTuple):
    """What one reading says: whether sign-in is required, and the local user's account."""

    sign_in_required: bool
    account_found: bool
    principal: Principal


def sign_in_required_in(session) -> bool:
    setting = session.execute(_SETTING, {"key": SIGN_IN_SETTING}).first()
    return setting is not None and setting.value == "yes"


def _account(session):
    return session.execute(_USER, {"wanted": os_user_name().strip().lower()}).first()


def _principal_of(account) -> Principal:
    if account is not None and account.active:
        return Principal(name=account.name, user_id=account.id, person_id=account.person_id)
    return Principal.local_user()


def local_user_in(session) -> LocalUser:
    """The setting and the operating-system user's account, read in `session`."""
    if sign_in_required_in(session):
        return LocalUser(True, False, Principal.local_user())
    account = _account(session)
    return LocalUser(False, account is not None, _principal_of(account))


def local_principal(db: Database) -> Principal:
    """Without sign-in: the operating-system user, as business support."""
    with db.reader() as session:
        return _principal_of(_account(session))


def plain_local_principal(db: Database) -> Principal | None:
    """Who works on a SQLite file without sign-in; None where the file requires it."""
    with db.reader() as session:
        local = local_user_in(session)
    return None if local.sign_in_required else local.principal
