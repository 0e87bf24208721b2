"""Users, roles and sign-in.

Passwords: `services.passwords` (argon2id, parameters and measured cost there).

Sign-in is required on a shared PostgreSQL server, and optional on a single-user SQLite file
(then the operating-system user acts as business support) unless business support turns it
on for that file (`set_sign_in_required`)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select

from partnerboard.db.database import Database
from partnerboard.db.models.access import AppUser, SignInFailure
from partnerboard.db.models.partnership import Person, Setting
from partnerboard.domain.access import Principal, Role, os_user_name
from partnerboard.errors import FieldError, NotPermitted, SignInFailed, ValidationFailed
from partnerboard.services import local_user, passwords
from partnerboard.services.common import check_version, fetch, tidy
from partnerboard.services.local_user import SIGN_IN_SETTING, local_user_in, sign_in_required_in
from partnerboard.services.passwords import DUMMY_HASH, check_password, readable

log = logging.getLogger(__name__)

SIGN_IN_FAILED = "Unknown login or wrong password (or the account is disabled)."


@dataclass(frozen=True)
class UserRow:
    id: int
    name: str
    login: str
    role: Role
    person_id: int | None
    person_name: str | None
    active: bool
    has_password: bool
    last_sign_in_at: datetime | None
    password_changed_at: datetime | None
    row_version: int


@dataclass
class UserInput:
    name: str
    login: str
    role: str
    person_id: int | None = None


def _row(user: AppUser, person_name: str | None) -> UserRow:
    return UserRow(
        user.id,
        user.name,
        user.login,
        Role(user.role),
        user.person_id,
        person_name,
        user.active,
        user.password_hash is not None,
        user.last_sign_in_at,
        user.password_changed_at,
        user.row_version,
    )


def _require_admin(db: Database) -> None:
    if not db.principal.role.edits_all:
        raise NotPermitted("Only business support can manage users.")


def validate_user(data: UserInput) -> list[FieldError]:
    errors: list[FieldError] = []
    if not tidy(data.name):
        errors.append(FieldError("name", "Give the user's name."))
    login = (data.login or "").strip()
    if not login:
        errors.append(FieldError("login", "Give a login (e.g. j.smith)."))
    elif len(login) > 100 or any(c.isspace() for c in login):
        errors.append(FieldError("login", "A login has no spaces and at most 100 characters."))
    if Role.parse(data.role) is None:
        errors.append(FieldError("role", "Choose a role."))
    return errors


def list_users(db: Database) -> list[UserRow]:
    _require_admin(db)
    with db.reader() as session:
        rows = session.execute(
            select(AppUser, Person.name)
            .outerjoin(Person, Person.id == AppUser.person_id)
            .order_by(func.lower(AppUser.name))
        ).all()
        return [_row(user, person) for user, person in rows]


def _find(session, login: str) -> AppUser | None:
    wanted = login.strip().lower()
    return session.scalars(select(AppUser).where(func.lower(AppUser.login) == wanted)).first()


def find_user(db: Database, login: str) -> UserRow | None:
    with db.reader() as session:
        user = _find(session, login)
        if user is None:
            return None
        person = session.get(Person, user.person_id) if user.person_id else None
        return _row(user, person.name if person else None)


def _active_admins(session, except_id: int | None = None) -> int:
    return session.scalar(
        select(func.count())
        .select_from(AppUser)
        .where(
            AppUser.active.is_(True),
            AppUser.role == Role.BUSINESS_SUPPORT.value,
            AppUser.id != (except_id or 0),
        )
    )


def save_user(
    db: Database,
    data: UserInput,
    user_id: int | None = None,
    password: str | None = None,
    expected_version: int | None = None,
) -> UserRow:
    """Add a user (with a password, unless the database needs no sign-in) or change one."""
    _require_admin(db)
    errors = validate_user(data)
    if password is not None or (user_id is None and sign_in_required(db)):
        errors += check_password(password)
    if errors:
        raise ValidationFailed(errors)
    role = Role.parse(data.role)
    assert role is not None
    with db.session() as session:
        clash = _find(session, data.login)
        if clash is not None and clash.id != user_id:
            raise ValidationFailed(FieldError("login", f"{clash.name} already has this login."))
        person = fetch(session, Person, data.person_id, "person") if data.person_id else None
        user = fetch(session, AppUser, user_id, "user") if user_id else AppUser(active=True)
        check_version(user, expected_version, "user")
        if (
            user_id is not None
            and user.active
            and user.role == Role.BUSINESS_SUPPORT.value != role.value
            and not _active_admins(session, user_id)
        ):
            raise ValidationFailed(
                FieldError("role", "This is the last business support user; keep the role.")
            )
        user.name = tidy(data.name) or ""
        user.login = data.login.strip()
        user.role = role.value
        user.person_id = data.person_id
        if password is not None:
            user.password_hash = passwords.HASHER.hash(password)
            user.password_changed_at = db.clock.now_utc()
        if user_id is None:
            session.add(user)
        session.flush()
        return _row(user, person.name if person else None)


def set_password(db: Database, login: str, password: str) -> None:
    """Business support sets anyone's password; anyone may change their own."""
    errors = check_password(password)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        user = _find(session, login)
        if user is None:
            raise SignInFailed(f"There is no user with the login “{login}”.")
        if not db.principal.role.edits_all and user.id != db.principal.user_id:
            raise NotPermitted("You can change only your own password.")
        user.password_hash = passwords.HASHER.hash(password)
        user.password_changed_at = db.clock.now_utc()


