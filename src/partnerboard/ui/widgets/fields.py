"""Input widgets that speak Python values: optional dates as dd/mm/yyyy, optional numbers."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDateEdit, QSpinBox, QWidget

from partnerboard.clock import default_clock

_NOT_SET = QDate(1900, 1, 1)

# Where a date field's "today" comes from: the open database's clock (set by `AppContext`),
# never the system's, so that a pinned day (tests, a training copy) holds in the window too.
today_source: Callable[[], date] = default_clock().today


def use_clock(today: Callable[[], date]) -> None:
    global today_source
    today_source = today


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class DateEdit(QDateEdit):
    """A date field showing dd/mm/yyyy with a calendar; optional ones may be 'Not set'.

    Delete or Backspace on an optional field clears it (Qt's date edit cannot be blank).
    """

    def __init__(self, optional: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self.setDisplayFormat("dd/MM/yyyy")
        self.setCalendarPopup(True)
        self.setMaximumDate(QDate(2199, 12, 31))
        if optional:
            self.setMinimumDate(_NOT_SET)
            self.setSpecialValueText("Not set")
            self.setDate(_NOT_SET)
        else:
            self.setMinimumDate(QDate(1950, 1, 1))
            self.setDate(_qdate(today_source()))

    def value(self) -> date | None:
        current = self.date()
        if self.optional and current == _NOT_SET:
            return None
        return date(current.year(), current.month(), current.day())

    def set_value(self, value: date | None) -> None:
        if value is None:
            self.setDate(_NOT_SET if self.optional else _qdate(today_source()))
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if (
            self.optional
            and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and (
                self.currentSection() == QDateEdit.Section.DaySection
                or self.lineEdit().hasSelectedText()
            )
        ):
            self.setDate(_NOT_SET)
            return
        if self.optional and self.date() == _NOT_SET and event.text().isdigit():
            # Typing into 'Not set' starts from today rather than from 1900.
            self.setDate(_qdate(today_source()))
        super().keyPressEvent(event)


class NumberEdit(QSpinBox):
    """A whole number; optional ones show 'Not set' below the minimum."""

    def __init__(
        self,
        minimum: int = 0,
        maximum: int = 9999,
        optional: bool = True,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.optional = optional
        self._floor = minimum - 1 if optional else minimum
        self.setRange(self._floor, maximum)
        if optional:
            self.setSpecialValueText("Not set")
            self.setValue(self._floor)

    def number(self) -> int | None:
        return None if self.optional and self.value() == self._floor else self.value()

    def set_number(self, value: int | None) -> None:
        self.setValue(self._floor if value is None else value)
