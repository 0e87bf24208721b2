"""What a batch of writes reads once and keeps in step with its own writes while its
transaction stands.

An import writes many files in one transaction (each in a savepoint). Look-ups that every file
repeats (the current figures of a period, the latest return of each agency) can be read once
for the transaction instead of once per file, provided what the batch itself writes is added
as it goes. A `TransactionMemo` hands out one dict per session: a new session starts it empty,
and so does any rollback in it (a file's savepoint undone), so nothing written and then undone
is remembered.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session


class TransactionMemo:
    def __init__(self) -> None:
        self._session: Session | None = None
        self._data: dict[Any, Any] = {}

    def of(self, session: Session) -> dict[Any, Any]:
        """The memo of `session`'s transaction (empty after a rollback or for a new session)."""
        if session is not self._session:
            self._session = session
            self._data = {}
            event.listen(session, "after_soft_rollback", self._forget)
        return self._data

    def _forget(self, *_event: object) -> None:
        self._data = {}
