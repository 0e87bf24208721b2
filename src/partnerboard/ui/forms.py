"""Forms built in code: label, field and a message beside the field when a rule is broken.

The rules live in `domain/` and the services; a form only collects values, shows the
`FieldError`s it gets back next to the right field, and moves the focus to the first one.

A form also knows what it cannot pass on as typed, and refuses it before anything is saved
(`values()` raises `ValidationFailed`): a date field whose text is not a date, a text longer
than its field holds (the text is kept and a note under the field says so; nothing is ever
cut). And it knows whether it holds unsaved changes (`is_dirty()`: its fields differ from what
was last loaded), which `ui.unsaved` asks about before anything is left.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
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

from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.ui import dialogs
from partnerboard.ui.access_keys import WANTS_KEY
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.fields import ERROR_STYLE, DateEdit, NumberEdit

Option = tuple[Any, str]  # (value, label)

NOTE_STYLE = "color: #505a5f;"


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
        self._limits: dict[str, int] = {}  # key -> most characters the field holds
        self._notes: dict[str, QLabel] = {}  # key -> "312 characters: at most 300 fit"
        self._loading = False
        self._snapshot: dict[str, Any] = {}  # key -> what the field showed when loaded
        self._ignored: set[str] = set()  # fields whose changes are no edits (choosers)

    # -- building
    def _add(self, key: str, label: str, widget: QWidget, required: bool = False) -> None:
        shown = f"{label} *" if required else label
        # A check box carries its own text (and access key); its row caption stays empty.
        # Access keys are given page by page (`ui.access_keys`), so that none repeats.
        caption = QLabel("" if isinstance(widget, QCheckBox) else shown)
        caption.setProperty(WANTS_KEY, True)
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
        if key in self._limits:
            note = QLabel()
            note.setObjectName(f"note_{key}")
            note.setStyleSheet(NOTE_STYLE)
            note.setWordWrap(True)
            note.setAccessibleName(f"Length of {label}")
            note.hide()
            box.addWidget(note)
            self._notes[key] = note
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
        self._snapshot[key] = self._raw(key)

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
        # No QLineEdit.setMaxLength: it cuts pasted text without a word. The whole text stays;
        # a note under the field says how much is too much, and a save is refused until then.
        widget = QLineEdit()
        widget.setPlaceholderText(placeholder)
        widget.textEdited.connect(self._edited)
        self._limits[key] = max_length
        widget.textChanged.connect(lambda _text, key=key: self._check_length(key))
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
        widget = QCheckBox(label)
        widget.setProperty(WANTS_KEY, True)
        widget.toggled.connect(self._edited)
        self._add(key, label, widget)
        return widget

    def date(
        self, key: str, label: str, *, optional: bool = True, required: bool = False
    ) -> DateEdit:
        widget = DateEdit(optional=optional)
        widget.textEdited.connect(self._edited)
        widget.dateChanged.connect(self._edited)
        self._add(key, label, widget, required)
        # The field's own reading of what was typed ("… is not a real date") shows beside it.
        widget.problemChanged.connect(lambda text, key=key: self._show_own_problem(key, text))
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

    def keys(self) -> list[str]:
        return list(self._fields)

    def label(self, key: str) -> str:
        return self._labels[key]

    def value(self, key: str) -> Any:
        """What the field holds; raises `ValidationFailed` when it holds what cannot be passed
        on as typed (a date that is not one, a text longer than the field holds)."""
        problem = self._problem(key)
        if problem:
            raise ValidationFailed(FieldError(key, problem))
        return self._read(key)

    def values(self) -> dict[str, Any]:
        """Every field's value; refuses (ValidationFailed, nothing read) when any field holds
        what cannot be passed on as typed, with a message for each such field."""
        problems = [FieldError(key, p) for key in self._fields if (p := self._problem(key))]
        if problems:
            raise ValidationFailed(problems)
        return {key: self._read(key) for key in self._fields}

    def _problem(self, key: str) -> str:
        widget = self._fields[key]
        if isinstance(widget, DateEdit):
            return widget.problem()
        limit = self._limits.get(key)
        if limit is not None and isinstance(widget, QLineEdit) and len(widget.text()) > limit:
            return (
                f"{self._labels[key]} holds at most {limit} characters; this is "
                f"{len(widget.text())}. Shorten it: nothing has been cut."
            )
        return ""

    def _read(self, key: str) -> Any:
        widget = self._fields[key]
        if isinstance(widget, DateEdit):
            return widget.value()
        if isinstance(widget, QLineEdit):
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QComboBox):
            return widget.currentData()
        if isinstance(widget, QCheckBox):
            return widget.isChecked()
        if isinstance(widget, QTimeEdit):
            return time(widget.time().hour(), widget.time().minute())
        if isinstance(widget, NumberEdit):
            return widget.number()
        if hasattr(widget, "form_value"):
            return widget.form_value()
        raise TypeError(key)

    def _raw(self, key: str) -> Any:
        """What the field shows, as typed (for telling whether anything was changed)."""
        widget = self._fields[key]
        if isinstance(widget, QLineEdit):  # DateEdit too: its text, read or not
            return widget.text()
        if isinstance(widget, QPlainTextEdit):
            return widget.toPlainText()
        if isinstance(widget, QTimeEdit):
            return widget.time().toString("HH:mm")
        value = self._read(key)
        return tuple(value) if isinstance(value, list) else value

    def is_dirty(self) -> bool:
        """True when a field differs from what the form was last loaded with (or saved)."""
        state = self._state()
        return any(state[key] != self._snapshot.get(key) for key in state)

    def mark_clean(self) -> None:
        """What the form shows now counts as saved (after a save, or defaults filled in)."""
        self._snapshot.update(self._state())

    def ignore_changes(self, key: str) -> None:
        """A field that chooses what the form shows (e.g. a version) rather than editing it."""
        self._ignored.add(key)

    def _state(self) -> dict[str, Any]:
        return {key: self._raw(key) for key in self._fields if key not in self._ignored}

    def changed_fields(self) -> list[str]:
        """The labels of the fields that differ from what was loaded (for the prompt)."""
        state = self._state()
        return [self._labels[k] for k in state if state[k] != self._snapshot.get(k)]

    def set_value(self, key: str, value: Any) -> None:
        widget = self._fields[key]
        if isinstance(widget, DateEdit):  # before QLineEdit: a date field is one
            widget.set_value(value if isinstance(value, date) else None)
        elif isinstance(widget, QLineEdit):
            widget.setText("" if value is None else str(value))
            widget.setCursorPosition(0)
        elif isinstance(widget, QPlainTextEdit):
            widget.setPlainText("" if value is None else str(value))
        elif isinstance(widget, QComboBox):
            position = widget.findData(value)
            widget.setCurrentIndex(position if position >= 0 else 0)
        elif isinstance(widget, QCheckBox):
            widget.setChecked(bool(value))
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
        self.mark_clean()

    # -- messages
    def _check_length(self, key: str) -> None:
        widget, note, limit = self._fields[key], self._notes.get(key), self._limits[key]
        if note is None or not isinstance(widget, QLineEdit):
            return
        length = len(widget.text())
        note.setText(
            f"{length} characters: at most {limit} fit here. Shorten it before saving "
            "(nothing has been cut)."
            if length > limit
            else ""
        )
        note.setStyleSheet(ERROR_STYLE if length > limit else NOTE_STYLE)
        note.setVisible(length > limit)
        widget.setAccessibleDescription(note.text())

    def _show_own_problem(self, key: str, text: str) -> None:
        label = self._errors[key]
        label.setText(text)
        label.setVisible(bool(text))
        self._fields[key].setAccessibleDescription(text)

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

    def named(self, error: FieldError) -> str:
        """The message with the field's label as the form shows it (for the status bar)."""
        label = self._labels.get(error.field)
        return f"{label}: {error.message}" if label else error.message

    def refuse(
        self,
        failed: ValidationFailed,
        parent: QWidget,
        title: str,
        status: Callable[[str], None] | None = None,
    ) -> None:
        """Say why nothing was saved: beside each field, in a message for what belongs to no
        field, and (given `status`) in the status bar."""
        leftovers = self.show_errors(failed.errors)
        if leftovers:
            dialogs.show_problem(parent, title, "\n".join(leftovers))
        if status is not None and failed.errors:
            status(f"Not saved: {self.named(failed.errors[0])}")

    def error_text(self, key: str) -> str:
        label = self._errors[key]
        return label.text() if label.isVisible() or label.text() else ""
