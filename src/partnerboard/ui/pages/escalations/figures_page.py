"""Figures of the escalation log: open by stage, median days to resolve, categories by quarter,
and the learning themes that can become actions."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import YEAR, Period
from partnerboard.domain.thresholds import (
    STAGES,
    EscalationCategory,
    format_days,
)
from partnerboard.services import escalation_figures as ef
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.escalations.theme_action_dialog import ThemeActionDialog
from partnerboard.ui.pages.thresholds.outputs import OutputButtons
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.charts import BarChart
from partnerboard.ui.widgets.table_view import RegisterTable

PERIODS = ("Last 12 months", "This financial year", "Last financial year", "All escalations")


def period_dates(choice: str, today: date) -> tuple[date | None, date | None]:
    year = Period.containing(today, YEAR)
    if choice == "Last 12 months":
        return today - timedelta(days=365), today
    if choice == "This financial year":
        return year.start, year.end
    if choice == "Last financial year":
        return year.previous().start, year.previous().end
    return None, None


class EscalationFiguresPage(Page):
    key = "escalation_figures"
    title = "Escalation figures"
    tables = frozenset({"escalation", "escalation_step", "action"})

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.figures: ef.EscalationFigures | None = None
        self.period_choice = QComboBox()
        self.period_choice.setAccessibleName("Period")
        self.period_choice.addItems(PERIODS)
        self.period_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("Escalations in the period")
        self.headline.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse
            | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.headline.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

        self.stage_model: RowTableModel[tuple[int, int]] = RowTableModel(
            [
                Column("stage", "Stage", lambda r: f"Stage {r[0]}"),
                Column("open", "Open", lambda r: r[1], align_right=True),
                Column("who", "Dealt with by", lambda r: STAGES[r[0]]),
            ]
        )
        self.stage_table = self._table(
            self.stage_model, "escalation_open_by_stage", "Open escalations by stage"
        )
        self.chart = BarChart("Escalations by category and quarter")
        self.chart.setMinimumHeight(230)
        self.chart.segment_clicked.connect(self._open_segment)
        categories = list(EscalationCategory)
        quarter_columns = [
            Column("quarter", "Quarter", lambda q: q.label, sort_key=lambda q: q.period),
            Column("months", "Months", lambda q: q.period.months_text),
        ]
        quarter_columns += [
            Column(c.value, c.label, lambda q, i=i: q.counts[i], align_right=True)
            for i, c in enumerate(categories)
        ]
        quarter_columns.append(Column("total", "Total", lambda q: q.total, align_right=True))
        self.quarter_model: RowTableModel[ef.QuarterCounts] = RowTableModel(quarter_columns)
        self.quarter_table = self._table(
            self.quarter_model, "escalation_quarters", "Categories by quarter"
        )

        self.theme_model: RowTableModel[ef.ThemeRow] = RowTableModel(
            [
                Column("theme", "Learning theme", lambda t: t.theme),
                Column("count", "Escalations", lambda t: t.escalations, align_right=True),
                Column("open", "Still open", lambda t: t.open, align_right=True),
                Column("latest", "Latest raised", lambda t: t.latest_raised_on),
                Column("actions", "Action", lambda t: ", ".join(t.action_references) or "None yet"),
                Column(
                    "unlinked", "Not yet in an action", lambda t: t.without_action, align_right=True
                ),
            ]
        )
        self.theme_proxy = FilterProxy(self)
        self.theme_table = RegisterTable(
            self.theme_model, self.theme_proxy, "escalation_themes", sort_column=None
        )
        self.theme_table.setAccessibleName("Learning themes")
        self.theme_table.selectionModel().currentRowChanged.connect(lambda *_: self._theme_chosen())
        self.theme_table.doubleClicked.connect(lambda _i: self.show_theme())
        self.action_button = QPushButton("Create &action…")
        self.action_button.setAccessibleName("Create an action from the learning theme")
        self.action_button.clicked.connect(self.create_action)
        self.show_button = QPushButton("Show &escalations")
        self.show_button.setAccessibleName("Show the escalations of the learning theme")
        self.show_button.clicked.connect(self.show_theme)
        self.outputs = OutputButtons(self, kinds=("escalations_xlsx",))
        self.only_for(Permission.EDIT_RECORDS, self.action_button)
        self._layout_page()
        self._theme_chosen()

    def _table(self, model: RowTableModel, name: str, accessible: str) -> RegisterTable:
        table = RegisterTable(model, FilterProxy(self), name, sort_column=None)
        table.setSortingEnabled(False)
        table.setAccessibleName(accessible)
        return table

    def _layout_page(self) -> None:
        inner = QWidget()
        column = QVBoxLayout(inner)
        top = QHBoxLayout()
        caption = QLabel("&Period:")
        caption.setBuddy(self.period_choice)
        top.addWidget(caption)
        top.addWidget(self.period_choice)
        top.addWidget(self.outputs)
        top.addStretch(1)
        column.addLayout(top)
        column.addWidget(self.headline)
        grid = QGridLayout()
        stages = QGroupBox("Open by stage")
        QVBoxLayout(stages).addWidget(self.stage_table)
        self.stage_table.setMinimumHeight(150)
        quarters = QGroupBox("Categories by quarter (financial year from April)")
        quarter_box = QVBoxLayout(quarters)
        quarter_box.addWidget(self.chart)
        quarter_box.addWidget(self.quarter_table)
        self.quarter_table.setMinimumHeight(150)
        grid.addWidget(stages, 0, 0)
        grid.addWidget(quarters, 0, 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(1, 3)
        column.addLayout(grid)
        themes = QGroupBox("Learning themes")
        theme_box = QVBoxLayout(themes)
        theme_box.addWidget(self.theme_table)
        self.theme_table.setMinimumHeight(160)
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_button)
        buttons.addWidget(self.show_button)
        buttons.addStretch(1)
        theme_box.addLayout(buttons)
        column.addWidget(themes)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        QVBoxLayout(self).addWidget(scroll)

    def period(self) -> tuple[date | None, date | None]:
        return period_dates(self.period_choice.currentText(), self.db.clock.today())

    def refresh(self) -> None:
        since, until = self.period()
        figures = ef.escalation_figures(self.db, since, until)
        self.figures = figures
        span = (
            f"raised {since:%d/%m/%Y} to {until:%d/%m/%Y}" if since and until else "all escalations"
        )
        self.headline.setText(
            f"<p><b>{figures.raised}</b> escalations {span}: <b>{figures.open}</b> open, "
            f"<b>{figures.resolved}</b> resolved. Median time to resolve: "
            f"<b>{format_days(figures.median_days_to_resolve)}</b>.</p>"
        )
        self.stage_model.set_rows(list(zip(sorted(STAGES), figures.open_by_stage, strict=True)))
        self.stage_table.fit_columns()
        self.quarter_model.set_rows(figures.quarters)
        self.chart.set_data(ef.quarters_breakdown(figures))
        self.quarter_table.fit_columns(200)
        chosen = self._theme()
        self.theme_model.set_rows(ef.learning_theme_rows(self.db))
        self.theme_table.fit_columns(360)
        for row in range(self.theme_proxy.rowCount()):
            if chosen is not None and self.theme_proxy.row_at(row).theme == chosen.theme:
                self.theme_table.selectRow(row)
        self._theme_chosen()

    def _theme(self) -> ef.ThemeRow | None:
        index = self.theme_table.currentIndex()
        return self.theme_proxy.row_at(index.row()) if index.isValid() else None

    def _theme_chosen(self) -> None:
        theme = self._theme()
        self.action_button.setEnabled(theme is not None and theme.without_action > 0)
        self.show_button.setEnabled(theme is not None)

    def create_action(self) -> None:
        theme = self._theme()
        if theme is None:
            return
        dialog = ThemeActionDialog(self.db, theme, parent=self)
        if dialog.exec() and dialog.reference:
            self.context.status(f"Action {dialog.reference} added to the action log.")
            self.refresh()

    def _open_segment(self, quarter: str, category: str) -> None:
        """A bar's segment opens the escalations of that category raised in that quarter."""
        self.context.open_page("escalations", quarter=quarter, category=category)

    def show_theme(self) -> None:
        theme = self._theme()
        if theme is not None:
            self.context.open_page("escalations", theme=theme.theme)
