"""The history of a record in words: what the audit trail stores, as a person reads it.

The trail keeps columns and values as the database holds them ("board_id": 2,
"status": "in_progress"); a history panel and the trail's export show them as the forms do:
"Board: Quality Assurance and Performance Sub-group; Lead: Vikram Iqbal; Status: In progress".

- a column is named as the form labels it (`TABLE_FIELD_LABELS` for one table's column,
  `FIELD_LABELS` for a column name every table uses alike), else its name in words;
- an id of another record is that record's name (title, reference …), read once per table
  through the ORM, so that a record the reader may not see stays unnamed ("not shown");
- a code is its label in the vocabulary of `domain` (`CODES`), else its words
  ("in_progress" → "In progress") for the columns that hold codes; a value stored in a form of
  its own (a period key "2026/27-Q2", a year 2026) is written as people write it (`FORMATS`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.audit_trail import secret_digest
from partnerboard.db.models import load_all
from partnerboard.domain.access import GRANTABLE_ROLES, Audience, Role
from partnerboard.domain.actions import ActionSource, ActionStatus, EventKind, Rag, UpdateState
from partnerboard.domain.audits import AuditStatus, FindingKind, Grade
from partnerboard.domain.choices import Choice
from partnerboard.domain.meetings import AgendaItemKind, AttendanceStatus, MeetingStatus
from partnerboard.domain.partnership import BoardKind, MembershipRole, Sector, StatutoryPartner
from partnerboard.domain.performance import Frequency, Polarity, Unit, ValueSource
from partnerboard.domain.public_sector_year import Period, whole_year
from partnerboard.domain.reviews import ReviewDecision, ReviewKind, ReviewStatus
from partnerboard.domain.section11 import ReturnStatus, RoundStatus
from partnerboard.domain.thresholds import (
    EscalationCategory,
    SignupMethod,
    SignupStatus,
    VersionStatus,
)
from partnerboard.domain.training import BookingStatus, EvaluationKind, Level, Mode

# Column -> the label its form gives it, where the column's name says it less plainly.
FIELD_LABELS = {
    "lead_person_id": "Lead",
    "lead_agency_id": "Lead agency",
    "lead_name": "Lead as written",
    "board_id": "Board",
    "agency_id": "Agency",
    "person_id": "Person",
    "contact_person_id": "Main contact",
    "parent_board_id": "Reports to",
    "raising_agency_id": "Raised by",
    "other_agency_id": "Raised with",
    "deputy_person_id": "Deputy",
    "workstream_id": "Workstream",
    "chair_person_id": "Chair",
    "minute_taker_person_id": "Minute taker",
    "approved_meeting_id": "Approved at meeting",
    "source_meeting_id": "Source meeting",
    "source_item_id": "Source agenda item",
    "source_return_id": "Source Section 11 return",
    "source_audit_id": "Source audit",
    "source_finding_id": "Source finding",
    "source_review_id": "Source review",
    "source_kind": "Source",
    "source_note": "Source details",
    "replaced_by_id": "Replaced by",
    "related_action_id": "Related action",
    "reaudit_of_case_id": "Re-audit of",
    "restricted_to": "Also seen by",
    "due_on": "Due",
    "period_start": "Period audited from",
    "period_end": "Period audited to",
    "return_deadline": "Returns due by",
    "moderation_on": "Moderation panel on",
    "raised_on": "Raised on",
    "starts_at": "Starts",
    "ends_at": "Ends",
    "rag": "RAG",
    "url": "Link",
    "s11_duty": "Section 11 duty",
    "section11_duty": "Section 11 duty",
    "indicator_id": "Indicator",
    "source_indicator_id": "Source indicator",
    "course_id": "Course",
    "session_id": "Session",
    "booking_id": "Booking",
    "practitioner_id": "Practitioner",
    "evaluation_id": "Evaluation",
    "outcome_id": "Learning outcome",
    "agency_as_written": "Agency as written",
    "email": "E-mail",
}

# (table, column) -> the label the form of that table gives it, where a column name means
# something else elsewhere ("period_start" is an audit's period audited from, but a figure's
# first day of its period).
TABLE_FIELD_LABELS = {
    ("indicator", "agency_id"): "Supplying agency",
    ("indicator", "tolerance"): "Tolerance for Amber",
    ("indicator", "england"): "England",
    ("indicator", "england_period"): "England: for the period",
    ("indicator", "neighbours"): "Statistical neighbours",
    ("indicator", "neighbours_period"): "Statistical neighbours: for the period",
    ("indicator", "region"): "Region",
    ("indicator", "region_period"): "Region: for the period",
    ("indicator", "replaces_id"): "Earlier version",
    ("indicator", "starts"): "Start of the series",
    ("indicator", "notes"): "Notes and caveats",
    ("indicator_value", "value"): "Figure",
    ("indicator_value", "period_start"): "Period starts",
    ("indicator_value", "agency_id"): "Supplied by",
    ("indicator_value", "not_available_reason"): "Why not available",
    ("indicator_value", "correction_reason"): "Reason for a correction",
    ("indicator_value", "return_id"): "Return",
    ("indicator_value", "source"): "From",
    ("dataset_return", "submitted_role"): "Role of who submitted it",
    ("dataset_return", "submitted_email"): "E-mail of who submitted it",
    ("training_course", "workstream_id"): "Priority (workstream)",
    ("training_course", "audience"): "Who it is for",
    ("training_course", "delivering_agency_id"): "Delivered by",
    ("training_course", "duration_minutes"): "Length in minutes",
    ("training_course", "target_trained"): "Target: practitioners to train",
    ("training_outcome", "number"): "Outcome number",
    ("training_outcome", "text"): "Learning outcome",
    ("training_session", "mode"): "Online or at a venue",
    ("training_session", "venue"): "Venue or platform",
    ("training_session", "capacity"): "Places offered",
    ("training_session", "cancelled"): "Session cancelled",
    ("training_practitioner", "name"): "Practitioner's name",
    ("training_practitioner", "job_role"): "Job title",
    ("training_booking", "external_ref"): "Booking site's reference",
    ("training_booking", "source"): "From",
    ("training_evaluation", "external_id"): "Response ID",
    ("training_evaluation", "comment"): "Answer",
    ("training_evaluation", "theme_tag"): "Theme",
    ("training_target", "places"): "Target: places attended in the year",
    ("training_agency_domain", "domain"): "E-mail domain",
}

# (table, column) -> the vocabulary of its codes.
CODES: dict[tuple[str, str], type[Choice]] = {
    ("app_user", "role"): Role,
    ("agency", "sector"): Sector,
    ("agency", "statutory_partner"): StatutoryPartner,
    ("board", "kind"): BoardKind,
    ("membership", "role"): MembershipRole,
    ("action", "status"): ActionStatus,
    ("action", "source_kind"): ActionSource,
    ("action_update", "rag"): Rag,
    ("action_update", "state"): UpdateState,
    ("action_event", "kind"): EventKind,
    ("meeting", "status"): MeetingStatus,
    ("agenda_item", "kind"): AgendaItemKind,
    ("attendance", "status"): AttendanceStatus,
    ("attendance", "role"): MembershipRole,
    ("ma_audit", "status"): AuditStatus,
    ("ma_case_return", "grade"): Grade,
    ("ma_moderation", "moderated_grade"): Grade,
    ("ma_finding", "kind"): FindingKind,
    ("practice_review", "kind"): ReviewKind,
    ("practice_review", "status"): ReviewStatus,
    ("practice_review", "decision"): ReviewDecision,
    ("s11_return", "status"): ReturnStatus,
    ("s11_round", "status"): RoundStatus,
    ("threshold_version", "status"): VersionStatus,
    ("threshold_signup", "status"): SignupStatus,
    ("threshold_signup", "method"): SignupMethod,
    ("escalation", "category"): EscalationCategory,
    ("indicator", "unit"): Unit,
    ("indicator", "polarity"): Polarity,
    ("indicator", "frequency"): Frequency,
    ("indicator_value", "source"): ValueSource,
    ("training_course", "level"): Level,
    ("training_session", "mode"): Mode,
    ("training_booking", "status"): BookingStatus,
    ("training_evaluation", "kind"): EvaluationKind,
}


def _period(key: Any) -> str | None:
    try:
        return Period.from_key(str(key)).label
    except ValueError:
        return None


def _figure(value: Any) -> str | None:
    """A stored number as the forms show it: 254.0 → "254", 96.946565 → "96.95"."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return f"{value:,.2f}".rstrip("0").rstrip(".") if value % 1 else f"{int(value):,}"


