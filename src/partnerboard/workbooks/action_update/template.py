"""Action update templates: one workbook per agency listing its open actions, asking for the
progress since the last update, a RAG and, if needed, a new due date with the reason.

Each row names the action's lead (the agency's coordinator hands them out), and overdue rows
are marked; the Instructions and the Updates sheet say by when to reply. Restricted actions
the sender may see say "Restricted:" and make the workbook OFFICIAL-SENSITIVE (`domain.marking`).

Chasers are the same template for every agency with actions due within N days (default 45) or
overdue, listing just those actions. Returned files go through the shared import (kind
"action-update") and arrive as *proposed* updates for business support to accept or reject.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain import palette
from partnerboard.domain.actions import needs_chasing
from partnerboard.domain.dates import format_date
from partnerboard.domain.marking import author_name, classify, labelled
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow, list_actions
from partnerboard.spreadsheets.cells import put
from partnerboard.spreadsheets.formats import DATE
from partnerboard.workbooks.action_update import layout as L
from partnerboard.workbooks.conventions import Prompt, TemplateWriter
from partnerboard.workbooks.input_cells import write_sign_off_sheet
from partnerboard.workbooks.metadata import Metadata

CHASER_DAYS = 45
REPLY_DAYS = 14  # the reply-by date, unless one is given
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_LAST_UPDATE_SHOWN = 400  # characters of the last narrative shown for context


def template_file_name(agency: str, today: date, chaser: bool = False) -> str:
    """'Action update 2026-11-23 - Wrenfield Constabulary.xlsx' (valid on Windows)."""
    what = "Action chaser" if chaser else "Action update"
    name = _UNSAFE_NAME.sub(" ", f"{what} {today.isoformat()} - {agency}")
    return " ".join(name.split()).rstrip(". ")[:150] + ".xlsx"


def _rag(row: ActionRow) -> str | None:
    return row.rag.value if row.rag else None


def agency_actions(
    rows: Iterable[ActionRow], agency_id: int, chaser_days: int | None, today: date
) -> list[ActionRow]:
    """The agency's open actions (for a chaser, only those overdue or due within the days)."""
    return [
        r
        for r in rows
        if r.lead_agency_id == agency_id
        and r.is_open
        and (
            chaser_days is None
            or needs_chasing(r.due_on, r.status.value, today, chaser_days, _rag(r))
        )
    ]


def _instructions(writer: TemplateWriter, partnership_row: Any, agency: str, rows: list[ActionRow],
                  chaser_days: int | None, today: date, reply_by: date) -> None:  # fmt: skip
    overdue = sum(1 for r in rows if r.overdue(today))
    facts = [
        ("Partnership", partnership_row.name),
        ("Agency", agency),
        ("Actions", f"{len(rows)}" + (f" ({overdue} overdue, marked in red)" if overdue else "")),
        ("Sent", format_date(today)),
        ("Reply by", format_date(reply_by)),
    ]
    if partnership_row.email:
        facts.append(("Return to", partnership_row.email))
    paragraphs = [
        "The partnership's action log records what each agency has agreed to do and how far it "
        "has got. Please tell us where your agency's actions stand now.",
        f"On the “{L.UPDATES_SHEET}” sheet, for each action: write the progress since the last "
        "update (what has been done, and what difference it has made), and choose a RAG: Red = "
        "limited or no progress; Amber = partially complete and on track, work still to do; "
        "Green = complete.",
        "If an action cannot be finished by its due date, give the new date (dd/mm/yyyy) and say "
        "why. Leave an action blank if there is nothing new to say.",
        f"On the “{L.SIGN_OFF_SHEET}” sheet, give your name, role, e-mail address and the date.",
        "Each row names the action's lead: please ask them for the update if it is not you.",
        "Only the shaded cells can be changed. Please do not rename sheets, insert, delete or "
        "sort rows, or copy the answers into another workbook. Save the file as an Excel "
        f"Workbook (.xlsx), in Excel or LibreOffice, and e-mail it back by "
        f"{format_date(reply_by)}. Your update is recorded once the partnership's business "
        "support team has reviewed it.",
    ]
    if chaser_days is not None:
        paragraphs.insert(
            0,
            f"This is a reminder: these actions are overdue or due within {chaser_days} days.",
        )
    writer.write_instructions("Action update", facts, paragraphs)


