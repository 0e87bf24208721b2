"""The programme of multi-agency audits: every audit with its dates and figures, the grade trend
across audits, and the themes findings keep coming back to.

Enter or a double click on an audit (or a click on its bar in the chart) opens it on the
audits page.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QSplitter, QVBoxLayout, QWidget

from partnerboard.domain import palette
from partnerboard.domain.audits import AGREEMENT_RULE, SHARE_RULE, FindingKind
from partnerboard.services import audits
from partnerboard.services.audits import AuditSummary, ThemeRow
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.audits import AUDIT_TABLES
from partnerboard.ui.pages.base import Page
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.charts import StackedBarChart
from partnerboard.ui.widgets.table_view import RegisterTable

MODERATION_TAB = 2


def _percent(share) -> float | None:
    return None if share.percent is None else share.part / share.whole


def programme_columns() -> list[Column[AuditSummary]]:
    return [
        Column("theme", "Theme", lambda s: s.audit.theme),
        Column("title", "Audit", lambda s: s.audit.title, tooltip=lambda s: s.audit.title),
        Column("from", "Period from", lambda s: s.audit.period_start),
        Column("to", "Period to", lambda s: s.audit.period_end),
        Column("status", "Status", lambda s: s.audit.status, sort_key=lambda s: s.audit.status.rank),
        Column("reported", "Reported on", lambda s: s.audit.reported_on),
        Column("cases", "Cases", lambda s: s.audit.cases, align_right=True),
        Column("returns", "Returns", lambda s: s.received,
               text=lambda s: f"{s.received} of {s.expected}", align_right=True),
        Column("share", "RI or better", lambda s: _percent(s.figures.ri_or_better),
               text=lambda s: str(s.figures.ri_or_better)),
        Column("agreement", "Agreement", lambda s: _percent(s.figures.agreement),
               text=lambda s: str(s.figures.agreement)),
        Column("flagged", "Re-audit due", lambda s: s.reaudits_due or None, align_right=True),
        Column("recommendations", "Recommendations complete", lambda s: s.recommendations,
               text=lambda s: f"{s.recommendations_complete} of {s.recommendations}"
               if s.recommendations else ""),
    ]  # fmt: skip


def theme_columns() -> list[Column[ThemeRow]]:
    kinds = [
        Column(k.value, k.label, lambda r, k=k: r.counts[k] or None, align_right=True)
        for k in FindingKind
    ]
    return [
        Column("theme", "Theme", lambda r: r.theme),
        *kinds,
        Column("audits", "Audits", lambda r: "; ".join(r.audits)),
    ]


class AuditProgrammePage(Page):
    key = "audit_programme"
    title = "Audit programme"
    tables = AUDIT_TABLES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.summaries: list[AuditSummary] = []
        self.model: RowTableModel[AuditSummary] = RowTableModel(programme_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "audit_programme", sort_column=2)
        self.table.setAccessibleName("Audits in the programme")
        self.table.activated.connect(self._open_row)
        self.table.doubleClicked.connect(self._open_row)
        self.chart = StackedBarChart("Final grades by audit, oldest first")
        self.chart.setMinimumHeight(180)
        self.chart.segment_clicked.connect(self._open_bar)
        self.theme_model: RowTableModel[ThemeRow] = RowTableModel(theme_columns())
        self.theme_proxy = FilterProxy(self)
        self.themes = RegisterTable(
            self.theme_model, self.theme_proxy, "audit_themes", sort_column=None
        )
        self.themes.setAccessibleName("Findings by theme across audits")
        note = QLabel(
            f"<span style='color:{palette.MUTED_TEXT}'>{escape(SHARE_RULE)} "
            f"{escape(AGREEMENT_RULE)} Enter or a double click opens an audit.</span>"
        )
        note.setWordWrap(True)
        note.setAccessibleName("How the figures are computed")

        trend = QGroupBox("Grade trend (moderated grade where moderated, else the agency's own)")
        QVBoxLayout(trend).addWidget(self.chart)
        themes = QGroupBox("Themes of the findings")
        QVBoxLayout(themes).addWidget(self.themes)
        lower = QSplitter()
        lower.addWidget(trend)
        lower.addWidget(themes)
        lower.setSizes([640, 540])
        lower.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.addWidget(self.table, 2)
        box.addWidget(note)
        row = QHBoxLayout()
        row.addWidget(lower)
        box.addLayout(row, 3)

    def refresh(self) -> None:
        self.summaries = audits.programme(self.db)
        self.model.set_rows(self.summaries)
        self.table.fit_columns(300)
        self.chart.set_data(audits.grade_trend(self.summaries))
        self.theme_model.set_rows(audits.findings_by_theme(self.db))
        self.themes.fit_columns(300)

    def _open_audit(self, audit_id: int) -> None:
        self.context.open_page("audits", audit_id=audit_id, tab=MODERATION_TAB)

    def _open_row(self, index) -> None:
        row = self.proxy.row_at(index.row())
        if row is not None:
            self._open_audit(row.audit.id)

    def _open_bar(self, category: str, _series: str) -> None:
        found = next((s for s in self.summaries if s.trend_label == category), None)
        if found is not None:
            self._open_audit(found.audit.id)