# (table, column) -> how a value kept in a form of its own reads (None: as stored).
FORMATS: dict[tuple[str, str], Callable[[Any], str | None]] = {
    ("indicator", "starts"): _period,
    ("indicator_value", "period"): _period,
    ("dataset_return", "period"): _period,
    ("training_target", "year"): lambda year: whole_year(int(year)).label,
    **{
        (table, column): _figure
        for table, columns in (
            ("indicator", ("target", "tolerance", "england", "neighbours", "region")),
            ("indicator_value", ("value", "numerator", "denominator")),
        )
        for column in columns
    },
}
# Columns that hold codes in tables not listed above (a new register's status, a rating …).
CODE_COLUMNS = {"status", "kind", "role", "state", "sector", "category", "method", "decision",
                "grade", "rating", "moderated_grade", "moderated_rating"}  # fmt: skip
_CODE = re.compile(r"^[a-z]+(?:_[a-z0-9]+)*$")

# What names a record of a table, in order of preference.
NAME_COLUMNS = ("name", "title", "reference", "label", "login", "code", "version")
NOT_SHOWN = "(not shown)"


def field_label(key: str, table: str | None = None) -> str:
    if (table, key) in TABLE_FIELD_LABELS:
        return TABLE_FIELD_LABELS[(table, key)]
    if key in FIELD_LABELS:
        return FIELD_LABELS[key]
    words = key.removesuffix("_id").replace("_", " ")
    return words[:1].upper() + words[1:]


