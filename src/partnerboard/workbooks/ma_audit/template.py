"""Writing multi-agency audit return templates: one workbook per agency taking part, listing
the cases of the sample that agency was involved in.

A template is prefilled with the agency's current returns, if any, so that an agency asked to
correct or complete its return updates what it sent rather than starting again.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.audits import INVOLVEMENT_MAX, LEARNING_MAX, REFLECTION_MAX, Grade
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import classify
from partnerboard.errors import UserError
from partnerboard.services import audits, partnership
from partnerboard.spreadsheets.cells import put
from partnerboard.workbooks.conventions import Prompt, TemplateWriter
from partnerboard.workbooks.input_cells import write_sign_off_sheet
from partnerboard.workbooks.ma_audit import layout as L
from partnerboard.workbooks.metadata import Metadata
from partnerboard.workbooks.section11.layout import SIGN_OFF_SHEET

_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')

GRADE_HELP = (
    "Outstanding: practice consistently made a positive difference for the child. "
    "Good: practice was effective and timely. Requires improvement: the child was safe but "
    "practice was not yet good. Inadequate: practice left the child at risk or needs were unmet."
)


def template_file_name(audit_title: str, agency_name: str) -> str:
    """A file name valid on Windows: "Audit - Neglect 2026 - Wrenfield Constabulary.xlsx"."""
    name = _UNSAFE_NAME.sub(" ", f"Audit - {audit_title} - {agency_name}")
    name = " ".join(name.split()).rstrip(". ")[:150]
    return f"{name}.xlsx"


@dataclass(frozen=True)
class TemplateContext:
    """What every template of one audit shares (read once for a batch)."""

    partnership: partnership.PartnershipRow
    key: str
    audit: audits.AuditRow
    cases: list[audits.CaseRow]
    returns: dict[tuple[int, int], audits.GradeRow]  # (case id, agency id) -> current return


def audit_context(db: Database, audit_id: int) -> TemplateContext:
    audit = audits.get_audit(db, audit_id)
    rows = audits.grade_rows(db, audit_id)
    return TemplateContext(
        partnership.get_partnership(db),
        partnership.template_key(db),
        audit,
        audits.list_cases(db, audit_id),
        {(r.case_id, r.agency_id): r for r in rows if r.return_id is not None},
    )


def _instructions(writer: TemplateWriter, context: TemplateContext, agency: str) -> None:
    audit = context.audit
    facts = [
        ("Partnership", context.partnership.name),
        ("Agency", agency),
        ("Audit", audit.title),
        ("Theme", audit.theme),
        ("Period audited", audit.period),
        ("Deadline", format_date(audit.return_deadline) or "see the covering e-mail"),
        ("Grades", ", ".join(Grade.labels())),
    ]
    facts += [(f"Question {n}", text) for n, text in enumerate(audit.questions, start=1)]
    if context.partnership.email:
        facts.append(("Return to", context.partnership.email))
    paragraphs = [
        f"This is a thematic multi-agency audit of {audit.theme.lower()}. Your agency is asked "
        "to look at its own involvement in each case below and reflect on its practice, with "
        "the audit's questions in mind. The partnership moderates the grades and brings the "
        "learning back to practice.",
        f"On the “{L.CASES_SHEET}” sheet, for every case: describe your agency's involvement, "
        "reflect on the practice (what went well, what could have been better), choose a grade "
        "from the drop-down list, and note the learning for your agency.",
        "Grades: " + GRADE_HELP,
        "Cases are known by their anonymised reference only. Do not write any child's or "
        "family member's name, date of birth or other identifying detail anywhere in this file.",
        f"On the “{SIGN_OFF_SHEET}” sheet, give your name, role, e-mail address and the date "
        "you completed the return (dd/mm/yyyy).",
        "Only the shaded cells can be changed. Please do not rename sheets, insert or delete "
        "rows, or copy the answers into another workbook: the partnership's system reads this "
        "file as it is. You may widen columns and rows to read long text.",
        "Save the file as an Excel Workbook (.xlsx), in Excel or LibreOffice, and e-mail it "
        "back by the deadline. If anything is wrong with it you will receive a list of what "
        "to correct.",
    ]
    writer.write_instructions(f"Multi-agency audit: {audit.title}", facts, paragraphs)


def _cases_sheet(
    writer: TemplateWriter,
    context: TemplateContext,
    agency_id: int,
    agency: str,
    cases: list[audits.CaseRow],
) -> None:
    sheet = writer.input_sheet(L.CASES_SHEET)
    put(sheet["A1"], f"Multi-agency audit: {context.audit.title}")
    writer.style_title(sheet["A1"])
    for row, (label, value) in enumerate(
        (("Agency", agency), ("Theme", context.audit.theme),
         ("Deadline", format_date(context.audit.return_deadline))), start=2,
    ):  # fmt: skip
        put(sheet.cell(row, 1), label)
        put(sheet.cell(row, 2), value)
    for column in L.COLUMNS:
        cell = sheet[f"{column.letter}{L.HEADER_ROW}"]
        put(cell, column.title)
        writer.style_header(cell)
        sheet.column_dimensions[column.letter].width = column.width
    sheet.freeze_panes = f"{L.INVOLVEMENT.letter}{L.FIRST_ROW}"
    grade_help = Prompt("Grade", "Choose from the list: " + ", ".join(Grade.labels()) + ".")
    texts = (
        (L.INVOLVEMENT, INVOLVEMENT_MAX, "Involvement", "What your agency did and when, in brief."),
        (L.REFLECTION, REFLECTION_MAX, "Reflection", "What went well, what could have been better, and why."),
        (L.LEARNING, LEARNING_MAX, "Learning", "What your agency will take from this case."),
    )  # fmt: skip
    for row, case in enumerate(cases, start=L.FIRST_ROW):
        current = context.returns.get((case.id, agency_id))
        put(sheet[f"{L.REFERENCE.letter}{row}"], case.reference)
        for column, limit, title, help_text in texts:
            value = getattr(current, column.field or "", None) if current else None
            writer.text_cell(
                sheet, f"{column.letter}{row}",
                Prompt(title, f"{help_text} At most {limit} characters."), limit, value,
            )  # fmt: skip
        grade = current.grade.label if current and current.grade else None
        writer.choice_cell(sheet, f"{L.GRADE.letter}{row}", L.GRADE_LIST, grade_help, grade)
        sheet.row_dimensions[row].height = 90  # room to write
        writer.wrap(sheet[f"{L.REFERENCE.letter}{row}"])  # top-aligned, level with its answers


@dataclass(frozen=True)
class TemplatesWritten:
    paths: list[Path] = field(default_factory=list)
    without_cases: list[str] = field(default_factory=list)  # agencies with nothing to return


def _agency_cases(context: TemplateContext, agency_id: int) -> list[audits.CaseRow]:
    return [c for c in context.cases if agency_id in c.agency_ids]


def write_template(
    db: Database,
    context: TemplateContext,
    agency_id: int,
    path: Path,
    now: datetime | None = None,
) -> Path:
    """Write the template of one agency taking part in the audit to `path`."""
    agency = partnership.get_agency(db, agency_id)
    audit = context.audit
    if agency_id not in audit.agency_ids:
        raise UserError(f"{agency.name} is not taking part in the audit “{audit.title}”.")
    cases = _agency_cases(context, agency_id)
    if not cases:
        raise UserError(
            f"{agency.name} is not involved in any case of the sample of “{audit.title}”: "
            "there is nothing for it to return."
        )
    # Partners write about their practice in individual cases: OFFICIAL-SENSITIVE.
    writer = TemplateWriter(
        f"Multi-agency audit: {audit.title}",
        classify(case_text=True, author=context.partnership.name),
    )
    _instructions(writer, context, agency.name)
    writer.add_list(L.GRADE_LIST, Grade.labels())
    _cases_sheet(writer, context, agency_id, agency.name, cases)
    write_sign_off_sheet(writer, {})
    generated = (now or db.clock.now_utc()).replace(microsecond=0)
    metadata = Metadata(
        kind=L.KIND,
        version=L.VERSION,
        partnership=context.partnership.name,
        generated_at=generated,
        values={
            L.META_AUDIT_ID: str(audit.id),
            L.META_AUDIT: audit.title,
            L.META_AGENCY_ID: str(agency.id),
            L.META_AGENCY: agency.name,
        },
    )
    return writer.save(path, metadata, context.key)


def write_templates(
    db: Database,
    audit_id: int,
    folder: Path,
    agency_ids: Iterable[int] | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Any = None,
) -> TemplatesWritten:
    """One template per agency (by default every agency taking part that is involved in a
    case), named after the audit and the agency. Stops between files when cancelled."""
    context = audit_context(db, audit_id)
    audit = context.audit
    names = dict(zip(audit.agency_ids, audit.agency_names, strict=True))
    wanted = list(agency_ids) if agency_ids is not None else list(audit.agency_ids)
    outside = [i for i in wanted if i not in names]
    if outside:
        listed = ", ".join(partnership.get_agency(db, i).name for i in outside)
        raise UserError(f"Not taking part in the audit “{audit.title}”: {listed}.")
    chosen = [i for i in wanted if _agency_cases(context, i)]
    result = TemplatesWritten(without_cases=[names[i] for i in wanted if i not in chosen])
    folder.mkdir(parents=True, exist_ok=True)
    for index, agency_id in enumerate(chosen):
        if cancel is not None and cancel.cancelled:
            break
        if progress is not None:
            progress(index, len(chosen), names[agency_id])
        path = folder / template_file_name(audit.title, names[agency_id])
        result.paths.append(write_template(db, context, agency_id, path))
    if progress is not None:
        progress(len(result.paths), len(chosen), "done")
    return result
