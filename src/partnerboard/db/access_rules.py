"""Who may write what, and who may see restricted records: rules on every `BoardSession`.

Writes (`before_flush`). Business support edits everything. Everyone else may only:
- update their own account's password and sign-in time (`OWN_ACCOUNT_COLUMNS`);
- member or chair: *propose* an update (`action_update` with state "proposed") on an action
  whose lead is the person linked to their account; business support accepts or rejects it;
- chair: approve minutes (a meeting's status and approval columns, `MINUTES_APPROVAL_COLUMNS`).
Read-only users write nothing. Anything else is refused with `NotPermitted` before a row is
written. Keep these rules this small: each exception is a way round the audit of intent.

Reads (`do_orm_execute`). A principal who may not see a restricted record (or log) never
loads it: every ORM-enabled SELECT gets the loader criteria of `db.restriction`, the one rule.
What that covers and what it does not is listed in CONTRIBUTING.md ("Restricted records").

Statement writes (`update(...)`, `delete(...)`, `insert(...)` or `text("UPDATE …")` through
`session.execute`) and the bulk methods bypass the flush and so the audit trail: refused.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import event, inspect
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause

from partnerboard.db.models.actions import Action
from partnerboard.db.restriction import hiding_options
from partnerboard.domain.access import Principal, Role
from partnerboard.errors import NotPermitted

OWN_ACCOUNT_COLUMNS = frozenset({"password_hash", "password_changed_at", "last_sign_in_at"})
MINUTES_APPROVAL_COLUMNS = frozenset({"status", "minutes_approved_on", "minutes_approved_by"})
BOOKKEEPING = frozenset({"updated_at", "row_version"})
PROPOSED = "proposed"

_WRITE_SQL = re.compile(r"^\s*(insert|update|delete|replace|merge|upsert)\b", re.IGNORECASE)


class UnauditedWrite(RuntimeError):
    """A programming error: a write that would escape the audit trail (use the ORM)."""


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


def _changed_columns(obj: Any) -> set[str]:
    state = inspect(obj)
    return {
        attr.key
        for attr in state.mapper.column_attrs
        if attr.key not in BOOKKEEPING and state.attrs[attr.key].history.has_changes()
    }


def _leads_action(session: Session, principal: Principal, action_id: int | None) -> bool:
    if principal.person_id is None or action_id is None:
        return False
    action = session.get(Action, action_id)  # restricted actions stay invisible here too
    return action is not None and action.lead_person_id == principal.person_id


def may_write(session: Session, principal: Principal, verb: str, obj: Any) -> bool:
    if principal.role.edits_all:
        return True
    table = inspect(obj).mapper.local_table.name
    if verb == "update" and table == "app_user" and obj.id == principal.user_id:
        return _changed_columns(obj) <= OWN_ACCOUNT_COLUMNS
    if (
        verb == "insert"
        and table == "action_update"
        and principal.role in (Role.MEMBER, Role.CHAIR)
    ):
        return obj.state == PROPOSED and _leads_action(session, principal, obj.action_id)
    if verb == "update" and table == "meeting" and principal.role is Role.CHAIR:
        return _changed_columns(obj) <= MINUTES_APPROVAL_COLUMNS
    return False


_ALLOWED = {
    Role.CHAIR: "approve minutes and propose updates to actions you lead",
    Role.MEMBER: "propose updates to actions you lead",
    Role.READ_ONLY: "read, but not change anything",
}


def _refuse(principal: Principal, verb: str, obj: Any) -> NotPermitted:
    what = inspect(obj).mapper.local_table.name.replace("_", " ")
    action = {"insert": "add", "update": "change", "delete": "delete"}[verb]
    return NotPermitted(
        f"You are signed in as {principal.name} ({principal.role.label}): you cannot {action} "
        f"{'an' if what[0] in 'aeiou' else 'a'} {what} record. Your role may "
        f"{_ALLOWED.get(principal.role, 'not do this')}. Nothing was saved."
    )


def _before_flush(session: Session, _context: Any, _instances: Any) -> None:
    principal = _principal(session)
    if principal is None or principal.role.edits_all:
        return
    for verb, objects in (
        ("insert", list(session.new)),
        ("update", [o for o in session.dirty if session.is_modified(o)]),
        ("delete", list(session.deleted)),
    ):
        for obj in objects:
            if not may_write(session, principal, verb, obj):
                raise _refuse(principal, verb, obj)


def install(session_class: type[Session]) -> None:
    event.listen(session_class, "do_orm_execute", _on_execute)
    event.listen(session_class, "before_flush", _before_flush)
