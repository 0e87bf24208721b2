"""Buttons that write the threshold and escalation papers: Excel exports and PDFs.

Each asks where to save, then writes the file off the GUI thread through `ui.operations`
(openpyxl and reportlab are imported by the work itself, only when a button is pressed).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QWidget

from partnerboard.db.database import Database


@dataclass(frozen=True)
class Output:
    text: str  # button text with its mnemonic
    name: str  # accessible name
    file_filter: str
    file_name: str  # suggested name, {today} replaced by yyyy-mm-dd
    # work(db, page, path) -> Path; page gives the document or version chosen on screen
    work: Callable[[Database, Any, Path], Path]


def _signup_xlsx(db: Database, page: Any, path: Path) -> Path:
    from partnerboard.exports.thresholds_xlsx import export_signup_matrix  # noqa: PLC0415

    return export_signup_matrix(db, path, page.document_id())


def _escalations_xlsx(db: Database, page: Any, path: Path) -> Path:
    from partnerboard.exports.escalations_xlsx import export_escalation_log  # noqa: PLC0415

    return export_escalation_log(db, path, *page.period())


def _signup_pdf(db: Database, page: Any, path: Path) -> Path:
    from partnerboard.reports.thresholds_pdf import signup_summary_pdf  # noqa: PLC0415

    return signup_summary_pdf(db, path, page.document_id())


def _document_pdf(db: Database, page: Any, path: Path) -> Path:
    from partnerboard.reports.thresholds_pdf import threshold_document_pdf  # noqa: PLC0415

    return threshold_document_pdf(db, path, page.version.id if page.version else None)


OUTPUTS = {
    "signup_xlsx": Output(
        "E&xport to Excel…",
        "Export the sign-up matrix to Excel",
        "Excel workbook (*.xlsx)",
        "threshold-sign-up-{today}.xlsx",
        _signup_xlsx,
    ),
    "signup_pdf": Output(
        "Print s&ummary (PDF)…",
        "Print the sign-up summary as PDF",
        "PDF (*.pdf)",
        "threshold-sign-up-summary-{today}.pdf",
        _signup_pdf,
    ),
    "document_pdf": Output(
        "&Print document (PDF)…",
        "Print this version of the threshold document as PDF",
        "PDF (*.pdf)",
        "threshold-document-{today}.pdf",
        _document_pdf,
    ),
    "escalations_xlsx": Output(
        "E&xport log to Excel…",
        "Export the escalation log to Excel",
        "Excel workbook (*.xlsx)",
        "escalation-log-{today}.xlsx",
        _escalations_xlsx,
    ),
}


def ask_save_path(parent: QWidget, title: str, suggested: str, file_filter: str) -> Path | None:
    """Where to save (tests replace this); None when the user cancels."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, file_filter)
    return Path(name) if name else None


class OutputButtons(QWidget):
    def __init__(self, page: Any, kinds: tuple[str, ...]):
        super().__init__(page)
        self.page = page
        self.buttons: dict[str, QPushButton] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for kind in kinds:
            output = OUTPUTS[kind]
            button = QPushButton(output.text)
            button.setAccessibleName(output.name)
            button.clicked.connect(lambda _checked=False, k=kind: self.write(k))
            layout.addWidget(button)
            self.buttons[kind] = button

    def write(self, kind: str) -> None:
        output = OUTPUTS[kind]
        suggested = output.file_name.format(today=self.page.db.clock.today().isoformat())
        path = ask_save_path(self, output.name, suggested, output.file_filter)
        if path is None:
            return
        db, page = self.page.db, self.page
        page.context.operations.run(
            lambda _progress, _cancel: output.work(db, page, path),
            lambda saved: page.context.status(f"Saved {saved}."),
            label=f"{output.name}…",
        )
