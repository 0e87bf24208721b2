"""Add or change an indicator's definition.

Changing what an indicator with figures counts (its definition, numerator, denominator, unit
or frequency) starts a new series: the dialog says so before saving, and the service keeps
the old series readable. Messages appear beside the fields; a change made by someone else
since the dialog opened is refused (nothing is overwritten). Closing it with typed work asks
Save / Discard / Cancel (`ui.form_dialog`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCompleter, QGridLayout, QLabel, QLineEdit, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.performance import Frequency, Polarity, Unit, format_figure
from partnerboard.errors import ValidationFailed
from partnerboard.services import partnership
from partnerboard.services import performance as perf
from partnerboard.services.performance.indicators import COMPARATORS
from partnerboard.ui.form_dialog import FormDialog
from partnerboard.ui.forms import Form
from partnerboard.ui.widgets.audience import add_restriction_fields


class ComparatorsField(QWidget):
    """England, statistical neighbours and region: each a figure and the period it is for."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(QLabel("Figure"), 0, 1)
        grid.addWidget(QLabel("For the period"), 0, 2)
        self.edits: dict[str, QLineEdit] = {}
        for row, (key, label) in enumerate(COMPARATORS, start=1):
            grid.addWidget(QLabel(label), row, 0)
            value, period = QLineEdit(), QLineEdit()
            value.setAccessibleName(f"{label} comparator")
            value.setMaximumWidth(90)
            period.setAccessibleName(f"Period of the {label} comparator")
            # No setMaxLength: a period too long is refused beside the field, never cut.
            period.setPlaceholderText("e.g. 2024/25")
            for edit in (value, period):
                edit.textEdited.connect(self.changed)
            grid.addWidget(value, row, 1)
            grid.addWidget(period, row, 2)
            self.edits[key], self.edits[f"{key}_period"] = value, period
        self.setFocusProxy(self.edits[COMPARATORS[0][0]])

    def form_value(self) -> dict[str, str]:
        return {key: edit.text() for key, edit in self.edits.items()}

    def set_form_value(self, value: dict[str, Any] | None) -> None:
        for key, edit in self.edits.items():
            shown = (value or {}).get(key)
            edit.setText("" if shown is None else str(shown))


def _number_text(value: float | None) -> str:
    return (
        "" if value is None else format_figure(value, Unit.COUNT, with_unit=False).replace(",", "")
    )


class IndicatorDialog(FormDialog):
    problem_title = "Cannot save the indicator"

    def __init__(
        self, db: Database, row: perf.IndicatorRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            f"Change {row.reference}" if row else "New indicator",
            "&Save",
            parent,
            note="Changing what is counted (the definition, numerator, denominator, unit or "
            "frequency) of an indicator that has figures starts a new series; the earlier "
            "figures stay with the earlier version."
            if row is not None
            else "Give the indicator a reference (as the board knows it), what it counts, and "
            "the agency that supplies its figures.",
            scroll=True,
        )
        self.db, self.row = db, row
        self.saved: perf.IndicatorRow | None = None
        self._build(self.form)
        self.form.load(self._values(row))
        self.resize(620, 760)

    def _build(self, form: Form) -> None:
        # Access keys are given to the captions when the dialog opens (`ui.access_keys`).
        form.text("reference", "Reference", required=True, max_length=20, placeholder="e.g. FD4")
        form.text("title", "Indicator", required=True, max_length=300)
        form.multiline("definition", "Definition: what is counted", height=60)
        form.multiline("numerator", "Numerator (if it is a share or a rate)", height=40)
        form.multiline("denominator", "Denominator", height=40)
        form.choice("unit", "Unit", [(u.value, u.label) for u in Unit])
        form.choice("polarity", "Polarity", [(p.value, p.label) for p in Polarity])
        form.choice("frequency", "Frequency", [(f.value, f.label) for f in Frequency])
        form.text("target", "Target (blank: none)", max_length=20)
        form.text("tolerance", "Tolerance for Amber", max_length=20)
        theme = form.text("theme", "Theme", max_length=100, placeholder="e.g. Front door")
        completer = QCompleter(perf.suggested_themes(self.db), theme)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        theme.setCompleter(completer)
        agencies = [
            (a.id, a.display_name)
            for a in partnership.list_agencies(self.db, include_inactive=False)
        ]
        form.choice("agency_id", "Supplying agency", agencies, none_label="Not decided yet")
        form.text("owner", "Owner (named person or job title)")
        form.custom("comparators", "Comparators (typed in)", ComparatorsField())
        form.text(
            "starts", "Start of a new series (leave blank: the next period)", max_length=20,
            placeholder="e.g. 2026/27-Q3",
        )  # fmt: skip
        form.multiline("notes", "Notes and caveats", height=50)
        add_restriction_fields(form, self.db)
        form.set_field_shown("starts", self.row is not None)

    @staticmethod
    def _values(row: perf.IndicatorRow | None) -> dict[str, Any]:
        if row is None:
            return {"unit": Unit.COUNT.value, "polarity": Polarity.HIGHER.value,
                    "frequency": Frequency.QUARTERLY.value}  # fmt: skip
        comparators: dict[str, Any] = {}
        for c in row.comparators:
            comparators[c.key] = _number_text(c.value)
            comparators[f"{c.key}_period"] = c.period
        return {
            "reference": row.reference, "title": row.title, "definition": row.definition,
            "numerator": row.numerator, "denominator": row.denominator, "unit": row.unit.value,
            "polarity": row.polarity.value, "frequency": row.frequency.value,
            "target": _number_text(row.target), "tolerance": _number_text(row.tolerance),
            "theme": row.theme, "agency_id": row.agency_id, "owner": row.owner,
            "comparators": comparators, "notes": row.notes, "restricted": row.restricted,
            "restricted_to": row.restricted_to,
        }  # fmt: skip

    def store(self, values: dict[str, Any]) -> None:
        comparators = values.pop("comparators") or {}
        data = perf.IndicatorInput(
            reference=values["reference"], title=values["title"], unit=values["unit"],
            polarity=values["polarity"], frequency=values["frequency"],
            definition=values["definition"], numerator=values["numerator"],
            denominator=values["denominator"], theme=values["theme"],
            agency_id=values["agency_id"], owner=values["owner"], target=values["target"],
            tolerance=values["tolerance"], notes=values["notes"],
            restricted=bool(values["restricted"]), restricted_to=values["restricted_to"],
            starts=values["starts"] or None, **comparators,
        )  # fmt: skip
        row = self.row
        try:
            self.saved = perf.save_indicator(
                self.db, data, row.id if row else None, row.row_version if row else None
            )
        except ValidationFailed as failed:
            # A comparator's figure or period is said beside the comparators.
            prefixes = tuple(key for key, _label in COMPARATORS)
            raise ValidationFailed(
                [
                    type(e)("comparators", e.message) if e.field.startswith(prefixes) else e
                    for e in failed.errors
                ]
            ) from None
