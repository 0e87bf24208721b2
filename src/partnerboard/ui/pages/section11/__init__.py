"""Section 11: rounds, returns by agency, compliance heatmap, year on year, challenge and feedback.

The page holds the round chooser and the round's actions (new round, templates, matrix
export); each tab shows one view of the chosen round and reloads when the round changes or a
commit touches Section 11 tables.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
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
from partnerboard.services import section11 as s11
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.section11.challenge_tab import ChallengeTab
from partnerboard.ui.pages.section11.compliance_tab import ComplianceTab, TrendTab
from partnerboard.ui.pages.section11.returns_tab import ReturnsTab
from partnerboard.ui.pages.section11.round_dialog import RoundDialog
from partnerboard.ui.widgets.choices import refill


class Section11Page(Page):
    key = "section11"
    title = "Section 11"
    tables = frozenset(
        {
            "s11_framework", "s11_round", "s11_return", "s11_submission", "s11_answer",
            "s11_moderation", "s11_challenge", "action", "agency",
        }
    )  # fmt: skip

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.rounds: list[s11.RoundRow] = []
        self.round_choice = QComboBox()
        self.round_choice.setAccessibleName("Section 11 round")
        self.round_choice.setMinimumWidth(140)
        self.round_choice.currentIndexChanged.connect(self._round_chosen)
        self._round_shown: int | None = None
        round_label = QLabel("&Round")
        round_label.setBuddy(self.round_choice)
        self.new_round_button = QPushButton("&New round…")
        self.new_round_button.setAccessibleName("New Section 11 round")
        self.new_round_button.clicked.connect(self.new_round)
        self.templates_button = QPushButton("Generate &templates…")
        self.templates_button.setAccessibleName("Generate templates for every agency in the round")
        self.templates_button.clicked.connect(lambda: self.generate_templates())
        self.prefill = QCheckBox("&Prefill with latest answers")
        self.prefill.setAccessibleName("Prefill templates with each agency's latest answers")
        self.prefill.setChecked(True)
        self.export_button = QPushButton("E&xport matrix…")
        self.export_button.setAccessibleName("Export the compliance matrix to Excel")
        self.export_button.clicked.connect(self.export_matrix)
        self.only_for(Permission.EDIT_RECORDS, self.new_round_button)
        self.only_for(Permission.GENERATE_TEMPLATES, self.templates_button, self.prefill)
        self.facts = QLabel()
        self.facts.setObjectName("roundFacts")
        self.facts.setAccessibleName("About the round")
        self.facts.setWordWrap(True)

        bar = QHBoxLayout()
        bar.addWidget(round_label)
        bar.addWidget(self.round_choice)
        bar.addWidget(self.new_round_button)
        bar.addStretch(1)
        bar.addWidget(self.prefill)
        bar.addWidget(self.templates_button)
        bar.addWidget(self.export_button)

        self.returns_tab = ReturnsTab(self)
        self.returns_tab.templates_wanted.connect(self.generate_templates)
        self.returns_tab.letter_wanted.connect(self.feedback_letter)
        self.compliance_tab = ComplianceTab(self)
        self.trend_tab = TrendTab(self)
        self.challenge_tab = ChallengeTab(self)
        self.challenge_tab.letter_wanted.connect(self.feedback_letter)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Section 11 views")
        self.tabs.addTab(self.returns_tab, "Returns")
        self.tabs.addTab(self.compliance_tab, "Compliance heatmap")
        self.tabs.addTab(self.trend_tab, "Year on year")
        self.tabs.addTab(self.challenge_tab, "Challenge and feedback")
        unsaved.guard_tabs(self.tabs, self)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(self.facts)
        outer.addWidget(self.tabs, 1)

    def editors(self) -> list[unsaved.Editor]:
        return [self.challenge_tab]

    # ------------------------------------------------------------ data
    @property
    def current_round(self) -> s11.RoundRow | None:
        index = self.round_choice.currentIndex()
        return self.rounds[index] if 0 <= index < len(self.rounds) else None

    def refresh(self) -> None:
        keep = self.current_round.id if self.current_round else None
        self.rounds = s11.list_rounds(self.db)
        refill(self.round_choice, [(r.id, r.label) for r in self.rounds], keep)
        self._round_changed()

    def _round_chosen(self, *_args) -> None:
        if not unsaved.settle_choice(self, self.round_choice, self._round_shown):
            return
        self._round_changed()

    def _round_changed(self, *_args) -> None:
        the_round = self.current_round
        self._round_shown = the_round.id if the_round else None
        for button in (self.templates_button, self.export_button):
            button.setEnabled(the_round is not None)
        if the_round is None:
            self.facts.setText("No Section 11 round yet: start one with New round.")
        else:
            self.facts.setText(
                f"{the_round.framework_name} (version {the_round.framework_version}) · "
                f"ratings: {', '.join(the_round.scale.labels())} · issued "
                f"{format_date(the_round.issue_date) or 'not set'} · deadline "
                f"{format_date(the_round.deadline) or 'not set'} · {the_round.returned} of "
                f"{the_round.agencies_in_scope} returned · {the_round.status.label}"
            )
        for tab in (self.returns_tab, self.compliance_tab, self.trend_tab, self.challenge_tab):
            tab.load(the_round)

    def select_round(self, label: str) -> None:
        position = self.round_choice.findText(label)
        if position >= 0:
            self.round_choice.setCurrentIndex(position)

    # ------------------------------------------------------------ actions
    def ask_folder(self, title: str) -> Path | None:
        name = QFileDialog.getExistingDirectory(self, title)
        return Path(name) if name else None

    def ask_save_path(self, title: str, suggested: str, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, kind)
        return Path(name) if name else None

    def new_round(self) -> None:
        dialog = RoundDialog(self.db, self)
        if dialog.exec() and dialog.saved is not None:
            self.refresh()
            self.select_round(dialog.saved.label)
            self.context.status(f"Round {dialog.saved.label} started.")

    def generate_templates(self, agency_ids: list[int] | None = None) -> None:
        from partnerboard.workbooks.section11.template import write_templates  # noqa: PLC0415

        the_round = self.current_round
        if the_round is None:
            return
        folder = self.ask_folder(f"Folder for the round {the_round.label} templates")
        if folder is None:
            return
        prefill = self.prefill.isChecked()
        self.context.operations.run(
            lambda progress, cancel: write_templates(
                self.db, the_round.id, folder, agency_ids, prefill, progress=progress, cancel=cancel
            ),
            lambda written: self.context.status(f"{len(written)} template(s) written to {folder}."),
            label="Writing templates…",
            write=True,
        )

    def export_matrix(self) -> None:
        from partnerboard.exports.section11_xlsx import export_matrix  # noqa: PLC0415

        the_round = self.current_round
        if the_round is None:
            return
        target = self.ask_save_path(
            "Export the compliance matrix",
            f"Section 11 {the_round.label} matrix.xlsx",
            "Excel workbook (*.xlsx)",
        )
        if target is None:
            return
        self.context.operations.run(
            lambda _progress, _cancel: export_matrix(self.db, the_round.id, target),
            lambda saved: self.context.status(f"Matrix exported to {saved}."),
            label="Exporting…",
        )

    def feedback_letter(self, agency_id: int, agency_name: str) -> None:
        from partnerboard.reports.section11_feedback import write_feedback_letter  # noqa: PLC0415

        the_round = self.current_round
        if the_round is None:
            return
        target = self.ask_save_path(
            "Save the feedback letter",
            f"Section 11 {the_round.label} feedback - {agency_name}.pdf",
            "PDF (*.pdf)",
        )
        if target is None:
            return
        self.context.operations.run(
            lambda _progress, _cancel: write_feedback_letter(
                self.db, the_round.id, agency_id, target
            ),
            lambda saved: self.context.status(f"Feedback letter saved to {saved}."),
            label="Writing the feedback letter…",
        )
