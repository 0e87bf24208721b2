"""Who may write what, and who may see restricted records: rules on every `BoardSession`.

Writes (`before_flush`, and `db.bulk` for its rows). The rules follow the one table of
`domain.access.PERMISSIONS`: whoever may edit records (business support) writes everything.
Everyone else may only:
- update their own account's password and sign-in time (`OWN_ACCOUNT_COLUMNS`);
- where they may propose updates (member, chair): add an `action_update` with state "proposed"
  on an action whose lead is the person linked to their account; business support decides;
- where they may approve minutes (chair): change a meeting's status and approval columns
  (`MINUTES_APPROVAL_COLUMNS`);
- anyone: have a failed sign-in recorded (`sign_in_failure`, by `services.access`).
Read-only users write nothing else. Anything else is refused with `NotPermitted` before a row
is written. Keep these rules this small: each exception is a way round the audit of intent.

Reads (`do_orm_execute`). A principal who may not see a restricted record (or log) never
loads it: every ORM-enabled SELECT gets the loader criteria of `db.visibility`, the one rule.
What that covers and what it does not is listed in CONTRIBUTING.md ("Restricted records").

Statement writes (`update(...)`, `delete(...)`, `insert(...)` or `text("UPDATE …")` through
`session.execute`) and the bulk methods bypass the flush and so the audit trail: refused here
with a clear message, and refused again for any API by the engine's guard (`db.write_door`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause

from partnerboard.db.base import BOOKKEEPING
from partnerboard.db.visibility import hiding_options
from partnerboard.db.write_door import UnauditedWrite
from partnerboard.domain.access import Permission, Principal
from partnerboard.errors import NotPermitted

OWN_ACCOUNT_COLUMNS = frozenset({"password_hash", "password_changed_at", "last_sign_in_at"})
MINUTES_APPROVAL_COLUMNS = frozenset({"status", "minutes_approved_on", "minutes_approved_by"})
PROPOSED = "proposed"
SIGN_IN_FAILURES = "sign_in_failure"

_WRITE_SQL = re.compile(r"^\s*(insert|update|delete|replace|merge|upsert)\b", re.IGNORECASE)


def _principal(session: Session) -> Principal | None:
    return session.info.get("principal")


def _on_execute(state: ORMExecuteState) -> None:
    if (
        state.is_insert
        or state.is_update
        or state.is_delete
        or (isinstance(state.statement, TextClause) and _WRITE_SQL.match(state.statement.text))
    ):
        raise UnauditedWrite(
            "Statement writes bypass the audit trail: change records through the ORM "
            "(load, set attributes, flush) inside db.session()."
        )
    if not state.is_select or state.is_column_load:
        return
    principal = _principal(state.session)
    if principal is not None:
        hiding = hiding_options(principal)
        if hiding:
            state.statement = state.statement.options(*hiding)


# ---------------------------------------------------------------- writes


@dataclass(frozen=True)
class RowWrite:
    """One row a unit of work is about to write, as the rules see it (ORM flush or `db.bulk`)."""

    verb: str  # insert / update / delete
    table: str
    key: Any  # the row's primary key (None for a row not yet inserted)
    columns: frozenset[str]  # columns set (insert) or changed (update), bookkeeping left out
    values: Mapping[str, Any]  # the row's values after the write (insert, update)


def _orm_write(verb: str, obj: Any) -> RowWrite:
    state = inspect(obj)
    changed = {
        attr.key
        for attr in state.mapper.column_attrs
        if attr.key not in BOOKKEEPING
        and (verb == "insert" or state.attrs[attr.key].history.has_changes())
    }
    key = state.identity[0] if state.identity else None
    values = {attr.key: state.dict.get(attr.key) for attr in state.mapper.column_attrs}
    return RowWrite(verb, state.mapper.local_table.name, key, frozenset(changed), values)


def _leads_action(session: Session, principal: Principal, action_id: int | None) -> bool:
    if principal.person_id is None or action_id is None:
        return False
    # (imported here: an action update's register is mapped already, and no other command
    # needs the action register's classes mapped for the rules)
    from partnerboard.db.models.actions import Action  # noqa: PLC0415

    action = session.get(Action, action_id)  # restricted actions stay invisible here too
    return action is not None and action.lead_person_id == principal.person_id


def may_write(session: Session, principal: Principal, write: RowWrite) -> bool:
    """Whether `principal` may make this one row change (the table of `domain.access`)."""
    if principal.may(Permission.EDIT_RECORDS):
        return True
    if write.table == SIGN_IN_FAILURES:  # anyone's failed sign-in is recorded (services.access)
        return write.verb in ("insert", "update")
    if write.verb == "update" and write.table == "app_user" and write.key == principal.user_id:
        return (
            principal.may(Permission.CHANGE_OWN_PASSWORD) and write.columns <= OWN_ACCOUNT_COLUMNS
        )
    if write.verb == "insert" and write.table == "action_update":
        return (
            principal.may(Permission.PROPOSE_UPDATES)
            and write.values.get("state") == PROPOSED
            and _leads_action(session, principal, write.values.get("action_id"))
        )
    if write.verb == "update" and write.table == "meeting":
        return principal.may(Permission.APPROVE_MINUTES) and (
            write.columns <= MINUTES_APPROVAL_COLUMNS
        )
    return False


def _allowed_words(principal: Principal) -> str:
    kinds = [
        p.label[0].lower() + p.label[1:]
        for p in (Permission.APPROVE_MINUTES, Permission.PROPOSE_UPDATES)
        if principal.may(p)
    ]
    return " and ".join(kinds) if kinds else "read, but not change anything"


def refusal(principal: Principal, write: RowWrite) -> NotPermitted:
    what = write.table.replace("_", " ")
    action = {"insert": "add", "update": "change", "delete": "delete"}[write.verb]
    return NotPermitted(
        f"You are signed in as {principal.name} ({principal.role.label}): you cannot {action} "
        f"{'an' if what[0] in 'aeiou' else 'a'} {what} record. Your role may "
        f"{_allowed_words(principal)}. Nothing was saved."
    )


def check_writes(session: Session, writes: list[RowWrite]) -> None:
    """Refuse the whole unit of work if any one row is not the principal's to write."""
    principal = _principal(session)
    if principal is None or principal.may(Permission.EDIT_RECORDS):
        return
    for write in writes:
        if not may_write(session, principal, write):
            raise refusal(principal, write)


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    principal = _principal(session)
    if principal is None or principal.may(Permission.EDIT_RECORDS):
        return
    check_writes(
        session,
        [
            *(_orm_write("insert", o) for o in list(session.new)),
            *(_orm_write("update", o) for o in session.dirty if session.is_modified(o)),
            *(_orm_write("delete", o) for o in list(session.deleted)),
        ],
    )


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "do_orm_execute", _on_execute)
    event.listen(session_class, "before_flush", _before_flush)
