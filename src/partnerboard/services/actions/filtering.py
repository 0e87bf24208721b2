"""Filters of the action register, in plain Python: one definition for the screen, the
command line (`export actions --rag red --overdue`) and the dashboard's links.

`RowSelector` answers a filter over many rows fast enough for a keystroke: the filters other
than the free text are applied once and remembered, so that typing only scans the
pre-computed, case-folded search text of the rows that passed them; given a `SearchIndex` of
those texts, a word's rows are looked up instead when that is less work than the scan.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from itertools import compress, repeat
from operator import and_, attrgetter, is_not

from partnerboard.domain.actions import NOT_RATED, ActionStatus
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.actions.search_index import SearchIndex

# `workstream_id` of a filter asking for actions outside any workstream (ids start at 1).
NO_WORKSTREAM = 0
# Searches a `RowSelector` remembers (each at most a list of the row positions).
KEPT_ANSWERS = 24
# A word's rows come from the index when they are fewer than this many times the rows to
# test (a row id is gathered some ten times faster than a text is scanned), and the rows
# to test are at least `INDEX_FROM` (fewer are scanned at once).
INDEX_VOLUME = 4
INDEX_FROM = 2000


class Show:
    """Which actions by status: open ones, finished ones (closed, superseded, merged), all."""

    OPEN = "open"
    CLOSED = "closed"
    ALL = "all"


@dataclass(frozen=True)
class ActionFilter:
    board_id: int | None = None
    workstream_id: int | None = None
    lead_person_id: int | None = None
    agency_id: int | None = None
    rags: frozenset[str] = field(default_factory=frozenset)  # rag values; "none": not rated
    show: str = Show.OPEN
    overdue: bool = False
    due_within: int | None = None  # days from today; overdue actions are not "due"
    text: str = ""
    # Only these actions (e.g. those a meeting raised, as another register chooses them).
    action_ids: frozenset[int] | None = None

    def structural(self) -> ActionFilter:
        """The same filter without its free text."""
        return replace(self, text="")

    @property
    def words(self) -> list[str]:
        return self.text.casefold().split()

    def matches(self, row: ActionRow, today: date) -> bool:
        return self._structure_matches(row, today, self._latest_due(today)) and all(
            word in row.search for word in self.words
        )

    def _latest_due(self, today: date) -> date | None:
        return today + timedelta(days=self.due_within) if self.due_within is not None else None

    def _structure_matches(self, row: ActionRow, today: date, latest_due: date | None) -> bool:
        if self.action_ids is not None and row.id not in self.action_ids:
            return False
        if self.show == Show.OPEN and row.status is not ActionStatus.OPEN:
            return False
        if self.show == Show.CLOSED and row.status is ActionStatus.OPEN:
            return False
        if self.board_id is not None and row.board_id != self.board_id:
            return False
        if self.workstream_id is not None and row.workstream_id != (
            self.workstream_id or None  # NO_WORKSTREAM (0) asks for None
        ):
            return False
        if self.lead_person_id is not None and row.lead_person_id != self.lead_person_id:
            return False
        if self.agency_id is not None and row.lead_agency_id != self.agency_id:
            return False
        if self.rags and (row.rag.value if row.rag else NOT_RATED) not in self.rags:
            return False
        if self.overdue and not row.overdue(today):
            return False
        if latest_due is not None:
            return (
                row.status is ActionStatus.OPEN
                and row.due_on is not None
                and today <= row.due_on <= latest_due
            )
        return True

    def describe(self, names: dict[str, str] | None = None) -> str:
        """The filter in words, for an export's title row ("Open actions, Red, overdue")."""
        names = names or {}
        parts = [
            {Show.OPEN: "Open actions", Show.CLOSED: "Finished actions", Show.ALL: "All actions"}[
                self.show
            ]
        ]
        for key in ("board", "workstream", "lead", "agency"):
            if key in names:
                parts.append(names[key])
        if self.rags:
            order = ["red", "amber", "green", NOT_RATED]
            words = {NOT_RATED: "not rated"}
            chosen = sorted(self.rags, key=lambda r: order.index(r) if r in order else 9)
            parts.append(" or ".join(words.get(r, r.capitalize()) for r in chosen))
        if self.overdue:
            parts.append("overdue")
        if self.due_within is not None:
            parts.append(f"due within {self.due_within} days")
        if self.text.strip():
            parts.append(f"containing “{self.text.strip()}”")
        if self.action_ids is not None:
            parts.append(f"{len(self.action_ids)} chosen action(s)")
        return ", ".join(parts)


def apply_filter(rows: Sequence[ActionRow], wanted: ActionFilter, today: date) -> list[ActionRow]:
    return [rows[i] for i in RowSelector(rows).select(wanted, today)]


