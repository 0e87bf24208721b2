"""The register's row: one action as the screen, the exports and the reports show it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from partnerboard.domain.actions import ActionSource, ActionStatus, Rag, is_overdue


class ActionRow(NamedTuple):
    """One action as the register shows it: immutable, made at C speed (a tuple)."""

    id: int
    reference: str
    reference_key: str
    workstream_id: int | None
    workstream: str | None  # "1. Thresholds are understood" (number and title)
    workstream_number: int | None
    text: str
    lead_person_id: int | None
    lead: str | None  # the person's name, or the lead as written
    lead_agency_id: int | None
    agency: str | None  # short name where there is one
    board_id: int | None
    board: str | None
    raised_on: date | None
    due_on: date | None
    status: ActionStatus
    closed_on: date | None
    rag: Rag | None
    last_update_on: date | None
    proposed: int  # partner updates waiting for a decision
    source_kind: ActionSource
    restricted: bool
    former_references: str  # references it had before a move, for search
    search: str  # everything shown, case-folded, for the free-text filter

    @property
    def is_open(self) -> bool:
        return self.status is ActionStatus.OPEN

    def overdue(self, today: date) -> bool:
        return is_overdue(
            self.due_on, self.status.value, today, self.rag.value if self.rag else None
        )

    @property
    def label(self) -> str:
        return f"{self.reference} {self.text}"


@dataclass(frozen=True)
class Lookups:
    """Names by id of the small tables that actions point at (each name one shared string)."""

    people: dict[int, str]
    agencies: dict[int, str]  # short name where there is one
    agency_names: dict[int, str]
    boards: dict[int, str]
    workstreams: dict[int, tuple[int, str]]  # id -> (number, title)
    workstream_labels: dict[int, str]  # id -> "1. Title"


def workstream_label(number: int, title: str) -> str:
    return f"{number}. {title}"
