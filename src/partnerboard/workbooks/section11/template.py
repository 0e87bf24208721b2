"""Writing Section 11 return templates: one workbook per agency in a round, optionally prefilled
with the agency's latest answers so that a partner updates last year's return.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import classify
from partnerboard.domain.section11 import ACTION_MAX, EVIDENCE_MAX, OWNER_MAX, RatingScale
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services import section11 as s11
from partnerboard.spreadsheets.cells import put as put_text
from partnerboard.workbooks.conventions import Prompt, TemplateWriter
from partnerboard.workbooks.input_cells import write_sign_off_sheet
from partnerboard.workbooks.metadata import Metadata
from partnerboard.workbooks.section11 import layout as L

_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def template_file_name(round_label: str, agency_name: str) -> str:
    """A file name that is valid on Windows: "Section 11 2026 - Wrenfield Constabulary.xlsx"."""
    name = _UNSAFE_NAME.sub(" ", f"Section 11 {round_label} - {agency_name}")
    name = " ".join(name.split()).rstrip(". ")[:150]
    return f"{name}.xlsx"


def deadline_text(the_round: s11.RoundRow, the_return: s11.ReturnRow) -> str:
    """The agency's own deadline: an agreed extension wins over the round's."""
    if the_return.deadline is None:
        return "see the covering e-mail"
    if the_return.extended and the_round.deadline is not None:
        return (
            f"{format_date(the_return.deadline)} (extended for your agency from "
            f"{format_date(the_round.deadline)})"
        )
    return format_date(the_return.deadline)


def _instructions(
    writer: TemplateWriter,
    partnership_row: partnership.PartnershipRow,
    the_round: s11.RoundRow,
    agency: str,
    prefilled: bool,
    deadline: str,
) -> None:
    scale: RatingScale = the_round.scale
    facts = [
        ("Partnership", partnership_row.name),
        ("Agency", agency),
        ("Round", the_round.label),
        ("Framework", f"{the_round.framework_name} (version {the_round.framework_version})"),
        ("Deadline", deadline),
        ("Ratings", ", ".join(scale.labels())),
    ]
    if partnership_row.email:
        facts.append(("Return to", partnership_row.email))
    paragraphs = [
        "Section 11 of the Children Act 2004 places a duty on your organisation to make sure "
        "that its functions are discharged having regard to the need to safeguard and promote "
        "the welfare of children. This self-assessment tells the partnership how well that "
        "duty is met, and what you plan to do where it is not yet fully met.",
        f"On the “{L.ASSESSMENT_SHEET}” sheet, for every criterion: choose a rating from the "
        "drop-down list, describe your evidence, and where the rating is below the best, say "
        "what you will do, who owns it and by when (dates as dd/mm/yyyy, e.g. 31/03/2027).",
        f"On the “{L.SIGN_OFF_SHEET}” sheet, give your name, role, e-mail address and the date "
        "you completed the return.",
        "Only the shaded cells can be changed. Please do not rename sheets, insert or delete "
        "rows, or copy the answers into another workbook: the partnership's system reads this "
        "file as it is. You may widen columns and rows to read long text.",
        "Save the file as an Excel Workbook (.xlsx), in Excel or LibreOffice, and e-mail it "
        "back by the deadline. If anything is wrong with it you will receive a list of what "
        "to correct.",
    ]
    if prefilled:
        paragraphs.insert(
            2,
            "Your previous answers have been filled in for you: check each one, update it for "
            "this year, and change any rating that no longer applies.",
        )
    writer.write_instructions(f"Section 11 self-assessment {the_round.label}", facts, paragraphs)


def _assessment_sheet(
    writer: TemplateWriter,
    framework: s11.FrameworkRow,
    the_round: s11.RoundRow,
    agency: str,
    answers: dict[str, s11.PrefillAnswer],
    deadline: str,
) -> None:
    sheet = writer.input_sheet(L.ASSESSMENT_SHEET)
    put_text(sheet["A1"], f"Section 11 self-assessment {the_round.label}")
    writer.style_title(sheet["A1"])
    put_text(sheet["A2"], "Agency")
    put_text(sheet["B2"], agency)
    put_text(sheet["A3"], "Deadline")
    put_text(sheet["B3"], deadline)
    for column in L.COLUMNS:
        cell = sheet[f"{column.letter}{L.HEADER_ROW}"]
        put_text(cell, column.title)
        writer.style_header(cell)
        sheet.column_dimensions[column.letter].width = column.width
    sheet.freeze_panes = f"{L.RATING.letter}{L.FIRST_ROW}"
    scale = the_round.scale
    rating_help = Prompt("Rating", "Choose from the list: " + ", ".join(scale.labels()) + ".")
    row = L.FIRST_ROW
    for standard in framework.standards:
        put_text(sheet.cell(row, 2), f"Standard {standard.number}. {standard.title}")
        for column in range(1, len(L.COLUMNS) + 1):
            writer.style_section(sheet.cell(row, column))
        row += 1
        for criterion in standard.criteria:
            answer = answers.get(criterion.code)
            put_text(sheet[f"{L.CODE.letter}{row}"], criterion.code)
            writer.wrap(sheet[f"{L.CODE.letter}{row}"])  # top-aligned, level with its criterion
            put_text(sheet[f"{L.CRITERION.letter}{row}"], criterion.text)
            put_text(sheet[f"{L.GUIDANCE.letter}{row}"], criterion.guidance)
            writer.wrap(sheet[f"{L.CRITERION.letter}{row}"])
            writer.wrap(sheet[f"{L.GUIDANCE.letter}{row}"])
            rating = scale.get(answer.rating) if answer else None
            writer.choice_cell(
                sheet, f"{L.RATING.letter}{row}", L.RATING_LIST, rating_help,
                rating.label if rating else None,
            )  # fmt: skip
            writer.text_cell(
                sheet, f"{L.EVIDENCE.letter}{row}",
                Prompt("Evidence", f"How you know this is met: documents, audits, figures. At most {EVIDENCE_MAX} characters."),
                EVIDENCE_MAX, answer.evidence if answer else None,
            )  # fmt: skip
            writer.text_cell(
                sheet, f"{L.ACTION.letter}{row}",
                Prompt("Planned action", "Required when the rating is below the best: what you will do."),
                ACTION_MAX, answer.planned_action if answer else None,
            )  # fmt: skip
            writer.text_cell(
                sheet, f"{L.OWNER.letter}{row}",
                Prompt("Action owner", "The person or role responsible for the action."),
                OWNER_MAX, answer.action_owner if answer else None,
            )  # fmt: skip
            writer.date_cell(
                sheet, f"{L.TARGET.letter}{row}",
                Prompt("Target date", "When the action will be complete, as dd/mm/yyyy."),
                answer.target_date if answer else None,
            )  # fmt: skip
            # Room to write; taller when the criterion is long (`printing.fit_row_heights`).
            sheet.row_dimensions[row].height = 45
            row += 1


@dataclass(frozen=True)
class TemplateContext:
    """What every template of one round shares (read once for a batch)."""

    partnership: partnership.PartnershipRow
    key: str
    the_round: s11.RoundRow
    framework: s11.FrameworkRow


def round_context(db: Database, round_id: int) -> TemplateContext:
    the_round = s11.get_round(db, round_id)
    return TemplateContext(
        partnership.get_partnership(db),
        partnership.template_key(db),
        the_round,
        s11.get_framework(db, the_round.framework_id),
    )


def write_template(
    db: Database,
    context: TemplateContext,
    agency_id: int,
    path: Path,
    prefill: bool = False,
    now: datetime | None = None,
) -> Path:
    """Write the template of one agency in the round to `path`."""
    agency = partnership.get_agency(db, agency_id)
    the_return = s11.find_return(db, context.the_round.id, agency_id)
    if the_return is None:
        raise UserError(f"{agency.name} is not in Section 11 round {context.the_round.label}.")
    answers = s11.latest_answers_by_code(db, agency_id, context.the_round.id) if prefill else {}
    deadline = deadline_text(context.the_round, the_return)
    title = f"Section 11 self-assessment {context.the_round.label}"
    # A self-assessment holds nothing restricted: OFFICIAL.
    writer = TemplateWriter(title, classify(author=context.partnership.name))
    _instructions(
        writer, context.partnership, context.the_round, agency.name, bool(answers), deadline
    )
    writer.add_list(L.RATING_LIST, context.the_round.scale.labels())
    _assessment_sheet(writer, context.framework, context.the_round, agency.name, answers, deadline)
    write_sign_off_sheet(writer, {})
    generated = (now or db.clock.now_utc()).replace(microsecond=0)
    metadata = Metadata(
        kind=L.KIND,
        version=L.VERSION,
        partnership=context.partnership.name,
        generated_at=generated,
        values={
            L.META_ROUND_ID: str(context.the_round.id),
            L.META_ROUND: context.the_round.label,
            L.META_AGENCY_ID: str(agency.id),
            L.META_AGENCY: agency.name,
            L.META_FRAMEWORK_ID: str(context.framework.id),
            L.META_SCALE: context.the_round.rating_scale,
        },
    )
    return writer.save(path, metadata, context.key)


def write_templates(
    db: Database,
    round_id: int,
    folder: Path,
    agency_ids: Iterable[int] | None = None,
    prefill: bool = False,
    mark_issued: bool = True,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Any = None,
) -> list[Path]:
    """One template per agency (all agencies in scope by default), named after the agency.

    Agencies whose templates were written are marked issued (today) unless `mark_issued` is
    False. Stops between files when `cancel.cancelled` becomes true.
    """
    context = round_context(db, round_id)
    returns = s11.round_returns(db, round_id)
    wanted = set(agency_ids) if agency_ids is not None else {r.agency_id for r in returns}
    chosen = [r for r in returns if r.agency_id in wanted]
    missing = wanted - {r.agency_id for r in chosen}
    if missing:
        names = ", ".join(partnership.get_agency(db, i).name for i in sorted(missing))
        raise UserError(f"Not in Section 11 round {context.the_round.label}: {names}.")
    written = []
    for index, row in enumerate(chosen):
        if cancel is not None and cancel.cancelled:
            break
        if progress is not None:
            progress(index, len(chosen), row.agency_name)
        path = folder / template_file_name(context.the_round.label, row.agency_name)
        written.append(write_template(db, context, row.agency_id, path, prefill))
    if mark_issued and written:
        done = [r.agency_id for r in chosen[: len(written)]]
        s11.mark_issued(db, round_id, done, db.clock.today())
    if progress is not None:
        progress(len(written), len(chosen), "done")
    return written
