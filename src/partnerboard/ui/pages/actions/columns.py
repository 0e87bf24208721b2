"""Columns of the action tables, with RAG fills from the shared palette (as in the PDFs)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from partnerboard.domain import palette
from partnerboard.domain.actions import NOT_RATED_LABEL, Rag
from partnerboard.domain.dates import format_date
from partnerboard.services.actions.register import ActionRow
from partnerboard.ui.table_model import Column

_RAG_ORDER = {Rag.RED: 0, Rag.AMBER: 1, Rag.GREEN: 2, None: 3}


def rag_text(rag: Rag | None) -> str:
    return rag.label if rag else NOT_RATED_LABEL


def rag_fill(rag: Rag | None) -> str:
    return (palette.named_swatch(rag.value if rag else None) or palette.GREY).fill


def rag_ink(rag: Rag | None) -> str:
    return (palette.named_swatch(rag.value if rag else None) or palette.GREY).text


def rag_column(key: str = "rag", title: str = "RAG", get=lambda r: r.rag) -> Column:
    return Column(
        key,
        title,
        get,
        text=lambda r: rag_text(get(r)),
        sort_key=lambda r: _RAG_ORDER[get(r)],
        background=lambda r: rag_fill(get(r)),
        foreground=lambda r: rag_ink(get(r)),
        tooltip=lambda r: get(r).meaning if get(r) else "No RAG given yet",
    )


def register_columns(today: Callable[[], date]) -> list[Column[ActionRow]]:
    """The register's columns; `today` is the database's clock (overdue is judged on it)."""

    def _due_ink(row: ActionRow) -> str | None:
        return palette.RED.fill if row.overdue(today()) else None

    def _due_tip(row: ActionRow) -> str | None:
        if row.overdue(today()):
            return f"Overdue: was due {format_date(row.due_on)}"
        return None

    return [
        Column("reference", "Ref", lambda r: r.reference, sort_key=lambda r: r.reference_key),
        Column("text", "Action", lambda r: r.text, tooltip=lambda r: r.text),
        rag_column(),
        Column("due", "Due", lambda r: r.due_on, foreground=_due_ink, tooltip=_due_tip),
        Column(
            "workstream",
            "Workstream",
            lambda r: r.workstream,
            sort_key=lambda r: r.workstream_number,
            visible=False,  # the reference names it; the filter chooses it
        ),
        Column("lead", "Lead", lambda r: r.lead),
        Column("agency", "Agency", lambda r: r.agency),
        Column("board", "Board", lambda r: r.board),
        Column("raised", "Raised", lambda r: r.raised_on, visible=False),
        Column("last_update", "Last update", lambda r: r.last_update_on),
        Column(
            "waiting",
            "Partner update",
            lambda r: r.proposed,
            text=lambda r: "Waiting" if r.proposed else "",
            visible=False,
        ),
        Column("status", "Status", lambda r: r.status),
        Column("source", "Source", lambda r: r.source_kind, visible=False),
    ]
