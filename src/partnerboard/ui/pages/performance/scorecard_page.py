"""The scorecard: every current indicator's latest figure for a quarter, RAG, direction of
travel, a trend of the last 8 periods, comparators and commentary; exceptions first.

Filters by theme, supplying agency, RAG and exceptions only; beside the table the chosen
indicator in full, with "Raise an action…" (the action links back to it); under the table the
returns still missing for the quarter, by agency. The board's PDF, the Excel export and the
partners' return workbooks are made from here too (off the GUI thread).
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.performance import format_figure
from partnerboard.domain.public_sector_year import Period
from partnerboard.services import performance as perf
from partnerboard.services.performance import MissingReturn, Scorecard, ScoreRow
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.performance.columns import TrendDelegate, score_columns
from partnerboard.ui.pages.performance.labels import button, facts_html
from partnerboard.ui.pages.performance.raise_action_dialog import RaiseActionDialog
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable

QUARTERS_OFFERED = 12
RAG_CHOICES = [
    (None, "Any RAG"),
    ("red", "Red"),
    ("amber", "Amber"),
    ("green", "Green"),
    ("none", "No RAG (no target, no figure)"),
]


def _labelled(text: str, widget: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(widget)
    return label


class ScorecardPage(Page):
    key = "scorecard"
    title = "Scorecard"
    tables = frozenset({"indicator", "indicator_value", "dataset_return", "action", "agency"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.card: Scorecard | None = None
        self.quarter = QComboBox()
        self.quarter.setAccessibleName("Quarter reported")
        self.theme = QComboBox()
        self.theme.setAccessibleName("Filter by theme")
        self.agency = QComboBox()
        self.agency.setAccessibleName("Filter by supplying agency")
        self.agency.setMinimumContentsLength(18)
        self.agency.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.rag = QComboBox()
        self.rag.setAccessibleName("Filter by RAG")
        refill(self.rag, RAG_CHOICES)
        self.exceptions_only = QCheckBox("Exceptions &only")
        self.exceptions_only.setAccessibleName("Show only exceptions")
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search indicators…")
        self.search.setAccessibleName("Search indicators")
        self.search.setClearButtonEnabled(True)
        self.quarter.currentIndexChanged.connect(lambda _i: self.refresh())
        for combo in (self.theme, self.agency, self.rag):
            combo.currentIndexChanged.connect(self._filter)
        self.exceptions_only.toggled.connect(self._filter)

        self.model: RowTableModel[ScoreRow] = RowTableModel(score_columns())
        self.proxy = FilterProxy(self)
        self.search.textChanged.connect(self.proxy.set_text)
        self.table = RegisterTable(self.model, self.proxy, "scorecard", sort_column=None)
        self.table.setAccessibleName("Scorecard")
        # Columns sized from the first rows (every one of hundreds of rows is not needed).
        self.table.horizontalHeader().setResizeContentsPrecision(60)
        self.table.setItemDelegateForColumn(
            self.model.column_index("trend"), TrendDelegate(self.table)
        )
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.summary = QLabel()
        self.summary.setObjectName("scorecardSummary")
        self.summary.setAccessibleName("Scorecard summary")
        self.summary.setWordWrap(True)

        self.detail = QLabel("Choose an indicator.")
        self.detail.setObjectName("indicatorDetail")
        self.detail.setAccessibleName("The chosen indicator")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.raise_button = button(
            "Raise an a&ction…",
            "Raise an action in the action log from this indicator",
            self.raise_action,
        )
        self.open_button = button(
            "Open in &Indicators", "Open this indicator on the Indicators page", self.open_indicator
        )

        self.missing_model: RowTableModel[MissingReturn] = RowTableModel(
            [
                Column("agency", "Agency", lambda m: m.agency_name),
                Column("indicators", "Indicators", lambda m: ", ".join(m.references)),
                Column("periods", "Periods owed", lambda m: ", ".join(m.periods)),
            ]
        )
        self.missing = RegisterTable(self.missing_model, FilterProxy(self), "scorecard_missing")
        self.missing.setAccessibleName("Returns missing by agency")
        self.missing.setMaximumHeight(120)
        self.missing_title = QLabel()
        self.missing_title.setAccessibleName("Returns missing")

        self.report_button = button(
            "&Print report (PDF)…", "Write the scorecard for the board as a PDF", self.write_report
        )
        self.export_button = button("E&xport to Excel…", "Export the dataset to Excel", self.export)
        self.templates_button = button(
            "Return &workbooks…",
            "Write each agency's return workbook for the quarter",
            self.write_templates,
        )
        self.may_raise = self.only_for(Permission.EDIT_RECORDS, self.raise_button)
        self.only_for(Permission.GENERATE_TEMPLATES, self.templates_button)
        self._layout()

    def _layout(self) -> None:
        filters = QHBoxLayout()
        for text, widget in (
            ("&Quarter", self.quarter), ("&Theme", self.theme),
            ("&Agency", self.agency), ("&RAG", self.rag),
        ):  # fmt: skip
            filters.addWidget(_labelled(text, widget))
            filters.addWidget(widget)
        filters.addWidget(self.exceptions_only)
        filters.addWidget(self.search, 1)
        outputs = QHBoxLayout()
        outputs.addWidget(self.summary, 1)
        for shown in (self.report_button, self.export_button, self.templates_button):
            outputs.addWidget(shown)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table, 1)
        left_box.addWidget(self.missing_title)
        left_box.addWidget(self.missing)
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(self.detail, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.raise_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        right_box.addLayout(buttons)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setSizes([900, 340])
        splitter.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addLayout(filters)
        outer.addLayout(outputs)
        outer.addWidget(splitter, 1)
        self._enable(None)

    # ------------------------------------------------------------ data
    def _quarters(self) -> list[Period]:
        latest = perf.reporting_period(self.db)
        return [latest.back(n) for n in range(QUARTERS_OFFERED)]

    def refresh(self) -> None:
        if self.quarter.count() == 0:
            refill(self.quarter, [(q.key, q.label) for q in self._quarters()])
        chosen = Period.from_key(self.quarter.currentData()) if self.quarter.currentData() else None
        keep = self.selected.id if self.selected else None
        self.card = perf.build_scorecard(self.db, chosen)
        refill(
            self.theme,
            [(None, "All themes"), *((t, t) for t in self.card.themes)],
            self.theme.currentData(),
        )
        agencies = sorted(
            {
                (r.indicator.agency_id, r.indicator.agency_name)
                for r in self.card.rows
                if r.indicator.agency_id
            },
            key=lambda a: (a[1] or "").casefold(),
        )
        refill(self.agency, [(None, "All agencies"), *agencies], self.agency.currentData())
        self.model.set_rows(self.card.rows)
        self.missing_model.set_rows(self.card.missing)
        self.table.fit_columns(260)
        self.missing.fit_columns(400)
        self._filter()
        self.missing_title.setText(
            f"<b>Returns missing for {self.card.period.label}</b>"
            + ("" if self.card.missing else ": none, every agency's figures are in.")
        )
        if keep is not None:
            self.select_indicator(keep)

    def _filter(self, *_args: Any) -> None:
        theme, agency, rag = (
            self.theme.currentData(),
            self.agency.currentData(),
            self.rag.currentData(),
        )
        only = self.exceptions_only.isChecked()
        self.proxy.set_predicate(
            "theme", None if theme is None else lambda r: (r.indicator.theme or "Other") == theme
        )
        self.proxy.set_predicate(
            "agency", None if agency is None else lambda r: r.indicator.agency_id == agency
        )
        self.proxy.set_predicate("rag", None if rag is None else lambda r: r.rag_key == rag)
        self.proxy.set_predicate("exceptions", (lambda r: r.exception) if only else None)
        self._summarise()

    def _summarise(self) -> None:
        if self.card is None:
            return
        shown = self.proxy.visible_rows()
        count = {
            k: sum(1 for r in shown if r.rag_key == k) for k in ("red", "amber", "green", "none")
        }
        exceptions = sum(1 for r in shown if r.exception)
        total = len(self.card.rows)
        of = f"{len(shown)} of {total}" if len(shown) != total else f"{total}"
        self.summary.setText(
            f"{self.card.period.long_label} · {of} indicators · {count['red']} Red · "
            f"{count['amber']} Amber · {count['green']} Green · {count['none']} without a RAG · "
            f"{exceptions} exception{'s' if exceptions != 1 else ''} · "
            f"{len(self.card.missing)} agenc{'ies' if len(self.card.missing) != 1 else 'y'} "
            "with returns missing"
        )

    @property
    def selected(self) -> ScoreRow | None:
        current = self.table.currentIndex()
        return self.proxy.row_at(current.row()) if current.isValid() else None

    def select_indicator(self, indicator_id: int) -> bool:
        for position, row in enumerate(self.proxy.visible_rows()):
            if row.id == indicator_id:
                self.table.selectRow(position)
                return True
        return False

    def open_with(self, **options: Any) -> None:
        self.ensure_loaded()
        if options.get("exceptions") is not None:
            self.exceptions_only.setChecked(bool(options["exceptions"]))
        if "indicator_id" in options:
            self.select_indicator(options["indicator_id"])

    def _enable(self, row: ScoreRow | None) -> None:
        self.raise_button.setEnabled(row is not None and self.may_raise)
        self.open_button.setEnabled(row is not None)

    def _selected(self, *_args: Any) -> None:
        row = self.selected
        self._enable(row)
        self.detail.setText(describe(row) if row else "Choose an indicator.")

    # ------------------------------------------------------------ actions
    def raise_action(self) -> None:
        row = self.selected
        if row is None or not self.may_raise:
            return
        dialog = RaiseActionDialog(self.db, row, self)
        if dialog.exec() and dialog.saved is not None:
            self.context.status(
                f"Action {dialog.saved.reference} raised from {row.indicator.reference}."
            )

    def open_indicator(self) -> None:
        row = self.selected
        if row is not None:
            self.context.open_page("indicators", indicator_id=row.id)

    def _save_path(self, title: str, suggested: str, kind: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(self, title, suggested, kind)
        return Path(name) if name else None

    def write_report(self) -> None:
        from partnerboard.reports.performance_pdf import performance_report  # noqa: PLC0415

        card = self.card
        if card is None:
            return
        target = self._save_path(
            "Save the scorecard",
            f"Performance scorecard {card.period.key.replace('/', '-')}.pdf",
            "PDF (*.pdf)",
        )
        if target is None:
            return
        theme, agency, rag = (
            self.theme.currentData(),
            self.agency.currentData(),
            self.rag.currentData(),
        )
        self.context.operations.run(
            lambda progress, cancel: performance_report(
                self.db, target, card.period, theme=theme, agency_id=agency,
                rags=(rag,) if rag else (), progress=progress, cancel=cancel,
            ),
            lambda result: self.context.status(f"Scorecard written to {result.path} ({result.pages} pages)."),
            label="Writing the scorecard…",
        )  # fmt: skip

    def export(self) -> None:
        from partnerboard.exports.dataset_xlsx import export_dataset  # noqa: PLC0415

        card = self.card
        if card is None:
            return
        target = self._save_path(
            "Export the dataset", "Performance dataset.xlsx", "Excel workbook (*.xlsx)"
        )
        if target is None:
            return
        self.context.operations.run(
            lambda _progress, _cancel: export_dataset(self.db, target, card.period),
            lambda result: self.context.status(f"Dataset exported to {result.path}."),
            label="Exporting…",
        )

    def write_templates(self) -> None:
        from partnerboard.workbooks.dataset.template import write_templates  # noqa: PLC0415

        card = self.card
        if card is None:
            return
        folder = QFileDialog.getExistingDirectory(
            self, f"Folder for the {card.period.label} returns"
        )
        if not folder:
            return
        self.context.operations.run(
            lambda progress, cancel: write_templates(
                self.db, card.period, Path(folder), progress=progress, cancel=cancel
            ),
            lambda written: self.context.status(
                f"{len(written)} return workbook(s) written to {folder}."
            ),
            label="Writing return workbooks…",
        )


def describe(row: ScoreRow) -> str:
    """The chosen indicator in full, as rich text (every user string escaped)."""
    indicator = row.indicator
    parts = [f"<h3>{escape(indicator.reference)} {escape(indicator.title)}</h3>"]
    if indicator.restricted:
        parts.append("<p><b>Restricted</b></p>")
    facts = [
        ("Figure", f"{row.value_text()} ({row.period_text()})" if row.period else row.value_text()),
        ("RAG", row.rag_label),
        ("Direction", row.direction_text()),
        (
            "Previous",
            format_figure(row.previous, indicator.unit) if row.previous is not None else "—",
        ),
        ("Target", indicator.target_text()),
        ("Comparators", indicator.comparator_text() or "—"),
        ("Supplied by", indicator.agency_name or "—"),
        ("Owner", indicator.owner or "—"),
        ("Trend", row.trend_text()),
    ]
    if row.why_exception:
        facts.insert(0, ("Exception", row.why_exception))
    if row.numerator is not None and row.denominator is not None:
        facts.insert(2, ("Counted", f"{row.numerator:,.0f} of {row.denominator:,.0f}"))
    parts.append(facts_html(facts))
    if row.missing and row.period is not None:
        parts.append("<p>No figure for the quarter yet: the latest one is shown.</p>")
    if row.not_available and row.reason:
        parts.append(f"<p><b>Not available:</b> {escape(row.reason)}</p>")
    if row.commentary:
        parts.append(f"<p><b>Commentary:</b> {escape(row.commentary)}</p>")
    if indicator.definition:
        parts.append(f"<p><b>Definition:</b> {escape(indicator.definition)}</p>")
    if row.open_actions:
        parts.append(f"<p>{row.open_actions} open action(s) raised from it in the action log.</p>")
    return "".join(parts)
