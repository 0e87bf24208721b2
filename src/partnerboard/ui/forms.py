"""Forms built in code: label, field and a message beside the field when a rule is broken.

The rules live in `domain/` and the services; a form only collects values, shows the
`FieldError`s it gets back next to the right field, and moves the focus to the first one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, time
from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from partnerboard.errors import FieldError
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.fields import DateEdit, NumberEdit

Option = tuple[Any, str]  # (value, label)

ERROR_STYLE = "color: #b00020;"


class Form(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._layout = QFormLayout(self)
        self._layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        # Labels above their fields: forms sit in a side panel, and long labels such as the
        # quorum wording would otherwise squeeze the fields.
        self._layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)
        self._layout.setVerticalSpacing(4)
        self._fields: dict[str, QWidget] = {}
        self._errors: dict[str, QLabel] = {}
        self._labels: dict[str, str] = {}
        self._rows: dict[str, tuple[QWidget, ...]] = {}
        self._loading = False

    # -- building
    def _add(self, key: str, label: str, widget: QWidget, required: bool = False) -> None:
        shown = f"{label} *" if required else label
        # A check box carries its own text (and mnemonic); its row caption stays empty.
        caption = QLabel(
            "" if isinstance(widget, QCheckBox) else f"&{shown}" if "&" not in shown else shown
        )
        caption.setBuddy(widget)
        caption.setWordWrap(True)
        widget.setAccessibleName(label)
        widget.setObjectName(f"field_{key}")
        error = QLabel()
        error.setObjectName(f"error_{key}")
        error.setStyleSheet(ERROR_STYLE)
        error.setWordWrap(True)
        error.setAccessibleName(f"Problem with {label}")
        error.hide()
        holder = QWidget()
        box = QVBoxLayout(holder)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(2)
        box.addWidget(widget)
        box.addWidget(error)
        # Caption and field each span the form's width: a word-wrapped caption in QFormLayout's
        # label slot gets its size hint's width and wraps early ("Reports / to", clipped).
        if caption.text():
            self._layout.addRow(caption)
            self._rows[key] = (caption, holder)
        else:
            caption.hide()
            self._rows[key] = (holder,)
        self._layout.addRow(holder)
        self._fields[key] = widget
        self._errors[key] = error
        self._labels[key] = label

    def _edited(self) -> None:
        if not self._loading:
            self.changed.emit()

    def text(
        self,
        key: str,
        label: str,
        *,
        required: bool = False,
        max_length: int = 200,
        placeholder: str = "",
    ) -> QLineEdit:
        widget = QLineEdit()
        widget.setMaxLength(max_length)
        widget.setPlaceholderText(placeholder)
        widget.textEdited.connect(self._edited)
        self._add(key, label, widget, required)
        return widget

    def multiline(
        self, key: str, label: str, *, required: bool = False, height: int = 70
    ) -> QPlainTextEdit:
        widget = QPlainTextEdit()
        widget.setTabChangesFocus(True)  # Tab moves on, as in every other field
        widget.setFixedHeight(height)
        widget.textChanged.connect(self._edited)
        self._add(key, label, widget, required)
        return widget

    def choice(
        self,
        key: str,
        label: str,
        options: Sequence[Option],
        *,
        none_label: str | None = None,
        required: bool = False,
    ) -> QComboBox:
        widget = QComboBox()
        refill(widget, self._with_none(options, none_label), quietly=False)
        widget.setProperty("none_label", none_label)
        widget.currentIndexChanged.connect(self._edited)
        self._add(key, label, widget, required)
        return widget

    def check(self, key: str, label: str) -> QCheckBox:
        widget = QCheckBox(f"&{label}")
        widget.toggled.connect(self._edited)
        self._add(key, label, widget)
        return widget

    def date(
        self, key: str, label: str, *, optional: bool = True, required: bool = False
    ) -> DateEdit:
        widget = DateEdit(optional=optional)
        widget.dateChanged.connect(self._edited)
        self._add(key, label, widget, required)
        return widget

    def time(self, key: str, label: str, *, required: bool = False) -> QTimeEdit:
        """A time of day as hh:mm (24-hour clock)."""
        widget = QTimeEdit()
        widget.setDisplayFormat("HH:mm")
        widget.timeChanged.connect(self._edited)
        self._add(key, label, widget, required)
        return widget

    def number(
        self, key: str, label: str, *, minimum: int = 0, maximum: int = 9999, optional: bool = True
    ) -> NumberEdit:
        widget = NumberEdit(minimum, maximum, optional)
        widget.valueChanged.connect(self._edited)
        self._add(key, label, widget)
        return widget

    def custom(self, key: str, label: str, widget: QWidget, *, required: bool = False) -> QWidget:
        """A field of another kind (e.g. a check list): `widget` has `form_value()`,
        `set_form_value(value)` and a `changed` signal."""
        widget.changed.connect(self._edited)  # type: ignore[attr-defined]
        self._add(key, label, widget, required)
        return widget

    @staticmethod
    def _with_none(options: Iterable[Option], none_label: str | None) -> list[Option]:
        return [(None, none_label), *options] if none_label is not None else list(options)

    def set_choices(self, key: str, options: Sequence[Option]) -> None:
        """Refill a choice list, keeping the current value when it is still offered."""
        widget = self._fields[key]
        assert isinstance(widget, QComboBox)
        self._loading = True
        try:
            # Not quietly: whoever listens to the list besides the form hears the new choice.
            options = self._with_none(options, widget.property("none_label"))
            refill(widget, options, widget.currentData(), quietly=False)
        finally:
            self._loading = False

    def set_field_shown(self, key: str, shown: bool) -> None:
        """Show or hide a field with its caption (e.g. what a role may not set)."""
        for widget in self._rows[key]:
            widget.setVisible(shown)

    # -- values
    def field(self, key: str) -> QWidget:
        return self._fields[key]

    def value(self, key: str) -> Any:
        widget = self._fields[key]
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, DateEdit):
            return widget.value()
        if isinstance(widget, QTimeEdit):
            return time(widget.time().hour(), widget.time().minute())
        if isinstance(widget, NumberEdit):
            return widget.number()
        if hasattr(widget, "form_value"):
            return widget.form_value()
        raise TypeError(key)

    def values(self) -> dict[str, Any]:
        return {key: self.value(key) for key in self._fields}

    def set_value(self, key: str, value: Any) -> None:
        widget = self._fields[key]
        if isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
            widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            position = widget.findData(value)
            widget.setCurrentIndex(position if position >= 0 else 0)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
        elif isinstance(widget, DateEdit):
            widget.set_value(value if isinstance(value, date) else None)
        elif isinstance(widget, QTimeEdit):
            when = value if isinstance(value, time) else time(10, 0)
            widget.setTime(QTime(when.hour, when.minute))
        elif isinstance(widget, NumberEdit):
            widget.set_number(value)
        elif hasattr(widget, "set_form_value"):
            widget.set_form_value(value)

    def load(self, values: dict[str, Any]) -> None:
        self._loading = True
        try:
            for key in self._fields:
                self.set_value(key, values.get(key))
        finally:
            self._loading = False
        self.clear_errors()

    # -- messages
    def clear_errors(self) -> None:
        for key, label in self._errors.items():
            label.clear()
            label.hide()
            self._fields[key].setAccessibleDescription("")

    def show_errors(self, errors: Sequence[FieldError]) -> list[str]:
        """Show each message beside its field; return messages that belong to no field."""
        self.clear_errors()
        unplaced: list[str] = []
        first: QWidget | None = None
        for error in errors:
            label = self._errors.get(error.field)
            if label is None:
                unplaced.append(error.message)
                continue
            text = f"{label.text()}\n{error.message}".strip() if label.text() else error.message
            label.setText(text)
            label.show()
            self._fields[error.field].setAccessibleDescription(text)
            first = first or self._fields[error.field]
        if first is not None:
            first.setFocus()
        return unplaced

    def error_text(self, key: str) -> str:
        label = self._errors[key]
        return label.text() if label.isVisible() or label.text() else ""
