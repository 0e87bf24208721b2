"""Where things are in an action update workbook (template version 1).

Shared by the template writer and the importer so that both always agree. The rows of the
actions are also listed in the signed metadata (row, action id, reference), so that the
importer knows which action each row is, and notices rows that were moved or changed.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND = "action-update"
TITLE = "Action update"
VERSION = "1"

UPDATES_SHEET = "Updates"
SIGN_OFF_SHEET = "Sign-off"
RAG_LIST = "RagList"
RAG_CHOICES = ["Red", "Amber", "Green"]

HEADER_ROW = 5
FIRST_ROW = 6
MAX_ACTIONS = 1500  # one agency's open actions; far more than any plan has

PROGRESS_MAX = 4000
REASON_MAX = 1000


@dataclass(frozen=True)
class Column:
    letter: str
    title: str
    width: float


# Widths add up to about 200 units: one A4 landscape page wide at about 75 %. Only the
# reference and the input columns are read back; the others are context (column C was the
# workstream in templates made before the lead was shown: either reads the same).
REFERENCE = Column("A", "Ref", 6)
ACTION = Column("B", "Action", 36)
LEAD = Column("C", "Lead", 18)
DUE = Column("D", "Due", 12)
CURRENT_RAG = Column("E", "RAG now", 9)
LAST_UPDATE = Column("F", "Last update recorded", 30)
PROGRESS = Column("G", "Progress since the last update", 42)
PROPOSED_RAG = Column("H", "Your RAG", 9)
NEW_DUE = Column("I", "New due date (only if needed)", 13)
REASON = Column("J", "Why the date must change", 25)
COLUMNS = (
    REFERENCE, ACTION, LEAD, DUE, CURRENT_RAG, LAST_UPDATE,
    PROGRESS, PROPOSED_RAG, NEW_DUE, REASON,
)  # fmt: skip
INPUT_COLUMNS = (PROGRESS, PROPOSED_RAG, NEW_DUE, REASON)


@dataclass(frozen=True)
class SignOffField:
    row: int
    label: str
    field: str
    kind: str  # text / email / date
    max_length: int = 200


SIGN_OFF_VALUE_COLUMN = "B"
SIGN_OFF = (
    SignOffField(3, "Completed by (name)", "submitted_by", "text"),
    SignOffField(4, "Job title or role", "submitted_role", "text"),
    SignOffField(5, "E-mail address", "submitted_email", "email", 254),
    SignOffField(6, "Date completed", "submitted_on", "date"),
)

# Keys of the metadata sheet besides the common ones.
META_AGENCY_ID = "agency_id"
META_AGENCY = "agency"
META_ROWS = "rows"  # JSON: [[row, action id, reference], ...]
META_CHASER_DAYS = "chaser_days"  # set on chasers: actions due within this many days or overdue