def _updates_sheet(
    writer: TemplateWriter,
    agency: str,
    rows: list[ActionRow],
    narratives: dict[int, str],
    today: date,
    reply_by: date,
) -> list[list[Any]]:
    from openpyxl.styles import Font, PatternFill  # noqa: PLC0415

    sheet = writer.input_sheet(L.UPDATES_SHEET)
    put(sheet["A1"], f"Action update – {agency}")
    writer.style_title(sheet["A1"])
    put(
        sheet["A2"],
        f"Write in the shaded cells only. One row per action. Please reply by "
        f"{format_date(reply_by)}.",
    )
    put(sheet["A3"], f"Overdue (marked in red): past the due date on {format_date(today)}.")
    overdue_fill = PatternFill("solid", fgColor=palette.RED.fill.lstrip("#"))
    overdue_font = Font(bold=True, color=palette.RED.text.lstrip("#"), name="Calibri")
    for column in L.COLUMNS:
        cell = sheet[f"{column.letter}{L.HEADER_ROW}"]
        put(cell, column.title)
        writer.style_header(cell)
        sheet.column_dimensions[column.letter].width = column.width
    sheet.freeze_panes = f"{L.PROGRESS.letter}{L.FIRST_ROW}"
    progress_help = Prompt(
        "Progress",
        f"What has been done since the last update. At most {L.PROGRESS_MAX} characters.",
    )
    rag_help = Prompt(
        "RAG", "Red: limited or no progress. Amber: on track, work to do. Green: complete."
    )
    due_help = Prompt(
        "New due date", "Only if the action cannot be finished by its due date: dd/mm/yyyy."
    )
    reason_help = Prompt("Why", "Required with a new due date: why the date must change.")
    placed: list[list[Any]] = []
    for offset, row in enumerate(rows):
        line = L.FIRST_ROW + offset
        last = narratives.get(row.id)
        if last and len(last) > _LAST_UPDATE_SHOWN:
            last = last[: _LAST_UPDATE_SHOWN - 1] + "…"
        shown = (
            f"{format_date(row.last_update_on)}: {last}" if row.last_update_on and last else None
        )
        late = row.overdue(today)
        lead = ", ".join(part for part in (row.lead, row.agency) if part) or "Not named"
        due: object = f"{format_date(row.due_on)}\nOverdue" if late else row.due_on
        for column, value in (
            (L.REFERENCE, row.reference),
            (L.ACTION, labelled(row.text, row.restricted)),
            (L.LEAD, lead),
            (L.DUE, due),
            (L.CURRENT_RAG, row.rag.label if row.rag else "Not rated"),
            (L.LAST_UPDATE, shown),
        ):
            cell = sheet[f"{column.letter}{line}"]
            put(cell, value)
            writer.wrap(cell)
            if column is L.DUE:
                DATE.show(cell)
                if late:
                    cell.fill, cell.font = overdue_fill, overdue_font
        writer.text_cell(sheet, f"{L.PROGRESS.letter}{line}", progress_help, L.PROGRESS_MAX)
        writer.choice_cell(sheet, f"{L.PROPOSED_RAG.letter}{line}", L.RAG_LIST, rag_help)
        writer.date_cell(sheet, f"{L.NEW_DUE.letter}{line}", due_help)
        writer.text_cell(sheet, f"{L.REASON.letter}{line}", reason_help, L.REASON_MAX)
        # Room to write; taller when the text is long (`printing.fit_row_heights`).
        sheet.row_dimensions[line].height = 60
        placed.append([line, row.id, row.reference])
    return placed


@dataclass(frozen=True)
class Batch:
    """What one step of sending templates wrote, and which agencies had nothing to send."""

    written: list[tuple[str, Path, int]]  # (agency, file, actions)
    skipped: list[str]