def show_value(value: Any) -> str:
    """A stored value as text: dates dd/mm/yyyy, Yes/No, long text shortened."""
    if value is None or value == "":
        return "(empty)"
    if secret_digest(value) is not None:  # "(secret) sha256:…": the digest is for `check`
        return str(value).partition(" sha256:")[0]
    if value is True:
        return "Yes"
    if value is False:
        return "No"
    if isinstance(value, str) and len(value) >= 10 and value[4] == "-" and value[7] == "-":
        try:
            if len(value) == 10:
                return date.fromisoformat(value).strftime("%d/%m/%Y")
            return datetime.fromisoformat(value).strftime("%d/%m/%Y %H:%M")
        except ValueError:
            pass
    text = str(value)
    return text if len(text) <= 80 else text[:77] + "…"


def _code_text(table: str, key: str, value: str) -> str | None:
    vocabulary = CODES.get((table, key))
    if vocabulary is not None and (member := vocabulary.parse(value)) is not None:
        return member.label
    if key in CODE_COLUMNS and _CODE.match(value):
        words = value.replace("_", " ")
        return words[:1].upper() + words[1:]
    return None


def _target_table(table: str, key: str) -> str | None:
    """The table a column refers to (its foreign key), or None."""
    found = load_all().metadata.tables.get(table)
    if found is None or key not in found.c:
        return None
    keys = list(found.c[key].foreign_keys)
    return keys[0].column.table.name if keys else None


def _model(table: str) -> Any:
    mappers = load_all().registry.mappers
    return next((m.class_ for m in mappers if m.local_table.name == table), None)


def _indicator_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.performance import Indicator  # noqa: PLC0415

    rows = session.execute(
        select(Indicator.id, Indicator.reference, Indicator.title, Indicator.version)
    )
    return {
        i: f"{reference} {title}" + (f" (version {version})" if version and version > 1 else "")
        for i, reference, title, version in rows
    }


def _figure_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.performance import Indicator, IndicatorValue  # noqa: PLC0415

    rows = session.execute(
        select(IndicatorValue.id, Indicator.reference, IndicatorValue.period).join(
            Indicator, Indicator.id == IndicatorValue.indicator_id
        )
    )
    return {i: f"{reference} {_period(period) or period}" for i, reference, period in rows}


def _return_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.partnership import Agency  # noqa: PLC0415
    from partnerboard.db.models.performance import DatasetReturn  # noqa: PLC0415

    rows = session.execute(
        select(DatasetReturn.id, Agency.name, DatasetReturn.period).join(
            Agency, Agency.id == DatasetReturn.agency_id
        )
    )
    return {i: f"{agency}, {_period(period) or period} return" for i, agency, period in rows}


def _course_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.training import TrainingCourse as Course  # noqa: PLC0415

    rows = session.execute(select(Course.id, Course.reference, Course.title))
    return {i: f"{reference} {title}" for i, reference, title in rows}


def _outcome_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.training import TrainingCourse as Course  # noqa: PLC0415
    from partnerboard.db.models.training import TrainingOutcome as Outcome  # noqa: PLC0415

    rows = session.execute(
        select(Outcome.id, Course.reference, Outcome.number, Outcome.text).join(
            Course, Course.id == Outcome.course_id
        )
    )
    return {i: f"{reference} outcome {number}: {text}" for i, reference, number, text in rows}


def _session_names(session: Session) -> dict[Any, str]:
    """ "NEG-1 09/11/2026 09:30": the course and when, as the sessions page lists them."""
    from partnerboard.db.models.training import TrainingCourse as Course  # noqa: PLC0415
    from partnerboard.db.models.training import TrainingSession as Sitting  # noqa: PLC0415

    rows = session.execute(
        select(Sitting.id, Course.reference, Sitting.starts_at).join(
            Course, Course.id == Sitting.course_id
        )
    )
    return {i: f"{reference} {starts:%d/%m/%Y %H:%M}" for i, reference, starts in rows}


