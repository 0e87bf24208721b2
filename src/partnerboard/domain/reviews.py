"""Safeguarding practice reviews: kinds, statuses, decisions and the statutory clock.

Working Together to Safeguard Children (2023): when the partnership becomes aware of a serious
incident it notifies the Child Safeguarding Practice Review Panel within 5 working days and
completes a rapid review within 15 working days; a local child safeguarding practice review
(LCSPR) is expected to be published within 6 months of the decision to hold one. Serious case
reviews predate that framework (2018) and carry no clock here. Every deadline says how it was
computed, so that anyone can check the sum against a calendar.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from partnerboard.domain.choices import Choice
from partnerboard.domain.working_days import (
    add_working_days,
    weekday_date,
    working_days_between,
)

NOTIFY_WORKING_DAYS = 5
RAPID_REVIEW_WORKING_DAYS = 15
PUBLICATION_MONTHS = 6


class ReviewKind(Choice):
    RAPID_REVIEW = "rapid_review", "Rapid review"
    LCSPR = "lcspr", "Local child safeguarding practice review"
    SCR = "scr", "Serious case review"
    OTHER = "other", "Other learning review"


class ReviewStatus(Choice):
    OPEN = "open", "Open"
    ACTION_PLAN = "action_plan", "Action plan monitored"
    CLOSED = "closed", "Closed"


class ReviewDecision(Choice):
    """What was decided after the rapid review (or, for older reviews, what was held)."""

    LCSPR = "lcspr", "Hold a local child safeguarding practice review"
    NATIONAL = "national", "National review by the panel"
    OTHER_LEARNING = "other_learning", "Other learning review or audit"
    NO_FURTHER = "no_further", "No further review: learning taken forward"
    SCR = "scr", "Commission a serious case review (before 2018)"


class DeadlineState(Choice):
    DUE = "due", "Due"
    OVERDUE = "overdue", "Overdue"
    MET = "met", "Met"
    LATE = "late", "Met late"
    NOT_RECORDED = "not_recorded", "Not recorded"
    WAITING = "waiting", "Waiting for a decision date"


@dataclass(frozen=True)
class Deadline:
    key: str  # notify / rapid_review / publication
    title: str
    due: date | None
    explanation: str  # how `due` was computed
    done_on: date | None
    state: DeadlineState

    @property
    def outstanding(self) -> bool:
        return self.state in (DeadlineState.DUE, DeadlineState.OVERDUE)

    def status_text(self, today: date) -> str:
        """'due in 3 days', 'due today', '2 working days overdue', 'done Tue 26/05/2026, on time'."""
        if self.done_on is not None and self.due is not None:
            late = working_days_between(self.due, self.done_on)
            when = f"done {weekday_date(self.done_on)}"
            return (
                f"{when}, on time" if late <= 0 else f"{when}, {_count(late, 'working day')} late"
            )
        if self.due is None:
            return self.state.label
        if self.state == DeadlineState.NOT_RECORDED:
            return "not recorded (review closed)"
        days = (self.due - today).days
        if days == 0:
            return "due today"
        if days == 1:
            return "due tomorrow"
        if days > 1:
            return f"due in {days} days"
        late = working_days_between(self.due, today)
        return f"overdue by {_count(late, 'working day')}" if late else "overdue"


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def add_months(start: date, months: int) -> tuple[date, bool]:
    """`start` plus whole calendar months; True when the day was cut to the month's last."""
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(start.day, last)), start.day > last


def _state(due: date | None, done_on: date | None, today: date, closed: bool) -> DeadlineState:
    if due is None:
        return DeadlineState.WAITING
    if done_on is not None:
        return DeadlineState.MET if done_on <= due else DeadlineState.LATE
    if closed:
        return DeadlineState.NOT_RECORDED
    return DeadlineState.OVERDUE if due < today else DeadlineState.DUE


def has_statutory_clock(kind: str) -> bool:
    return kind in (ReviewKind.RAPID_REVIEW.value, ReviewKind.LCSPR.value)


def expects_publication(kind: str, decision: str | None) -> bool:
    return kind == ReviewKind.LCSPR.value or decision == ReviewDecision.LCSPR.value


def review_deadlines(
    *,
    kind: str,
    aware_on: date,
    notified_on: date | None,
    rapid_review_on: date | None,
    decision: str | None,
    decision_on: date | None,
    published_on: date | None,
    today: date,
    closed: bool = False,
) -> list[Deadline]:
    """The statutory deadlines of one review, each with its sum and its state on `today`."""
    deadlines: list[Deadline] = []
    if has_statutory_clock(kind):
        for key, title, days, done_on in (
            ("notify", "Notify the national panel", NOTIFY_WORKING_DAYS, notified_on),
            ("rapid_review", "Rapid review", RAPID_REVIEW_WORKING_DAYS, rapid_review_on),
        ):
            total = add_working_days(aware_on, days)
            deadlines.append(
                Deadline(
                    key,
                    title,
                    total.due,
                    total.explain("aware"),
                    done_on,
                    _state(total.due, done_on, today, closed),
                )
            )
    if expects_publication(kind, decision):
        title = "Publish the local review"
        if decision_on is None:
            explanation = (
                f"{PUBLICATION_MONTHS} months from the decision to hold a local review "
                "(no decision date recorded yet)"
            )
            deadlines.append(
                Deadline(
                    "publication",
                    title,
                    None,
                    explanation,
                    published_on,
                    _state(None, None, today, closed),
                )
            )
        else:
            due, cut = add_months(decision_on, PUBLICATION_MONTHS)
            explanation = (
                f"decision {weekday_date(decision_on)} + {PUBLICATION_MONTHS} months = "
                f"{weekday_date(due)}"
            )
            if cut:
                explanation += f" (the last day of {due.strftime('%B')})"
            deadlines.append(
                Deadline(
                    "publication",
                    title,
                    due,
                    explanation,
                    published_on,
                    _state(due, published_on, today, closed),
                )
            )
    return deadlines
