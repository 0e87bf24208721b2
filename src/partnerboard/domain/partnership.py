"""Vocabulary and rules of the partnership register: agencies, people, boards, memberships."""

from __future__ import annotations

import re

from partnerboard.domain.choices import Choice
from partnerboard.errors import FieldError


class Sector(Choice):
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    YOUTH_JUSTICE = "youth_justice", "Youth justice"
    HOUSING = "housing", "Housing"
    VOLUNTARY = "voluntary", "Voluntary & community"
    OTHER = "other", "Other"


class StatutoryPartner(Choice):
    """The three statutory safeguarding partners (Children and Social Work Act 2017)."""

    NONE = "none", "Not a statutory partner"
    LOCAL_AUTHORITY = "local_authority", "Local authority"
    POLICE = "police", "Police"
    HEALTH = "health", "Health (ICB)"


class BoardKind(Choice):
    BOARD = "board", "Board"
    SUB_GROUP = "sub_group", "Sub-group"


class MembershipRole(Choice):
    CHAIR = "chair", "Chair"
    CO_CHAIR = "co_chair", "Co-chair / deputy chair"
    MEMBER = "member", "Member"
    ADVISER = "adviser", "Adviser"
    OBSERVER = "observer", "Observer"


def agency_label(name: str, short_name: str | None) -> str:
    """How a list offers an agency: its full name, and its short name where that says more to
    those who use it ("Wrenfield GP Federation (GP Fed)"); a newcomer cannot tell codes apart."""
    short = (short_name or "").strip()
    if not short or short.casefold() == name.casefold():
        return name
    return f"{name} ({short})"


NAME_MAX = 200
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def check_required(
    field: str, value: str | None, label: str, max_length: int = NAME_MAX
) -> list[FieldError]:
    text = (value or "").strip()
    if not text:
        return [FieldError(field, f"{label} is required.")]
    if len(text) > max_length:
        return [FieldError(field, f"{label} must be at most {max_length} characters.")]
    return []


def check_email(field: str, value: str | None, required: bool = False) -> list[FieldError]:
    text = (value or "").strip()
    if not text:
        return [FieldError(field, "E-mail address is required.")] if required else []
    if len(text) > 254 or not EMAIL_RE.match(text):
        return [FieldError(field, f"“{text}” is not an e-mail address (like name@agency.org.uk).")]
    return []


def check_quorum(minimum: int | None) -> list[FieldError]:
    if minimum is None:
        return []
    if minimum < 1 or minimum > 200:
        return [FieldError("quorum_minimum", "Quorum must be between 1 and 200 members.")]
    return []
