"""`partnerboard export actions -o FILE.xlsx`, and the register's "Export to Excel": the
actions shown, as a workbook people can sort and filter.

A first sheet saying what was exported (its protective marking: OFFICIAL-SENSITIVE when a
restricted action is in it), by whom, when and with which filters; then one sheet of actions
(frozen header, auto-filter, RAG fills from the shared palette, real dates shown dd/mm/yyyy,
a Restricted column, column widths and row heights set, every user text kept as text so that
nothing becomes a live formula), printing A4 landscape one page wide with the marking in the
header and footer.
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
from partnerboard.domain.marking import RESTRICTED_LABEL, author_name, classify
from partnerboard.jobs import CancelToken, Progress, no_progress
from partnerboard.services.actions.filtering import ActionFilter, apply_filter
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow, list_actions
from partnerboard.services.partnership import get_partnership
from partnerboard.workbooks.printing import marking_facts, row_points
from partnerboard.workbooks.xlsx_stream import XlsxStream

SHEET = "Actions"
ABOUT_SHEET = "About this export"
TITLE = "Action log"

# heading, width, wrapped: the widths add up to about 225 units, so that one page wide the
# text prints at about 7.5 pt on A4 landscape.
COLUMNS: list[tuple[str, float, bool]] = [
    ("Ref", 6, False),
    ("Workstream", 22, True),
    ("Action", 32, True),
    ("RAG", 9, False),
    ("Latest progress", 36, True),
    ("Last update", 11, False),
    ("Lead", 14, True),
    ("Lead agency", 12, True),
    ("Board", 10, True),
    ("Raised on", 11, False),
    ("Due", 11, False),
    ("Overdue", 9, False),
    ("Status", 10, False),
    ("Source", 12, True),
    ("Formerly", 10, False),
    ("Restricted", 11, False),
]
_WRAPPED = [(position, width) for position, (_h, width, wraps) in enumerate(COLUMNS) if wraps]


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
        RESTRICTED_LABEL if row.restricted else None,
    ]


def write_actions_workbook(
    rows: Sequence[ActionRow],
    path: Path,
    *,
    narratives: dict[int, str] | None = None,
    described: str = "",
    partnership: str = "",
    author: str = "",
    today: date,
    exported_at: datetime,
    progress: Progress = no_progress,
    cancel: CancelToken | None = None,
) -> ExportResult:
    """Write `rows` (in their order) to `path` (.xlsx), through a temporary file.

    `today` is the day overdue is judged on; `exported_at` the local time the file says."""
    narratives = narratives or {}
    classification = classify([("action", sum(1 for row in rows if row.restricted))], author=author)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    with XlsxStream(temporary, title=TITLE, marking=classification.marking) as book:
        top = book.style(top=True)
        wrap = book.style(wrap=True)
        header = book.style(bold=True, colour=palette.WHITE, fill=palette.HEADER_FILL, wrap=True)
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
        restricted = book.style(bold=True, top=True)
        # Text columns wrap; the RAG column takes its colour.
        plain = [wrap if wraps else top for _heading, _width, wraps in COLUMNS]

        # The first sheet says what the workbook is and what it holds.
        about = book.sheet(ABOUT_SHEET, (18, 80))
        about_rows = [
            ("Partnership", partnership),
            ("Exported", format_datetime(exported_at.replace(microsecond=0))),
            ("Actions", len(rows)),
            ("Shown", described or "All actions"),
            ("Exported by", classification.author),
            *marking_facts(classification),
            (
                "RAG",
                "Red = limited or no progress; Amber = partially complete and on track; "
                "Green = complete. The RAG is that of the latest accepted update.",
            ),
        ]
        for label, value in about_rows:
            about.row([(label, top), (value, wrap)], height=row_points([(str(value), 80)]))

        sheet = book.sheet(
            SHEET, (width for _h, width, _w in COLUMNS), rows=len(rows) + 1, freeze_header=True
        )
        sheet.row([(heading, header) for heading, _w, _wraps in COLUMNS])
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
            if row.restricted:
                styles[15] = restricted
            height = row_points(
                (values[position], width) for position, width in _WRAPPED if values[position]
            )
            sheet.row(list(zip(values, styles, strict=True)), height=height)
        sheet.auto_filter()
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
    name = get_partnership(db).name
    return write_actions_workbook(
        rows,
        path,
        narratives=narratives,
        described=wanted.describe(names),
        partnership=name,
        author=author_name(db.principal, name),
        today=today,
        exported_at=db.clock.now_local(),
        progress=progress,
        cancel=cancel,
    )
