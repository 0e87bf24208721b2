"""Training figures for a year or quarter: places filled, did-not-attend rate and its cost,
attendance by agency against each agency's target and by sector, confidence before and after
per learning outcome, the follow-up response rate and what changed, with charts; the PDF report
and the Excel export; and, on a second tab, agencies' targets and the cost of a place (whose
forms are the page's unsaved work: another period, tab or page asks first, `ui.unsaved`)."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.public_sector_year import QUARTER, YEAR, Period
from partnerboard.services.training import figures as tf
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.thresholds import outputs as threshold_outputs
from partnerboard.ui.pages.training import TRAINING_TABLES
from partnerboard.ui.pages.training.targets_panel import TargetsPanel
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.charts import StackedBarChart
from partnerboard.ui.widgets.table_view import RegisterTable


def _percent(share) -> str:
    return "–" if share is None or share.percent is None else f"{share.percent}%"


def agency_columns() -> list[Column[tf.Tally]]:
    return [
        Column("agency", "Agency", lambda t: t.name),
        Column("sector", "Sector", lambda t: t.detail),
        Column("held", "Places held", lambda t: t.held, align_right=True),
        Column("attended", "Attended", lambda t: t.attended, align_right=True),
        Column("dna", "Did not attend", lambda t: t.did_not_attend, align_right=True),
        Column("late", "Cancelled late", lambda t: t.cancelled_late, align_right=True),
        Column("rate", "DNA rate", lambda t: _percent(t.dna_rate), sort_key=lambda t: t.dna_rate.percent),
        Column("target", "Target", lambda t: t.target, align_right=True),
        Column("done", "Against target", lambda t: _percent(t.against_target),
               sort_key=lambda t: t.against_target.percent if t.against_target else -1),
    ]  # fmt: skip


def outcome_columns() -> list[Column[tf.OutcomeChange]]:
    def one(value: float | None) -> str:
        return "–" if value is None else f"{value:.1f}"

    return [
        Column("course", "Course", lambda o: o.course),
        Column("outcome", "Learning outcome", lambda o: f"{o.number}. {o.text}"),
        Column("rated", "Rated", lambda o: o.rated, align_right=True),
        Column("before", "Before", lambda o: one(o.mean_before), sort_key=lambda o: o.mean_before),
        Column("after", "After", lambda o: one(o.mean_after), sort_key=lambda o: o.mean_after),
        Column("change", "Change", lambda o: "–" if o.change is None else f"{o.change:+.1f}",
               sort_key=lambda o: o.change),
        Column("improved", "More confident", lambda o: f"{o.improved} of {o.rated}",
               sort_key=lambda o: o.improved),
    ]  # fmt: skip


class TrainingFiguresPage(Page):
    key = "training_figures"
    title = "Training figures"
    tables = TRAINING_TABLES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.figures: tf.TrainingFigures | None = None
        self.shown_period: Period | None = None
        self.period_choice = QComboBox()
        self.period_choice.setAccessibleName("Period")
        self.period_choice.currentIndexChanged.connect(lambda _i: self._period_changed())
        self.report_button = self._button(
            "&Report (PDF)…", "Write the training report as PDF", self.write_report
        )
        self.export_button = self._button("E&xport to Excel…", "Export the training figures to Excel", self.export)  # fmt: skip
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.headline.setAccessibleName("The figures at a glance")
        self.headline.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse)  # fmt: skip
        self.headline.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.progress.setAccessibleName("Progress against the plan")
        self.places_chart = StackedBarChart("Places by course")
        self.sector_chart = StackedBarChart("Attendance by sector")
        self.confidence_chart = StackedBarChart("More confident after the course, by course")
        for chart in (self.places_chart, self.sector_chart, self.confidence_chart):
            chart.setMinimumHeight(260)
        self.agency_model: RowTableModel[tf.Tally] = RowTableModel(agency_columns())
        self.agency_table = RegisterTable(
            self.agency_model, FilterProxy(self), "training_by_agency"
        )
        self.agency_table.setAccessibleName("Attendance by agency")
        self.outcome_model: RowTableModel[tf.OutcomeChange] = RowTableModel(outcome_columns())
        self.outcome_table = RegisterTable(
            self.outcome_model, FilterProxy(self), "training_outcomes"
        )
        self.outcome_table.setAccessibleName("Confidence per learning outcome")
        self.theme_model: RowTableModel[tuple[str, int]] = RowTableModel(
            [Column("theme", "What changed (theme)", lambda t: t[0]),
             Column("count", "Responses", lambda t: t[1], align_right=True)]
        )  # fmt: skip
        self.theme_table = RegisterTable(self.theme_model, FilterProxy(self), "training_themes", sort_column=None)  # fmt: skip
        self.theme_table.setAccessibleName("What changed in practice, by theme")
        for table in (self.agency_table, self.outcome_table, self.theme_table):
            table.setMinimumHeight(220)
        self.targets = TargetsPanel(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Training figures views")
        self.tabs.addTab(self._figures_tab(), "Fig&ures")
        self.tabs.addTab(self.targets, "Agencies' t&argets and cost")
        unsaved.guard_tabs(self.tabs, self)
        bar = QHBoxLayout()
        caption = QLabel("&Period:")
        caption.setBuddy(self.period_choice)
        bar.addWidget(caption)
        bar.addWidget(self.period_choice)
        bar.addStretch(1)
        bar.addWidget(self.report_button)
        bar.addWidget(self.export_button)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.tabs, 1)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _figures_tab(self) -> QWidget:
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.addWidget(self.headline)
        plan = QGroupBox("Progress against the plan")
        QVBoxLayout(plan).addWidget(self.progress)
        column.addWidget(plan)
        grid = QGridLayout()
        for position, (title, widget) in enumerate(
            (("Places by course (sessions held)", self.places_chart),
             ("Attendance by sector", self.sector_chart),
             ("Confidence after the course", self.confidence_chart))
        ):  # fmt: skip
            group = QGroupBox(title)
            QVBoxLayout(group).addWidget(widget)
            grid.addWidget(group, 0, position)
        column.addLayout(grid)
        for title, table in (("Attendance by agency", self.agency_table),
                             ("Confidence before and after, per learning outcome", self.outcome_table),
                             ("What practitioners did differently (follow-up themes)", self.theme_table)):  # fmt: skip
            group = QGroupBox(title)
            QVBoxLayout(group).addWidget(table)
            column.addWidget(group)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        return scroll

    def editors(self) -> list[unsaved.Editor]:
        return [self.targets]

    def _period_changed(self) -> None:
        """Another period: a target typed for the year shown is asked about first."""
        if self.period_choice.currentData() == self.shown_period:
            return
        if not unsaved.settle(self, self.targets):
            shown = [self.period_choice.itemData(i) for i in range(self.period_choice.count())]
            self.period_choice.blockSignals(True)  # Cancel: the period shown stays
            self.period_choice.setCurrentIndex(shown.index(self.shown_period))
            self.period_choice.blockSignals(False)
            return
        self.refresh()

    def periods(self) -> list[Period]:
        today = self.db.clock.today()
        this_year, this_quarter = Period.containing(today, YEAR), Period.containing(today, QUARTER)
        return [this_year, this_year.previous(), this_quarter, this_quarter.previous()]

    def period(self) -> Period:
        chosen = self.period_choice.currentData()
        return chosen if chosen is not None else Period.containing(self.db.clock.today(), YEAR)

    def refresh(self) -> None:
        if self.period_choice.count() == 0:
            self.period_choice.blockSignals(True)
            names = ("This year", "Last year", "This quarter", "Last quarter")
            for name, period in zip(names, self.periods(), strict=True):
                self.period_choice.addItem(f"{name} ({period.label})", period)
            self.period_choice.blockSignals(False)
        self.shown_period = self.period_choice.currentData()
        f = tf.training_figures(self.db, self.period())
        self.figures = f
        glance = "".join(
            f"<tr><td><b>{escape(k)}</b></td><td>{escape(str(v))}</td></tr>"
            for k, v in tf.at_a_glance(f)
        )
        self.headline.setText(f"<p>Sessions that started in {escape(f.period.label)}:</p><table cellspacing='3'>{glance}</table>")  # fmt: skip
        lines = [escape(f"{c.reference} {c.text}") + (f" — answers {escape('; '.join(c.actions))}" if c.actions else "") for c in f.courses]  # fmt: skip
        self.progress.setText(
            "<br>".join(lines) or "No course has a target or answers an action yet."
        )
        self.places_chart.set_data(tf.places_breakdown(f))
        self.sector_chart.set_data(tf.attendance_breakdown(f.by_sector))
        self.confidence_chart.set_data(tf.confidence_breakdown(f, by_course=True))
        for chart in (self.places_chart, self.sector_chart, self.confidence_chart):
            chart.setMinimumHeight(max(220, chart.sizeHint().height()))  # every bar shown
        self.agency_model.set_rows(f.by_agency)
        self.agency_table.fit_columns(300)
        self.outcome_model.set_rows(f.outcomes)
        self.outcome_table.fit_columns(420)
        self.theme_model.set_rows(f.themes)
        self.theme_table.fit_columns(360)
        self.targets.load(self.period().year)

    def write_report(self) -> None:
        period = self.period()
        suggested = f"Training report {period.label.replace('/', '-')}.pdf"
        path = threshold_outputs.ask_save_path(
            self, "Save the training report", suggested, "PDF (*.pdf)"
        )
        if path is None:
            return
        db = self.db

        def work(_progress, _cancel):
            from partnerboard.reports.training_report import write_training_report  # noqa: PLC0415

            return write_training_report(db, period, path)

        self.context.operations.run(
            work, lambda r: self.context.status(f"Training report saved to {r.path} ({r.pages} page(s))."),
            label="Writing the training report…",
        )  # fmt: skip

    def export(self) -> None:
        period = self.period()
        suggested = f"Training {period.label.replace('/', '-')}.xlsx"
        path = threshold_outputs.ask_save_path(self, "Export the training figures", suggested, "Excel workbook (*.xlsx)")  # fmt: skip
        if path is None:
            return
        db = self.db

        def work(_progress, _cancel):
            from partnerboard.exports.training_xlsx import export_training  # noqa: PLC0415

            return export_training(db, path, period)

        self.context.operations.run(
            work, lambda r: self.context.status(f"Exported to {r.path}."), label="Exporting…"
        )
