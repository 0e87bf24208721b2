"""Multi-agency audits: the audit chooser and its outputs, with one tab per stage of the work.

Tabs: the audit itself (theme, questions, period, lead, status, agencies), its case sample,
grading and moderation (with the figures), and findings and recommendations. Each tab shows
the chosen audit and reloads when the audit changes or a commit touches the audit tables.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.services import audits
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.audits.cases_tab import CasesTab
from partnerboard.ui.pages.audits.details_tab import DetailsTab
from partnerboard.ui.pages.audits.findings_tab import FindingsTab
from partnerboard.ui.pages.audits.moderation_tab import ModerationTab
from partnerboard.ui.pages.base import Page
from partnerboard.ui.widgets.choices import refill

AUDIT_TABLES = frozenset(
    {
        "ma_audit", "ma_audit_question", "ma_audit_agency", "ma_case", "ma_case_agency",
        "ma_submission", "ma_case_return", "ma_moderation", "ma_finding", "action",
        "action_update", "agency", "person", "board", "setting",
    }
)  # fmt: skip


def ask_folder(parent: QWidget, title: str) -> Path | None:
    """A folder to write into (tests replace this function)."""
    name = QFileDialog.getExistingDirectory(parent, title)
    return Path(name) if name else None


def ask_save_path(parent: QWidget, title: str, suggested: str, kind: str) -> Path | None:
    """Where to save a file (tests replace this function)."""
    name, _ = QFileDialog.getSaveFileName(parent, title, suggested, kind)
    return Path(name) if name else None


class AuditsPage(Page):
    key = "audits"
    title = "Multi-agency audits"
    tables = AUDIT_TABLES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.rows: list[audits.AuditRow] = []
        self._shown_id: int | None = None  # the audit the tabs show (to undo a refused switch)
        self.audit_choice = QComboBox()
        self.audit_choice.setAccessibleName("Multi-agency audit")
        self.audit_choice.setMinimumWidth(320)
        self.audit_choice.currentIndexChanged.connect(self._audit_changed)
        label = QLabel("&Audit")
        label.setBuddy(self.audit_choice)
        self.new_button = QPushButton("&New audit")
        self.new_button.setAccessibleName("New multi-agency audit")
        self.new_button.clicked.connect(self.new_audit)
        self.templates_button = QPushButton("&Templates…")
        self.templates_button.setAccessibleName("Write a return template for each agency")
        self.templates_button.clicked.connect(self.write_templates)
        self.report_button = QPushButton("&Report (PDF)…")
        self.report_button.setAccessibleName("Write the audit report as PDF")
        self.report_button.clicked.connect(self.write_report)
        self.export_button = QPushButton("E&xport to Excel…")
        self.export_button.setAccessibleName("Export the audit's grades and findings to Excel")
        self.export_button.clicked.connect(self.export_excel)
        self.facts = QLabel()
        self.facts.setObjectName("auditFacts")
        self.facts.setAccessibleName("About the audit")
        self.facts.setWordWrap(True)
        bar = QHBoxLayout()
        bar.addWidget(label)
        bar.addWidget(self.audit_choice, 1)
        bar.addWidget(self.new_button)
        bar.addStretch(1)
        for button in (self.templates_button, self.report_button, self.export_button):
            bar.addWidget(button)
        self.only_for(Permission.EDIT_RECORDS, self.new_button)
        self.only_for(Permission.GENERATE_TEMPLATES, self.templates_button)

        self.details_tab = DetailsTab(self)
        self.details_tab.audit_saved.connect(self.select_audit)
        self.cases_tab = CasesTab(self)
        self.moderation_tab = ModerationTab(self)
        self.findings_tab = FindingsTab(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Audit views")
        self.tabs.addTab(self.details_tab, "Au&dit")
        self.tabs.addTab(self.cases_tab, "&Case sample")
        self.tabs.addTab(self.moderation_tab, "Grading and mod&eration")
        self.tabs.addTab(self.findings_tab, "F&indings and recommendations")
        unsaved.guard_tabs(self.tabs, self)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.facts)
        outer.addWidget(self.tabs, 1)

    def editors(self) -> list[unsaved.Editor]:
        return [self.details_tab, self.cases_tab, self.moderation_tab, self.findings_tab]

    # ------------------------------------------------------------ data
    @property
    def current(self) -> audits.AuditRow | None:
        index = self.audit_choice.currentIndex()
        return self.rows[index] if 0 <= index < len(self.rows) else None

    def refresh(self) -> None:
        keep = self.current.id if self.current else None
        self.rows = audits.list_audits(self.db)
        refill(
            self.audit_choice, [(r.id, f"{r.label} – {r.status.label}") for r in self.rows], keep
        )
        self._audit_changed(refreshing=True)

    def select_audit(self, audit_id: int) -> None:
        position = self.audit_choice.findData(audit_id)
        if position >= 0:
            self.audit_choice.setCurrentIndex(position)

    def open_with(self, **options: Any) -> None:
        self.ensure_loaded()
        if (audit_id := options.get("audit_id")) is not None:
            self.select_audit(audit_id)
        if (tab := options.get("tab")) is not None:
            self.tabs.setCurrentIndex(tab)

    def _audit_changed(self, *_args, refreshing: bool = False) -> None:
        audit = self.current
        chosen = audit.id if audit else None
        if not refreshing and chosen != self._shown_id:
            if not unsaved.settle(self, self):
                self.audit_choice.blockSignals(True)
                self.audit_choice.setCurrentIndex(
                    max(self.audit_choice.findData(self._shown_id), -1)
                )
                self.audit_choice.blockSignals(False)
                return
            if (self.current.id if self.current else None) != chosen:
                self.select_audit(chosen)  # a save reloaded the list: choose again
                return
        self._shown_id = chosen
        for button in (self.templates_button, self.report_button, self.export_button):
            button.setEnabled(audit is not None)
        if audit is None:
            self.facts.setText("No multi-agency audit yet: start one with New audit.")
        else:
            deadline = format_date(audit.return_deadline) or "not set"
            self.facts.setText(
                f"{audit.theme} · {audit.period} · lead {audit.lead_name or 'not set'} · "
                f"returns due {deadline} · {audit.cases} case(s) · "
                f"{len(audit.agency_ids)} agencies · {audit.status.label}"
            )
        self.details_tab.load(audit, keep_edits=refreshing)
        for tab in (self.cases_tab, self.moderation_tab, self.findings_tab):
            tab.load(audit)

    # ------------------------------------------------------------ actions
    def new_audit(self) -> None:
        if unsaved.settle(self, self):
            self.tabs.setCurrentWidget(self.details_tab)
            self.details_tab.start_new()

    def write_templates(self) -> None:
        from partnerboard.workbooks.ma_audit.template import write_templates  # noqa: PLC0415

        audit = self.current
        if audit is None:
            return
        folder = ask_folder(self, f"Folder for the templates of “{audit.title}”")
        if folder is None:
            return
        db = self.db

        def done(result) -> None:
            note = f"{len(result.paths)} template(s) written to {folder}."
            if result.without_cases:
                note += f" No cases for: {', '.join(result.without_cases)}."
            self.context.status(note)

        self.context.operations.run(
            lambda progress, cancel: write_templates(
                db, audit.id, folder, progress=progress, cancel=cancel
            ),
            done,
            label="Writing templates…",
        )

    def write_report(self) -> None:
        audit = self.current
        if audit is None:
            return
        suggested = f"Audit report - {audit.title}.pdf".replace("/", "-")
        path = ask_save_path(self, "Save the audit report", suggested, "PDF (*.pdf)")
        if path is None:
            return
        db = self.db

        def work(_progress, _cancel):
            from partnerboard.reports.audit_report import write_audit_report  # noqa: PLC0415

            return write_audit_report(db, audit.id, path)

        self.context.operations.run(
            work,
            lambda report: self.context.status(
                f"Audit report saved to {report.path} ({report.pages} page(s))."
            ),
            label="Writing the audit report…",
        )

    def export_excel(self) -> None:
        audit = self.current
        if audit is None:
            return
        suggested = f"Audit - {audit.title}.xlsx".replace("/", "-")
        path = ask_save_path(self, "Export grades and findings", suggested, "Excel (*.xlsx)")
        if path is None:
            return
        db = self.db

        def work(_progress, _cancel):
            from partnerboard.exports.ma_audit_xlsx import export_audits  # noqa: PLC0415

            return export_audits(db, path, [audit.id])

        self.context.operations.run(
            work,
            lambda report: self.context.status(f"Exported to {report.path}."),
            label="Exporting…",
        )
