"""Add or change an indicator's definition.

Changing what an indicator with figures counts (its definition, numerator, denominator, unit
or frequency) starts a new series: the dialog says so before saving, and the service keeps
the old series readable. Messages appear beside the fields; a change made by someone else
since the dialog opened is refused (nothing is overwritten).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.database import Database
from partnerboard.domain.performance import Frequency, Polarity, Unit, format_figure
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import partnership
from partnerboard.services import performance as perf
from partnerboard.services.performance.indicators import COMPARATORS
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.performance.labels import plain_names
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
            period.setPlaceholderText("e.g. 2024/25")
            period.setMaxLength(40)
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


class IndicatorDialog(QDialog):
    def __init__(
        self, db: Database, row: perf.IndicatorRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db, self.row = db, row
        self.saved: perf.IndicatorRow | None = None
        self.setWindowTitle(f"Change {row.reference}" if row else "New indicator")
        self.setAccessibleName(self.windowTitle())
        self.form = Form()
        self._build(self.form)
        plain_names(self.form)
        self.form.load(self._values(row))
        note = QLabel(
            "Changing what is counted (the definition, numerator, denominator, unit or "
            "frequency) of an indicator that has figures starts a new series; the earlier "
            "figures stay with the earlier version."
            if row is not None
            else "Give the indicator a reference (as the board knows it), what it counts, and "
            "the agency that supplies its figures."
        )
        note.setWordWrap(True)
        note.setAccessibleName("About this form")
        scroll = QScrollArea()
        scroll.setWidget(self.form)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(scroll, 1)
        layout.addWidget(buttons)
        self.resize(620, 760)

    def _build(self, form: Form) -> None:
        # Access keys chosen so that none repeats in the dialog (and none is F, G or H).
        form.text("reference", "Refer&ence", required=True, max_length=20, placeholder="e.g. FD4")
        form.text("title", "&Indicator", required=True, max_length=300)
        form.multiline("definition", "&Definition: what is counted", height=60)
        form.multiline("numerator", "&Numerator (if it is a share or a rate)", height=40)
        form.multiline("denominator", "Denominat&or", height=40)
        form.choice("unit", "&Unit", [(u.value, u.label) for u in Unit])
        form.choice("polarity", "&Polarity", [(p.value, p.label) for p in Polarity])
        form.choice("frequency", "Fre&quency", [(f.value, f.label) for f in Frequency])
        form.text("target", "T&arget (blank: none)", max_length=20)
        form.text("tolerance", "Tolerance for Am&ber", max_length=20)
        theme = form.text("theme", "The&me", max_length=100, placeholder="e.g. Front door")
        completer = QCompleter(perf.suggested_themes(self.db), theme)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        theme.setCompleter(completer)
        agencies = [
            (a.id, a.name) for a in partnership.list_agencies(self.db, include_inactive=False)
        ]
        form.choice("agency_id", "Supplying agenc&y", agencies, none_label="Not decided yet")
        form.text("owner", "Owner (named person or &job title)")
        form.custom("comparators", "Compara&tors (typed in)", ComparatorsField())
        form.text(
            "starts", "Start of a new series (&leave blank: the next period)", max_length=20,
            placeholder="e.g. 2026/27-Q3",
        )  # fmt: skip
        form.multiline("notes", "Notes and ca&veats", height=50)
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

    def save(self) -> None:
        values = self.form.values()
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
            errors = [
                e if not e.field.startswith(tuple(k for k, _ in COMPARATORS)) else
                type(e)("comparators", e.message)
                for e in failed.errors
            ]  # fmt: skip
            leftovers = self.form.show_errors(errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot save the indicator", "\n".join(leftovers))
            return
        except StaleRecord as stale:
            dialogs.show_problem(self, "Changed by someone else", str(stale))
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save the indicator", str(problem))
            return
        self.accept()
