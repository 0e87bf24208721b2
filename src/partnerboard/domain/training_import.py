"""Reading the exports of booking sites and forms tools: which column holds what, and how the
cells they write are read.

Booking sites (Eventbrite's attendee report: Order #, Order Date, First Name, Last Name, Email,
…, Attendee #, …, Attendee Status, Job Title, Company; Bookwhen: Event starts, Attended?) and
forms tools (Microsoft Forms' Excel export: ID, Start time, Completion time, Email, Name, then
one column per question, a Likert question one column per statement) each name their columns
their own way; the usual names are listed here, and `--map FIELD=HEADER` names the rest.

No database and no file here: `services.training.booking_import` and `evaluation_import` read
the sheet and write.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date, datetime

from partnerboard.domain.log_import import ImportField, guess_mapping, normalise_header
from partnerboard.domain.training import OUTCOMES_MAX, BookingStatus

BOOKING_FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "name",
        "Name",
        ("name", "full name", "attendee name", "delegate name", "participant name", "delegate"),
    ),
    ImportField(
        "first_name", "First name", ("first name", "forename", "given name", "attendee first name")
    ),
    ImportField(
        "last_name", "Last name", ("last name", "surname", "family name", "attendee last name")
    ),
    ImportField(
        "email",
        "E-mail",
        ("email", "e mail", "email address", "e mail address", "attendee email", "work email"),
    ),
    ImportField("role", "Job title or role", ("job title", "role", "job role", "position")),
    ImportField(
        "agency",
        "Agency",
        (
            "company",
            "organisation",
            "organization",
            "agency",
            "employer",
            "organisation name",
            "organization name",
            "which agency do you work for",
            "agency organisation",
            "service",
        ),
    ),
    ImportField(
        "status",
        "Booking status",
        ("attendee status", "status", "booking status", "attendance status", "ticket status"),
    ),
    ImportField(
        "attended",
        "Attended (yes or no)",
        ("attended", "checked in", "present", "attendance", "check in"),
    ),
    ImportField(
        "booked_on",
        "Booked on",
        ("order date", "booking date", "date booked", "registration date", "booked on", "created"),
    ),
    ImportField(
        "date",
        "Date of the session (with --course)",
        (
            "event date",
            "session date",
            "event start date",
            "event starts",
            "course date",
            "date of session",
            "date",
            "start date",
            "event start",
        ),
    ),
    ImportField(
        "reference",
        "Booking reference",
        (
            "attendee",  # Eventbrite's "Attendee #" (the # is not a word)
            "attendee no",
            "attendee number",
            "attendee id",
            "ticket number",
            "booking reference",
            "booking ref",
            "booking id",
        ),
    ),
)
BOOKING_KEYS = tuple(f.key for f in BOOKING_FIELDS)

EVALUATION_FIELDS: tuple[ImportField, ...] = (
    ImportField("id", "Response ID", ("id", "response id", "respondent id", "response number")),
    ImportField(
        "submitted",
        "Submitted",
        (
            "completion time",
            "submitted",
            "submitted at",
            "submission date",
            "timestamp",
            "date submitted",
            "end date",
        ),
    ),
    ImportField("email", "E-mail", ("email", "e mail", "email address", "e mail address")),
    ImportField("name", "Name", ("name", "full name", "your name")),
    ImportField(
        "agency",
        "Agency",
        (
            "which agency do you work for",
            "agency",
            "organisation",
            "organization",
            "employer",
            "company",
            "which organisation do you work for",
        ),
    ),
    ImportField(
        "comment",
        "What changed, or comments",
        (
            "done differently",
            "do differently",
            "what have you done differently",
            "changed in your practice",
            "what has changed",
            "comments",
            "comment",
            "any other comments",
            "most useful",
            "feedback",
        ),
    ),
)
RATING_KEYS = tuple(
    f"{when}{n}" for n in range(1, OUTCOMES_MAX + 1) for when in ("before", "after")
)
EVALUATION_KEYS = (*(f.key for f in EVALUATION_FIELDS), *RATING_KEYS)
# Columns every Microsoft Forms export has that hold nothing to import.
IGNORED = frozenset({"start time", "last modified time"})


def booking_score(cells: Sequence[object]) -> int:
    return len(guess_mapping(cells, BOOKING_FIELDS))


def evaluation_score(cells: Sequence[object]) -> int:
    return len(guess_mapping(cells, EVALUATION_FIELDS))


# ---------------------------------------------------------------- statuses

_STATUS_WORDS: dict[str, BookingStatus] = {
    **dict.fromkeys(
        (
            "attending", "booked", "confirmed", "registered", "complete", "completed",
            "going", "accepted", "reserved", "place confirmed", "free order", "manual",
        ),
        BookingStatus.BOOKED,
    ),
    **dict.fromkeys(
        ("checked in", "attended", "present", "checked in attended"), BookingStatus.ATTENDED
    ),
    **dict.fromkeys(
        ("waitlist", "waitlisted", "waiting list", "wait list", "waiting", "on waiting list"),
        BookingStatus.WAITING,
    ),
    **dict.fromkeys(
        (
            "not attending", "cancelled", "canceled", "refunded", "refunded canceled",
            "refunded cancelled", "deleted", "transferred", "declined", "withdrawn",
        ),
        BookingStatus.CANCELLED,
    ),
    **dict.fromkeys(
        ("did not attend", "dna", "no show", "absent", "not attended"),
        BookingStatus.DID_NOT_ATTEND,
    ),
    **dict.fromkeys(
        ("cancelled late", "canceled late", "late cancellation", "late cancel"),
        BookingStatus.CANCELLED_LATE,
    ),
}  # fmt: skip
_YES = frozenset({"yes", "y", "true", "1", "attended", "present", "checked in", "x"})
_NO = frozenset({"no", "n", "false", "0", "absent", "did not attend", "dna", "no show"})


def read_status(value: object) -> BookingStatus | None:
    """The booking state a tool's status cell names (None when blank); ValueError otherwise."""
    text = normalise_header(value)
    if not text:
        return None
    found = _STATUS_WORDS.get(text) or BookingStatus.parse(text.replace(" ", "_"))
    if found is None:
        raise ValueError(
            f"“{value}” is not a booking status (e.g. Attending, Checked In, Not Attending, "
            "Waitlist, Did not attend, Cancelled late)."
        )
    return found


