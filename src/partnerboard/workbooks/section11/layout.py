"""Where things are in a Section 11 return workbook (template version 1).

Shared by the template writer and the importer, so that both always agree. A change of layout
is a new template version: the importer keeps reading the versions still out with partners.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND = "s11"
TITLE = "Section 11 return"
VERSION = "1"

ASSESSMENT_SHEET = "Self-assessment"
SIGN_OFF_SHEET = "Sign-off"
RATING_LIST = "RatingList"

HEADER_ROW = 5
FIRST_ROW = 6
# Rows beyond this are not looked at: a framework has a few dozen criteria.
LAST_ROW = 400


@dataclass(frozen=True)
class Column:
    letter: str
    title: str
    width: float
    field: str | None = None  # the answer field an input column holds


# Widths add up to about 189 units: one A4 landscape page wide at about 80 %, so that a
# criterion and its answer print on the same page.
CODE = Column("A", "Ref", 9)  # also holds the labels "Agency" and "Deadline" above
CRITERION = Column("B", "Criterion", 40)
GUIDANCE = Column("C", "What to include", 26)
RATING = Column("D", "Rating", 14, "rating")
EVIDENCE = Column("E", "Evidence", 42, "evidence")
ACTION = Column("F", "Planned action", 30, "planned_action")
OWNER = Column("G", "Action owner", 16, "action_owner")
TARGET = Column("H", "Target date", 12, "target_date")
COLUMNS = (CODE, CRITERION, GUIDANCE, RATING, EVIDENCE, ACTION, OWNER, TARGET)
INPUT_COLUMNS = (RATING, EVIDENCE, ACTION, OWNER, TARGET)
COLUMN_OF_FIELD = {c.field: c for c in INPUT_COLUMNS}


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

# Keys of the metadata sheet besides the common ones (kind, version, partnership, generated at).
META_ROUND_ID = "round_id"
META_ROUND = "round"
META_AGENCY_ID = "agency_id"
META_AGENCY = "agency"
META_FRAMEWORK_ID = "framework_id"
META_SCALE = "rating_scale"
