"""Export the register's current view (its filters and sort order) to an Excel workbook."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from partnerboard.exports.actions import write_actions_workbook
from partnerboard.services.actions.filtering import ActionFilter
from partnerboard.services.actions.progress import latest_narratives
from partnerboard.services.actions.register import ActionRow
from partnerboard.services.partnership import get_partnership
from partnerboard.ui.context import AppContext


def ask_save_path(parent: QWidget, title: str, suggested: str, pattern: str) -> Path | None:
    """Where to save (None when cancelled); tests replace this function."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, pattern)
    return Path(name) if name else None


def export_rows(
    parent: QWidget,
    context: AppContext,
    rows: list[ActionRow],
    wanted: ActionFilter,
    today: date,
    names: dict[str, str] | None = None,
) -> None:
    path = ask_save_path(
        parent,
        "Export actions to Excel",
        f"actions-{today.isoformat()}.xlsx",
        "Excel workbook (*.xlsx)",
    )
    if path is None:
        return
    if path.suffix.lower() != ".xlsx":
        path = path.with_suffix(".xlsx")
    db = context.db
    shown = list(rows)

    def work(progress, cancel):
        with db.reader() as session:
            narratives = latest_narratives(session, [row.id for row in shown])
        return write_actions_workbook(
            shown,
            path,
            narratives=narratives,
            described=wanted.describe(names),
            partnership=get_partnership(db).name,
            today=today,
            exported_at=db.clock.now_local(),
            progress=progress,
            cancel=cancel,
        )

    context.operations.run(
        work,
        lambda result: context.status(f"Exported {result.rows} actions to {result.path}."),
        label="Exporting actions…",
    )
