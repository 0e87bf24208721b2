"""The register of multi-agency audits: theme, questions, period, lead, status, agencies taking part.

An audit moves planned → in progress → moderation → reported → closed, one step at a time
(`domain.audits.check_move`). Agencies taking part are those asked for returns; an agency
leaves an audit only while it has no returns in it (its case links go with it).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.audits import (
    MaAudit,
    MaAuditAgency,
    MaAuditQuestion,
    MaCase,
    MaCaseAgency,
    MaCaseReturn,
)
from partnerboard.db.models.partnership import Agency, Board, Person
from partnerboard.domain.audits import (
    QUESTION_MAX,
    THEME_MAX,
    TITLE_MAX,
    AuditStatus,
    check_length,
    check_move,
    check_period,
)
from partnerboard.domain.dates import format_date
from partnerboard.domain.partnership import check_required
from partnerboard.errors import FieldError, NotFound, ValidationFailed
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class AuditRow:
    id: int
    theme: str
    title: str
    period_start: date | None
    period_end: date | None
    lead_person_id: int | None
    lead_name: str | None
    board_id: int | None
    board_name: str | None
    status: AuditStatus
    return_deadline: date | None
    moderation_on: date | None
    reported_on: date | None
    summary: str | None
    questions: tuple[str, ...]
    agency_ids: tuple[int, ...]
    agency_names: tuple[str, ...]
    cases: int
    row_version: int

    @property
    def period(self) -> str:
        if not self.period_start and not self.period_end:
            return "period not set"
        return f"{format_date(self.period_start) or '…'} to {format_date(self.period_end) or '…'}"

    @property
    def label(self) -> str:
        """How the audit is named in choosers and messages: its title and period start."""
        year = f" ({self.period_start:%m/%Y})" if self.period_start else ""
        return f"{self.title}{year}"


@dataclass
class AuditInput:
    theme: str
    title: str
    period_start: date | None = None
    period_end: date | None = None
    lead_person_id: int | None = None
    board_id: int | None = None
    return_deadline: date | None = None
    moderation_on: date | None = None
    summary: str | None = None
    questions: list[str] = field(default_factory=list)
    agency_ids: list[int] = field(default_factory=list)
    status: str | None = None  # None: planned for a new audit, unchanged for an existing one


def audit_rows(session: Session, audits: list[MaAudit]) -> list[AuditRow]:
    ids = [a.id for a in audits]
    questions: dict[int, list[str]] = {}
    for q in session.scalars(
        select(MaAuditQuestion)
        .where(MaAuditQuestion.audit_id.in_(ids))
        .order_by(MaAuditQuestion.number)
    ):
        questions.setdefault(q.audit_id, []).append(q.text)
    agencies: dict[int, list[tuple[int, str]]] = {}
    for audit_id, agency_id, name in session.execute(
        select(MaAuditAgency.audit_id, Agency.id, Agency.name)
        .join(Agency, Agency.id == MaAuditAgency.agency_id)
        .where(MaAuditAgency.audit_id.in_(ids))
        .order_by(func.lower(Agency.name))
    ):
        agencies.setdefault(audit_id, []).append((agency_id, name))
    cases = dict(
        session.execute(
            select(MaCase.audit_id, func.count())
            .where(MaCase.audit_id.in_(ids))
            .group_by(MaCase.audit_id)
        ).all()
    )
    people = {p.id: p.name for p in session.scalars(select(Person).where(Person.id.in_(
        [a.lead_person_id for a in audits if a.lead_person_id]
    )))}  # fmt: skip
    boards = {b.id: b.name for b in session.scalars(select(Board))}
    return [
        AuditRow(
            a.id,
            a.theme,
            a.title,
            a.period_start,
            a.period_end,
            a.lead_person_id,
            people.get(a.lead_person_id or 0),
            a.board_id,
            boards.get(a.board_id or 0),
            AuditStatus.parse(a.status) or AuditStatus.PLANNED,
            a.return_deadline,
            a.moderation_on,
            a.reported_on,
            a.summary,
            tuple(questions.get(a.id, [])),
            tuple(i for i, _ in agencies.get(a.id, [])),
            tuple(n for _, n in agencies.get(a.id, [])),
            cases.get(a.id, 0),
            a.row_version,
        )  # fmt: skip
        for a in audits
    ]


def ordered_audits(session: Session) -> list[MaAudit]:
    """Newest first: by the start of the period audited, then by entry."""
    return list(
        session.scalars(
            select(MaAudit).order_by(
                MaAudit.period_start.is_(None), MaAudit.period_start.desc(), MaAudit.id.desc()
            )
        )
    )


def list_audits(db: Database) -> list[AuditRow]:
    """Every audit, newest first (by the start of the period audited)."""
    with db.reader() as session:
        return audit_rows(session, ordered_audits(session))


def get_audit(db: Database, audit_id: int) -> AuditRow:
    with db.reader() as session:
        return audit_rows(session, [fetch(session, MaAudit, audit_id, "multi-agency audit")])[0]


def resolve_audit(db: Database, text: str) -> AuditRow:
    """The audit named on the command line: its number, "latest" (the most recent period
    start), or its title."""
    wanted = text.strip()
    with db.reader() as session:
        audits = ordered_audits(session)
        if not audits:
            raise NotFound("There is no multi-agency audit yet.")
        if wanted.casefold() == "latest":
            found = audits[0]
        elif wanted.isdigit():
            found = next((a for a in audits if a.id == int(wanted)), None)
        else:
            found = next((a for a in audits if a.title.casefold() == wanted.casefold()), None)
        if found is None:
            known = ", ".join(f"{a.id} ({a.title})" for a in audits[:8])
            raise NotFound(f"There is no multi-agency audit “{wanted}” (audits: {known}).")
        return audit_rows(session, [found])[0]


# ---------------------------------------------------------------- saving


def validate_audit(data: AuditInput) -> list[FieldError]:
    errors = check_required("theme", data.theme, "Theme", THEME_MAX)
    errors += check_required("title", data.title, "Title", TITLE_MAX)
    errors += check_period(data.period_start, data.period_end)
    for number, question in enumerate(data.questions, start=1):
        errors += check_length("questions", question, f"Question {number}", QUESTION_MAX)
    if data.status is not None and AuditStatus.parse(data.status) is None:
        errors.append(FieldError("status", "Choose a status."))
    return errors


def _set_questions(session: Session, audit_id: int, questions: list[str]) -> bool:
    wanted = [" ".join(q.split()) for q in questions if q.strip()]
    current = list(
        session.scalars(
            select(MaAuditQuestion)
            .where(MaAuditQuestion.audit_id == audit_id)
            .order_by(MaAuditQuestion.number)
        )
    )
    if [q.text for q in current] == wanted:
        return False
    for old in current:
        session.delete(old)
    session.flush()
    for number, text in enumerate(wanted, start=1):
        session.add(MaAuditQuestion(audit_id=audit_id, number=number, text=text))
    return True


def _set_agencies(session: Session, audit_id: int, agency_ids: list[int]) -> bool:
    links = {
        link.agency_id: link
        for link in session.scalars(select(MaAuditAgency).where(MaAuditAgency.audit_id == audit_id))
    }
    wanted = set(agency_ids)
    for agency_id in sorted(wanted - links.keys()):
        fetch(session, Agency, agency_id, "agency")
        session.add(MaAuditAgency(audit_id=audit_id, agency_id=agency_id))
    leaving = sorted(links.keys() - wanted)
    if not leaving:
        return bool(wanted - links.keys())
    case_ids = select(MaCase.id).where(MaCase.audit_id == audit_id)
    with_returns = set(
        session.scalars(
            select(MaCaseReturn.agency_id).where(
                MaCaseReturn.case_id.in_(case_ids), MaCaseReturn.agency_id.in_(leaving)
            )
        )
    )
    if with_returns:
        names = ", ".join(sorted(session.get(Agency, i).name for i in with_returns))  # type: ignore[union-attr]
        raise ValidationFailed(
            FieldError(
                "agency_ids",
                f"{names} sent returns for this audit, so cannot leave it (the returns would "
                "lose their place in the figures).",
            )
        )
    for link in session.scalars(
        select(MaCaseAgency).where(
            MaCaseAgency.case_id.in_(case_ids), MaCaseAgency.agency_id.in_(leaving)
        )
    ):
        session.delete(link)
    for agency_id in leaving:
        session.delete(links[agency_id])
    return True


def save_audit_in(
    session: Session,
    data: AuditInput,
    audit_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> MaAudit:
    errors = validate_audit(data)
    if errors:
        raise ValidationFailed(errors)
    audit = fetch(session, MaAudit, audit_id, "multi-agency audit") if audit_id else MaAudit()
    check_version(audit, expected_version, "audit")
    old = AuditStatus.parse(audit.status) if audit_id else None
    new = AuditStatus.parse(data.status) if data.status else (old or AuditStatus.PLANNED)
    if old is not None and new is not None and (problem := check_move(old, new)):
        raise ValidationFailed(FieldError("status", problem))
    if data.lead_person_id is not None:
        fetch(session, Person, data.lead_person_id, "person")
    if data.board_id is not None:
        fetch(session, Board, data.board_id, "board")
    audit.theme = " ".join(data.theme.split())
    audit.title = " ".join(data.title.split())
    audit.period_start, audit.period_end = data.period_start, data.period_end
    audit.lead_person_id, audit.board_id = data.lead_person_id, data.board_id
    audit.return_deadline, audit.moderation_on = data.return_deadline, data.moderation_on
    audit.summary = tidy(data.summary)
    assert new is not None
    audit.status = new.value
    if new.complete and audit.reported_on is None:
        audit.reported_on = today or clock_of(session).today()
    session.add(audit)
    session.flush()
    changed = _set_questions(session, audit.id, data.questions)
    if _set_agencies(session, audit.id, data.agency_ids) or changed:
        audit.updated_at = clock_of(
            session
        ).now_utc()  # questions and agencies are part of the audit (its version)
    session.flush()
    return audit


def save_audit(
    db: Database,
    data: AuditInput,
    audit_id: int | None = None,
    expected_version: int | None = None,
    today: date | None = None,
) -> AuditRow:
    """Create an audit or change it (its questions and agencies are replaced by `data`'s)."""
    with db.session() as session:
        audit = save_audit_in(session, data, audit_id, expected_version, today)
        return audit_rows(session, [audit])[0]


def set_status(
    db: Database, audit_id: int, status: AuditStatus, expected_version: int | None = None
) -> AuditRow:
    """Move an audit one step on (or back); see `domain.audits.check_move`."""
    with db.session() as session:
        audit = fetch(session, MaAudit, audit_id, "multi-agency audit")
        check_version(audit, expected_version, "audit")
        old = AuditStatus.parse(audit.status) or AuditStatus.PLANNED
        if problem := check_move(old, status):
            raise ValidationFailed(FieldError("status", problem))
        audit.status = status.value
        if status.complete and audit.reported_on is None:
            audit.reported_on = db.clock.today()
        session.flush()
        return audit_rows(session, [audit])[0]
