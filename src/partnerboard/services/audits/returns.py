"""Agencies' returns on cases, as imported, and their moderation.

Each imported workbook that changes anything is a submission; a case whose values changed gets
a new return that supersedes the agency's earlier one on that case (kept as history), and a
case whose values are the same keeps its return and its moderation. The *current* return of an
agency on a case is the one not superseded; its *latest moderation* (by date, then entry) gives
the moderated grade. The figures count those only (see `domain.audits`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.audits import (
    MaAudit,
    MaAuditAgency,
    MaCase,
    MaCaseAgency,
    MaCaseReturn,
    MaModeration,
    MaSubmission,
)
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.audits import MODERATOR_MAX, AuditStatus, Grade, check_length
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.common import fetch, tidy


@dataclass(frozen=True)
class CaseReturnData:
    """One case of a returned workbook, checked and typed (what the importer hands over)."""

    case_id: int
    involvement: str | None
    reflection: str | None
    grade: str
    learning: str | None


@dataclass(frozen=True)
class SubmissionData:
    audit_id: int
    agency_id: int
    returns: tuple[CaseReturnData, ...]
    content_hash: str
    received_at: datetime
    file_name: str | None = None
    submitted_by: str | None = None
    submitted_role: str | None = None
    submitted_email: str | None = None
    submitted_on: date | None = None
    template_version: str | None = None
    template_generated_at: datetime | None = None


def current_returns(
    session: Session, case_ids: Iterable[int], agency_id: int | None = None
) -> list[MaCaseReturn]:
    query = select(MaCaseReturn).where(
        MaCaseReturn.case_id.in_(list(case_ids)), MaCaseReturn.superseded.is_(False)
    )
    if agency_id is not None:
        query = query.where(MaCaseReturn.agency_id == agency_id)
    return list(session.scalars(query.order_by(MaCaseReturn.id)))


def latest_moderations(session: Session, return_ids: Iterable[int]) -> dict[int, MaModeration]:
    found: dict[int, MaModeration] = {}
    for m in session.scalars(
        select(MaModeration)
        .where(MaModeration.case_return_id.in_(list(return_ids)))
        .order_by(MaModeration.moderated_on, MaModeration.id)
    ):
        found[m.case_return_id] = m  # later ones replace earlier: the latest wins
    return found


def check_target_in(session: Session, audit_id: int, agency_id: int, case_ids: list[int]) -> None:
    """Raise a UserError unless the audit takes returns from the agency on these cases."""
    audit = session.get(MaAudit, audit_id)
    if audit is None:
        raise UserError("The audit of this return no longer exists.")
    status = AuditStatus.parse(audit.status) or AuditStatus.PLANNED
    if not status.takes_returns:
        raise UserError(f"The audit “{audit.title}” is {status.label.lower()}: returns are closed.")
    taking_part = session.scalar(
        select(MaAuditAgency.id).where(
            MaAuditAgency.audit_id == audit_id, MaAuditAgency.agency_id == agency_id
        )
    )
    agency = session.get(Agency, agency_id)
    name = agency.name if agency else "The agency"
    if taking_part is None:
        raise UserError(f"{name} is not taking part in the audit “{audit.title}”.")
    involved = set(
        session.scalars(
            select(MaCaseAgency.case_id)
            .join(MaCase, MaCase.id == MaCaseAgency.case_id)
            .where(MaCase.audit_id == audit_id, MaCaseAgency.agency_id == agency_id)
        )
    )
    if not set(case_ids) <= involved:
        raise UserError(f"A case of this return is no longer in {name}'s sample for the audit.")


def _same(current: MaCaseReturn, new: CaseReturnData) -> bool:
    return (current.involvement, current.reflection, current.grade, current.learning) == (
        new.involvement, new.reflection, new.grade, new.learning,
    )  # fmt: skip


def record_submission(session: Session, data: SubmissionData) -> int:
    """Store a returned workbook in `session`: how many case returns it changed (0: unchanged,
    nothing written). Written through the ORM, so every row is in the audit trail."""
    check_target_in(session, data.audit_id, data.agency_id, [r.case_id for r in data.returns])
    current = {
        r.case_id: r
        for r in current_returns(session, [r.case_id for r in data.returns], data.agency_id)
    }
    changed = [
        r for r in data.returns if r.case_id not in current or not _same(current[r.case_id], r)
    ]
    if not changed:
        return 0
    submission = MaSubmission(
        audit_id=data.audit_id,
        agency_id=data.agency_id,
        received_at=data.received_at,
        file_name=data.file_name,
        content_hash=data.content_hash,
        submitted_by=data.submitted_by,
        submitted_role=data.submitted_role,
        submitted_email=data.submitted_email,
        submitted_on=data.submitted_on,
        template_version=data.template_version,
        template_generated_at=data.template_generated_at,
    )
    session.add(submission)
    session.flush()
    for new in changed:
        if (old := current.get(new.case_id)) is not None:
            old.superseded = True
        session.add(
            MaCaseReturn(
                submission_id=submission.id,
                case_id=new.case_id,
                agency_id=data.agency_id,
                involvement=new.involvement,
                reflection=new.reflection,
                grade=new.grade,
                learning=new.learning,
                superseded=False,
            )
        )
    session.flush()
    return len(changed)


# ---------------------------------------------------------------- moderation


@dataclass
class ModerationInput:
    agreed: bool
    moderator: str
    moderated_on: date | None
    moderated_grade: str | None = None  # needed when the moderator disagrees
    note: str | None = None


def moderate_in(session: Session, return_id: int, data: ModerationInput) -> MaModeration:
    the_return = fetch(session, MaCaseReturn, return_id, "case return")
    case = session.get(MaCase, the_return.case_id)
    audit = session.get(MaAudit, case.audit_id) if case else None
    assert case is not None and audit is not None
    status = AuditStatus.parse(audit.status) or AuditStatus.PLANNED
    if not status.takes_moderation:
        raise UserError(
            f"Moderation is recorded while an audit is in progress or in moderation; "
            f"“{audit.title}” is {status.label.lower()}."
        )
    if the_return.superseded:
        raise UserError("This return was replaced by a re-submission: moderate the current one.")
    own = Grade(the_return.grade)
    given = Grade.read(data.moderated_grade) if data.moderated_grade else None
    errors: list[FieldError] = []
    if not (data.moderator or "").strip():
        errors.append(FieldError("moderator", "Name the moderator."))
    errors += check_length("moderator", tidy(data.moderator), "Moderator", MODERATOR_MAX)
    if data.moderated_on is None:
        errors.append(FieldError("moderated_on", "Give the date of the moderation."))
    if data.agreed and given not in (None, own):
        errors.append(
            FieldError(
                "moderated_grade",
                f"Agreeing keeps the agency's grade ({own.label}); untick “agreed” to give "
                f"{given.label if given else 'another grade'}.",
            )
        )
    if not data.agreed and (given is None or given == own):
        errors.append(
            FieldError(
                "moderated_grade",
                f"The moderator did not agree with {own.label}: choose the grade they gave.",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    moderation = MaModeration(
        case_return_id=the_return.id,
        moderated_grade=(own if data.agreed else given).value,  # type: ignore[union-attr]
        moderator=" ".join(data.moderator.split()),
        agreed=data.agreed,
        note=tidy(data.note),
        moderated_on=data.moderated_on,
    )
    session.add(moderation)
    session.flush()
    return moderation


def moderate(db: Database, return_id: int, data: ModerationInput) -> int:
    """Record a moderation of one current return (the latest one counts); its id."""
    with db.session() as session:
        return moderate_in(session, return_id, data).id


@dataclass(frozen=True)
class ModerationRow:
    moderated_on: date
    moderated_grade: Grade
    moderator: str
    agreed: bool
    note: str | None


def moderation_history(db: Database, return_id: int) -> list[ModerationRow]:
    """Every moderation of a return, latest first."""
    with db.reader() as session:
        return [
            ModerationRow(m.moderated_on, Grade(m.moderated_grade), m.moderator, m.agreed, m.note)
            for m in session.scalars(
                select(MaModeration)
                .where(MaModeration.case_return_id == return_id)
                .order_by(MaModeration.moderated_on.desc(), MaModeration.id.desc())
            )
        ]


def submissions_count(session: Session, audit_id: int) -> dict[int, int]:
    """How many changed workbooks each agency has sent for an audit."""
    return dict(
        session.execute(
            select(MaSubmission.agency_id, func.count())
            .where(MaSubmission.audit_id == audit_id)
            .group_by(MaSubmission.agency_id)
        ).all()
    )