def read_attended(value: object) -> bool | None:
    """An 'Attended?' cell: True, False, or None when blank; ValueError otherwise."""
    text = normalise_header(value)
    if not text:
        return None
    if text in _YES:
        return True
    if text in _NO:
        return False
    raise ValueError(f"“{value}” is neither yes nor no.")


# ---------------------------------------------------------------- dates as tools write them

_DAY_MONTH = re.compile(
    r"^\s*(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})(?:[ T,]+(\d{1,2}):(\d{2})(?::\d{2})?"
    r"\s*([ap]\.?m\.?)?)?\s*$",
    re.IGNORECASE,
)
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::[\d.]+)?)?\s*Z?$")


def date_order(values: Sequence[object]) -> str:
    """'dmy' or 'mdy': how the dates of one column of a file are written.

    A booking site writes the dates of its account's country (Eventbrite's US export: 11/29/24
    22:28); a UK file 29/11/2024. A first number above 12 settles it for the whole column; a
    second above 12 the other way; otherwise the UK reading. ValueError when both occur.
    """
    day_first = month_first = False
    for value in values:
        if isinstance(value, (date, datetime)) or value is None:
            continue
        found = _DAY_MONTH.match(str(value))
        if found:
            first, second = int(found.group(1)), int(found.group(2))
            day_first |= first > 12
            month_first |= second > 12
    if day_first and month_first:
        raise ValueError("its dates are written both day-first and month-first")
    return "mdy" if month_first else "dmy"


