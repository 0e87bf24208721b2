"""The programme of audits at a glance: each audit's figures, and grade trends across audits.

One `AuditSummary` per audit serves the moderation screen's figures, the report, the Excel
export and the programme view, so that all of them count the same way.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from partnerboard.db.database import Database
from partnerboard.db.models.audits import MaAudit, MaFinding
from partnerboard.domain.audits import AuditFigures, FindingKind, Grade
from partnerboard.domain.breakdown import Breakdown
from partnerboard.services.audits.findings import recommendations_in
from partnerboard.services.audits.grading import GradeRow, figures_of, grade_rows_in
from partnerboard.services.audits.register import AuditRow, audit_rows, ordered_audits
from partnerboard.services.common import fetch


@dataclass(frozen=True)
class AuditSummary:
    audit: AuditRow
    figures: AuditFigures
    expected: int  # returns asked for: every agency involved in every case
    received: int  # of those, with a current return
    flagged: int  # cases flagged for re-audit
    reaudits_due: int  # flagged cases not yet linked to a re-audit
    recommendations: int
    recommendations_complete: int
    findings: dict[FindingKind, int]

    @property
    def trend_label(self) -> str:
        when = f" {self.audit.period_start:%m/%Y}" if self.audit.period_start else ""
        return f"{self.audit.theme}{when}"


def summary_of(
    session: Session, audit: AuditRow, rows: list[GradeRow] | None = None
) -> AuditSummary:
    rows = grade_rows_in(session, audit.id) if rows is None else rows
    flagged = {r.case_id for r in rows if r.flagged}
    due = {r.case_id for r in rows if r.flagged and not r.reaudited}
    recommendations = recommendations_in(session, audit.id)
    kinds = Counter(
        FindingKind(k) for k in session.scalars(select(MaFinding.kind).where(MaFinding.audit_id == audit.id))
    )  # fmt: skip
    return AuditSummary(
        audit,
        figures_of(rows),
        len(rows),
        sum(1 for r in rows if r.return_id is not None),
        len(flagged),
        len(due),
        len(recommendations),
        sum(1 for r in recommendations if r.complete),
        {k: kinds.get(k, 0) for k in FindingKind},
    )


def audit_summary(db: Database, audit_id: int) -> AuditSummary:
    with db.reader() as session:
        audit = audit_rows(session, [fetch(session, MaAudit, audit_id, "multi-agency audit")])[0]
        return summary_of(session, audit)


def programme(db: Database) -> list[AuditSummary]:
    """Every audit's summary, oldest first (by the start of the period audited)."""
    with db.reader() as session:
        audits = audit_rows(session, list(reversed(ordered_audits(session))))
        return [summary_of(session, audit) for audit in audits]


def grade_trend(summaries: list[AuditSummary], *, moderated: bool = True) -> Breakdown:
    """Final grades (moderated where moderated) of each audit with returns, oldest first."""
    shown = [s for s in summaries if s.figures.graded]
    grades = list(Grade)
    return Breakdown(
        categories=tuple(s.trend_label for s in shown),
        series=tuple(g.label for g in grades),
        counts=tuple(s.figures.final_counts if moderated else s.figures.own_counts for s in shown),
        colours=tuple(g.swatch for g in grades),
    )


def grade_breakdown(figures: AuditFigures) -> Breakdown:
    """One audit's grades: the agencies' own beside the final (moderated where moderated)."""
    grades = list(Grade)
    return Breakdown(
        categories=("Agencies' grades", "After moderation"),
        series=tuple(g.label for g in grades),
        counts=(figures.own_counts, figures.final_counts),
        colours=tuple(g.swatch for g in grades),
    )


@dataclass(frozen=True)
class ThemeRow:
    """Findings tagged to one theme across the programme (e.g. "Voice of the child")."""

    theme: str
    audits: tuple[str, ...]
    counts: dict[FindingKind, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def findings_by_theme(db: Database) -> list[ThemeRow]:
    """Every theme findings were tagged to, with the audits it came up in, most findings first."""
    with db.reader() as session:
        found = session.execute(
            select(MaFinding.theme_tag, MaFinding.kind, MaAudit.title)
            .join(MaAudit, MaAudit.id == MaFinding.audit_id)
            .order_by(MaAudit.period_start, MaAudit.id)
        ).all()
    themes: dict[str, tuple[list[str], Counter[FindingKind]]] = {}
    for tag, kind, title in found:
        key = tag or "Not tagged"
        titles, counts = themes.setdefault(key, ([], Counter()))
        if title not in titles:
            titles.append(title)
        counts[FindingKind(kind)] += 1
    rows = [
        ThemeRow(tag, tuple(titles), {k: counts.get(k, 0) for k in FindingKind})
        for tag, (titles, counts) in themes.items()
    ]
    return sorted(rows, key=lambda r: (-r.total, r.theme.casefold()))