def _booking_names(session: Session) -> dict[Any, str]:
    """ "Grace Ellery on NEG-1 09/11/2026 09:30"; whoever may not see practitioners' names
    reads "a booking on …" (the practitioner's row is hidden from them)."""
    from partnerboard.db.models.training import TrainingBooking as Booking  # noqa: PLC0415
    from partnerboard.db.models.training import TrainingPractitioner as Person  # noqa: PLC0415

    sessions = _session_names(session)
    rows = session.execute(
        select(Booking.id, Booking.session_id, Person.name).outerjoin(
            Person, Person.id == Booking.practitioner_id
        )
    )
    return {
        i: f"{name or 'a booking'} on {sessions.get(sitting, NOT_SHOWN)}"
        for i, sitting, name in rows
    }


def _evaluation_names(session: Session) -> dict[Any, str]:
    from partnerboard.db.models.training import TrainingEvaluation as Response  # noqa: PLC0415

    sessions = _session_names(session)
    rows = session.execute(
        select(Response.id, Response.kind, Response.external_id, Response.session_id)
    )
    return {
        i: f"{'follow-up' if kind == EvaluationKind.FOLLOW_UP else 'evaluation'} "
        f"{external or i} on {sessions.get(sitting, NOT_SHOWN)}"
        for i, kind, external, sitting in rows
    }


# Tables whose records are named by more than one column (a reference and a title, a course
# and a day), read in one statement each.
NAMES: dict[str, Callable[[Session], dict[Any, str]]] = {
    "indicator": _indicator_names,
    "indicator_value": _figure_names,
    "dataset_return": _return_names,
    "training_course": _course_names,
    "training_outcome": _outcome_names,
    "training_session": _session_names,
    "training_booking": _booking_names,
    "training_evaluation": _evaluation_names,
}


def _name_reader(table: str) -> Callable[[Session], dict[Any, str]] | None:
    """How to read the names of every record of `table` at once (ORM, so restrictions hold)."""
    model = _model(table)
    if model is None:
        return None
    if table == "meeting":
        from partnerboard.db.models.partnership import Board  # noqa: PLC0415

        def meetings(session: Session) -> dict[Any, str]:
            rows = session.execute(
                select(model.id, model.starts_at, Board.name).join(
                    Board, Board.id == model.board_id
                )
            )
            return {i: f"{board} {starts:%d/%m/%Y}" for i, starts, board in rows}

        return meetings
    if table == "workstream":
        return lambda session: {
            i: f"{number}. {title}" if number is not None else title
            for i, number, title in session.execute(select(model.id, model.number, model.title))
        }
    if table in NAMES:
        return NAMES[table]
    if table == "action":
        return lambda session: {
            i: f"{reference} {show_value(text)[:60]}"
            for i, reference, text in session.execute(select(model.id, model.reference, model.text))
        }
    column = next((c for c in NAME_COLUMNS if hasattr(model, c)), None)
    if column is None:
        return None
    return lambda session: dict(session.execute(select(model.id, getattr(model, column))).all())


class HistoryWords:
    """Turns stored values into words for one reader's session (names cached per table)."""

    def __init__(self, session: Session):
        self.session = session
        self._names: dict[str, dict[Any, str] | None] = {}

    def name_of(self, table: str, ident: Any) -> str:
        if table not in self._names:
            reader = _name_reader(table)
            self._names[table] = reader(self.session) if reader is not None else None
        names = self._names[table]
        if names is None:
            return f"record {ident}"
        return str(names.get(ident, NOT_SHOWN))

    def value(self, table: str, key: str, value: Any) -> str:
        if value is None or value == "":
            return "(empty)"
        if (table, key) in FORMATS and (shown := FORMATS[(table, key)](value)) is not None:
            return shown
        if key in ("restricted_to", "audience") and isinstance(value, str):
            return self.audience(value)
        target = _target_table(table, key)
        if target is not None and not isinstance(value, bool):
            return self.name_of(target, value)
        if isinstance(value, str) and (words := _code_text(table, key, value)) is not None:
            return words
        return show_value(value)

    def audience(self, stored: str) -> str:
        """ "every member; Grace Adeyemi" for "member person:12"."""
        audience = Audience.parse(stored)
        words = [f"every {r.label.lower()}" for r in GRANTABLE_ROLES if r in audience.roles]
        words += [self.name_of("person", p) for p in sorted(audience.person_ids)]
        return "; ".join(words) or "(empty)"

    def values(self, table: str, stored: dict[str, Any]) -> dict[str, str]:
        return {key: self.value(table, key, value) for key, value in stored.items()}