def read_when(value: object, order: str = "dmy") -> datetime | None:
    """A date or date and time from a cell ('29/11/2024 22:28', '2024-11-29T10:00', a real
    date); None when blank; ValueError with a plain message otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = str(value).strip()
    if not text:
        return None
    try:
        if found := _DAY_MONTH.match(text):
            first, second, year, hour, minute, noon = found.groups()
            day, month = (int(first), int(second)) if order == "dmy" else (int(second), int(first))
            year_number = int(year) + 2000 if len(year) == 2 else int(year)
            hours = int(hour or 0)
            if noon:
                hours = hours % 12 + (12 if noon[0].lower() == "p" else 0)
            return datetime(year_number, month, day, hours, int(minute or 0))
        if found := _ISO.match(text):
            year, month, day, hour, minute = found.groups()
            return datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0))
    except ValueError:
        raise ValueError(f"“{text}” is not a real date.") from None
    raise ValueError(f"“{text}” is not a date; write it as dd/mm/yyyy.")


# ---------------------------------------------------------------- ratings per learning outcome

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "the",
        "of",
        "to",
        "in",
        "on",
        "for",
        "with",
        "at",
        "by",
        "how",
        "your",
        "you",
        "were",
        "are",
        "is",
        "be",
        "can",
        "will",
        "do",
        "i",
        "my",
        "about",
        "from",
        "into",
        "their",
        "this",
        "that",
        "what",
        "when",
        "who",
        "why",
        "confident",
        "confidence",
        "feel",
        "felt",
        "able",
        "rate",
    ]
)
_BEFORE = frozenset({"before", "prior", "pre", "start", "beginning", "previously"})
_AFTER = frozenset({"after", "now", "post", "end", "following", "since", "today"})


def _words(text: str) -> list[str]:
    return normalise_header(text).split()


def _significant(text: str) -> set[str]:
    return {w for w in _words(text) if w not in _STOP and not w.isdigit() and len(w) > 2}


def guess_ratings(headers: Sequence[object], outcomes: Sequence[str]) -> dict[str, int]:
    """'before1' / 'after1' … -> column for each learning outcome (numbered from 1).

    A header belongs to the outcome whose words it shares most (at least two thirds of the
    outcome's own words), or names 'outcome N'. It is the 'before' rating when it says before
    (prior, pre, start) and 'after' when it says after (now, post, end); a Likert question
    repeated once for before and once for after (Microsoft Forms numbers the second copy of
    each statement: 'Recognise neglect2') gives the first column as before, the second after.
    """
    wanted = [_significant(text) for text in outcomes]
    found: dict[int, list[tuple[int, str | None]]] = {}
    for column, header in enumerate(headers):
        words = _words(str(header or ""))
        if not words or " ".join(words) in IGNORED:
            continue
        number = _outcome_of(words, wanted)
        if number is None:
            continue
        bag = set(words)
        when = "before" if bag & _BEFORE else "after" if bag & _AFTER else None
        found.setdefault(number, []).append((column, when))
    mapping: dict[str, int] = {}
    for number, columns in found.items():
        told = [(c, w) for c, w in columns if w]
        for column, when in told:
            mapping.setdefault(f"{when}{number}", column)
        untold = [c for c, w in columns if not w]
        for when, column in zip(("before", "after"), untold, strict=False):
            mapping.setdefault(f"{when}{number}", column)
    return mapping


def _outcome_of(words: list[str], wanted: list[set[str]]) -> int | None:
    text = " ".join(words)
    if found := re.search(r"\boutcome (\d)\b", text):
        number = int(found.group(1))
        return number if 1 <= number <= len(wanted) else None
    # Forms tools number repeated column titles ('neglect2'): read the word without the digit.
    bag = {re.sub(r"\d+$", "", w) for w in words}
    best, best_share = None, 0.0
    for number, outcome in enumerate(wanted, start=1):
        if not outcome:
            continue
        share = len(outcome & bag) / len(outcome)
        if share > best_share:
            best, best_share = number, share
    return best if best_share >= 2 / 3 else None
