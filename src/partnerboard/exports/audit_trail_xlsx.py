"""The audit trail as an Excel workbook (`partnerboard export audit-trail`).

One row per entry, oldest first: number, local time, who, what, which record, the fields
before and after, and the entry's hash (so that a printed or filed copy can be matched
against the chain later). Every value is written as text or a date, never as a formula:
trail values came from users and partners, and a value starting with "=" would otherwise
become a live formula in Excel.
"""

from __future__ import annotations

import json
import os
from datetime import date, datetime
from pathlib import Path

from partnerboard.db.database import Database
from partnerboard.errors import UserError
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.audit import trail_entries
from partnerboard.spreadsheets.cells import FORMULA_TRIGGERS
from partnerboard.spreadsheets.formats import TIMESTAMP

HEADERS = ["No.", "When", "Who", "What", "Table", "Record", "Before", "After", "Changes", "Hash"]
WIDTHS = [8, 18, 24, 10, 20, 10, 50, 50, 60, 20]


def export_audit_trail(
    db: Database,
    destination: Path,
    since: date | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> int:
    """Write the trail (from `since`, local date) to `destination`; returns the number of entries."""
    # openpyxl costs ~0.2 s to import: only when exporting.
    from openpyxl import Workbook  # noqa: PLC0415
    from openpyxl.cell import WriteOnlyCell  # noqa: PLC0415
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE  # noqa: PLC0415
    from openpyxl.styles import Font  # noqa: PLC0415
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    entries = trail_entries(db, since)  # refuses those who may not read it, before any work
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Audit trail")
    for position, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(position)].width = width
    sheet.freeze_panes = "A2"
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)

    def text(value: str) -> WriteOnlyCell:
        cleaned = ILLEGAL_CHARACTERS_RE.sub("", value)
        cell = WriteOnlyCell(sheet, value=cleaned)
        cell.data_type = "s"  # even "=SUM(…)" stays text
        if cleaned.startswith(FORMULA_TRIGGERS):
            cell.quotePrefix = True  # Excel shows it as typed and will not evaluate it on edit
        return cell

    def when(value: datetime) -> WriteOnlyCell:
        cell = WriteOnlyCell(sheet, value=value)
        TIMESTAMP.show(cell)
        return cell

    count = 0
    for entry in entries:
        if cancel is not None:
            cancel.raise_if_cancelled()
        count += 1
        sheet.append(
            [
                entry.seq,
                when(entry.at),
                text(entry.who),
                text(entry.action_label),
                text(entry.table_name),
                text(entry.record_key),
                text(json.dumps(entry.before, ensure_ascii=False) if entry.before else ""),
                text(json.dumps(entry.after, ensure_ascii=False) if entry.after else ""),
                text(entry.summary()),
                text(entry.hash),
            ]
        )
        if count % 500 == 0:
            progress(count, 0, f"{count} entries written")
    destination = destination.expanduser()
    partial = destination.with_name(destination.name + ".partial")
    try:
        book.save(partial)
        os.replace(partial, destination)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise UserError(f"Cannot write {destination}: {error.strerror}.") from None
    return count
