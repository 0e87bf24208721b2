"""Vocabulary and rules of threshold agreements and the escalation log (no database, no Qt)."""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable
from datetime import date

from partnerboard.domain.choices import Choice
from partnerboard.errors import FieldError

# The default levels of need; a partnership changes their names and number in its settings.
DEFAULT_LEVEL_NAMES = (
    "Universal",
    "Early help",
    "Targeted / child in need",
    "Specialist / child protection",
)
MAX_LEVELS = 10


class VersionStatus(Choice):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved"
    SUPERSEDED = "superseded", "Superseded"


class SignupStatus(Choice):
    PENDING = "pending", "Pending"
    AGREED = "agreed", "Agreed"
    DECLINED = "declined", "Declined"


class SignupMethod(Choice):
    BOARD_MINUTE = "board_minute", "Board minute"
    LETTER = "letter", "Letter"
    EMAIL = "email", "E-mail"


class EscalationCategory(Choice):
    THRESHOLD = "threshold_disagreement", "Threshold disagreement"
    REFERRAL_DECLINED = "referral_declined", "Referral declined"
    PLAN_DRIFT = "plan_drift", "Plan drift"
    INFORMATION_SHARING = "information_sharing", "Information sharing"
    OTHER = "other", "Other"


# Who deals with a disagreement at each stage of a typical resolution procedure.
STAGES = {
    1: "Practitioner to practitioner",
    2: "Line managers",
    3: "Senior managers / heads of service",
    4: "Safeguarding partnership (business manager / chair)",
}


def stage_label(stage: int) -> str:
    return f"Stage {stage}: {STAGES.get(stage, '')}".rstrip(": ")


def check_level_names(names: Iterable[str]) -> list[FieldError]:
    cleaned = [" ".join(n.split()) for n in names]
    cleaned = [n for n in cleaned if n]
    if not cleaned:
        return [FieldError("levels", "Name at least one level of need.")]
    if len(cleaned) > MAX_LEVELS:
        return [FieldError("levels", f"At most {MAX_LEVELS} levels of need.")]
    if any(len(n) > 200 for n in cleaned):
        return [FieldError("levels", "A level's name must be at most 200 characters.")]
    if len({n.casefold() for n in cleaned}) != len(cleaned):
        return [FieldError("levels", "Two levels have the same name.")]
    return []


def next_version_label(previous: str | None) -> str:
    """A suggestion for the next version: '2' → '3', '3.1' → '4.0', 'v2' → 'v3'."""
    if not previous:
        return "1.0"
    match = re.match(r"^(\D*)(\d+)(\.\d+)?(.*)$", previous.strip())
    if match is None:
        return f"{previous.strip()} (new)"
    prefix, major, minor, rest = match.groups()
    return f"{prefix}{int(major) + 1}{'.0' if minor else ''}{rest}"


def days_to_resolve(raised_on: date, resolved_on: date | None) -> int | None:
    return None if resolved_on is None else (resolved_on - raised_on).days


def median_days(days: Iterable[int]) -> float | None:
    """The median of whole days (a half when the count is even); None when there are none."""
    values = sorted(days)
    return statistics.median(values) if values else None


def format_days(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:g} day" if value == 1 else f"{value:g} days"


# Coverage of sign-up: at least this share agreed is green, at least the second amber.
COVERAGE_GREEN, COVERAGE_AMBER = 90, 60


def coverage_rag(percent: int | None) -> str | None:
    """'green', 'amber' or 'red' for a share of agencies agreed; None when nobody is in scope."""
    if percent is None:
        return None
    if percent >= COVERAGE_GREEN:
        return "green"
    return "amber" if percent >= COVERAGE_AMBER else "red"


# Sign-up answers in RAG terms: agreed is done, pending is work still to do, declined needs
# the board's challenge.
SIGNUP_RAG = {
    SignupStatus.AGREED: "green",
    SignupStatus.PENDING: "amber",
    SignupStatus.DECLINED: "red",
}
