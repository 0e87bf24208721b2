"""Input widgets that speak Python values: dates typed as people type them, optional numbers.

`DateEdit` is the one date field of the app. It is a plain line edit: what is typed stays as
typed until the field is left (Tab, Enter, a click elsewhere), then `domain.dates.parse_date` —
the parser the workbook importer uses — reads it. A date it reads is shown back as dd/mm/yyyy;
anything else is refused beside the field with the importer's words ("“31/02/2026” is not a
real date …") and the text stays for the user to correct. Nothing is ever turned silently
into another day (Qt's QDateEdit edits section by section and did exactly that).
The calendar is a button inside the field (also Alt+Down or F4).
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, QPoint, QRect, Qt, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QKeyEvent, QPainter, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFrame,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.dates import EXAMPLE, format_date, parse_date
from partnerboard.ui.today import today as today_source  # the open database's clock

ERROR_STYLE = "color: #b00020;"


def _calendar_icon() -> QIcon:
    """A small calendar drawn in code (no image file to ship or to miss in a frozen build)."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    ink = QColor("#1d4e89")
    painter.setPen(ink)
    painter.drawRect(QRect(1, 2, 13, 12))
    painter.fillRect(QRect(1, 2, 14, 4), ink)
    for row in (8, 11):
        for column in (3, 6, 9, 12):
            painter.fillRect(QRect(column, row, 2, 2), ink)
    painter.end()
    return QIcon(pixmap)


class _CalendarPopup(QFrame):
    """The calendar under a date field; choosing a day (click or Enter) fills the field."""

    chosen = Signal(object)  # date

    def __init__(self, parent: QWidget):
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.calendar = QCalendarWidget(self)
        self.calendar.setGridVisible(True)
        self.calendar.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
        self.calendar.setAccessibleName("Calendar")
        self.calendar.activated.connect(self._choose)
        self.calendar.clicked.connect(self._choose)
        QVBoxLayout(self).addWidget(self.calendar)
        self.layout().setContentsMargins(0, 0, 0, 0)

    def _choose(self, day: QDate) -> None:
        self.hide()
        self.chosen.emit(date(day.year(), day.month(), day.day()))


class DateEdit(QLineEdit):
    """A date typed as dd/mm/yyyy (or 31/3/27, 31032027, 31 Mar 2027, today, +7 …), read when
    the field is left; an optional field may be left empty ("Not set")."""

    dateChanged = Signal(object)  # the date read (None: emptied), after a change
    problemChanged = Signal(str)  # the message beside the field ("" when none)

    def __init__(self, optional: bool = True, parent: QWidget | None = None):
        super().__init__(parent)
        self.optional = optional
        self._value: date | None = None
        self._problem = ""
        self._popup: _CalendarPopup | None = None
        self.setPlaceholderText("Not set – dd/mm/yyyy" if optional else "dd/mm/yyyy")
        self.setToolTip(
            f"Type a date such as {EXAMPLE}, 31/3/27, 31 Mar 2027, “today” or +7 (days from "
            "today); Alt+Down opens the calendar."
            + (" Leave it empty when there is no date." if optional else "")
        )
        self.calendar_action = QAction(_calendar_icon(), "Choose from a calendar", self)
        self.calendar_action.triggered.connect(self.open_calendar)
        self.addAction(self.calendar_action, QLineEdit.ActionPosition.TrailingPosition)
        self.editingFinished.connect(self.commit)
        # A message made by the field itself, for owners that have no form to show it in.
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        self.problemChanged.connect(self._show_message)
        if not optional:
            self.set_value(None)

    # ------------------------------------------------------------ values
    def value(self) -> date | None:
        """The date the field holds now, read from its text (typed but not yet committed too).

        Raises ValueError with the message to show when the text is not a date, or when a
        field that needs a date is empty."""
        found = parse_date(self.text(), today_source())
        if found is None and not self.optional:
            raise ValueError(f"Give a date, e.g. {EXAMPLE}.")
        return found

    def set_value(self, value: date | None) -> None:
        if value is None and not self.optional:
            value = today_source()
        changed = value != self._value
        self._value = value
        self.setText(format_date(value))
        self.setCursorPosition(0)
        self._set_problem("")
        if changed:
            self.dateChanged.emit(value)

    def problem(self) -> str:
        """What is wrong with the text typed ("" when nothing)."""
        try:
            self.value()
        except ValueError as error:
            return str(error)
        return ""

    def commit(self) -> bool:
        """Read the text: show the date as dd/mm/yyyy, or say beside the field why it is not
        one (the text stays as typed). True when the field holds a date (or a blank optional)."""
        try:
            found = self.value()
        except ValueError as error:
            self._set_problem(str(error))
            return False
        self._set_problem("")
        shown = format_date(found)
        if self.text() != shown:
            self.setText(shown)
            self.setCursorPosition(0)
        if found != self._value:
            self._value = found
            self.dateChanged.emit(found)
        return True

    def _set_problem(self, text: str) -> None:
        if text != self._problem:
            self._problem = text
            self.setAccessibleDescription(text)
            self.problemChanged.emit(text)

    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def setAccessibleName(self, name: str) -> None:  # noqa: N802 - Qt's name
        super().setAccessibleName(name)
        self.message.setAccessibleName(f"Problem with {name}")

    # ------------------------------------------------------------ calendar
    def open_calendar(self) -> None:
        if self._popup is None:
            self._popup = _CalendarPopup(self)
            self._popup.chosen.connect(self._chosen)
        try:
            current = self.value() or today_source()
        except ValueError:
            current = self._value or today_source()
        self._popup.calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        self._popup.adjustSize()
        self._popup.move(self.mapToGlobal(QPoint(0, self.height())))
        self._popup.show()
        self._popup.calendar.setFocus()

    def _chosen(self, day: date) -> None:
        self.setText(format_date(day))
        self.setFocus()
        self.commit()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt's name
        key = event.key()
        alt_down = key == Qt.Key.Key_Down and event.modifiers() & Qt.KeyboardModifier.AltModifier
        if alt_down or key == Qt.Key.Key_F4:
            self.open_calendar()
            return
        super().keyPressEvent(event)  # Enter commits (editingFinished), then reaches a dialog


def date_with_message(field: DateEdit) -> QWidget:
    """The field with its message under it, for a date field outside a `Form`."""
    holder = QWidget()
    box = QVBoxLayout(holder)
    box.setContentsMargins(0, 0, 0, 0)
    box.setSpacing(2)
    box.addWidget(field)
    box.addWidget(field.message)
    holder.setFocusProxy(field)  # a caption's access key given the holder reaches the field
    return holder


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
