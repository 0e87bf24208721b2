"""Action update templates: one workbook per agency listing its open actions, asking for the
progress since the last update, a RAG and, if needed, a new due date with the reason.

Chasers are the same template for every agency with actions due within N days (default 45) or
overdue, listing just those actions. Returned files go through the shared import (kind
"action-update") and arrive as *proposed* updates for business support to accept or reject.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain.actions import needs_chasing
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow, list_actions
from partnerboard.workbooks import action_update_layout as L
from partnerboard.workbooks.cells import put
from partnerboard.workbooks.conventions import Prompt, TemplateWriter
from partnerboard.workbooks.metadata import Metadata

CHASER_DAYS = 45
_UNSAFE_NAME = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')
_LAST_UPDATE_SHOWN = 400  # characters of the last narrative shown for context


def template_file_name(agency: str, today: date, chaser: bool = False) -> str:
    """'Action update 2026-11-23 - Wrenfield Constabulary.xlsx' (valid on Windows)."""
    what = "Action chaser" if chaser else "Action update"
    name = _UNSAFE_NAME.sub(" ", f"{what} {today.isoformat()} - {agency}")
    return " ".join(name.split()).rstrip(". ")[:150] + ".xlsx"


def agency_actions(
    rows: Iterable[ActionRow], agency_id: int, chaser_days: int | None, today: date
) -> list[ActionRow]:
    """The agency's open actions (for a chaser, only those overdue or due within the days)."""
    return [
        r
        for r in rows
        if r.lead_agency_id == agency_id
        and r.is_open
        and (chaser_days is None or needs_chasing(r.due_on, r.status.value, today, chaser_days))
    ]


def _instructions(writer: TemplateWriter, partnership_row: Any, agency: str, count: int,
                  chaser_days: int | None, today: date) -> None:  # fmt: skip
    facts = [
        ("Partnership", partnership_row.name),
        ("Agency", agency),
        ("Actions", str(count)),
        ("Sent", format_date(today)),
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
        "Only the shaded cells can be changed. Please do not rename sheets, insert, delete or "
        "sort rows, or copy the answers into another workbook. Save the file as an Excel "
        "Workbook (.xlsx), in Excel or LibreOffice, and e-mail it back. Your update is "
        "recorded once the partnership's business support team has reviewed it.",
    ]
    if chaser_days is not None:
        paragraphs.insert(
            0,
            f"This is a reminder: these actions are overdue or due within {chaser_days} days.",
        )
    writer.write_instructions("Action update", facts, paragraphs)


def _updates_sheet(
    writer: TemplateWriter, agency: str, rows: list[ActionRow], narratives: dict[int, str]
) -> list[list[Any]]:
    sheet = writer.input_sheet(L.UPDATES_SHEET)
    put(sheet["A1"], f"Action update – {agency}")
    writer.style_title(sheet["A1"])
    put(sheet["A2"], "Write in the shaded cells only. One row per action.")
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
        for column, value in (
            (L.REFERENCE, row.reference),
            (L.ACTION, row.text),
            (L.WORKSTREAM, row.workstream),
            (L.DUE, row.due_on),
            (L.CURRENT_RAG, row.rag.label if row.rag else "Not rated"),
            (L.LAST_UPDATE, shown),
        ):
            cell = sheet[f"{column.letter}{line}"]
            put(cell, value)
            writer.wrap(cell)
            if column is L.DUE:
                cell.number_format = "DD/MM/YYYY"
        writer.text_cell(sheet, f"{L.PROGRESS.letter}{line}", progress_help, L.PROGRESS_MAX)
        writer.choice_cell(sheet, f"{L.PROPOSED_RAG.letter}{line}", L.RAG_LIST, rag_help)
        writer.date_cell(sheet, f"{L.NEW_DUE.letter}{line}", due_help)
        writer.text_cell(sheet, f"{L.REASON.letter}{line}", reason_help, L.REASON_MAX)
        sheet.row_dimensions[line].height = max(60, 15 * (len(row.text) // 45 + 1))
        placed.append([line, row.id, row.reference])
    return placed


def _sign_off_sheet(writer: TemplateWriter) -> None:
    sheet = writer.input_sheet(L.SIGN_OFF_SHEET)
    put(sheet["A1"], "Sign-off")
    writer.style_title(sheet["A1"])
    sheet.column_dimensions["A"].width = 26
    sheet.column_dimensions[L.SIGN_OFF_VALUE_COLUMN].width = 48
    for item in L.SIGN_OFF:
        put(sheet.cell(item.row, 1), item.label)
        ref = f"{L.SIGN_OFF_VALUE_COLUMN}{item.row}"
        if item.kind == "date":
            writer.date_cell(sheet, ref, Prompt(item.label, "As dd/mm/yyyy."))
        else:
            writer.text_cell(
                sheet, ref, Prompt(item.label, "Required."), item.max_length, wrap=False
            )


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
) -> int:
    """Write one agency's template to `path`; returns how many actions it lists."""
    today = today or db.clock.today()
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
    writer = TemplateWriter()
    _instructions(writer, partnership_row, agency.name, len(chosen), chaser_days, today)
    writer.add_list(L.RAG_LIST, L.RAG_CHOICES)
    placed = _updates_sheet(writer, agency.name, chosen, narratives)
    _sign_off_sheet(writer)
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
        count = write_template(db, agency_id, path, chaser_days=chaser_days, today=today, rows=rows)
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
        and (chaser_days is None or needs_chasing(r.due_on, r.status.value, today, chaser_days))
    ]
