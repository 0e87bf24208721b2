"""Grading and moderation: per case and agency the grade, the moderated grade, the moderator and
whether they agreed; the audit's figures, each with how it is computed; the grade distribution.

The figures count the current returns only, as `domain.audits` defines them; the same numbers
appear in the audit report and the Excel export.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain import palette
from partnerboard.domain.audits import AGREEMENT_RULE, REAUDIT_RULE, SHARE_RULE, Grade
from partnerboard.domain.breakdown import Breakdown
from partnerboard.services import audits
from partnerboard.services.audits import GradeRow
from partnerboard.ui import unsaved
from partnerboard.ui.pages.audits.moderation_panel import ModerationPanel
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.charts import BarChart
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

FILTERS = {
    "all": ("All cases and agencies", None),
    "unmoderated": ("Returned, not moderated", lambda r: r.return_id and r.agreed is None),
    "awaited": ("Returns awaited", lambda r: r.return_id is None),
    "disagreed": ("Moderator disagreed", lambda r: r.agreed is False),
    "flagged": ("Cases flagged for re-audit", lambda r: r.flagged),
}


def grade_column(key: str, title: str, grade_of, empty: str) -> Column[GradeRow]:
    def swatch(row: GradeRow) -> palette.Swatch | None:
        grade = grade_of(row)
        return grade.swatch if grade else None

    return Column(
        key, title, lambda r: grade_of(r).rank if grade_of(r) else None,
        text=lambda r: grade_of(r).label if grade_of(r) else empty,
        background=lambda r: swatch(r).fill if swatch(r) else None,
        foreground=lambda r: swatch(r).text if swatch(r) else None,
    )  # fmt: skip


def grade_columns() -> list[Column[GradeRow]]:
    return [
        Column("case", "Case", lambda r: r.case_reference),
        Column("agency", "Agency", lambda r: r.agency_name, tooltip=lambda r: r.agency_name),
        grade_column("grade", "Agency's grade", lambda r: r.grade, "Awaited"),
        grade_column("moderated", "Moderated grade", lambda r: r.moderated_grade, ""),
        Column("agreed", "Agreed", lambda r: r.agreed),
        Column("moderator", "Moderator", lambda r: r.moderator),
        Column("on", "Moderated on", lambda r: r.moderated_on),
        Column(
            "reaudit",
            "Re-audit",
            lambda r: r.reaudit,
            foreground=lambda r: palette.RED.fill if r.flagged and not r.reaudited else None,
        ),  # fmt: skip
        Column("received", "Received", lambda r: r.received_at, visible=False),
    ]


def _figure_label(name: str) -> QLabel:
    label = QLabel()
    label.setAccessibleName(name)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                  | Qt.TextInteractionFlag.TextSelectableByMouse)  # fmt: skip
    label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    label.setWordWrap(True)
    return label


class ModerationTab(QWidget, unsaved.Editors):
    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.audit: audits.AuditRow | None = None
        self.rows: list[GradeRow] = []
        self.share = _figure_label("Share graded Requires improvement or better")
        self.agreement = _figure_label("Moderation agreement rate")
        self.progress = _figure_label("Returns and re-audits")
        self.rules = QLabel(
            f"<small style='color:{palette.MUTED_TEXT}'>{escape(SHARE_RULE)}<br>"
            f"{escape(AGREEMENT_RULE)}<br>{escape(REAUDIT_RULE)}</small>"
        )
        self.rules.setWordWrap(True)
        self.rules.setAccessibleName("How the figures are computed")
        self.chart = BarChart("Grade distribution after moderation")
        self.chart.setFixedHeight(170)
        figures = QGroupBox("Figures")
        numbers = QVBoxLayout()
        for label in (self.share, self.agreement, self.progress, self.rules):
            numbers.addWidget(label)
        numbers.addStretch(1)
        row = QHBoxLayout(figures)
        row.addLayout(numbers, 3)
        row.addWidget(self.chart, 2)

        self.filter = QComboBox()
        self.filter.setAccessibleName("Show")
        for key, (text, _predicate) in FILTERS.items():
            self.filter.addItem(text, key)
        self.filter.currentIndexChanged.connect(self._filter)
        show_label = QLabel("Sho&w")
        show_label.setBuddy(self.filter)
        self.model: RowTableModel[GradeRow] = RowTableModel(grade_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "ma_grades", sort_column=None)
        self.table.setAccessibleName("Grades by case and agency")
        self.panel = ModerationPanel(page.db)
        self.panel.moderated.connect(self.page.context.status)
        self.editor = unsaved.FormEditor(
            [self.panel.form],
            lambda: f"the moderation of {self.panel.describe()}",
            self.panel.record,
            lambda: self._show(self.panel.row),
        )
        self.chooser = unsaved.RowChooser(
            self.table,
            self,
            self.editor,
            lambda: _key(self.panel.row) if self.panel.row else None,
            self._show,
            key=_key,
        )

        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        bar.addWidget(show_label)
        bar.addWidget(self.filter)
        bar.addStretch(1)
        left_box.addLayout(bar)
        left_box.addWidget(self.table)
        side = QScrollArea()
        side.setWidget(self.panel)
        side.setWidgetResizable(True)
        side.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        side.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(side)
        splitter.setSizes([780, 400])
        splitter.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.addWidget(figures)
        box.addWidget(splitter, 1)

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def load(self, audit: audits.AuditRow | None) -> None:
        # The same audit again (a refresh): a moderation being written stays as it is.
        same = audit is not None and self.audit is not None and audit.id == self.audit.id
        typing = same and self.editor.dirty()
        self.audit = audit
        keep = _key(self.panel.row) if self.panel.row else None
        self.rows = audits.grade_rows(self.page.db, audit.id) if audit else []
        self.model.set_rows(self.rows)
        self.table.fit_columns(260)
        self._show_figures()
        if keep is not None and self.chooser.select(keep, load=not typing):
            return
        if not typing:
            self._show(None)

    def _show_figures(self) -> None:
        figures = audits.figures_of(self.rows)
        self.share.setText(
            f"<b>Graded Requires improvement or better:</b> {escape(str(figures.ri_or_better))}"
        )
        self.agreement.setText(
            f"<b>Moderation agreement rate:</b> {escape(str(figures.agreement))}"
        )
        received = sum(1 for r in self.rows if r.return_id is not None)
        flagged = {r.case_id for r in self.rows if r.flagged}
        due = {r.case_id for r in self.rows if r.flagged and not r.reaudited}
        self.progress.setText(
            f"<b>Returns:</b> {received} of {len(self.rows)} received · "
            f"<b>Flagged for re-audit:</b> {len(flagged)} case(s), {len(due)} not yet re-audited"
        )
        grades = list(Grade)
        self.chart.set_data(
            Breakdown.distribution(
                [g.label for g in grades], figures.final_counts, series="Returns"
            )
            if figures.graded
            else None
        )

    @property
    def selected(self) -> GradeRow | None:
        current = self.table.currentIndex()
        return self.proxy.row_at(current.row()) if current.isValid() else None

    def _filter(self) -> None:
        _text, predicate = FILTERS[self.filter.currentData()]
        self.proxy.set_predicate("show", predicate)

    def _show(self, row: GradeRow | None) -> None:
        audit = self.audit
        why_not = ""
        if audit is not None and not audit.status.takes_moderation:
            why_not = (
                f"This audit is {audit.status.label.lower()}: moderation is recorded while an "
                "audit is in progress or in moderation."
            )
        if row is not None and row.return_id is None:
            why_not = "The agency has not returned on this case yet."
        can = audit is not None and audit.status.takes_moderation
        self.panel.show_row(row, can, why_not)


def _key(row: GradeRow) -> tuple[int, int]:
    return (row.case_id, row.agency_id)