class RowSelector:
    """Selects positions of rows matching a filter; remembers the last structural pass."""

    def __init__(self, rows: Sequence[ActionRow], index: SearchIndex | None = None):
        self.rows = rows
        self._searches = [row.search for row in rows]
        self._index = index
        if index is not None:
            self._ids = [row.id for row in rows]
            # Rows whose text is not the one indexed (changed or added since): scanned.
            indexed = map(index.texts.get, self._ids)
            self._stale = set(compress(range(len(rows)), map(is_not, indexed, self._searches)))
            self._masks: list[int] | None = None  # each row's characters, when first asked
        self._cached: tuple[ActionFilter, date, list[int]] | None = None
        # Recent answers to searched words (for the current structural filter): typing on
        # narrows the closest one, deleting a letter finds the answer it had before.
        self._answers: OrderedDict[tuple[str, ...], list[int]] = OrderedDict()

    def _structure(self, wanted: ActionFilter, today: date) -> list[int]:
        key = wanted.structural()
        if self._cached is not None and self._cached[0] == key and self._cached[1] == today:
            return self._cached[2]
        positions = self._narrow(key, today)
        self._cached = (key, today, positions)
        self._answers.clear()
        return positions

    def _narrow(self, wanted: ActionFilter, today: date) -> list[int]:
        """The same rules as `ActionFilter.matches`, one condition at a time over all rows:
        a list comprehension per condition runs far faster than a call per row."""
        rows = self.rows
        positions = list(range(len(rows)))
        if wanted.action_ids is not None:
            chosen = wanted.action_ids
            positions = [i for i in positions if rows[i].id in chosen]
        opened = ActionStatus.OPEN
        if wanted.show == Show.OPEN:
            positions = [i for i in positions if rows[i].status is opened]
        elif wanted.show == Show.CLOSED:
            positions = [i for i in positions if rows[i].status is not opened]
        for attribute, value in (
            ("board_id", wanted.board_id),
            ("workstream_id", wanted.workstream_id),
            ("lead_person_id", wanted.lead_person_id),
            ("lead_agency_id", wanted.agency_id),
        ):
            if value is not None:
                if attribute == "workstream_id" and value == NO_WORKSTREAM:
                    value = None
                get = attrgetter(attribute)
                positions = [i for i in positions if get(rows[i]) == value]
        if wanted.rags:
            rags = wanted.rags
            positions = [
                i for i in positions if (rows[i].rag.value if rows[i].rag else NOT_RATED) in rags
            ]
        if wanted.overdue:
            positions = [i for i in positions if rows[i].overdue(today)]
        if wanted.due_within is not None:
            latest = wanted._latest_due(today)
            positions = [
                i
                for i in positions
                if rows[i].status is opened
                and rows[i].due_on is not None
                and today <= rows[i].due_on <= latest  # type: ignore[operator]
            ]
        return positions

    def select(self, wanted: ActionFilter, today: date) -> list[int]:
        """Positions (in row order) of the rows matching `wanted`."""
        positions = self._structure(wanted, today)
        words = tuple(wanted.words)
        if not words:
            return positions
        answers = self._answers
        found = answers.get(words)
        if found is not None:
            answers.move_to_end(words)
            return found
        # Start from the smallest earlier answer that holds every row this one can match:
        # one whose every word is part of a word searched now ("negl" for "neglect").
        settled: tuple[str, ...] = ()  # words every row of the starting answer contains
        for earlier_words, earlier in answers.items():
            if len(earlier) < len(positions) and all(
                any(old in new for new in words) for old in earlier_words
            ):
                positions, settled = earlier, earlier_words
        for word in words:
            if word not in settled:
                positions = self._holding(word, positions)
        answers[words] = positions
        if len(answers) > KEPT_ANSWERS:
            answers.popitem(last=False)
        return positions

    def _character_masks(self, index: SearchIndex) -> list[int]:
        if self._masks is None:
            self._masks = list(map(index.masks.get, self._ids))
            for i in self._stale:  # changed since the index: from the new text
                self._masks[i] = index.mask(self._searches[i])
        return self._masks

    def _holding(self, word: str, positions: list[int]) -> list[int]:
        """Those of `positions` whose search text contains `word`, in the same order."""
        searches, index = self._searches, self._index
        if index is not None and len(positions) >= INDEX_FROM:
            bit = index.bit(word) if len(word) == 1 else 0
            if bit:  # the rows whose mask of characters has the word's
                masks = self._character_masks(index)
                return list(
                    compress(positions, map(and_, map(masks.__getitem__, positions), repeat(bit)))
                )
            tokens = index.tokens_holding(word)
            if index.volume(tokens) < INDEX_VOLUME * len(positions):
                found, ids, stale = index.ids_holding(tokens), self._ids, self._stale
                if not stale:
                    return list(
                        compress(
                            positions, map(found.__contains__, map(ids.__getitem__, positions))
                        )
                    )
                return [
                    i for i in positions if (word in searches[i] if i in stale else ids[i] in found)
                ]
        return [i for i in positions if word in searches[i]]
