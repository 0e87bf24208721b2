"""Vocabulary and rules of the action log: RAG as the improvement plan defines it, statuses, sources."""

from __future__ import annotations

import re
from datetime import date, timedelta

from partnerboard.domain.choices import Choice


class Rag(Choice):
    """RAG as the source plan defines it."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"

    @property
    def meaning(self) -> str:
        return {
            "red": "Limited or no progress",
            "amber": "Partially complete and on track; work still to do",
            "green": "Complete",
        }[self.value]


# How an action without any accepted RAG is counted and filtered.
NOT_RATED = "none"
NOT_RATED_LABEL = "Not rated"

# What improvement plans write in their RAG column besides the three words.
_RAG_WORDS = {
    "r": Rag.RED,
    "red": Rag.RED,
    "limited or no progress": Rag.RED,
    "no progress": Rag.RED,
    "not started": Rag.RED,
    "a": Rag.AMBER,
    "amber": Rag.AMBER,
    "partially complete": Rag.AMBER,
    "on track": Rag.AMBER,
    "in progress": Rag.AMBER,
    "ongoing": Rag.AMBER,
    "g": Rag.GREEN,
    "green": Rag.GREEN,
    "complete": Rag.GREEN,
    "completed": Rag.GREEN,
    "done": Rag.GREEN,
    "achieved": Rag.GREEN,
}
_RAG_NOISE = re.compile(r"[\s/\-–_.:()]+")


def parse_rag(text: object) -> Rag | None:
    """A RAG from what people write: 'Amber', 'A', 'amber - on track', 'Complete'.

    Returns None for a blank; raises ValueError for anything it cannot read.
    """
    if text is None:
        return None
    raw = " ".join(str(text).split())
    if not raw:
        return None
    words = _RAG_NOISE.sub(" ", raw.casefold()).strip()
    if words in _RAG_WORDS:
        return _RAG_WORDS[words]
    first = words.split(" ", 1)[0]
    if first in ("red", "amber", "green"):  # "Amber – on track", "Green (complete)"
        return _RAG_WORDS[first]
    raise ValueError(f"“{raw}” is not a RAG; write Red, Amber or Green.")


class ActionStatus(Choice):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"
    MERGED = "merged", "Merged"

    @property
    def is_open(self) -> bool:
        return self is ActionStatus.OPEN


class ActionSource(Choice):
    MEETING_ITEM = "meeting_item", "Meeting item"
    S11_RETURN = "s11_return", "Section 11 return"
    AUDIT_FINDING = "audit_finding", "Audit finding"
    REVIEW_RECOMMENDATION = "review_recommendation", "Review recommendation"
    PEER_REVIEW = "peer_review", "Peer review"
    ESCALATION_LEARNING = "escalation_learning", "Escalation learning"
    PERFORMANCE_INDICATOR = "performance_indicator", "Performance indicator"
    IMPROVEMENT_PLAN = "improvement_plan", "Improvement plan"
    OTHER = "other", "Other"


class UpdateState(Choice):
    ACCEPTED = "accepted", "Accepted"
    PROPOSED = "proposed", "Proposed"
    REJECTED = "rejected", "Rejected"


class EventKind(Choice):
    """What can happen to an action besides a progress update (its history shows each)."""

    EDITED = "edited", "Edited"
    MOVED = "moved", "Moved"
    DUE_CHANGED = "due_changed", "Due date changed"
    CLOSED = "closed", "Closed"
    REOPENED = "reopened", "Reopened"
    SUPERSEDED = "superseded", "Superseded"
    SUPERSEDES = "supersedes", "Supersedes another action"
    MERGED = "merged", "Merged into another action"
    ABSORBED = "absorbed", "Another action merged into this"
    UPDATE_ACCEPTED = "update_accepted", "Partner update accepted"
    UPDATE_REJECTED = "update_rejected", "Partner update rejected"


_NUMBER = re.compile(r"(\d+)")


def reference_key(reference: str) -> str:
    """A text key that sorts references naturally: 1.9 < 1.10 < 2.1, 'A3' < 'A12'.

    Stored beside the reference so that the database can sort and page by it.
    """
    parts = _NUMBER.split(reference.strip().casefold())
    return "".join(f"{int(p):08d}" if p.isdigit() else p for p in parts)


def is_overdue(due_on: date | None, status: str, today: date, rag: str | None = None) -> bool:
    """Overdue = past due and not complete: closed, superseded and merged actions never are,
    and neither is an open action whose latest RAG is Green (complete, waiting to be closed)."""
    return (
        due_on is not None
        and due_on < today
        and status == ActionStatus.OPEN.value
        and rag != Rag.GREEN.value
    )


def is_due_within(due_on: date | None, status: str, today: date, days: int) -> bool:
    """Open and due between today and `days` days from today (overdue ones are not 'due')."""
    return (
        due_on is not None
        and status == ActionStatus.OPEN.value
        and today <= due_on <= today + timedelta(days=days)
    )


def needs_chasing(
    due_on: date | None, status: str, today: date, days: int, rag: str | None = None
) -> bool:
    """What a chaser asks about: open actions overdue or due within `days` days."""
    return is_overdue(due_on, status, today, rag) or is_due_within(due_on, status, today, days)
