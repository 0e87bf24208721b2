"""Rules for bringing an existing performance dataset in from a spreadsheet: which column holds
what (the headers partnerships use), which columns are periods, and how cells are read.

The common layout is one indicator per row and one period per column (Q1 2025/26, Q2 …, or
Q1 … Q4 under a title naming the year), with the definitions either in columns of the same
sheet or on a sheet of their own. No database and no file here: `services.performance.
dataset_import` reads the sheets and writes.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from partnerboard.domain.log_import import ImportField, guess_mapping, normalise_header
from partnerboard.domain.performance import Frequency, Polarity, Unit, parse_figure
from partnerboard.domain.public_sector_year import MONTH, QUARTER, Period

FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "reference",
        "Reference",
        ("ref", "reference", "ref no", "no", "id", "kpi ref", "indicator ref", "measure ref",
         "pi ref", "number", "code"),
    ),
    ImportField(
        "title",
        "Indicator",
        ("indicator", "key performance indicator", "kpi", "measure", "performance indicator",
         "indicator name", "title", "description", "performance measure", "metric", "measure name"),
    ),
    ImportField(
        "definition",
        "Definition",
        ("definition", "definitions", "what is counted", "indicator definition", "notes on definition",
         "measure definition", "how it is measured", "description of measure"),
    ),
    ImportField("numerator", "Numerator", ("numerator",)),
    ImportField("denominator", "Denominator", ("denominator",)),
    ImportField("unit", "Unit", ("unit", "units", "measure type", "type", "format")),
    ImportField(
        "polarity",
        "Polarity",
        ("polarity", "good is", "direction", "higher or lower is better", "aim", "good performance"),
    ),
    ImportField("target", "Target", ("target", "target 2025 26", "target 2026 27", "local target")),
    ImportField("tolerance", "Tolerance", ("tolerance", "amber tolerance", "amber threshold")),
    ImportField(
        "theme",
        "Theme",
        ("theme", "priority", "area", "section", "domain", "category", "service area"),
    ),
    ImportField(
        "agency",
        "Supplying agency",
        ("agency", "source", "data source", "supplied by", "provider", "organisation",
         "data provider", "partner", "lead agency"),
    ),
    ImportField(
        "owner",
        "Owner",
        ("owner", "lead", "data owner", "responsible officer", "indicator owner", "lead officer"),
    ),
    ImportField("frequency", "Frequency", ("frequency", "reporting frequency", "how often")),
    ImportField(
        "england",
        "England comparator",
        ("england", "england average", "national", "national average", "england comparator"),
    ),
    ImportField(
        "neighbours",
        "Statistical neighbours comparator",
        ("statistical neighbours", "stat neighbours", "sn average", "statistical neighbour average",
         "comparator group", "sn"),
    ),
    ImportField("region", "Region comparator", ("region", "regional", "regional average", "north west", "nw average")),
    ImportField(
        "comparator_period",
        "Period of the comparators",
        ("comparator period", "comparator year", "benchmark period", "benchmark year"),
    ),
)  # fmt: skip
FIELD_KEYS = tuple(f.key for f in FIELDS)
FIELD_BY_KEY = {f.key: f for f in FIELDS}
DEFINITION_KEYS = tuple(k for k in FIELD_KEYS if k not in ("reference", "title"))


def guess_fields(headers: Sequence[object]) -> dict[str, int]:
    """Field key -> column (0-based) from the headers (see `domain.log_import.guess_mapping`)."""
    return guess_mapping(headers, FIELDS)


def period_of_header(header: object, year: int | None) -> Period | None:
    """The period a column header names, or None ('Year', 'Total', 'Comments' are not)."""
    text = " ".join(str(header or "").split())
    if not text:
        return None
    try:
        return Period.parse(text, (QUARTER, MONTH), default_year=year)
    except ValueError:
        return None


def period_columns(headers: Sequence[object], year: int | None) -> dict[int, Period]:
    """Column (0-based) -> period, for every header that names one."""
    found = {}
    for column, header in enumerate(headers):
        period = period_of_header(header, year)
        if period is not None:
            found[column] = period
    return found


def header_score(cells: Sequence[object]) -> int:
    """Fields named plus period columns: the dataset's header row scores highest."""
    return len(guess_fields(cells)) + len(period_columns(cells, year=2000))


