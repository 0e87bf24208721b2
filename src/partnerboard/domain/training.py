"""Multi-agency training: levels, delivery, the states of a booking, and how the figures count.

The figures a board reads ("neglect toolkit training: 212 of 300 trained", "DNA rate 9%") are
defined here once, over plain values, so that the page, the PDF report and the Excel export
count the same way:

- a booking is in one state: booked, on the waiting list, cancelled (in good time), or — once
  the session has taken place — attended, did not attend, or cancelled late;
- **places filled** = places held (booked, attended, did not attend, cancelled late) ÷ places
  offered (the capacity), over sessions that have taken place and were not cancelled;
- **did-not-attend rate** = did not attend ÷ places held on the day (attended, did not
  attend, cancelled late); **cancelled late** likewise; the **cost** of non-attendance is the
  places lost (did not attend + cancelled late) × the partnership's cost of a place;
- **trained** = different practitioners who attended a session (a course's target counts
  people; an agency's target counts places attended in the year);
- **confidence change** per learning outcome = mean of (after − before) over course
  evaluations that rated that outcome both before and after (1 to 5);
- **follow-up response rate** = follow-up responses ÷ practitioners who attended sessions
  whose follow-up was sent.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from partnerboard.domain.choices import Choice
from partnerboard.domain.partnership import check_email, check_required
from partnerboard.errors import FieldError

REFERENCE_MAX = 20
TITLE_MAX = 300
THEME_MAX = 200
TRAINERS_MAX = 300
VENUE_MAX = 300
OUTCOME_MAX = 300
OUTCOMES_MAX = 8
NAME_MAX = 200
ROLE_MAX = 200
TAG_MAX = 100
CAPACITY_MAX = 2000
DURATION_MAX = 60 * 24 * 5  # five days of training
RATING_MIN, RATING_MAX = 1, 5
FOLLOW_UP_MONTHS = 3

FILL_RULE = (
    "Places filled: places held (booked, attended, did not attend or cancelled late) ÷ places "
    "offered, over sessions that have taken place."
)
DNA_RULE = (
    "Did-not-attend rate: did not attend ÷ places held on the day (attended, did not attend, "
    "cancelled late). Places lost: did not attend + cancelled late."
)
CONFIDENCE_RULE = (
    "Confidence change: the mean of after − before (1 to 5) over evaluations that rated the "
    "outcome both before and after the course."
)
FOLLOW_UP_RULE = (
    "Follow-up response rate: responses to the follow-up about three months later ÷ "
    "practitioners who attended the sessions whose follow-up was sent."
)
TRAINED_RULE = (
    "Trained: different practitioners who attended a session of the course, since it began, "
    "up to the end of the period."
)


class Level(Choice):
    BASIC = "basic", "Basic awareness"
    INTERMEDIATE = "intermediate", "Intermediate (working together)"
    ADVANCED = "advanced", "Advanced"
    SPECIALIST = "specialist", "Specialist / leadership"


class Mode(Choice):
    VENUE = "venue", "At a venue"
    ONLINE = "online", "Online"


class BookingStatus(Choice):
    BOOKED = "booked", "Booked"
    WAITING = "waiting", "Waiting list"
    CANCELLED = "cancelled", "Cancelled"
    ATTENDED = "attended", "Attended"
    DID_NOT_ATTEND = "did_not_attend", "Did not attend"
    CANCELLED_LATE = "cancelled_late", "Cancelled late"

    @property
    def holds_place(self) -> bool:
        """The practitioner had (or has) a place: it counts against the capacity."""
        return self in HELD

    @property
    def on_the_day(self) -> bool:
        """An outcome recorded once the session has taken place."""
        return self in OUTCOMES


HELD = frozenset(
    {
        BookingStatus.BOOKED,
        BookingStatus.ATTENDED,
        BookingStatus.DID_NOT_ATTEND,
        BookingStatus.CANCELLED_LATE,
    }
)
OUTCOMES = frozenset(
    {BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND, BookingStatus.CANCELLED_LATE}
)


class EvaluationKind(Choice):
    COURSE = "course", "Course evaluation"
    FOLLOW_UP = "follow_up", "Follow-up (about three months later)"


# ---------------------------------------------------------------- rules of forms and imports


def check_course(
    reference: str, title: str, theme: str, level: str | None, outcomes: list[str]
) -> list[FieldError]:
    errors = check_required("reference", reference, "Reference", REFERENCE_MAX)
    if not errors and not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9 ./_-]*", reference.strip()):
        errors.append(
            FieldError("reference", "Use letters, numbers, dots and dashes (e.g. NEG-1).")
        )
    errors += check_required("title", title, "Title", TITLE_MAX)
    errors += check_required("theme", theme, "Theme", THEME_MAX)
    if Level.parse(level) is None:
        errors.append(FieldError("level", "Choose a level."))
    if len(outcomes) > OUTCOMES_MAX:
        errors.append(
            FieldError("outcomes", f"{len(outcomes)} learning outcomes; at most {OUTCOMES_MAX}.")
        )
    for number, text in enumerate(outcomes, start=1):
        if len(text) > OUTCOME_MAX:
            errors.append(
                FieldError("outcomes", f"Outcome {number} is longer than {OUTCOME_MAX} characters.")
            )
    return errors


def check_session(
    starts_at: datetime | None,
    ends_at: datetime | None,
    mode: str | None,
    venue: str | None,
    capacity: int | None,
) -> list[FieldError]:
    errors: list[FieldError] = []
    if starts_at is None:
        errors.append(FieldError("starts_on", "Give the date of the session."))
    elif ends_at is not None and ends_at <= starts_at:
        errors.append(FieldError("ends", "The session must end after it starts."))
    parsed = Mode.parse(mode)
    if parsed is None:
        errors.append(FieldError("mode", "Choose online or at a venue."))
    elif parsed is Mode.VENUE and not (venue or "").strip():
        errors.append(FieldError("venue", "Say where the session is held."))
    if venue is not None and len(venue.strip()) > VENUE_MAX:
        errors.append(FieldError("venue", f"At most {VENUE_MAX} characters."))
    if capacity is None or not 1 <= capacity <= CAPACITY_MAX:
        errors.append(FieldError("capacity", f"Give the places offered (1 to {CAPACITY_MAX})."))
    return errors


def check_practitioner(name: str | None, email: str | None, role: str | None) -> list[FieldError]:
    errors = check_required("name", name, "Name", NAME_MAX)
    errors += check_email("email", email)
    if role is not None and len(role.strip()) > ROLE_MAX:
        errors.append(FieldError("role", f"At most {ROLE_MAX} characters."))
    return errors


def check_outcome_status(status: BookingStatus, session_day: date, today: date) -> str | None:
    """Why `status` cannot be recorded yet (attendance before the day), or None."""
    if status.on_the_day and session_day > today:
        return (
            f"The session is on {session_day:%d/%m/%Y}: attendance can be recorded from that "
            "day; until then the place is Booked."
        )
    return None


def read_rating(value: object) -> int | None:
    """A confidence rating 1 to 5 from a cell: 4, 4.0, '4', '4 - Confident', 'Very confident'.

    None for a blank cell; ValueError with a plain message for anything else.
    """
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"“{value}” is not a rating from 1 to 5.")
    if isinstance(value, (int, float)):
        if float(value).is_integer() and RATING_MIN <= value <= RATING_MAX:
            return int(value)
        raise ValueError(f"“{value:g}” is not a rating from 1 to 5.")
    text = " ".join(str(value).split())
    if not text:
        return None
    found = re.match(r"^([0-9]+)(?:\.0+)?(?:\s*(?:[-–:/=)]|\bout of\b|$).*)?$", text)
    if found:
        number = int(found.group(1))
        if RATING_MIN <= number <= RATING_MAX:
            return number
        raise ValueError(f"“{text}” is not a rating from 1 to 5.")
    words = re.sub(r"[^a-z ]+", " ", text.casefold()).split()
    key = " ".join(words)
    if key in RATING_WORDS:
        return RATING_WORDS[key]
    raise ValueError(f"“{text}” is not a rating from 1 to 5.")


# Likert wordings forms tools offer for confidence (Microsoft Forms, Google Forms, SmartSurvey).
RATING_WORDS = {
    "not at all confident": 1,
    "not confident": 1,
    "very unconfident": 1,
    "slightly confident": 2,
    "a little confident": 2,
    "not very confident": 2,
    "somewhat confident": 3,
    "moderately confident": 3,
    "fairly confident": 3,
    "neutral": 3,
    "confident": 4,
    "quite confident": 4,
    "very confident": 5,
    "extremely confident": 5,
    "completely confident": 5,
}
