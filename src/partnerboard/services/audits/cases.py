"""The case sample of an audit: anonymised references and the agencies involved in each case.

A reference must pass `domain.references.check_anonymised_reference` (no names, dates of birth
or NHS numbers) and, when the partnership has set one, match its pattern (the setting
`audits.case_reference_pattern`, a regular expression such as ``DA-\\d{4}-\\d{2}``). A case
graded Inadequate is re-audited by a case of a later (or the same) audit that links to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.audits import (
    MaAudit,
    MaAuditAgency,
    MaCase,
    MaCaseAgency,
    MaCaseReturn,
)
from partnerboard.db.models.partnership import Agency, Setting
from partnerboard.domain.audits import NOTES_MAX, AuditStatus, check_length
from partnerboard.domain.references import check_anonymised_reference, tidy_reference
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.audits.grading import case_links, flagged_case_ids
from partnerboard.services.common import check_version, fetch, tidy

PATTERN_SETTING = "audits.case_reference_pattern"


# ---------------------------------------------------------------- the reference pattern setting


def reference_pattern_in(session: Session) -> str | None:
    setting = session.get(Setting, PATTERN_SETTING)
    return setting.value if setting is not None and setting.value.strip() else None


def reference_pattern(db: Database) -> str | None:
    """The partnership's pattern for case references (a regular expression), or None."""
    with db.reader() as session:
        return reference_pattern_in(session)


def save_reference_pattern(db: Database, pattern: str | None) -> str | None:
    """Set (or, blank, clear) the pattern every case reference must match."""
    text = (pattern or "").strip()
    if text:
        try:
            re.compile(text)
        except re.error as error:
            raise ValidationFailed(
                FieldError("pattern", f"“{text}” is not a valid pattern: {error}.")
            ) from None
    with db.session() as session:
        setting = session.get(Setting, PATTERN_SETTING)
        if setting is None:
            setting = Setting(key=PATTERN_SETTING, value="")
            session.add(setting)
        setting.value = text
    return text or None


def check_reference_in(session: Session, reference: str | None) -> list[str]:
    return check_anonymised_reference(reference, reference_pattern_in(session))


# ---------------------------------------------------------------- cases


@dataclass(frozen=True)
class CaseRow:
    id: int
    audit_id: int
    reference: str
    notes: str | None
    agency_ids: tuple[int, ...]
    agency_names: tuple[str, ...]
    returned: int  # agencies with a current return on the case
    flagged: bool  # flagged for re-audit
    reaudit_of_case_id: int | None
    reaudit_of: str | None  # "REF in Title"
    reaudited_as: tuple[str, ...]
    row_version: int


@dataclass
class CaseInput:
    reference: str
    agency_ids: list[int] = field(default_factory=list)
    notes: str | None = None


def case_rows(session: Session, cases: list[MaCase]) -> list[CaseRow]:
    ids = [c.id for c in cases]
    agencies: dict[int, list[tuple[int, str]]] = {}
    for case_id, agency_id, name in session.execute(
        select(MaCaseAgency.case_id, Agency.id, Agency.name)
        .join(Agency, Agency.id == MaCaseAgency.agency_id)
        .where(MaCaseAgency.case_id.in_(ids))
        .order_by(func.lower(Agency.name))
    ):
        agencies.setdefault(case_id, []).append((agency_id, name))
    returned = dict(
        session.execute(
            select(MaCaseReturn.case_id, func.count())
            .where(MaCaseReturn.case_id.in_(ids), MaCaseReturn.superseded.is_(False))
            .group_by(MaCaseReturn.case_id)
        ).all()
    )
    flagged = flagged_case_ids(session, ids)
    links = case_links(session, cases)
    return [
        CaseRow(
            c.id,
            c.audit_id,
            c.reference,
            c.notes,
            tuple(i for i, _ in agencies.get(c.id, [])),
            tuple(n for _, n in agencies.get(c.id, [])),
            returned.get(c.id, 0),
            c.id in flagged,
            c.reaudit_of_case_id,
            links.reaudit_of.get(c.id),
            tuple(links.reaudited_as.get(c.id, [])),
            c.row_version,
        )  # fmt: skip
        for c in cases
    ]


def list_cases(db: Database, audit_id: int) -> list[CaseRow]:
    """The audit's sample, by reference."""
    with db.reader() as session:
        fetch(session, MaAudit, audit_id, "multi-agency audit")
        cases = session.scalars(
            select(MaCase).where(MaCase.audit_id == audit_id).order_by(func.lower(MaCase.reference))
        )
        return case_rows(session, list(cases))


def _open_audit(session: Session, audit_id: int) -> MaAudit:
    audit = fetch(session, MaAudit, audit_id, "multi-agency audit")
    status = AuditStatus.parse(audit.status) or AuditStatus.PLANNED
    if status.complete:
        raise UserError(f"“{audit.title}” is {status.label.lower()}: its sample is fixed.")
    return audit