def set_user_active(db: Database, login: str, active: bool) -> UserRow:
    """Disable (or enable again) a user; users are never deleted (the audit trail names them)."""
    _require_admin(db)
    with db.session() as session:
        user = _find(session, login)
        if user is None:
            raise SignInFailed(f"There is no user with the login “{login}”.")
        if (
            not active
            and user.role == Role.BUSINESS_SUPPORT.value
            and not _active_admins(session, user.id)
        ):
            raise ValidationFailed(
                FieldError("active", "This is the last business support user: add another first.")
            )
        user.active = active
        session.flush()
        person = session.get(Person, user.person_id) if user.person_id else None
        return _row(user, person.name if person else None)


def principal_for(user: AppUser) -> Principal:
    return Principal(
        name=user.name, role=Role(user.role), user_id=user.id, person_id=user.person_id
    )


# Failed sign-ins: a few are free; then each attempt waits longer (up to a minute) before the
# password is even looked at. Counted per login as typed, known or not (the wait tells nothing
# about which logins exist), in the database so that every computer and process sees them, and
# each failure is in the audit trail. A quiet spell of WINDOW starts the count again.
FREE_TRIES = 3
MAX_WAIT_S = 60
WINDOW = timedelta(minutes=15)
FAILED_SIGN_IN = Principal(name="(failed sign-in)", role=Role.READ_ONLY)


def wait_after(failures: int) -> int:
    """Seconds to wait after `failures` failures in a row (0 while they are free)."""
    if failures < FREE_TRIES:
        return 0
    return min(MAX_WAIT_S, 2 ** (failures - FREE_TRIES + 1))


def _login_key(login: str | None) -> str:
    return (login or "").strip().lower()[:100]


def _seconds_to_wait(failure: SignInFailure | None, now: datetime) -> int:
    if failure is None or now - failure.last_failed_at > WINDOW:
        return 0
    allowed_at = failure.last_failed_at + timedelta(seconds=wait_after(failure.failures))
    return max(0, math.ceil((allowed_at - now).total_seconds()))


def _record_failure(db: Database, key: str, now: datetime) -> None:
    with db.session() as session:
        session.info["principal"] = FAILED_SIGN_IN  # who: nobody signed in; the key says which
        failure = session.get(SignInFailure, key)
        if failure is None:
            session.add(SignInFailure(login=key, failures=1, last_failed_at=now))
        else:
            quiet = now - failure.last_failed_at > WINDOW
            failure.failures = 1 if quiet else failure.failures + 1
            failure.last_failed_at = now


