"""The history of a record in words: what the audit trail stores, as a person reads it.

The trail keeps columns and values as the database holds them ("board_id": 2,
"status": "in_progress"); a history panel and the trail's export show them as the forms do:
"Board: Quality Assurance and Performance Sub-group; Lead: Vikram Iqbal; Status: In progress".

- a column is named as the form labels it (`FIELD_LABELS`), else its name in words;
- an id of another record is that record's name (title, reference …), read once per table
  through the ORM, so that a record the reader may not see stays unnamed ("not shown");
- a code is its label in the vocabulary of `domain` (`CODES`), else its words
  ("in_progress" → "In progress") for the columns that hold codes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.base import Base
from partnerboard.domain.access import GRANTABLE_ROLES, Audience, Role
from partnerboard.domain.actions import ActionSource, ActionStatus, EventKind, Rag, UpdateState
from partnerboard.domain.audits import AuditStatus, FindingKind, Grade
from partnerboard.domain.choices import Choice
from partnerboard.domain.meetings import AgendaItemKind, AttendanceStatus, MeetingStatus
from partnerboard.domain.partnership import BoardKind, MembershipRole, Sector, StatutoryPartner
from partnerboard.domain.reviews import ReviewDecision, ReviewKind, ReviewStatus
from partnerboard.domain.section11 import ReturnStatus, RoundStatus
from partnerboard.domain.thresholds import (
    EscalationCategory,
    SignupMethod,
    SignupStatus,
    VersionStatus,
)

# Column -> the label its form gives it, where the column's name says it less plainly.
FIELD_LABELS = {
    "lead_person_id": "Lead",
    "lead_agency_id": "Lead agency",
    "lead_name": "Lead as written",
    "board_id": "Board",
    "agency_id": "Agency",
    "person_id": "Person",
    "contact_person_id": "Main contact",
    "parent_board_id": "Reports to",
    "raising_agency_id": "Raised by",
    "other_agency_id": "Raised with",
    "deputy_person_id": "Deputy",
    "workstream_id": "Workstream",
    "chair_person_id": "Chair",
    "minute_taker_person_id": "Minute taker",
    "approved_meeting_id": "Approved at meeting",
    "source_meeting_id": "Source meeting",
    "source_item_id": "Source agenda item",
    "source_return_id": "Source Section 11 return",
    "source_audit_id": "Source audit",
    "source_finding_id": "Source finding",
    "source_review_id": "Source review",
    "source_kind": "Source",
    "source_note": "Source details",
    "replaced_by_id": "Replaced by",
    "related_action_id": "Related action",
    "reaudit_of_case_id": "Re-audit of",
    "restricted_to": "Also seen by",
    "due_on": "Due",
    "period_start": "Period audited from",
    "period_end": "Period audited to",
    "return_deadline": "Returns due by",
    "moderation_on": "Moderation panel on",
    "raised_on": "Raised on",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "rag": "RAG",
    "url": "Link",
    "s11_duty": "Section 11 duty",
    "section11_duty": "Section 11 duty",
}

# (table, column) -> the vocabulary of its codes.
CODES: dict[tuple[str, str], type[Choice]] = {
    ("app_user", "role"): Role,
    ("agency", "sector"): Sector,
    ("agency", "statutory_partner"): StatutoryPartner,
    ("board", "kind"): BoardKind,
    ("membership", "role"): MembershipRole,
    ("action", "status"): ActionStatus,
    ("action", "source_kind"): ActionSource,
    ("action_update", "rag"): Rag,
    ("action_update", "state"): UpdateState,
    ("action_event", "kind"): EventKind,
    ("meeting", "status"): MeetingStatus,
    ("agenda_item", "kind"): AgendaItemKind,
    ("attendance", "status"): AttendanceStatus,
    ("attendance", "role"): MembershipRole,
    ("ma_audit", "status"): AuditStatus,
    ("ma_case_return", "grade"): Grade,
    ("ma_moderation", "moderated_grade"): Grade,
    ("ma_finding", "kind"): FindingKind,
    ("practice_review", "kind"): ReviewKind,
    ("practice_review", "status"): ReviewStatus,
    ("practice_review", "decision"): ReviewDecision,
    ("s11_return", "status"): ReturnStatus,
    ("s11_round", "status"): RoundStatus,
    ("threshold_version", "status"): VersionStatus,
    ("threshold_signup", "status"): SignupStatus,
    ("threshold_signup", "method"): SignupMethod,
    ("escalation", "category"): EscalationCategory,
}
# Columns that hold codes in tables not listed above (a new register's status, a rating …).
CODE_COLUMNS = {"status", "kind", "role", "state", "sector", "category", "method", "decision",
                "grade", "rating", "moderated_grade", "moderated_rating"}  # fmt: skip
_CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)*$")

# What names a record of a table, in order of preference.
NAME_COLUMNS = ("name", "title", "reference", "label", "login", "code", "version")
NOT_SHOWN = "(not shown)"


def field_label(key: str) -> str:
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    words = key.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def show_value(value: Any) -> str:
    """A stored value as text: dates dd/mm/yyyy, Yes/No, long text shortened."""
    if value is None or value == "":
        return "(empty)"
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            pass
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _code_text(table: str, key: str, value: str) -> str | None:
    vocabulary = CODES.get((table, key))
    if vocabulary is not None and (member := vocabulary.parse(value)) is not None:
        return member.label
    if key in CODE_COLUMNS and _CODE.match(value):
        words = value.replace("_", " ")
        return words[:1].upper() + words[1:]
    return None


def _target_table(table: str, key: str) -> str | None:
    """The table a column refers to (its foreign key), or None."""
    found = Base.metadata.tables.get(table)
    if found is None or key not in found.c:
        return None
    keys = list(found.c[key].foreign_keys)
    return keys[0].column.table.name if keys else None


def _model(table: str) -> Any:
    return next((m.class_ for m in Base.registry.mappers if m.local_table.name == table), None)


def _name_reader(table: str) -> Callable[[Session], dict[Any, str]] | None:
    """How to read the names of every record of `table` at once (ORM, so restrictions hold)."""
    model = _model(table)
    if model is None:
        return None
    if table == "meeting":
        from partnerboard.db.models.partnership import Board  # noqa: PLC0415

        def meetings(session: Session) -> dict[Any, str]:
            rows = session.execute(
                select(model.id, model.starts_at, Board.name).join(
                    Board, Board.id == model.board_id
                )
            )
            return {i: f"{board} {starts:%d/%m/%Y}" for i, starts, board in rows}

        return meetings
    if table == "workstream":
        return lambda session: {
            i: f"{number}. {title}" if number is not None else title
            for i, number, title in session.execute(select(model.id, model.number, model.title))
        }
    if table == "action":
        return lambda session: {
            i: f"{reference} {show_value(text)[:60]}"
            for i, reference, text in session.execute(select(model.id, model.reference, model.text))
        }
    column = next((c for c in NAME_COLUMNS if hasattr(model, c)), None)
    if column is None:
        return None
    return lambda session: dict(session.execute(select(model.id, getattr(model, column))).all())


class HistoryWords:
    """Turns stored values into words for one reader's session (names cached per table)."""

    def __init__(self, session: Session):
        self.session = session
        self._names: dict[str, dict[Any, str] | None] = {}

    def name_of(self, table: str, ident: Any) -> str:
        if table not in self._names:
            reader = _name_reader(table)
            self._names[table] = reader(self.session) if reader is not None else None
        names = self._names[table]
        if names is None:
            return f"record {ident}"
        return str(names.get(ident, NOT_SHOWN))

    def value(self, table: str, key: str, value: Any) -> str:
        if value is None or value == "":
            return "(empty)"
        if key in ("restricted_to", "audience") and isinstance(value, str):
            return self.audience(value)
        target = _target_table(table, key)
        if target is not None and not isinstance(value, bool):
            return self.name_of(target, value)
        if isinstance(value, str) and (words := _code_text(table, key, value)) is not None:
            return words
        return show_value(value)

    def audience(self, stored: str) -> str:
        """ "every member; Grace Adeyemi" for "member person:12"."""
        audience = Audience.parse(stored)
        words = [f"every {r.label.lower()}" for r in GRANTABLE_ROLES if r in audience.roles]
        words += [self.name_of("person", p) for p in sorted(audience.person_ids)]
        return "; ".join(words) or "(empty)"

    def values(self, table: str, stored: dict[str, Any]) -> dict[str, str]:
        return {key: self.value(table, key, value) for key, value in stored.items()}
