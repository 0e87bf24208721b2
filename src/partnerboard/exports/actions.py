"""`partnerboard export actions -o FILE.xlsx`, and the register's "Export to Excel": the
actions shown, as a workbook people can sort and filter.

One sheet of actions (frozen header, auto-filter, RAG fills from the shared palette, real
dates shown dd/mm/yyyy, column widths set, every user text kept as text so that nothing
becomes a live formula) and a sheet saying what was exported, when and with which filters.
Written row by row as text (`workbooks.xlsx_stream`), so that 100,000 actions export in
seconds and in bounded memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from partnerboard.db.database import Database
from partnerboard.domain import palette
from partnerboard.domain.actions import NOT_RATED_LABEL
from partnerboard.domain.dates import format_datetime
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.actions.filtering import ActionFilter, apply_filter
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow, list_actions
from partnerboard.services.partnership import get_partnership
from partnerboard.workbooks.xlsx_stream import XlsxStream

SHEET = "Actions"
ABOUT_SHEET = "About this export"

# heading, width, value of a row (narratives come from a separate lookup)
COLUMNS: list[tuple[str, float]] = [
    ("Ref", 8),
    ("Workstream", 34),
    ("Action", 60),
    ("RAG", 11),
    ("Latest progress", 70),
    ("Last update", 12),
    ("Lead", 24),
    ("Lead agency", 20),
    ("Board", 14),
    ("Raised on", 12),
    ("Due", 12),
    ("Overdue", 9),
    ("Status", 12),
    ("Source", 20),
    ("Formerly", 10),
]


@dataclass(frozen=True)
class ExportResult:
    path: Path
    rows: int


def _values(row: ActionRow, narrative: str | None, today: date) -> list[Any]:
    return [
        row.reference,
        row.workstream,
        row.text,
        row.rag.label if row.rag else NOT_RATED_LABEL,
        narrative,
        row.last_update_on,
        row.lead,
        row.agency,
        row.board,
        row.raised_on,
        row.due_on,
        "Yes" if row.overdue(today) else "No",
        row.status.label,
        row.source_kind.label,
        row.former_references or None,
    ]


def write_actions_workbook(
    rows: Sequence[ActionRow],
    path: Path,
    *,
    narratives: dict[int, str] | None = None,
    described: str = "",
    partnership: str = "",
    today: date,
    exported_at: datetime,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write `rows` (in their order) to `path` (.xlsx), through a temporary file.

    `today` is the day overdue is judged on; `exported_at` the local time the file says."""
    narratives = narratives or {}
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    with XlsxStream(temporary) as book:
        top = book.style(top=True)
        wrap = book.style(wrap=True)
        header = book.style(bold=True, colour=palette.WHITE, fill=palette.HEADER_FILL, top=True)
        fills = {
            name: book.style(bold=True, colour=swatch.text, fill=swatch.fill, top=True)
            for name, swatch in (
                ("Red", palette.RED),
                ("Amber", palette.AMBER),
                ("Green", palette.GREEN),
                (NOT_RATED_LABEL, palette.GREY),
            )
        }
        overdue = book.style(bold=True, colour=palette.RED.fill, top=True)
        # Action and Latest progress wrap; the RAG column takes its colour.
        plain = [wrap if position in (2, 4) else top for position in range(len(COLUMNS))]
        sheet = book.sheet(
            SHEET, (width for _heading, width in COLUMNS), rows=len(rows) + 1, freeze_header=True
        )
        sheet.row([(heading, header) for heading, _width in COLUMNS])
        for count, row in enumerate(rows, start=1):
            if count % 500 == 0:
                if cancel is not None:
                    cancel.raise_if_cancelled()
                progress(count, len(rows), "Writing actions")
            values = _values(row, narratives.get(row.id), today)
            styles = plain.copy()
            styles[3] = fills[values[3]]
            if values[11] == "Yes":
                styles[10] = styles[11] = overdue
            sheet.row(list(zip(values, styles, strict=True)))
        sheet.auto_filter()

        about = book.sheet(ABOUT_SHEET, (18, 80))
        for label, value in (
            ("Partnership", partnership),
            ("Exported", format_datetime(exported_at.replace(microsecond=0))),
            ("Actions", len(rows)),
            ("Shown", described or "All actions"),
            (
                "RAG",
                "Red = limited or no progress; Amber = partially complete and on track; "
                "Green = complete. The RAG is that of the latest accepted update.",
            ),
        ):
            about.row([(label, top), (value, wrap)])
    temporary.replace(path)
    progress(len(rows), len(rows), "done")
    return ExportResult(path, len(rows))


def export_actions(
    db: Database,
    path: Path,
    wanted: ActionFilter | None = None,
    *,
    names: dict[str, str] | None = None,
    today: date | None = None,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Export the actions matching `wanted` (an `ActionFilter`; default: open actions)."""
    today = today or db.clock.today()
    wanted = wanted or ActionFilter()
    progress(0, 0, "Reading the action log")
    rows = apply_filter(list_actions(db), wanted, today)
    with db.reader() as session:
        narratives = latest_narratives(session, [row.id for row in rows])
    return write_actions_workbook(
        rows,
        path,
        narratives=narratives,
        described=wanted.describe(names),
        partnership=get_partnership(db).name,
        today=today,
        exported_at=db.clock.now_local(),
        progress=progress,
        cancel=cancel,
    )