# ---------------------------------------------------------------- cells

# What a dataset writes where there is no figure: read as "not available".
NOT_AVAILABLE_MARKS = {
    "-", "–", "—", "n/a", "na", "n a", "not available", "unavailable", "no data", "nd",
    "*", "c", "x", "suppressed", "tbc", "to be confirmed", "awaiting data", "..", ":",
}  # fmt: skip


def not_available_mark(value: object) -> str | None:
    """The mark as written when a cell says the figure is not available, else None."""
    text = " ".join(str(value).split()) if value is not None else ""
    if text.casefold() in NOT_AVAILABLE_MARKS or normalise_header(text) in NOT_AVAILABLE_MARKS:
        return text
    return None


_RATE = re.compile(r"per\s*10[, ]?000|per\s*10k|rate\b")
_PERCENT = re.compile(r"(^|\W)%|\bpercent|\bpercentage|\bproportion\b|^% ")


def unit_of(text: object, title: str) -> Unit | None:
    """A unit from a Unit cell ('%', 'Rate per 10,000', 'No.', 'Days'), or guessed from the
    title when the cell is blank. None when a Unit cell says something unknown."""
    written = " ".join(str(text or "").split()).casefold()
    if written:
        parsed = Unit.parse(written)
        if parsed is not None:
            return parsed
        if written in ("%", "percent", "per cent", "pct"):
            return Unit.PERCENTAGE
        if _RATE.search(written):
            return Unit.RATE
        if written in ("no", "no.", "number", "num", "count", "total", "#"):
            return Unit.COUNT
        if "day" in written:
            return Unit.DAYS
        if "median" in written:
            return Unit.MEDIAN
        return None
    folded = title.casefold()
    if _RATE.search(folded):
        return Unit.RATE
    if _PERCENT.search(folded):
        return Unit.PERCENTAGE
    if "median" in folded:
        return Unit.MEDIAN
    if "days" in folded:
        return Unit.DAYS
    return Unit.COUNT


_HIGHER = {
    "higher",
    "high",
    "h",
    "up",
    "↑",
    "higher is better",
    "high is good",
    "bigger is better",
    "increase",
    "maximise",
}
_LOWER = {
    "lower",
    "low",
    "l",
    "down",
    "↓",
    "lower is better",
    "low is good",
    "smaller is better",
    "decrease",
    "minimise",
}
_CONTEXT = {"context", "context only", "n/a", "none", "neutral", "c", "-"}


def polarity_of(text: object) -> Polarity | None:
    """'Higher is better', 'High', 'H', '↑' … ; blank: context only; None: unreadable."""
    written = " ".join(str(text or "").split()).casefold()
    if not written:
        return Polarity.CONTEXT
    parsed = Polarity.parse(written)
    if parsed is not None:
        return parsed
    if written in _HIGHER or normalise_header(written) in _HIGHER:
        return Polarity.HIGHER
    if written in _LOWER or normalise_header(written) in _LOWER:
        return Polarity.LOWER
    if written in _CONTEXT:
        return Polarity.CONTEXT
    return None


_NO_TARGET = {"", "none", "no target", "context", "context only", "n/a", "na", "-", "–", "tbc"}
_FIRST_NUMBER = re.compile(r"^[≥≤<>=~\s]*(\d[\d,]*(?:\.\d+)?)\s*%?(?:\s*\(.*\))?$")


def target_of(text: object) -> float | None:
    """'90%', '≥ 90', '<20', '20% (±3)', 90 -> the number; 'No target', 'Context only' ->
    None; raises ValueError for anything else."""
    if not isinstance(text, str):
        return parse_figure(text)
    written = " ".join(text.split())
    if written.casefold() in _NO_TARGET:
        return None
    match = _FIRST_NUMBER.match(written)
    if match is None:
        raise ValueError(f"“{written}” is not a number.")
    return parse_figure(match.group(1))


def frequency_of(text: object) -> Frequency | None:
    written = " ".join(str(text or "").split()).casefold()
    if not written:
        return None
    if written.startswith("month"):
        return Frequency.MONTHLY
    if written.startswith(("quarter", "qtr")):
        return Frequency.QUARTERLY
    return Frequency.parse(written)