def write_template(
    db: Database,
    agency_id: int,
    path: Path,
    *,
    chaser_days: int | None = None,
    today: date | None = None,
    rows: list[ActionRow] | None = None,
    now: datetime | None = None,
    reply_by: date | None = None,
) -> int:
    """Write one agency's template to `path`; returns how many actions it lists.

    `reply_by`: the date asked for (default `REPLY_DAYS` after today)."""
    today = today or db.clock.today()
    reply_by = reply_by or today + timedelta(days=REPLY_DAYS)
    agency = partnership.get_agency(db, agency_id)
    chosen = agency_actions(
        rows if rows is not None else list_actions(db), agency_id, chaser_days, today
    )
    if not chosen:
        raise UserError(
            f"{agency.name} leads no open action{' that needs chasing' if chaser_days else ''}."
        )
    if len(chosen) > L.MAX_ACTIONS:
        raise UserError(
            f"{agency.name} leads {len(chosen)} open actions; a template holds {L.MAX_ACTIONS}."
        )
    with db.reader() as session:
        narratives = latest_narratives(session, [r.id for r in chosen])
    partnership_row = partnership.get_partnership(db)
    classification = classify(
        [("action", sum(1 for r in chosen if r.restricted))],
        author=author_name(db.principal, partnership_row.name),
    )
    writer = TemplateWriter(f"{L.TITLE} – {agency.name}", classification)
    _instructions(writer, partnership_row, agency.name, chosen, chaser_days, today, reply_by)
    writer.add_list(L.RAG_LIST, L.RAG_CHOICES)
    placed = _updates_sheet(writer, agency.name, chosen, narratives, today, reply_by)
    write_sign_off_sheet(writer, {})
    generated = (now or db.clock.now_utc()).replace(microsecond=0)
    values = {
        L.META_AGENCY_ID: str(agency.id),
        L.META_AGENCY: agency.name,
        L.META_ROWS: json.dumps(placed, separators=(",", ":"), ensure_ascii=True),
    }
    if chaser_days is not None:
        values[L.META_CHASER_DAYS] = str(chaser_days)
    metadata = Metadata(
        kind=L.KIND,
        version=L.VERSION,
        partnership=partnership_row.name,
        generated_at=generated,
        values=values,
    )
    writer.save(path, metadata, partnership.template_key(db))
    return len(chosen)


def write_templates(
    db: Database,
    folder: Path,
    agency_ids: Iterable[int] | None = None,
    *,
    chaser_days: int | None = None,
    today: date | None = None,
    progress: Callable[[int, int, str], None] | None = None,
    cancel: Any = None,
    reply_by: date | None = None,
) -> Batch:
    """One template per agency: the agencies named, or every agency leading an open action
    (for chasers: one that is overdue or due within `chaser_days` days)."""
    today = today or db.clock.today()
    rows = list_actions(db, include_closed=False)
    agencies = {a.id: a.name for a in partnership.list_agencies(db)}
    if agency_ids is None:
        wanted = sorted(
            {r.lead_agency_id for r in agency_actions_any(rows, chaser_days, today)} - {None},
            key=lambda i: agencies.get(i, ""),
        )
    else:
        wanted = list(agency_ids)
    written: list[tuple[str, Path, int]] = []
    skipped: list[str] = []
    folder.mkdir(parents=True, exist_ok=True)
    for index, agency_id in enumerate(wanted):
        if cancel is not None and cancel.cancelled:
            break
        name = agencies.get(agency_id, str(agency_id))
        if progress is not None:
            progress(index, len(wanted), name)
        if not agency_actions(rows, agency_id, chaser_days, today):
            skipped.append(name)
            continue
        path = folder / template_file_name(name, today, chaser_days is not None)
        count = write_template(
            db, agency_id, path, chaser_days=chaser_days, today=today, rows=rows, reply_by=reply_by
        )
        written.append((name, path, count))
    if progress is not None:
        progress(len(wanted), len(wanted), "done")
    return Batch(written, skipped)


def agency_actions_any(
    rows: Iterable[ActionRow], chaser_days: int | None, today: date
) -> list[ActionRow]:
    return [
        r
        for r in rows
        if r.is_open
        and r.lead_agency_id is not None
        and (
            chaser_days is None
            or needs_chasing(r.due_on, r.status.value, today, chaser_days, _rag(r))
        )
    ]