def authenticate(db: Database, login: str, password: str) -> Principal:
    """The principal of an active user whose password matches; raises `SignInFailed` otherwise.

    The same work whether the login exists or not (one verification, with the same
    parameters). A failure is recorded; after `FREE_TRIES` the next attempt must wait. A
    success writes nothing now: the time (and a password hash upgraded to today's parameters)
    is recorded with the user's first change (`Database.with_next_change`), so that signing in
    to read, or to `check`, leaves the database as it was."""
    key = _login_key(login)
    now = db.clock.now_utc()
    with db.reader() as session:
        wait = _seconds_to_wait(session.get(SignInFailure, key), now)
        user = _find(session, login or "") if wait == 0 else None
        stored = user.password_hash if user is not None and user.active else None
        principal = principal_for(user) if stored is not None and user is not None else None
    if wait:
        raise SignInFailed(
            f"Too many failed sign-ins for this login: wait {wait} second(s) and try again."
        )
    from argon2.exceptions import (  # noqa: PLC0415 - argon2 only when a password is checked
        InvalidHashError,
        VerificationError,
        VerifyMismatchError,
    )

    hasher = passwords.HASHER
    try:
        hasher.verify(stored or DUMMY_HASH, readable(password or ""))
        matched = principal is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        matched = False
    if not matched:
        _record_failure(db, key, now)
        raise SignInFailed(SIGN_IN_FAILED)
    assert principal is not None and stored is not None
    new_hash = hasher.hash(password) if hasher.check_needs_rehash(stored) else None
    log.info("%s signed in to %s", principal.name, db.describe())
    db.with_next_change(lambda s: _record_sign_in(s, principal, now, new_hash))
    return principal


def _record_sign_in(session, principal: Principal, at: datetime, new_hash: str | None) -> None:
    user = session.get(AppUser, principal.user_id)
    if user is None or session.info["principal"].user_id != principal.user_id:
        return  # another principal now (the app signed someone else in)
    user.last_sign_in_at = at
    if new_hash is not None:
        user.password_hash = new_hash


# ---------------------------------------------------------------- when sign-in is needed


def has_users(db: Database) -> bool:
    with db.reader() as session:
        return bool(session.scalar(select(func.count()).select_from(AppUser)))


def sign_in_required(db: Database) -> bool:
    if not db.is_sqlite:
        return True
    with db.reader() as session:
        return sign_in_required_in(session)


def start_without_sign_in(db: Database) -> Principal | None:
    """Who works where sign-in is not required (`local_principal`, after the first run made the
    operating-system user administrator); None where it is. The start-up's look-ups share one
    reading session: a user found by login means the users exist already."""
    if not db.is_sqlite:
        return None
    with db.reader() as session:
        local = local_user_in(session)
    if local.sign_in_required:
        return None
    if local.account_found:
        return local.principal
    ensure_first_administrator(db)
    return local_principal(db)


def set_sign_in_required(db: Database, required: bool) -> None:
    """Turn sign-in on or off for a SQLite file (a server always requires it)."""
    _require_admin(db)
    if not db.is_sqlite and not required:
        raise ValidationFailed(FieldError("", "A shared server database always requires sign-in."))
    with db.session() as session:
        if required:
            ready = session.scalar(
                select(func.count())
                .select_from(AppUser)
                .where(
                    AppUser.active.is_(True),
                    AppUser.role == Role.BUSINESS_SUPPORT.value,
                    AppUser.password_hash.is_not(None),
                )
            )
            if not ready:
                raise ValidationFailed(
                    FieldError(
                        "",
                        "Give a business support user a password first, or nobody could sign in.",
                    )
                )
        setting = session.get(Setting, SIGN_IN_SETTING)
        if setting is None:
            session.add(Setting(key=SIGN_IN_SETTING, value="yes" if required else "no"))
        else:
            setting.value = "yes" if required else "no"


def local_principal(db: Database) -> Principal:
    """Without sign-in: the operating-system user, as business support (linked to their account
    when one has their login, so that the audit trail names the same user either way)."""
    return local_user.local_principal(db)


def ensure_first_administrator(db: Database) -> UserRow | None:
    """On the first run of a SQLite file, the operating-system user becomes its administrator
    (business support, no password until one is set). Returns the new user, or None."""
    if not db.is_sqlite or has_users(db):
        return None
    name = os_user_name()
    return save_user(db, UserInput(name=name, login=name, role=Role.BUSINESS_SUPPORT.value))
