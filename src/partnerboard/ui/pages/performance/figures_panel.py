"""An indicator's figures: one row per period (RAG, direction, commentary, corrections), and
the form that records a figure for a period or corrects one (with a reason; the earlier
record stays in the history). The rules are the dataset's (`domain.performance`), the same
as for a partner's return: messages appear beside the fields.

A figure typed but not recorded is unsaved work (`ui.unsaved`): choosing another period or
another indicator, leaving the page or closing the window asks Save / Discard / Cancel first.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.domain.performance import format_figure
from partnerboard.domain.public_sector_year import Period
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import performance as perf
from partnerboard.services.performance import IndicatorRow, PeriodValue
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

PERIODS_OFFERED = {"Q": 12, "M": 24}


def _figure(value: PeriodValue, row: IndicatorRow) -> str:
    if value.row.not_available:
        return "Not available"
    return format_figure(value.row.value, row.unit)


class FiguresPanel(QGroupBox):
    recorded = Signal(str)  # the period recorded (a status message)

    def __init__(self, page: QWidget, parent: QWidget | None = None):
        super().__init__("Figures", parent)
        self.page = page
        self.indicator: IndicatorRow | None = None
        self.values: list[PeriodValue] = []
        self.shown_period: str | None = None  # the period the form holds
        self._quiet = False  # the period list being filled: no choice made by the user
        self.model: RowTableModel[PeriodValue] = RowTableModel(
            [
                Column("period", "Period", lambda v: v.period.label, sort_key=lambda v: v.period),
                Column("figure", "Figure", lambda v: _figure(v, self.indicator), align_right=True),  # type: ignore[arg-type]
                Column("rag", "RAG", lambda v: v.rag.label if v.rag else ""),
                Column("direction", "Direction", lambda v: v.direction.label),
                Column("commentary", "Commentary", lambda v: v.row.commentary or v.row.reason),
                Column("recorded", "Recorded", lambda v: v.row.recorded_at.date()),
                Column("by", "By", lambda v: v.row.recorded_by, visible=False),
                Column("source", "From", lambda v: v.row.source_label),
                Column(
                    "corrections", "Corrected", lambda v: v.corrections or None, align_right=True
                ),
            ]
        )
        self.table = RegisterTable(
            self.model, FilterProxy(self), "indicator_figures", sort_column=None
        )
        self.table.setAccessibleName("Figures by period")
        self.table.setMinimumHeight(170)
        self.table.selectionModel().currentRowChanged.connect(self._row_chosen)

        self.form = Form()
        self.period = self.form.choice("period", "Period", [])
        self.form.ignore_changes("period")  # it chooses what the form shows
        self.form.text("value", "Figure", max_length=30, placeholder="e.g. 82.5")
        self.form.text("numerator", "Numerator", max_length=30)
        self.form.text("denominator", "Denominator", max_length=30)
        not_available = self.form.check("not_available", "Not available")
        self.form.text("reason", "Why not available", max_length=1000)
        self.form.multiline(
            "commentary", "Commentary (required if Red or worse than last time)", height=60
        )
        self.form.text("correction_reason", "Reason for a correction", max_length=1000)
        self.editor = unsaved.FormEditor([self.form], self._unsaved_what, self.record, self._reload)
        # Inside the page's scroll area the form keeps its height (its fields never squeezed).
        self.form.setMinimumHeight(self.form.sizeHint().height())
        not_available.toggled.connect(self._availability)
        assert isinstance(self.period, QComboBox)
        self.period.currentIndexChanged.connect(lambda _i: self._period_chosen())
        self.held = QLabel()
        self.held.setWordWrap(True)
        self.held.setAccessibleName("Figure already held for the period")
        self.record_button = QPushButton("&Record figure")
        self.record_button.setAccessibleName("Record the figure for the period")
        self.record_button.clicked.connect(self.record)
        # Who may only read sees the figures, and the form showing them, but records nothing.
        self.may_record = hide_unless(page.db, Permission.EDIT_RECORDS, self.record_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(self.form)
        layout.addWidget(self.held)
        layout.addWidget(self.record_button)
        self.show_indicator(None)

    # ------------------------------------------------------------ loading
    def show_indicator(self, row: IndicatorRow | None, period: str | None = None) -> None:
        """Show `row`'s figures, the form on `period` (else the period shown, for the same
        indicator, else the latest complete one)."""
        same = row is not None and self.indicator is not None and row.id == self.indicator.id
        wanted = period or (self.shown_period if same else None)
        self.indicator = row
        self.values = perf.period_values(self.page.db, row.id) if row is not None else []
        self.model.set_rows(self.values)
        self.table.fit_columns(240)
        can_record = row is not None and row.active and self.may_record
        self.form.setEnabled(can_record)
        self.record_button.setEnabled(can_record)
        self.setTitle(f"Figures of {row.reference}" if row else "Figures")
        if row is None:
            self.shown_period = None
            self.form.load({})
            self.held.clear()
            return
        today = self.page.db.clock.today()
        latest = Period.latest_complete(today, row.period_kind)
        offered = [
            latest.next(),
            *(latest.back(n) for n in range(PERIODS_OFFERED[row.period_kind])),
        ]
        if row.starts:
            first = Period.from_key(row.starts)
            offered = [p for p in offered if p.kind != first.kind or p >= first]
        self._quiet = True
        try:
            self.form.set_choices("period", [(p.key, p.label) for p in offered if p.start <= today])
            position = self.period.findData(wanted) if wanted else -1
            self.period.setCurrentIndex(
                position if position >= 0 else self.period.findData(latest.key)
            )
        finally:
            self._quiet = False
        self.form.field("numerator").setEnabled(row.has_parts)
        self.form.field("denominator").setEnabled(row.has_parts)
        self._show_period()

    def _current(self, key: str | None) -> PeriodValue | None:
        return next((v for v in self.values if v.period.key == key), None)

    def _period_chosen(self) -> None:
        """Another period chosen: a figure typed for the one shown is asked about first."""
        if self._quiet or self.period.currentData() == self.shown_period:
            return
        wanted = self.period.currentData()
        if not unsaved.settle(self.page, self.editor):
            self._choose_quietly(self.shown_period)  # Cancel: back to the figure typed
            return
        self._choose_quietly(wanted)  # a save reloads the list: choose again what was chosen
        self._show_period()

    def _choose_quietly(self, key: str | None) -> None:
        self._quiet = True
        try:
            position = self.period.findData(key)
            if position >= 0:
                self.period.setCurrentIndex(position)
        finally:
            self._quiet = False

    def _show_period(self) -> None:
        key = self.period.currentData()
        self.shown_period = key
        held = self._current(key)
        row = self.indicator
        values: dict[str, object] = {"period": key}
        if held is not None and row is not None:
            figure = held.row
            values.update(
                value="" if figure.value is None else format_figure(figure.value, row.unit, with_unit=False).replace(",", ""),
                numerator="" if figure.numerator is None else f"{figure.numerator:g}",
                denominator="" if figure.denominator is None else f"{figure.denominator:g}",
                not_available=figure.not_available, reason=figure.reason, commentary=figure.commentary,
            )  # fmt: skip
            self.held.setText(
                f"{held.period.label} holds {_figure(held, row)}, recorded "
                f"{format_date(figure.recorded_at)} by {figure.recorded_by or 'someone'}."
                + (
                    " A different figure is a correction: give the reason."
                    if self.may_record
                    else ""
                )
            )
        else:
            self.held.setText("No figure for this period yet." if key else "")
        self._quiet = True
        try:
            self.form.load(values)
        finally:
            self._quiet = False
        self.form.field("correction_reason").setEnabled(held is not None)
        self._availability(bool(values.get("not_available")))

    def _reload(self) -> None:
        """Discard: the period's stored figure again."""
        self._show_period()

    def _unsaved_what(self) -> str:
        row, key = self.indicator, self.shown_period
        if row is None or key is None:
            return "the figure you typed"
        return f"the figure typed for {row.reference}, {Period.from_key(key).label}"

    def _availability(self, not_available: bool) -> None:
        has_parts = self.indicator is not None and self.indicator.has_parts
        self.form.field("value").setEnabled(not not_available)
        for key in ("numerator", "denominator"):
            self.form.field(key).setEnabled(has_parts and not not_available)
        self.form.field("reason").setEnabled(not_available)

    def _row_chosen(self, *_args) -> None:
        current = self.table.currentIndex()
        value = self.table.model().row_at(current.row()) if current.isValid() else None
        if isinstance(value, PeriodValue):
            position = self.period.findData(value.period.key)
            if position >= 0:
                self.period.setCurrentIndex(position)

    # ------------------------------------------------------------ recording
    def record(self) -> bool:
        """Record the figure typed; False (the reasons beside the fields) when refused."""
        row = self.indicator
        if row is None or not self.may_record:
            return False
        try:
            values = self.form.values()
            data = perf.ValueInput(
                period=values["period"] or "", value=values["value"] or None,
                numerator=values["numerator"] or None, denominator=values["denominator"] or None,
                not_available=bool(values["not_available"]), reason=values["reason"],
                commentary=values["commentary"], correction_reason=values["correction_reason"],
            )  # fmt: skip
            stored = perf.record_value(self.page.db, row.id, data)
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot record the figure", self.page.context.status)
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot record the figure", str(problem))
            return False
        period = Period.from_key(values["period"]).label
        self.form.mark_clean()
        self.show_indicator(row, values["period"])
        self.recorded.emit(
            f"{row.reference} {period}: recorded."
            if stored
            else f"{row.reference} {period}: unchanged."
        )
        return True
