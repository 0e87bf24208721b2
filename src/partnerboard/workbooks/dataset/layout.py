"""Where things are in a dataset return workbook (template version 1).

Shared by the template writer and the importer so that both always agree. Each row of the
Figures sheet is one indicator and one period; the signed metadata lists, for each row, the
indicator's id, its reference and the period, so that the importer knows exactly what each
row is and notices rows that were moved, copied in from another agency's return or changed.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND = "dataset"
TITLE = "Dataset return"
VERSION = "1"

FIGURES_SHEET = "Figures"
NOT_AVAILABLE_LIST = "NotAvailableList"
NOT_AVAILABLE = "Not available"

HEADER_ROW = 5
FIRST_ROW = 6
MAX_ROWS = 600  # one agency's indicators for one quarter (monthly ones take three rows)
EARLIER = 4  # earlier figures shown for context


@dataclass(frozen=True)
class Column:
    letter: str
    title: str
    width: float
    field: str | None = None  # the figure field an input column holds (domain.performance)


REFERENCE = Column("A", "Ref", 8)
INDICATOR = Column("B", "Indicator and how it is counted", 46)
PERIOD = Column("C", "Period", 11)
UNIT = Column("D", "Unit", 12)
TARGET = Column("E", "Target", 10)
# F..I: the four earlier figures (headed with their quarters)
EARLIER_LETTERS = ("F", "G", "H", "I")
NUMERATOR = Column("J", "Numerator", 12, "numerator")
DENOMINATOR = Column("K", "Denominator", 12, "denominator")
VALUE = Column("L", "Figure", 11, "value")
NOT_AVAILABLE_COLUMN = Column("M", "Not available?", 14, "not_available")
REASON = Column("N", "Why not available", 30, "reason")
COMMENTARY = Column("O", "Commentary (required if Red or worse than last time)", 50, "commentary")
INPUT_COLUMNS = (NUMERATOR, DENOMINATOR, VALUE, NOT_AVAILABLE_COLUMN, REASON, COMMENTARY)
COLUMN_OF_FIELD = {c.field: c for c in INPUT_COLUMNS}
LAST_LETTER = COMMENTARY.letter

# Keys of the metadata sheet besides the common ones.
META_AGENCY_ID = "agency_id"
META_AGENCY = "agency"
META_QUARTER = "quarter"
META_ROWS = "rows"  # JSON: [[row, indicator id, reference, period key], ...]
