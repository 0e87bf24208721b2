"""Vocabulary and rules of the engagement log: how the partners heard children and families."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from partnerboard.domain.choices import Choice
from partnerboard.domain.partnership import check_required
from partnerboard.errors import FieldError

ACTIVITY_MAX = 300
MAX_PARTICIPANTS = 100_000


class EngagementMethod(Choice):
    SURVEY = "survey", "Survey"
    GROUP = "group", "Focus group or workshop"
    PANEL = "panel", "Standing group or forum"
    ONE_TO_ONE = "one_to_one", "Conversations"
    EVENT = "event", "Event or consultation"
    OTHER = "other", "Other"


@dataclass
class EngagementInput:
    activity: str
    held_on: date | None
    method: str = EngagementMethod.OTHER.value
    participants: str | None = None
    participant_count: int | None = None
    lead_agency_id: int | None = None
    heard: str | None = None
    changed: str | None = None


def validate_engagement(data: EngagementInput, today: date) -> list[FieldError]:
    errors = check_required("activity", data.activity, "The activity", ACTIVITY_MAX)
    if data.held_on is None:
        errors.append(FieldError("held_on", "Give the date it took place."))
    elif data.held_on > today:
        errors.append(FieldError("held_on", "Record an activity once it has taken place."))
    if EngagementMethod.parse(data.method) is None:
        errors.append(FieldError("method", "Choose how the views were sought."))
    if data.participant_count is not None and not 0 <= data.participant_count <= MAX_PARTICIPANTS:
        errors.append(
            FieldError("participant_count", "The number who took part must be 0 or more.")
        )
    if not (data.heard or "").strip():
        errors.append(FieldError("heard", "Say what was heard."))
    return errors
