"""`partnerboard report audit --audit ID -o FILE.pdf`: the report of one multi-agency audit.

A4 board paper on the shared layout: what was audited (theme, period, questions, agencies),
the figures with how each is computed, the grades before and after moderation as a chart, the
grades per case and agency, the cases flagged for re-audit, the findings, and the
recommendations as they stand in the action log with their RAG ("closing the loop"). Marked
DRAFT until the audit is reported, and OFFICIAL-SENSITIVE (`domain.marking`): it describes
agencies' practice in individual cases. Every user string is escaped (`reports.text`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from partnerboard.db.database import Database
from partnerboard.domain.audits import (
    AGREEMENT_RULE,
    REAUDIT_RULE,
    SHARE_RULE,
    FindingKind,
    Grade,
)
from partnerboard.domain.breakdown import Breakdown
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import author_name, classify
from partnerboard.reports import fonts
from partnerboard.reports.blocks import data_table, facts_table, rag_badge
from partnerboard.reports.charts import bar_chart
from partnerboard.reports.layout import ReportInfo, build_pdf, heading
from partnerboard.reports.styles import report_styles
from partnerboard.reports.text import para
from partnerboard.services import audits, partnership


@dataclass(frozen=True)
class ReportData:
    partnership: str
    logo: bytes | None
    summary: audits.AuditSummary
    rows: list[audits.GradeRow]
    findings: list[audits.FindingRow]
    recommendations: list[audits.RecommendationRow]


@dataclass(frozen=True)
class AuditReport:
    path: Path
    pages: int


def gather(db: Database, audit_id: int) -> ReportData:
    logo = partnership.get_logo(db)
    return ReportData(
        partnership.get_partnership(db).name,
        logo[0] if logo else None,
        audits.audit_summary(db, audit_id),
        audits.grade_rows(db, audit_id),
        audits.list_findings(db, audit_id),
        audits.list_recommendations(db, audit_id),
    )


def _about(data: ReportData) -> list[Flowable]:
    s, audit = data.summary, data.summary.audit
    facts = [
        ("Theme", audit.theme),
        ("Period audited", audit.period),
        ("Lead", audit.lead_name or "Not recorded"),
        ("Reporting to", audit.board_name or "Not recorded"),
        ("Status", audit.status.label),
        ("Agencies taking part", ", ".join(audit.agency_names) or "None yet"),
        ("Cases in the sample", audit.cases),
        ("Returns received", f"{s.received} of {s.expected} asked for"),
        ("Return deadline", format_date(audit.return_deadline) or "Not set"),
        ("Moderation panel", format_date(audit.moderation_on) or "Not set"),
        ("Reported on", format_date(audit.reported_on) or "Not yet reported"),
    ]
    story: list[Flowable] = [facts_table(facts, 0.28)]
    if audit.summary:
        story.append(para(audit.summary))
    story.append(heading("Questions", 2))
    questions = [(n, q) for n, q in enumerate(audit.questions, start=1)]
    story.append(
        data_table(["No.", "Question"], questions, (0.5, 9), empty_text="No questions set.")
    )
    return story


def _figures(data: ReportData, width: float) -> list[Flowable]:
    styles = report_styles()
    s = data.summary
    flagged = f"{s.flagged} case(s)" + (
        f", {s.reaudits_due} not yet re-audited" if s.flagged else ""
    )
    story: list[Flowable] = [
        heading("Grades and moderation", 1),
        facts_table(
            [
                ("Graded Requires improvement or better", str(s.figures.ri_or_better)),
                ("Moderation agreement rate", str(s.figures.agreement)),
                ("Flagged for re-audit", flagged),
            ],
            0.48,
        ),
        para(SHARE_RULE, styles.muted),
        para(AGREEMENT_RULE, styles.muted),
    ]
    grades = list(Grade)
    final = Breakdown.distribution([g.label for g in grades], s.figures.final_counts)
    caption = final.describe(
        "Grades after moderation (the moderated grade where moderated, else the agency's own)"
    )
    chart = [bar_chart(final, width * 0.53, 120), para(caption, report_styles().caption)]
    counts = data_table(
        ["Grade", "As returned", "Moderated"],
        [
            (rag_badge(g.value, g.label), own, after)
            for g, own, after in zip(
                grades, s.figures.own_counts, s.figures.final_counts, strict=True
            )
        ],
        (1.7, 1.4, 1.4),
    )
    story.append(side_by_side(chart, counts, 0.56))
    story.append(heading("Grades by case and agency", 2))
    story.append(
        para("Each agency's current return on each case of the sample, with its latest moderation.")
    )
    story.append(
        data_table(
            ["Case", "Agency", "Agency's grade", "Moderated grade", "Agreed", "Moderator"],
            [
                (
                    r.case_reference,
                    r.agency_name,
                    rag_badge(r.grade.value, r.grade.label) if r.grade else "Awaited",
                    rag_badge(r.moderated_grade.value, r.moderated_grade.label)
                    if r.moderated_grade
                    else "Not moderated",
                    "" if r.agreed is None else r.agreed,
                    r.moderator,
                )
                for r in data.rows
            ],
            (1.3, 3, 1.7, 1.7, 0.9, 1.8),
            empty_text="No cases in the sample yet.",
        )
    )
    return story


def side_by_side(left: Flowable | list[Flowable], right: Flowable, share: float) -> Flowable:
    """Two flowables in columns (`share` of the width on the left), tops aligned."""
    return Table(
        [[left, right]],
        colWidths=[f"{share * 100:.1f}%", f"{(1 - share) * 100:.1f}%"],
        style=TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),  # not Helvetica
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (0, 0), 0),
                ("RIGHTPADDING", (-1, 0), (-1, 0), 0),
            ]
        ),
        hAlign="LEFT",
    )


def _reaudits(data: ReportData) -> list[Flowable]:
    flagged: dict[str, list[audits.GradeRow]] = {}
    for r in data.rows:
        if r.flagged:
            flagged.setdefault(r.case_reference, []).append(r)
    lines = []
    for reference, rows in flagged.items():
        inadequate = [r.agency_name for r in rows if r.final_grade == Grade.INADEQUATE]
        lines.append((reference, ", ".join(inadequate), rows[0].reaudit or ""))
    return [
        heading("Cases flagged for re-audit", 2),
        para(REAUDIT_RULE, report_styles().muted),
        data_table(
            ["Case", "Graded Inadequate for", "Re-audit"], lines, (1.2, 4, 3.5),
            empty_text="No case was graded Inadequate.",
        ),
    ]  # fmt: skip


def _findings(data: ReportData) -> list[Flowable]:
    story: list[Flowable] = [heading("Findings", 1)]
    for kind in FindingKind:
        found = [f for f in data.findings if f.kind == kind]
        title = {"strength": "Strengths", "area_for_development": "Areas for development"}
        story.append(heading(title.get(kind.value, kind.label), 2))
        story.append(
            data_table(
                ["Finding", "Theme"], [(f.text, f.theme_tag) for f in found], (6, 2),
                empty_text="None recorded.",
            )
        )  # fmt: skip
    return story


def _recommendations(data: ReportData) -> list[Flowable]:
    recs = data.recommendations
    done = sum(1 for r in recs if r.complete)
    intro = (
        f"{len(recs)} recommendation(s) in the action log; {done} complete (closed or Green). "
        "RAG as the action log defines it: Red, limited or no progress; Amber, partially "
        "complete and on track; Green, complete."
    )
    return [
        heading("Recommendations and actions", 1),
        para(intro),
        data_table(
            ["Action", "Recommendation", "Lead", "Due", "Status", "RAG"],
            [
                (r.reference, r.text, r.lead_agency, r.due_on, r.status, rag_badge(r.rag))
                for r in recs
            ],
            (0.9, 4.6, 1.5, 1.5, 1.1, 1.2),
            empty_text="No recommendations yet.",
        ),
    ]


def build_story(data: ReportData, width: float) -> list[Flowable]:
    styles = report_styles()
    audit = data.summary.audit
    story: list[Flowable] = [
        para("Multi-agency audit report", styles.title),
        para(audit.title, styles.subtitle),
        *_about(data),
        *_figures(data, width),
        *_reaudits(data),
        *_findings(data),
        *_recommendations(data),
        Spacer(1, 8),
        para("Cases are identified by anonymised reference only.", styles.muted),
    ]
    return story


def write_audit_report(
    db: Database,
    audit_id: int,
    path: Path,
    today: date | None = None,
    on_page: Callable[[int], None] | None = None,
) -> AuditReport:
    """Write the report of one audit to `path` (PDF); DRAFT until the audit is reported."""
    data = gather(db, audit_id)
    audit = data.summary.audit
    info = ReportInfo(
        title=f"Multi-agency audit: {audit.title}",
        partnership=data.partnership,
        subject=f"Thematic multi-agency audit of {audit.theme}",
        classification=classify(case_text=True, author=author_name(db.principal, data.partnership)),
        draft=not audit.status.complete,
        logo=data.logo,
        generated_on=today or db.clock.today(),
        keywords=("multi-agency audit", audit.theme),
    )
    pages: list[int] = []

    def count(page: int) -> None:
        pages.append(page)
        if on_page is not None:
            on_page(page)

    build_pdf(info, build_story(data, info.content_width), Path(path), on_page=count)
    return AuditReport(Path(path), max(pages, default=0))
