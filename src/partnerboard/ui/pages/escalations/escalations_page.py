"""The escalation log: professional disagreements, stage by stage, resolved or not."""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.public_sector_year import Period
from partnerboard.domain.thresholds import (
    EscalationCategory,
    format_days,
    stage_label,
)
from partnerboard.errors import UserError
from partnerboard.services import escalation_steps, escalations, partnership
from partnerboard.services.escalations import EscalationInput, EscalationRow, StepRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.escalations.step_dialog import StepDialog
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.audience import add_restriction_fields
from partnerboard.ui.widgets.table_view import RegisterTable

OPEN_FILL = "#F5A623"  # amber: still to resolve (black text reads on it)


class EscalationsPage(RegisterPage):
    key = "escalations"
    title = "Escalations"
    noun = "escalation"
    plural = "escalations"
    tables = frozenset({"escalation", "escalation_step", "agency", "action"})
    row_table = "escalation"
    row_parts = frozenset({"escalation_step"})

    def __init__(self, context, parent: QWidget | None = None):
        self.sees_restricted = context.db.principal.role.sees_restricted
        super().__init__(context, parent)
        # Escalations are never deactivated: they are resolved.
        self.active_button.hide()
        self.show_inactive.hide()
        # Long agency names must not widen the form past its panel.
        self.form_title.setWordWrap(True)
        for key in ("raising_agency_id", "other_agency_id", "category"):
            combo = self.form.field(key)
            assert isinstance(combo, QComboBox)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(24)

    def columns(self) -> list[Column[EscalationRow]]:
        columns = [
            Column("reference", "Reference", lambda r: r.reference, sort_key=lambda r: r.id),
            Column("raised_on", "Raised", lambda r: r.raised_on),
            Column("raising", "Raised by", lambda r: r.raising_agency),
            Column("other", "With", lambda r: r.other_agency),
            Column("category", "Category", lambda r: r.category),
            Column("stage", "Stage", lambda r: r.stage, align_right=True),
            Column(
                "state",
                "Open or resolved",
                lambda r: "Open" if r.is_open else "Resolved",
                background=lambda r: OPEN_FILL if r.is_open else None,
                foreground=lambda r: "#0B0C0C" if r.is_open else None,
            ),
            Column("resolved_on", "Resolved", lambda r: r.resolved_on),
            Column("days", "Days to resolve", lambda r: r.days_to_resolve, align_right=True),
            Column("theme", "Learning theme", lambda r: r.learning_theme),
            Column("action", "Action", lambda r: r.learning_action, visible=False),
            Column(
                "quarter",
                "Quarter raised",
                lambda r: Period.containing(r.raised_on).label,
                sort_key=lambda r: r.raised_on,
                visible=False,
            ),
        ]
        if self.sees_restricted:
            columns.append(Column("restricted", "Restricted", lambda r: r.restricted))
        return columns

    def filter_widgets(self) -> list[QWidget]:
        self.state_filter = QComboBox()
        self.state_filter.setAccessibleName("Show open or resolved escalations")
        self.state_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.state_filter.setMinimumContentsLength(8)
        for label, value in (("All", None), ("Open", True), ("Resolved", False)):
            self.state_filter.addItem(label, value)
        self.state_filter.currentIndexChanged.connect(self._filter)
        self.category_filter = QComboBox()
        self.category_filter.setAccessibleName("Filter by category")
        self.category_filter.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.category_filter.setMinimumContentsLength(9)
        self.category_filter.addItem("All categories", None)
        for category in EscalationCategory:
            self.category_filter.addItem(category.label, category)
        self.category_filter.currentIndexChanged.connect(self._filter)
        return [self.state_filter, self.category_filter]

    def open_with(self, **options: Any) -> None:
        if "open" in options:
            self.state_filter.setCurrentIndex(self.state_filter.findData(options["open"]))
        if "theme" in options:
            self.search.setText(options["theme"])
        if "quarter" in options:  # the hidden "Quarter raised" column makes it searchable
            self.search.setText(options["quarter"])
        if "category" in options:
            category = EscalationCategory.parse(options["category"])
            self.category_filter.setCurrentIndex(max(self.category_filter.findData(category), 0))

    def _filter(self) -> None:
        state = self.state_filter.currentData()
        category = self.category_filter.currentData()
        self.proxy.set_predicate("state", None if state is None else (lambda r: r.is_open is state))
        self.proxy.set_predicate(
            "category", None if category is None else (lambda r: r.category is category)
        )
        self._update_count()

    def load_rows(self) -> list[EscalationRow]:
        options = [
            (a.id, a.display_name)
            for a in partnership.list_agencies(self.db, include_inactive=False)
        ]
        self.form.set_choices("raising_agency_id", options)
        self.form.set_choices("other_agency_id", options)
        self._offer_themes()
        return escalations.list_escalations(self.db)

    def load_rows_by_id(self, ids: Collection[int]) -> list[EscalationRow]:
        self._offer_themes()  # a saved escalation may bring a new learning theme
        return escalations.list_escalations(self.db, ids=ids)

    def row_place(self, row: EscalationRow) -> Any:
        return row.raised_on

    def _offer_themes(self) -> None:
        self.theme_completer.model().setStringList(escalations.learning_themes(self.db))  # type: ignore[attr-defined]

    def build_form(self, form: Form) -> None:
        form.date("raised_on", "Raised on", optional=False, required=True)
        form.choice("raising_agency_id", "Raised by", [], none_label="Choose…", required=True)
        form.choice("other_agency_id", "Raised with", [], none_label="Choose…", required=True)
        form.choice(
            "category",
            "Category",
            [(c.value, c.label) for c in EscalationCategory],
            none_label="Choose…",
            required=True,
        )
        form.multiline("summary", "What the disagreement is about (no names of children)")
        form.multiline("outcome", "Outcome")
        form.date("resolved_on", "Resolved on")
        theme = form.text(
            "learning_theme", "Learning theme", placeholder="e.g. Feedback to referrers"
        )
        self.theme_completer = QCompleter([], theme)
        self.theme_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.theme_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        theme.setCompleter(self.theme_completer)
        form.multiline("learning", "Learning")
        add_restriction_fields(form, self.db)

    def extra_panel(self) -> QWidget:
        box = QGroupBox("Stages")
        self.stages_box = box
        layout = QVBoxLayout(box)
        self.step_model: RowTableModel[StepRow] = RowTableModel(
            [
                Column("stage", "Stage", lambda s: stage_label(s.stage)),
                Column("on", "Reached on", lambda s: s.on_date),
                Column("note", "Note", lambda s: s.note),
            ]
        )
        self.steps = RegisterTable(
            self.step_model, FilterProxy(self), "escalation_steps", sort_column=None
        )
        self.steps.setAccessibleName("Stages reached")
        self.steps.setMinimumHeight(150)
        layout.addWidget(self.steps)
        buttons = QHBoxLayout()
        self.escalate_button = QPushButton("Esc&alate to next stage…")
        self.escalate_button.setAccessibleName("Escalate to the next stage")
        self.escalate_button.clicked.connect(self.escalate)
        self.undo_step_button = QPushButton("&Undo last stage")
        self.undo_step_button.setAccessibleName("Undo the last stage")
        self.undo_step_button.clicked.connect(self.undo_step)
        buttons.addWidget(self.escalate_button)
        buttons.addWidget(self.undo_step_button)
        self.only_for(Permission.EDIT_RECORDS, self.escalate_button, self.undo_step_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        return box

    def record_loaded(self, row: EscalationRow | None) -> None:
        self.step_model.set_rows(row.steps if row else [])
        self.steps.fit_columns(260)
        self.stages_box.setEnabled(row is not None)
        self.stages_box.setTitle(
            f"Stages (now at stage {row.stage}, {format_days(row.days_to_resolve)} to resolve)"
            if row is not None and not row.is_open
            else f"Stages (now at stage {row.stage})"
            if row is not None
            else "Stages (save the escalation first)"
        )
        self.escalate_button.setEnabled(row is not None and row.is_open and row.stage < 4)
        self.undo_step_button.setEnabled(row is not None and len(row.steps) > 1)

    def row_label(self, row: EscalationRow) -> str:
        return f"{row.reference}: {row.raising_agency} with {row.other_agency}"

    def new_record_values(self) -> dict[str, Any]:
        return {"raised_on": None}

    def row_values(self, row: EscalationRow) -> dict[str, Any]:
        return {
            "raised_on": row.raised_on,
            "raising_agency_id": row.raising_agency_id,
            "other_agency_id": row.other_agency_id,
            "category": row.category.value,
            "summary": row.summary,
            "outcome": row.outcome,
            "resolved_on": row.resolved_on,
            "learning_theme": row.learning_theme,
            "learning": row.learning,
            "restricted": row.restricted,
            "restricted_to": row.restricted_to,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> EscalationRow:
        data = EscalationInput(
            raised_on=values["raised_on"],
            raising_agency_id=values["raising_agency_id"],
            other_agency_id=values["other_agency_id"],
            category=values["category"],
            summary=values["summary"],
            outcome=values["outcome"],
            resolved_on=values["resolved_on"],
            learning_theme=values["learning_theme"],
            learning=values["learning"],
            restricted=bool(values["restricted"]),
            restricted_to=values["restricted_to"],
        )
        return escalations.save_escalation(self.db, data, record_id, version)

    def set_active(self, record_id: int, active: bool) -> Any:
        raise UserError("Escalations are resolved, never deactivated.")

    # ------------------------------------------------------------ stages
    def _current(self) -> EscalationRow | None:
        if self.editing_id is None:
            return None
        return escalations.get_escalation(self.db, self.editing_id)

    def escalate(self) -> None:
        row = self._current()
        if row is None:
            return
        dialog = StepDialog(self.db, row, parent=self)
        if dialog.exec() and dialog.saved is not None:
            self.context.status(f"{row.reference} escalated to stage {dialog.saved.stage}.")
            self._reload(dialog.saved)

    def undo_step(self) -> None:
        row = self._current()
        if row is None or len(row.steps) < 2:
            return
        if not dialogs.confirm(
            self,
            "Undo last stage",
            f"Remove stage {row.stage} (reached on {row.steps[-1].on_date:%d/%m/%Y}) from "
            f"{row.reference}?",
            yes="Remove stage",
        ):
            return
        try:
            saved = escalation_steps.remove_last_step(self.db, row.id)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot undo the stage", str(problem))
            return
        self._reload(saved)

    def _reload(self, row: EscalationRow) -> None:
        self.refresh()
        self.select_id(row.id, load=False)
        self.load_record(row)
