"""Vocabulary and rules of the action log: RAG as the improvement plan defines it, statuses, sources."""

from __future__ import annotations

import re
from datetime import date

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


class ActionStatus(Choice):
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    SUPERSEDED = "superseded", "Superseded"
    MERGED = "merged", "Merged"


class ActionSource(Choice):
    MEETING_ITEM = "meeting_item", "Meeting item"
    S11_RETURN = "s11_return", "Section 11 return"
    AUDIT_FINDING = "audit_finding", "Audit finding"
    REVIEW_RECOMMENDATION = "review_recommendation", "Review recommendation"
    PEER_REVIEW = "peer_review", "Peer review"
    ESCALATION_LEARNING = "escalation_learning", "Escalation learning"
    OTHER = "other", "Other"


class UpdateState(Choice):
    ACCEPTED = "accepted", "Accepted"
    PROPOSED = "proposed", "Proposed"
    REJECTED = "rejected", "Rejected"


_NUMBER = re.compile(r"(\d+)")


def reference_key(reference: str) -> str:
    """A text key that sorts references naturally: 1.9 < 1.10 < 2.1, 'A3' < 'A12'.

    Stored beside the reference so that the database can sort and page by it.
    """
    parts = _NUMBER.split(reference.strip().casefold())
    return "".join(f"{int(p):08d}" if p.isdigit() else p for p in parts)


def is_overdue(due_on: date | None, status: str, today: date) -> bool:
    """Overdue = past due and not complete (closed, superseded and merged actions never are)."""
    return due_on is not None and due_on < today and status == ActionStatus.OPEN.value
