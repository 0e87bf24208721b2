"""The grading and moderation view: per case and agency, the grade, the moderated grade, the
moderator and whether they agreed; the audit's figures; cases flagged for re-audit.

A row is listed for every agency involved in every case of the sample, returned or not (an
awaited return has no grade and is left out of the figures).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.audits import (
    MaAudit,
    MaCase,
    MaCaseAgency,
    MaModeration,
    MaSubmission,
)
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.audits import AuditFigures, Grade, GradedReturn, audit_figures
from partnerboard.services.audits.returns import current_returns, latest_moderations
from partnerboard.services.common import fetch


@dataclass(frozen=True)
class GradeRow:
    case_id: int
    case_reference: str
    agency_id: int
    agency_name: str
    return_id: int | None  # None: the return is awaited
    grade: Grade | None
    involvement: str | None
    reflection: str | None
    learning: str | None
    received_at: datetime | None
    moderated_grade: Grade | None
    moderator: str | None
    agreed: bool | None  # None: not moderated
    moderated_on: date | None
    moderation_note: str | None
    moderations: int  # how many moderations the return has had (the latest counts)
    flagged: bool  # the case is flagged for re-audit (some final grade is Inadequate)
    reaudited: bool  # a re-audit of the case is linked to it
    reaudit: str | None  # "Re-audit due", "Re-audited as … in …", "Re-audit of … in …"

    @property
    def final_grade(self) -> Grade | None:
        return self.moderated_grade or self.grade

    @property
    def graded(self) -> GradedReturn:
        return GradedReturn(self.grade, self.moderated_grade, self.agreed)


@dataclass(frozen=True)
class CaseLinks:
    """How a case is tied to re-audits: what it re-audits, and what re-audits it."""

    reaudit_of: dict[int, str]  # case id -> "REF in Title"
    reaudited_as: dict[int, list[str]]  # case id -> ["REF in Title", ...]


def case_links(session: Session, cases: list[MaCase]) -> CaseLinks:
    ids = [c.id for c in cases]
    originals = [c.reaudit_of_case_id for c in cases if c.reaudit_of_case_id]
    titles = {a.id: a.title for a in session.scalars(select(MaAudit))}
    reaudit_of = {}
    for original in session.scalars(select(MaCase).where(MaCase.id.in_(originals))):
        for case in cases:
            if case.reaudit_of_case_id == original.id:
                reaudit_of[case.id] = f"{original.reference} in {titles[original.audit_id]}"
    reaudited_as: dict[int, list[str]] = defaultdict(list)
    for later in session.scalars(
        select(MaCase).where(MaCase.reaudit_of_case_id.in_(ids)).order_by(MaCase.id)
    ):
        reaudited_as[later.reaudit_of_case_id].append(  # type: ignore[index]
            f"{later.reference} in {titles[later.audit_id]}"
        )
    return CaseLinks(reaudit_of, dict(reaudited_as))


def flagged_case_ids(session: Session, case_ids: list[int]) -> set[int]:
    """Cases with a current return whose final grade is Inadequate (flagged for re-audit)."""
    returns = current_returns(session, case_ids)
    moderations = latest_moderations(session, [r.id for r in returns])
    flagged = set()
    for r in returns:
        moderation = moderations.get(r.id)
        final = moderation.moderated_grade if moderation else r.grade
        if final == Grade.INADEQUATE.value:
            flagged.add(r.case_id)
    return flagged


def _reaudit_text(case: MaCase, flagged: bool, links: CaseLinks) -> str | None:
    parts = []
    if case.id in links.reaudit_of:
        parts.append(f"Re-audit of {links.reaudit_of[case.id]}")
    if case.id in links.reaudited_as:
        parts.append("Re-audited as " + "; ".join(links.reaudited_as[case.id]))
    elif flagged:
        parts.append("Re-audit due")
    return " · ".join(parts) or None


def grade_rows_in(session: Session, audit_id: int) -> list[GradeRow]:
    fetch(session, MaAudit, audit_id, "multi-agency audit")
    cases = list(
        session.scalars(
            select(MaCase).where(MaCase.audit_id == audit_id).order_by(func.lower(MaCase.reference))
        )
    )
    case_ids = [c.id for c in cases]
    involved = session.execute(
        select(MaCaseAgency.case_id, Agency.id, Agency.name)
        .join(Agency, Agency.id == MaCaseAgency.agency_id)
        .where(MaCaseAgency.case_id.in_(case_ids))
        .order_by(func.lower(Agency.name))
    ).all()
    returns = {(r.case_id, r.agency_id): r for r in current_returns(session, case_ids)}
    moderations = latest_moderations(session, [r.id for r in returns.values()])
    counts = dict(
        session.execute(
            select(MaModeration.case_return_id, func.count())
            .where(MaModeration.case_return_id.in_([r.id for r in returns.values()]))
            .group_by(MaModeration.case_return_id)
        ).all()
    )
    received = dict(
        session.execute(
            select(MaSubmission.id, MaSubmission.received_at).where(
                MaSubmission.id.in_(sorted({r.submission_id for r in returns.values()}))
            )
        ).all()
    )
    flagged = flagged_case_ids(session, case_ids)
    links = case_links(session, cases)
    by_case = {c.id: c for c in cases}
    rows = []
    for case_id, agency_id, agency_name in involved:
        case = by_case[case_id]
        r = returns.get((case_id, agency_id))
        m = moderations.get(r.id) if r else None
        rows.append(
            GradeRow(
                case_id,
                case.reference,
                agency_id,
                agency_name,
                r.id if r else None,
                Grade(r.grade) if r else None,
                r.involvement if r else None,
                r.reflection if r else None,
                r.learning if r else None,
                received.get(r.submission_id) if r else None,
                Grade(m.moderated_grade) if m else None,
                m.moderator if m else None,
                m.agreed if m else None,
                m.moderated_on if m else None,
                m.note if m else None,
                counts.get(r.id, 0) if r else 0,
                case_id in flagged,
                case_id in links.reaudited_as,
                _reaudit_text(case, case_id in flagged, links),
            )  # fmt: skip
        )
    order = {c.id: i for i, c in enumerate(cases)}
    return sorted(rows, key=lambda row: order[row.case_id])


def grade_rows(db: Database, audit_id: int) -> list[GradeRow]:
    """Every case × involved agency of an audit, with its current return and latest moderation."""
    with db.reader() as session:
        return grade_rows_in(session, audit_id)


def figures_of(rows: list[GradeRow]) -> AuditFigures:
    """The audit's figures over its current returns (awaited returns are left out)."""
    return audit_figures(r.graded for r in rows if r.return_id is not None)
