"""`partnerboard export audits -o FILE.xlsx`: grades and findings of multi-agency audits.

Sheets: About (what, when, and how the figures count), Programme (one row per audit with its
figures), Grades (every case × agency: the agency's grade, the moderated grade, moderator,
agreed, the re-audit flag; current returns only), Findings, and Recommendations (the actions in
the action log with their RAG). All text goes through the shared safe cell writer, so nothing
a partner typed can become a live formula.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.audits import AGREEMENT_RULE, SHARE_RULE, Grade
from partnerboard.domain.marking import author_name, classify
from partnerboard.domain.palette import named_swatch
from partnerboard.exports.xlsx import (
    about_sheet,
    colour_cell,
    new_workbook,
    save_workbook,
    write_table,
)
from partnerboard.services import audits, partnership
from partnerboard.spreadsheets.formats import PERCENT


@dataclass(frozen=True)
class ExportReport:
    path: Path
    audits: int
    grades: int
    findings: int
    recommendations: int


def _percent(share: Any) -> float | None:
    return None if share.percent is None else share.part / share.whole


def _programme(workbook: Any, summaries: list[audits.AuditSummary]) -> None:
    sheet = workbook.create_sheet("Programme")
    header = [
        "Audit", "Theme", "Period from", "Period to", "Status", "Reported on", "Cases",
        "Returns asked for", "Returns received", *(g.label for g in Grade),
        "Graded RI or better", "Share RI or better", "Moderated", "Agreed",
        "Agreement rate", "Flagged for re-audit", "Recommendations", "Complete",
    ]  # fmt: skip
    rows = []
    for s in summaries:
        a, f = s.audit, s.figures
        rows.append([
            a.title, a.theme, a.period_start, a.period_end, a.status.label, a.reported_on,
            a.cases, s.expected, s.received, *f.final_counts, f.ri_or_better.part,
            _percent(f.ri_or_better), f.agreement.whole, f.agreement.part, _percent(f.agreement),
            s.flagged, s.recommendations, s.recommendations_complete,
        ])  # fmt: skip
    last = write_table(sheet, header, rows, [34, 18, 12, 12, 12, 12, 8, 10, 10, 12, 8, 14,
                                             12, 11, 11, 10, 10, 11, 10, 15, 10])  # fmt: skip
    PERCENT.show_all(sheet, (15, 18), range(2, last + 1))


def _grade_cell(sheet: Any, row: int, column: int, grade: Grade | None) -> None:
    swatch = named_swatch(grade.value) if grade else None
    if swatch is not None and grade is not None:
        colour_cell(sheet.cell(row=row, column=column), swatch.fill, swatch.text)


def _grades(
    workbook: Any, per_audit: Iterable[tuple[audits.AuditRow, list[audits.GradeRow]]]
) -> int:
    sheet = workbook.create_sheet("Grades")
    header = [
        "Audit", "Case", "Agency", "Agency's grade", "Moderated grade", "Final grade",
        "Agreed", "Moderator", "Moderated on", "Re-audit", "Involvement", "Reflection",
        "Learning",
    ]  # fmt: skip
    rows, grades = [], []
    for audit, lines in per_audit:
        for r in lines:
            rows.append([
                audit.title, r.case_reference, r.agency_name,
                r.grade.label if r.grade else "Awaited",
                r.moderated_grade.label if r.moderated_grade else None,
                r.final_grade.label if r.final_grade else None,
                None if r.agreed is None else ("Yes" if r.agreed else "No"), r.moderator,
                r.moderated_on, r.reaudit, r.involvement, r.reflection, r.learning,
            ])  # fmt: skip
            grades.append((r.grade, r.moderated_grade, r.final_grade))
    write_table(sheet, header, rows, [30, 14, 34, 18, 18, 18, 8, 22, 12, 30, 40, 50, 40])
    for index, (own, moderated, final) in enumerate(grades, start=2):
        for column, grade in ((4, own), (5, moderated), (6, final)):
            _grade_cell(sheet, index, column, grade)
    return len(rows)


def export_audits(db: Database, path: Path, audit_ids: list[int] | None = None) -> ExportReport:
    """Write every audit (or those in `audit_ids`) to `path` (.xlsx), atomically."""
    summaries = [s for s in audits.programme(db) if audit_ids is None or s.audit.id in audit_ids]
    workbook = new_workbook()
    name = partnership.get_partnership(db).name
    # Agencies' reflections on individual cases: sensitive by their nature.
    classification = classify(case_text=True, author=author_name(db.principal, name))
    title = "Multi-agency audits: grades and findings"
    about_sheet(
        workbook,
        title,
        [
            ("Partnership", name),
            ("Audits", len(summaries)),
            ("Exported on", db.clock.today()),
            ("Exported by", classification.author),
            ("Share RI or better", SHARE_RULE),
            ("Agreement rate", AGREEMENT_RULE),
            ("Cases", "Anonymised references only."),
        ],
        classification,
    )
    _programme(workbook, summaries)
    count = _grades(workbook, ((s.audit, audits.grade_rows(db, s.audit.id)) for s in summaries))
    findings = [(s.audit, f) for s in summaries for f in audits.list_findings(db, s.audit.id)]
    write_table(
        workbook.create_sheet("Findings"),
        ["Audit", "Kind", "Finding", "Theme", "Recommendations"],
        [[a.title, f.kind.label, f.text, f.theme_tag, f.recommendations] for a, f in findings],
        [30, 22, 80, 24, 14],
    )
    recs = [(s.audit, r) for s in summaries for r in audits.list_recommendations(db, s.audit.id)]
    sheet = workbook.create_sheet("Recommendations")
    write_table(
        sheet,
        ["Audit", "Action", "Recommendation", "Lead agency", "Due", "Status", "RAG"],
        [
            [
                a.title,
                r.reference,
                r.text,
                r.lead_agency,
                r.due_on,
                r.status.label,
                r.rag.label if r.rag else "Not rated",
            ]
            for a, r in recs
        ],  # fmt: skip
        [30, 9, 70, 20, 12, 12, 10],
    )
    for index, (_audit, r) in enumerate(recs, start=2):
        swatch = named_swatch(r.rag.value if r.rag else None)
        if swatch is not None:
            colour_cell(sheet.cell(row=index, column=7), swatch.fill, swatch.text)
    save_workbook(workbook, Path(path), title=title, classification=classification)
    return ExportReport(Path(path), len(summaries), count, len(findings), len(recs))