def _check_case(session: Session, audit_id: int, data: CaseInput, case_id: int | None) -> str:
    reference = tidy_reference(data.reference or "")
    errors = [FieldError("reference", m) for m in check_reference_in(session, reference)]
    errors += check_length("notes", tidy(data.notes), "Notes", NOTES_MAX)
    clash = session.scalar(
        select(MaCase.id).where(
            MaCase.audit_id == audit_id,
            func.lower(MaCase.reference) == reference.casefold(),
            MaCase.id != (case_id or 0),
        )
    )
    if reference and clash is not None:
        errors.append(FieldError("reference", f"The sample already has a case {reference}."))
    taking_part = set(
        session.scalars(select(MaAuditAgency.agency_id).where(MaAuditAgency.audit_id == audit_id))
    )
    if not data.agency_ids:
        errors.append(FieldError("agency_ids", "Tick the agencies involved in the case."))
    outside = [i for i in data.agency_ids if i not in taking_part]
    if outside:
        names = ", ".join(fetch(session, Agency, i, "agency").name for i in outside)
        errors.append(
            FieldError(
                "agency_ids",
                f"Not taking part in this audit: {names}. Add them to the audit's agencies first.",
            )
        )
    if errors:
        raise ValidationFailed(errors)
    return reference


def _set_case_agencies(session: Session, case: MaCase, agency_ids: list[int]) -> None:
    links = {
        link.agency_id: link
        for link in session.scalars(select(MaCaseAgency).where(MaCaseAgency.case_id == case.id))
    }
    leaving = links.keys() - set(agency_ids)
    returned = set(
        session.scalars(
            select(MaCaseReturn.agency_id).where(
                MaCaseReturn.case_id == case.id, MaCaseReturn.agency_id.in_(leaving)
            )
        )
    )
    if returned:
        names = ", ".join(sorted(fetch(session, Agency, i, "agency").name for i in returned))
        raise ValidationFailed(
            FieldError("agency_ids", f"{names} sent a return on this case, so stays involved.")
        )
    joining = sorted(set(agency_ids) - links.keys())
    for agency_id in leaving:
        session.delete(links[agency_id])
    for agency_id in joining:
        session.add(MaCaseAgency(case_id=case.id, agency_id=agency_id))
    if leaving or joining:
        case.updated_at = clock_of(
            session
        ).now_utc()  # a change of agencies is a change of the case (its version)


def save_case_in(
    session: Session,
    audit_id: int,
    data: CaseInput,
    case_id: int | None = None,
    expected_version: int | None = None,
) -> MaCase:
    _open_audit(session, audit_id)
    reference = _check_case(session, audit_id, data, case_id)
    case = fetch(session, MaCase, case_id, "case") if case_id else MaCase(audit_id=audit_id)
    if case.audit_id != audit_id:
        raise UserError("That case belongs to another audit.")
    check_version(case, expected_version, "case")
    case.reference = reference
    case.notes = tidy(data.notes)
    session.add(case)
    session.flush()
    _set_case_agencies(session, case, data.agency_ids)
    session.flush()
    return case


def save_case(
    db: Database,
    audit_id: int,
    data: CaseInput,
    case_id: int | None = None,
    expected_version: int | None = None,
) -> CaseRow:
    """Add a case to the sample, or change its reference, notes and agencies."""
    with db.session() as session:
        return case_rows(
            session, [save_case_in(session, audit_id, data, case_id, expected_version)]
        )[0]


def remove_case(db: Database, case_id: int) -> None:
    """Take a case out of the sample: only while no agency has returned on it."""
    with db.session() as session:
        case = fetch(session, MaCase, case_id, "case")
        _open_audit(session, case.audit_id)
        if session.scalar(select(MaCaseReturn.id).where(MaCaseReturn.case_id == case_id)):
            raise UserError(f"Agencies have returned on {case.reference}: it stays in the sample.")
        if session.scalar(select(MaCase.id).where(MaCase.reaudit_of_case_id == case_id)):
            raise UserError(f"{case.reference} has been re-audited: it stays in the sample.")
        for link in session.scalars(select(MaCaseAgency).where(MaCaseAgency.case_id == case_id)):
            session.delete(link)
        session.flush()
        session.delete(case)


def start_reaudit(
    db: Database, case_id: int, target_audit_id: int, reference: str | None = None
) -> CaseRow:
    """Add a re-audit of a case flagged for re-audit to `target_audit_id`, linked to it.

    The re-audit involves the same agencies; any not yet taking part in the target audit are
    added to it. Its reference defaults to the original's (a different one inside one audit).
    """
    with db.session() as session:
        original = fetch(session, MaCase, case_id, "case")
        if original.id not in flagged_case_ids(session, [original.id]):
            raise UserError(
                f"{original.reference} has no final grade of Inadequate, so it is not due a re-audit."
            )
        target = _open_audit(session, target_audit_id)
        agencies = list(
            session.scalars(select(MaCaseAgency.agency_id).where(MaCaseAgency.case_id == case_id))
        )
        taking_part = set(
            session.scalars(
                select(MaAuditAgency.agency_id).where(MaAuditAgency.audit_id == target.id)
            )
        )
        for agency_id in agencies:
            if agency_id not in taking_part:
                session.add(MaAuditAgency(audit_id=target.id, agency_id=agency_id))
        session.flush()
        data = CaseInput(
            reference=reference or original.reference,
            agency_ids=agencies,
            notes=f"Re-audit of {original.reference}, graded Inadequate.",
        )
        case = save_case_in(session, target.id, data)
        case.reaudit_of_case_id = original.id
        session.flush()
        return case_rows(session, [case])[0]
