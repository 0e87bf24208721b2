"""Findings of an audit (strength / area for development / learning, tagged to a theme) and its
recommendations, which are action-log actions with the audit as their source.

A recommendation *is* an action (source "audit finding", pointing at the audit and, where one
led to it, the finding), so the board follows it with every other action and "closing the loop"
shows as its RAG: that of its latest accepted update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from partnerboard.clock import clock_of
from partnerboard.db.database import Database
from partnerboard.db.models.actions import Action
from partnerboard.db.models.audits import MaAudit, MaFinding
from partnerboard.db.models.partnership import Agency
from partnerboard.domain.actions import ActionSource, ActionStatus, Rag
from partnerboard.domain.audits import FINDING_MAX, TAG_MAX, AuditStatus, FindingKind, check_length
from partnerboard.errors import FieldError, UserError, ValidationFailed
from partnerboard.services.actions import ActionInput, create_action_in, current_rags
from partnerboard.services.common import check_version, fetch, tidy


@dataclass(frozen=True)
class FindingRow:
    id: int
    audit_id: int
    kind: FindingKind
    text: str
    theme_tag: str | None
    recommendations: int
    row_version: int


@dataclass
class FindingInput:
    kind: str
    text: str
    theme_tag: str | None = None  # None: the audit's theme


def finding_rows(session: Session, findings: list[MaFinding]) -> list[FindingRow]:
    counts = dict(
        session.execute(
            select(Action.source_finding_id, func.count())
            .where(Action.source_finding_id.in_([f.id for f in findings]))
            .group_by(Action.source_finding_id)
        ).all()
    )
    return [
        FindingRow(
            f.id,
            f.audit_id,
            FindingKind(f.kind),
            f.text,
            f.theme_tag,
            counts.get(f.id, 0),
            f.row_version,
        )  # fmt: skip
        for f in findings
    ]


def findings_in(session: Session, audit_id: int) -> list[FindingRow]:
    kinds = {k.value: i for i, k in enumerate(FindingKind)}
    found = session.scalars(select(MaFinding).where(MaFinding.audit_id == audit_id))
    return sorted(finding_rows(session, list(found)), key=lambda f: (kinds[f.kind.value], f.id))


def list_findings(db: Database, audit_id: int) -> list[FindingRow]:
    """The audit's findings: strengths, then areas for development, then learning."""
    with db.reader() as session:
        fetch(session, MaAudit, audit_id, "multi-agency audit")
        return findings_in(session, audit_id)


def save_finding(
    db: Database,
    audit_id: int,
    data: FindingInput,
    finding_id: int | None = None,
    expected_version: int | None = None,
) -> FindingRow:
    errors: list[FieldError] = []
    kind = FindingKind.parse(data.kind)
    if kind is None:
        errors.append(FieldError("kind", "Choose what kind of finding this is."))
    if not (data.text or "").strip():
        errors.append(FieldError("text", "Write the finding."))
    errors += check_length("text", tidy(data.text), "The finding", FINDING_MAX)
    errors += check_length("theme_tag", tidy(data.theme_tag), "The theme", TAG_MAX)
    if errors:
        raise ValidationFailed(errors)
    with db.session() as session:
        audit = fetch(session, MaAudit, audit_id, "multi-agency audit")
        finding = (
            fetch(session, MaFinding, finding_id, "finding")
            if finding_id
            else MaFinding(audit_id=audit_id)
        )
        if finding.audit_id != audit_id:
            raise UserError("That finding belongs to another audit.")
        check_version(finding, expected_version, "finding")
        finding.kind = kind.value  # type: ignore[union-attr]
        finding.text = data.text.strip()
        finding.theme_tag = tidy(data.theme_tag) or audit.theme[:TAG_MAX]
        session.add(finding)
        session.flush()
        return finding_rows(session, [finding])[0]


def delete_finding(db: Database, finding_id: int) -> None:
    """Delete a finding that no recommendation points at (a mistake, not a change of mind)."""
    with db.session() as session:
        finding = fetch(session, MaFinding, finding_id, "finding")
        if session.scalar(select(Action.id).where(Action.source_finding_id == finding_id)):
            raise UserError("A recommendation in the action log points at this finding: keep it.")
        session.delete(finding)


# ---------------------------------------------------------------- recommendations


@dataclass(frozen=True)
class RecommendationRow:
    action_id: int
    reference: str
    text: str
    finding_id: int | None
    lead_agency: str | None
    due_on: date | None
    status: ActionStatus
    rag: Rag | None

    @property
    def complete(self) -> bool:
        """Done with: closed, superseded or merged in the action log, or rated Green."""
        return self.status != ActionStatus.OPEN or self.rag == Rag.GREEN


@dataclass
class RecommendationInput:
    text: str
    finding_id: int | None = None
    lead_agency_id: int | None = None
    lead_person_id: int | None = None
    due_on: date | None = None


def recommendations_in(session: Session, audit_id: int) -> list[RecommendationRow]:
    found = session.execute(
        select(Action, Agency.short_name, Agency.name)
        .outerjoin(Agency, Agency.id == Action.lead_agency_id)
        .where(Action.source_audit_id == audit_id)
        .order_by(Action.reference_key, Action.id)
    ).all()
    rags = current_rags(session, [action.id for action, _, _ in found])
    return [
        RecommendationRow(
            action.id,
            action.reference,
            action.text,
            action.source_finding_id,
            short or name,
            action.due_on,
            ActionStatus(action.status),
            Rag.parse(rags.get(action.id)),
        )  # fmt: skip
        for action, short, name in found
    ]


def list_recommendations(db: Database, audit_id: int) -> list[RecommendationRow]:
    """The audit's recommendations (its actions in the action log) with their current RAG."""
    with db.reader() as session:
        fetch(session, MaAudit, audit_id, "multi-agency audit")
        return recommendations_in(session, audit_id)


def add_recommendation_in(
    session: Session, audit_id: int, data: RecommendationInput, today: date | None = None
) -> Action:
    audit = fetch(session, MaAudit, audit_id, "multi-agency audit")
    if audit.status == AuditStatus.CLOSED.value:
        raise ValidationFailed(
            FieldError("text", "This audit is closed; reopen it before adding a recommendation.")
        )
    if data.finding_id is not None:
        finding = fetch(session, MaFinding, data.finding_id, "finding")
        if finding.audit_id != audit_id:
            raise UserError("That finding belongs to another audit.")
    return create_action_in(
        session,
        ActionInput(
            text=data.text,
            source_kind=ActionSource.AUDIT_FINDING.value,
            source_audit_id=audit.id,
            source_finding_id=data.finding_id,
            source_note=f"Recommendation of the multi-agency audit “{audit.title}”",
            lead_agency_id=data.lead_agency_id,
            lead_person_id=data.lead_person_id,
            board_id=audit.board_id,
            raised_on=today or clock_of(session).today(),
            due_on=data.due_on,
        ),
    )


def add_recommendation(db: Database, audit_id: int, data: RecommendationInput) -> int:
    """Put a recommendation into the action log with the audit as its source; its action id."""
    with db.session() as session:
        return add_recommendation_in(session, audit_id, data).id
