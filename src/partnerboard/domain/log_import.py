"""Rules for bringing an existing action log or improvement plan in from a spreadsheet:
which column holds what (the usual headers), and how the cells people write are read.

No database and no file here: `services.actions.log_import` reads the sheet and writes.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from partnerboard.domain.dates import parse_date
from partnerboard.errors import UserError


@dataclass(frozen=True)
class ImportField:
    key: str
    label: str
    synonyms: tuple[str, ...]  # normalised header words that mean this field


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "workstream",
        "Workstream / ambition",
        (
            "workstream",
            "work stream",
            "ambition",
            "theme",
            "priority",
            "strategic priority",
            "strand",
            "objective",
            "area of focus",
            "priority area",
            "ambition theme",
        ),
    ),
    ImportField(
        "reference",
        "Reference",
        (
            "ref",
            "reference",
            "ref no",
            "ref number",
            "no",
            "number",
            "action no",
            "action number",
            "action ref",
            "id",
            "item",
        ),
    ),
    ImportField(
        "action",
        "Action",
        (
            "action",
            "actions",
            "action plan",
            "what we will do",
            "what will we do",
            "task",
            "activity",
            "description",
            "recommendation",
            "action required",
            "actions required",
        ),
    ),
    ImportField(
        "lead",
        "Lead",
        (
            "lead",
            "owner",
            "responsible",
            "lead officer",
            "who",
            "by whom",
            "lead person",
            "action owner",
            "responsible officer",
            "lead s",
            "leads",
            "action lead",
        ),
    ),
    ImportField(
        "agency",
        "Lead agency",
        (
            "agency",
            "organisation",
            "organization",
            "lead agency",
            "partner",
            "lead organisation",
            "service",
        ),
    ),
    ImportField(
        "due",
        "Due (by when)",
        (
            "due",
            "by when",
            "deadline",
            "target date",
            "timescale",
            "timescales",
            "completion date",
            "due date",
            "when",
            "target",
            "date due",
        ),
    ),
    ImportField(
        "progress",
        "Progress (becomes the first update)",
        (
            "progress",
            "review",
            "update",
            "review of progress",
            "progress update",
            "comments",
            "commentary",
            "latest update",
            "progress to date",
            "update on progress",
            "narrative",
            "progress review",
            "current position",
        ),
    ),
    ImportField(
        "rag",
        "RAG",
        ("rag", "rag rating", "rag status", "rating", "r a g", "rag rating current"),
    ),
    ImportField(
        "status", "Status (open or closed)", ("status", "action status", "open closed", "state")
    ),
    ImportField(
        "updated_on",
        "Date of the progress update",
        (
            "date of update",
            "update date",
            "last updated",
            "date updated",
            "review date",
            "date of review",
            "updated",
            "last update",
            "date of last update",
        ),
    ),
    ImportField(
        "difference",
        "How it will make a difference",
        (
            "how will it make a difference",
            "how it will make a difference",
            "impact",
            "outcome",
            "outcomes",
            "expected outcome",
            "difference",
            "what difference will it make",
            "intended impact",
        ),
    ),
    ImportField(
        "measure",
        "How we will know",
        (
            "how will we know",
            "how we will know",
            "measure",
            "measures",
            "success measure",
            "success measures",
            "measure of success",
            "measures of success",
            "evidence",
            "evidence of impact",
            "how will we measure",
        ),
    ),
    ImportField(
        "raised_on",
        "Raised on",
        ("raised", "date raised", "date added", "opened", "start date", "date opened"),
    ),
    ImportField(
        "board", "Owning board", ("board", "sub group", "subgroup", "owning board", "group")
    ),
)
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELD_BY_KEY = {f.key: f for f in FIELDS}

_NOT_WORD = re.compile(r"[^0-9a-z]+")


def normalise_header(text: object) -> str:
    """'Review of Progress (Q2)' -> 'review of progress q2'."""
    return _NOT_WORD.sub(" ", str(text or "").casefold()).strip()


def guess_mapping(
    headers: Sequence[object], fields: Sequence[ImportField] = FIELDS
) -> dict[str, int]:
    """Field key -> column index (0-based) for the headers a board's sheet usually has
    (`fields`: another import's vocabulary, e.g. `domain.training_import`).

    Exact matches first, then a header containing a synonym as whole words (longest
    synonym wins: 'RAG rating Q2' is the RAG, 'Review of progress Q2' the progress). Each
    column and each field is used at most once.
    """
    names = [normalise_header(h) for h in headers]
    found: dict[str, int] = {}
    taken: set[int] = set()
    for exact in (True, False):
        candidates: list[tuple[int, str, int]] = []  # (-length of synonym, field, column)
        for field in fields:
            if field.key in found:
                continue
            for column, name in enumerate(names):
                if column in taken or not name:
                    continue
                for synonym in field.synonyms:
                    hit = name == synonym if exact else f" {synonym} " in f" {name} "
                    if hit:
                        candidates.append((-len(synonym), field.key, column))
        for _length, key, column in sorted(candidates):
            if key not in found and column not in taken:
                found[key] = column
                taken.add(column)
    return found


def column_index(letters: str) -> int:
    """0-based index of a column letter: A -> 0, AB -> 27."""
    number = 0
    for ch in letters.upper():
        number = number * 26 + (ord(ch) - 64)
    return number - 1


def parse_map(given: Sequence[str], keys: Sequence[str]) -> dict[str, str]:
    """The user's `--map FIELD=HEADER` (or FIELD=column letter) items as field key -> header as
    written (quotes taken off); an unknown field or an empty header is refused in one line."""
    overrides = {}
    for item in given:
        key, _, header = item.partition("=")
        key = key.strip().lower().replace("-", "_")
        if key not in keys or not header.strip():
            raise UserError(
                f"--map {item}: write FIELD=HEADER with FIELD one of {', '.join(keys)}."
            )
        overrides[key] = header.strip().strip("\"'“”")
    return overrides


def find_column(headers: Sequence[str], given: str) -> int | None:
    """The column headed `given` (as people write headers), or named by its letter ('D')."""
    wanted = normalise_header(given)
    names = [normalise_header(h) for h in headers]
    if wanted and wanted in names:
        return names.index(wanted)
    text = given.strip()
    if text.isalpha() and len(text) <= 2:
        return column_index(text)
    return None


def apply_map(
    headers: Sequence[str], guessed: dict[str, int], overrides: dict[str, str]
) -> tuple[dict[str, int], list[str]]:
    """`guessed` (field key -> column) with `overrides` (see `parse_map`) on top, a column
    taken by an override leaving the field guessed for it; and the overrides whose header
    these headers lack."""
    mapping = dict(guessed)
    unused = []
    for key, header in overrides.items():
        column = find_column(headers, header)
        if column is None:
            unused.append(key)
            continue
        mapping = {k: c for k, c in mapping.items() if c != column and k != key}
        mapping[key] = column
    return mapping, unused


def map_columns(
    headers: Sequence[str], guessed: dict[str, int], given: Sequence[str], keys: Sequence[str]
) -> dict[str, int]:
    """`guessed` with the user's `--map` items on top, for a file of one table: a header not
    found is refused in one line that lists the headers."""
    overrides = parse_map(given, keys)
    mapping, unused = apply_map(headers, guessed, overrides)
    for key in unused:
        raise UserError(
            f"--map {key}={overrides[key]}: no column is headed “{overrides[key]}”; the headers "
            "are: " + ", ".join(h for h in headers if h)
        )
    return mapping


def header_score(cells: Sequence[object], fields: Sequence[ImportField] = FIELDS) -> int:
    """How many fields a row's cells name (to find the header row under a title)."""
    return len(guess_mapping(cells, fields))


_WORKSTREAM = re.compile(
    r"^\s*(?:(?:ambition|priority|workstream|work stream|theme|objective|strand)\s*)?"
    r"(\d{1,4})\s*[:.)\-–—]?\s+(.+?)\s*$",
    re.IGNORECASE,
)


def split_workstream(text: str) -> tuple[int | None, str]:
    """'Ambition 2: Partners are held to account' -> (2, 'Partners are held to account')."""
    cleaned = " ".join(text.split())
    match = _WORKSTREAM.match(cleaned)
    if match:
        return int(match.group(1)), match.group(2).strip(" :.-–—")
    return None, cleaned


_MONTHS = {name.casefold(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS.update({name.casefold(): n for n, name in enumerate(calendar.month_abbr) if name})
_MONTHS["sept"] = 9
_MONTH_YEAR = re.compile(r"^\s*(?:end\s+(?:of\s+)?)?([a-z]+)\.?\s+(\d{2}|\d{4})\s*$", re.IGNORECASE)


def read_due(value: object) -> date | None:
    """A 'by when' cell: a date, 31/03/2027, 'March 2027' or 'end of Sept 26' (month's end).

    Raises ValueError for text that names no date ('Ongoing', 'Q3', 'TBC').
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None or str(value).strip() == "":
        return None
    text = str(value).strip()
    match = _MONTH_YEAR.match(text)
    if match and match.group(1).casefold() in _MONTHS:
        year = int(match.group(2))
        year = year + 2000 if year < 100 else year
        month = _MONTHS[match.group(1).casefold()]
        return date(year, month, calendar.monthrange(year, month)[1])
    return parse_date(text)


CLOSED_WORDS = {"closed", "complete", "completed", "done", "achieved", "finished", "signed off"}
OPEN_WORDS = {"open", "ongoing", "in progress", "live", "active", "not started"}


def read_status(value: object) -> bool | None:
    """True when the status cell says the action is finished, False when open, None if blank.

    Raises ValueError for anything else.
    """
    text = normalise_header(value)
    if not text:
        return None
    if text in CLOSED_WORDS:
        return True
    if text in OPEN_WORDS:
        return False
    raise ValueError(f"“{value}” is not a status; write Open or Closed.")
