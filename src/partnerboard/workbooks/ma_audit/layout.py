"""Where things are in a multi-agency audit return workbook (template version 1).

Shared by the template writer and the importer, so that both always agree. A change of layout
is a new template version: the importer keeps reading the versions still out with partners.
"""

from __future__ import annotations

from dataclasses import dataclass

KIND = "ma_audit"
TITLE = "Multi-agency audit return"
VERSION = "1"

CASES_SHEET = "Cases"
GRADE_LIST = "GradeList"

HEADER_ROW = 6
FIRST_ROW = 7
# Rows beyond this are not looked at: an agency is asked about a few dozen cases at most.
LAST_ROW = 300


@dataclass(frozen=True)
class Column:
    letter: str
    title: str
    width: float
    field: str | None = None  # the return field an input column holds


REFERENCE = Column("A", "Case reference", 16)
INVOLVEMENT = Column("B", "Your agency's involvement", 48, "involvement")
REFLECTION = Column("C", "Reflection on practice", 60, "reflection")
GRADE = Column("D", "Grade", 22, "grade")
LEARNING = Column("E", "Learning", 48, "learning")
COLUMNS = (REFERENCE, INVOLVEMENT, REFLECTION, GRADE, LEARNING)
INPUT_COLUMNS = (INVOLVEMENT, REFLECTION, GRADE, LEARNING)
COLUMN_OF_FIELD = {c.field: c for c in INPUT_COLUMNS}

# Keys of the metadata sheet besides the common ones (kind, version, partnership, generated at).
META_AUDIT_ID = "audit_id"
META_AUDIT = "audit"
META_AGENCY_ID = "agency_id"
META_AGENCY = "agency"
