"""Reading the audit trail: a record's history, who changed it last, and the trail as rows.

The trail itself is written by session events (`db.audit_trail`); nothing here writes.
Times are stored in UTC and shown in local (UK) time.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.access import RESTRICTABLE_KINDS, AuditEntry
from partnerboard.db.visibility import model_of
from partnerboard.domain.access import Principal, may_see
from partnerboard.errors import NotFound, NotPermitted
from partnerboard.services.history_words import HistoryWords, field_label, show_value

ACTION_LABELS = {
    "insert": "Added",
    "update": "Changed",
    "delete": "Deleted",
    "restore": "Restored",
    "import": "Imported",
    "baseline": "Recorded as found",
}


def local_time(utc: datetime) -> datetime:
    """A naive UTC time from the database as naive local time (BST in summer)."""
    return utc.replace(tzinfo=UTC).astimezone().replace(tzinfo=None)


@dataclass(frozen=True)
class HistoryRow:
    seq: int
    at: datetime  # local time
    who: str
    action: str
    table_name: str
    record_key: str
    before: dict[str, Any]
    after: dict[str, Any]
    hash: str = ""
    # The same values in words (names for ids, labels for codes: `services.history_words`).
    before_text: dict[str, str] = field(default_factory=dict, compare=False)
    after_text: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field the entry names, in a stable order."""
        keys = sorted(set(self.before) | set(self.after))
        return [(k, self.before.get(k), self.after.get(k)) for k in keys if k != "row_version"]

    def summary(self) -> str:
        """The change in words: "Board: Quality Assurance …; Status: Planned → In progress"."""
        if self.action == "update":
            return "; ".join(
                f"{field_label(k, self.table_name)}: {self._text(k, old, self.before_text)} → "
                f"{self._text(k, new, self.after_text)}"
                for k, old, new in self.changes()
            )
        values, texts = (
            (self.after, self.after_text)
            if self.action == "insert"
            else (self.before, self.before_text)
        )
        shown = [
            f"{field_label(k, self.table_name)}: {self._text(k, v, texts)}"
            for k, v in sorted(
                values.items(), key=lambda item: field_label(item[0], self.table_name)
            )
            if v not in (None, "") and k not in ("id", "created_at", "updated_at", "row_version")
        ]
        return "; ".join(shown)

    @staticmethod
    def _text(key: str, value: Any, texts: dict[str, str]) -> str:
        return texts.get(key) or show_value(value)


def _history_row(entry: AuditEntry, words: HistoryWords | None = None) -> HistoryRow:
    before = json.loads(entry.before) if entry.before else {}
    after = json.loads(entry.after) if entry.after else {}
    return HistoryRow(
        entry.seq,
        local_time(entry.at),
        entry.who,
        entry.action,
        entry.table_name,
        entry.record_key,
        before,
        after,
        entry.hash,
        words.values(entry.table_name, before) if words else {},
        words.values(entry.table_name, after) if words else {},
    )


def record_history(db: Database, table: str, key: int | str) -> list[HistoryRow]:
    """Every change to one record, newest first.

    For a principal who may not see every restricted record, the history of a record that the
    restriction rule covers (`db.visibility`: restrictable kinds and their children) is shown
    only while the record itself is visible to them, and of a restrictable record only the
    entries of the times it was visible to them too (not restricted, or restricted to an
    audience that names them): an earlier, hidden state never shows through its history.
    """
    principal = db.principal
    with db.reader() as session:
        model = model_of(table)
        hide = model is not None and not principal.role.sees_restricted
        if hide and session.get(model, int(key)) is None:
            raise NotFound(f"There is no {table.replace('_', ' ')} with id {key}.")
        entries = session.scalars(
            select(AuditEntry)
            .where(AuditEntry.table_name == table, AuditEntry.record_key == str(key))
            .order_by(AuditEntry.seq.desc())
        ).all()
        words = HistoryWords(session)
        rows = [_history_row(e, words) for e in entries]
    if hide and table in RESTRICTABLE_KINDS:
        rows = _while_visible(rows, principal)
    return rows


def _while_visible(newest_first: list[HistoryRow], principal: Principal) -> list[HistoryRow]:
    """The entries during which the record was visible to `principal`, before and after."""
    state = {"restricted": False, "restricted_to": None}
    shown: list[HistoryRow] = []
    for row in reversed(newest_first):
        before = {**state, **{k: row.before[k] for k in state if k in row.before}}
        after = {**before, **{k: row.after[k] for k in state if k in row.after}}
        if all(
            may_see(principal, bool(s["restricted"]), s["restricted_to"]) for s in (before, after)
        ):
            shown.append(row)
        state = after
    return list(reversed(shown))


@dataclass(frozen=True)
class LastChange:
    who: str
    at: datetime  # local time


def last_change(session: Session, table: str, key: int | str) -> LastChange | None:
    """Who last changed a record and when (for 'changed by someone else' messages)."""
    found = session.execute(
        select(AuditEntry.who, AuditEntry.at)
        .where(AuditEntry.table_name == table, AuditEntry.record_key == str(key))
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    ).first()
    return LastChange(found.who, local_time(found.at)) if found else None


def trail_entries(db: Database, since: date | None = None) -> Iterator[HistoryRow]:
    """The whole trail, oldest first (business support and chairs only: it holds everything).

    The permission is checked at the call, before anything is read or written."""
    if not db.principal.role.sees_restricted:
        raise NotPermitted("Only business support and the chairs can read the whole audit trail.")
    return _entries_since(db, since)


def _entries_since(db: Database, since: date | None) -> Iterator[HistoryRow]:
    with db.reader() as session:
        query = select(AuditEntry).order_by(AuditEntry.seq)
        if since is not None:
            start = datetime(since.year, since.month, since.day).astimezone(UTC)
            query = query.where(AuditEntry.at >= start.replace(tzinfo=None))
        words = HistoryWords(session)
        for entry in session.scalars(query.execution_options(yield_per=1000)):
            yield _history_row(entry, words)
