"""The register's filter bar: free text (debounced), board, workstream, lead, agency, RAG,
open/finished/all, overdue and due within N days. It speaks `ActionFilter`."""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from partnerboard.domain.actions import NOT_RATED, NOT_RATED_LABEL, Rag
from partnerboard.services.actions.filtering import NO_WORKSTREAM, ActionFilter, Show

# Typing waits this long for the next key before filtering (a keystroke costs < 50 ms even
# on 100,000 actions; the pause just spares re-filtering while someone types a word).
TEXT_DELAY_MS = 120

# The RAG list's items carry the chosen values joined by commas (combo data compares as text).
RAG_CHOICES: list[tuple[str, str]] = [
    ("", "Any RAG"),
    (Rag.RED.value, "Red"),
    (Rag.AMBER.value, "Amber"),
    (Rag.GREEN.value, "Green"),
    (NOT_RATED, NOT_RATED_LABEL),
    (f"{Rag.AMBER.value},{Rag.RED.value}", "Red or amber"),
]


def _rag_key(rags: frozenset[str]) -> str:
    return ",".join(sorted(rags))


SHOW_CHOICES = [(Show.OPEN, "Open"), (Show.CLOSED, "Finished"), (Show.ALL, "All")]


def _combo(name: str) -> QComboBox:
    combo = QComboBox()
    combo.setAccessibleName(name)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    combo.setMinimumContentsLength(7)
    return combo


class FilterBar(QWidget):
    changed = Signal(object)  # ActionFilter

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._quiet = False
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search actions (reference, words, lead, agency…)")
        self.search.setAccessibleName("Search actions")
        self.search.setClearButtonEnabled(True)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TEXT_DELAY_MS)
        self._timer.timeout.connect(self._emit)
        self.search.textChanged.connect(lambda _text: self._timer.start())
        self.search.returnPressed.connect(self.apply_now)
        self.board = _combo("Filter by board")
        self.workstream = _combo("Filter by workstream")
        self.lead = _combo("Filter by lead")
        self.agency = _combo("Filter by agency")
        self.rag = _combo("Filter by RAG")
        for value, label in RAG_CHOICES:
            self.rag.addItem(label, value)
        self.show_which = _combo("Show open, finished or all actions")
        for value, label in SHOW_CHOICES:
            self.show_which.addItem(label, value)
        self.overdue = QCheckBox("&Overdue")
        self.overdue.setAccessibleName("Only overdue actions")
        self.due_within = QSpinBox()
        self.due_within.setRange(0, 730)
        self.due_within.setSpecialValueText("any time")
        self.due_within.setSuffix(" days")
        self.due_within.setAccessibleName("Due within this many days")
        self.due_within.setToolTip("Open actions due between today and this many days ahead")
        for combo in (
            self.board,
            self.workstream,
            self.lead,
            self.agency,
            self.rag,
            self.show_which,
        ):
            combo.currentIndexChanged.connect(self._emit)
        self.overdue.toggled.connect(self._emit)
        self.due_within.valueChanged.connect(self._emit)
        # Set when another page opens the register on chosen actions (a meeting's, a review's).
        self._chosen: frozenset[int] | None = None
        self.chosen_button = QPushButton()
        self.chosen_button.setAccessibleName("Show all actions again (clear the chosen actions)")
        self.chosen_button.clicked.connect(self.clear_chosen)
        self.chosen_button.hide()

        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.addWidget(self.search, 0, 0, 1, 4)
        grid.addWidget(self.show_which, 1, 0)
        grid.addWidget(self.rag, 1, 1)
        grid.addWidget(self.overdue, 1, 2)
        due = QHBoxLayout()
        due_label = QLabel("Due &within")
        due_label.setBuddy(self.due_within)
        due.addWidget(due_label)
        due.addWidget(self.due_within, 1)
        grid.addLayout(due, 1, 3)
        grid.addWidget(self.workstream, 2, 0)
        grid.addWidget(self.board, 2, 1)
        grid.addWidget(self.lead, 2, 2)
        grid.addWidget(self.agency, 2, 3)
        grid.addWidget(self.chosen_button, 3, 0, 1, 4)
        for column in range(4):
            grid.setColumnStretch(column, 1)

    # -- choices
    def set_choices(
        self,
        boards: list[tuple[int, str]],
        workstreams: list[tuple[int, str]],
        leads: list[tuple[int, str]],
        agencies: list[tuple[int, str]],
    ) -> None:
        """Refill the lists, keeping what was chosen when it is still offered."""
        self._quiet = True
        try:
            for combo, everything, options in (
                (self.board, "All boards", boards),
                (self.workstream, "All workstreams", workstreams),
                (self.lead, "All leads", leads),
                (self.agency, "All agencies", agencies),
            ):
                current = combo.currentData()
                combo.clear()
                combo.addItem(everything, None)
                for value, label in options:
                    combo.addItem(label, value)
                if combo is self.workstream:
                    combo.addItem("No workstream", NO_WORKSTREAM)
                combo.setCurrentIndex(max(0, combo.findData(current)))
        finally:
            self._quiet = False

    # -- the filter
    def value(self) -> ActionFilter:
        return ActionFilter(
            board_id=self.board.currentData(),
            workstream_id=self.workstream.currentData(),
            lead_person_id=self.lead.currentData(),
            agency_id=self.agency.currentData(),
            rags=frozenset(filter(None, (self.rag.currentData() or "").split(","))),
            show=self.show_which.currentData() or Show.OPEN,
            overdue=self.overdue.isChecked(),
            due_within=self.due_within.value() or None,
            text=self.search.text(),
            action_ids=self._chosen,
        )

    def set_value(self, wanted: ActionFilter) -> None:
        """Show `wanted` in the widgets (one `changed` signal at the end)."""
        self._quiet = True
        try:
            self.search.setText(wanted.text)
            for combo, value in (
                (self.board, wanted.board_id),
                (self.workstream, wanted.workstream_id),
                (self.lead, wanted.lead_person_id),
                (self.agency, wanted.agency_id),
                (self.rag, _rag_key(wanted.rags)),
                (self.show_which, wanted.show),
            ):
                position = combo.findData(value)
                if position < 0 and combo is self.rag:
                    label = " or ".join(sorted(r.capitalize() for r in wanted.rags))
                    combo.addItem(label, _rag_key(wanted.rags))
                    position = combo.count() - 1
                combo.setCurrentIndex(max(0, position))
            self.overdue.setChecked(wanted.overdue)
            self.due_within.setValue(wanted.due_within or 0)
            self._chosen = wanted.action_ids
            self.chosen_button.setText(
                f"Showing {len(wanted.action_ids)} chosen action(s) only – click to show all"
                if wanted.action_ids is not None
                else ""
            )
            self.chosen_button.setVisible(wanted.action_ids is not None)
        finally:
            self._quiet = False
        self._timer.stop()
        self._emit()

    def names(self) -> dict[str, str]:
        """The names chosen in the lists (for an export's description of what it holds)."""
        return {
            key: combo.currentText()
            for key, combo in (
                ("board", self.board),
                ("workstream", self.workstream),
                ("lead", self.lead),
                ("agency", self.agency),
            )
            if combo.currentIndex() > 0
        }

    def clear_chosen(self) -> None:
        self._chosen = None
        self.chosen_button.hide()
        self._emit()

    def apply_now(self) -> None:
        self._timer.stop()
        self._emit()

    def _emit(self, *_args) -> None:
        if not self._quiet:
            self.changed.emit(self.value())
