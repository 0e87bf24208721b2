"""The levels of need of one version: a list of levels and the selected level's text.

Edits are kept in the widget until "Save levels"; only a draft version can be changed (the
service refuses the others, and the editor says so instead of offering a button that fails).
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import threshold_levels as tl
from partnerboard.services import thresholds as th
from partnerboard.services.threshold_levels import LevelRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable


class LevelsEditor(QGroupBox):
    """The levels of one version; an editor of its own (`ui.unsaved`) until "Save levels"."""

    saved = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__("Levels of need", parent)
        self.db = db
        self.version_id: int | None = None
        self.version: th.VersionRow | None = None
        self.levels: list[LevelRow] = []
        self.editable = False
        self.dirty = False
        self._position: int | None = None
        self.model: RowTableModel[LevelRow] = RowTableModel(
            [
                Column("number", "Level", lambda lv: lv.number, align_right=True),
                Column("name", "Name", lambda lv: lv.name),
            ]
        )
        self.table = RegisterTable(
            self.model, FilterProxy(self), "threshold_levels", sort_column=None
        )
        self.table.setSortingEnabled(False)
        self.table.setAccessibleName("Levels of need")
        self.table.setMinimumHeight(140)
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _p: self._show(current.row())
        )
        self.form = Form()
        self.form.text("name", "Name of the level", required=True)
        self.form.multiline("descriptors", "Descriptors", height=110)
        self.form.multiline("indicators", "Indicators", height=110)
        self.form.changed.connect(self._edited)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.note.setAccessibleName("About editing the levels")
        self.add_button = self._button("&Add level", "Add a level", self.add_level)
        self.remove_button = self._button("Remo&ve level", "Remove the level", self.remove_level)
        self.up_button = self._button("M&ove up", "Move the level up", lambda: self.move(-1))
        self.down_button = self._button("Move do&wn", "Move the level down", lambda: self.move(1))
        self.save_button = self._button("Save &levels", "Save the levels", self.save)
        if not hide_unless(
            db,
            Permission.EDIT_RECORDS,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.save_button,
        ):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addWidget(self.form)
        save_row = QHBoxLayout()
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        layout.addLayout(save_row)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(slot)
        return button

    def unsaved(self) -> str:
        return "your changes to the levels of need" if self.dirty else ""

    def save_unsaved(self) -> bool:
        return self.save()

    def discard_unsaved(self) -> None:
        self.load(self.version)

    def load(self, version: th.VersionRow | None) -> None:
        self.version = version
        self.version_id = version.id if version else None
        self.levels = tl.list_levels(self.db, version.id) if version else []
        self.editable = version is not None and version.status.value == "draft"
        self.dirty = False
        if version is None:
            self.note.setText("Choose a version to see its levels.")
        elif self.editable:
            self.note.setText(f"{version.label} is a draft: its levels can still change.")
        elif version.status.value == "approved":
            self.note.setText(
                f"{version.label} is approved: partners sign up to its levels as they stand. "
                "Make a new version to change them."
            )
        else:
            self.note.setText(
                f"{version.label} is superseded: its levels stay as partners signed up to them."
            )
        self._fill(0 if self.levels else None)

    def _fill(self, select: int | None) -> None:
        self.levels = [replace(lv, number=i) for i, lv in enumerate(self.levels, start=1)]
        self.model.set_rows(self.levels)
        self.table.fit_columns()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            button.setEnabled(self.editable)
        self.save_button.setEnabled(self.editable)
        self.form.setEnabled(self.editable or bool(self.levels))
        for key in ("name", "descriptors", "indicators"):
            field = self.form.field(key)
            field.setReadOnly(not self.editable)  # type: ignore[attr-defined]
        if select is not None and self.levels:
            self.table.selectRow(select)
            self._show(select)
        else:
            self._position = None
            self.form.load({})

    def _show(self, position: int) -> None:
        if not 0 <= position < len(self.levels):
            return
        self._position = position
        level = self.levels[position]
        self.form.load(
            {"name": level.name, "descriptors": level.descriptors, "indicators": level.indicators}
        )

    def _edited(self) -> None:
        if self._position is None or not self.editable:
            return
        try:
            values = self.form.values()
        except ValidationFailed:
            return  # too long a name: the note under the field says so; the list keeps the last

        self.levels[self._position] = replace(
            self.levels[self._position],
            name=values["name"],
            descriptors=values["descriptors"],
            indicators=values["indicators"],
        )
        self.dirty = True
        self.model.replace_row(
            lambda lv, n=self._position + 1: lv.number == n, self.levels[self._position]
        )

    def add_level(self) -> None:
        self.levels.append(
            LevelRow(len(self.levels) + 1, f"Level {len(self.levels) + 1}", None, None)
        )
        self.dirty = True
        self._fill(len(self.levels) - 1)
        self.form.field("name").setFocus()

    def remove_level(self) -> None:
        if self._position is None:
            return
        level = self.levels[self._position]
        if not dialogs.confirm(
            self, "Remove level", f"Remove level {level.number}, {level.name}?", yes="Remove"
        ):
            return
        del self.levels[self._position]
        self.dirty = True
        self._fill(min(self._position, len(self.levels) - 1) if self.levels else None)

    def move(self, step: int) -> None:
        if self._position is None:
            return
        target = self._position + step
        if not 0 <= target < len(self.levels):
            return
        self.levels[self._position], self.levels[target] = (
            self.levels[target],
            self.levels[self._position],
        )
        self.dirty = True
        self._fill(target)

    def save(self) -> bool:
        if self.version_id is None:
            return False
        try:
            self.form.values()  # a name too long is refused before anything is saved
            self.levels = tl.save_levels(self.db, self.version_id, self.levels)
        except ValidationFailed as failed:
            dialogs.show_problem(self, "Cannot save the levels", str(failed))
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save the levels", str(problem))
            return False
        self.dirty = False
        self._fill(self._position or 0)
        self.saved.emit()
        return True
