"""Unsaved work: one way of knowing about it, one question before it could be lost.

Everything that edits — a page, a tab of a page, a part of a tab — is an `Editor`:

    unsaved() -> str          what would be lost, in words ("" when nothing is):
                              "your changes to Wrenfield Constabulary"
    save_unsaved() -> bool    save it; False when it was refused (the reason is beside the fields)
    discard_unsaved() -> None drop it and show what is stored again

Before anything is left — another record, meeting, item, person, tab or page, the window —
`settle(parent, editor)` asks once, with the one prompt of the app (`ask`): Save, Discard or
Cancel. Nothing unsaved: nothing is asked. Cancel (or a refused save) keeps the user where they
were, with what they typed. Pages are editors made of their parts (`Editors`); a form-backed
part is a `FormEditor`. `guard_tabs` asks before a tab with unsaved work is left.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QAbstractItemView, QTabWidget, QWidget

if TYPE_CHECKING:
    from partnerboard.ui.forms import Form


@runtime_checkable
class Editor(Protocol):
    def unsaved(self) -> str: ...

    def save_unsaved(self) -> bool: ...

    def discard_unsaved(self) -> None: ...


class Answer(Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask(parent: QWidget | None, what: str) -> Answer:
    """The one prompt: "You have unsaved changes: … Save / Discard / Cancel"."""
    # Imported when first asked: the class and its enums are a millisecond of every start-up.
    from PySide6.QtWidgets import QMessageBox  # noqa: PLC0415

    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setObjectName("unsavedPrompt")
    box.setWindowTitle("Unsaved changes")
    box.setAccessibleName("Unsaved changes")
    box.setText(f"You have not saved {what}.")
    box.setInformativeText("Save them now, discard them, or cancel and carry on editing?")
    save = box.addButton("&Save", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("&Discard", QMessageBox.ButtonRole.DestructiveRole)
    cancel = box.addButton("Cancel", QMessageBox.ButtonRole.RejectRole)
    for button, name in ((save, "Save"), (discard, "Discard"), (cancel, "Cancel")):
        button.setAccessibleName(name)
        button.setObjectName(f"unsaved{name}")
    box.setDefaultButton(save)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        return Answer.SAVE
    if clicked is discard:
        return Answer.DISCARD
    return Answer.CANCEL


def settle(parent: QWidget | None, *editors: Editor) -> bool:
    """Ask about each editor's unsaved work; True when it is all saved or discarded (go on),
    False when the user cancelled or a save was refused (stay)."""
    for editor in editors:
        what = editor.unsaved()
        if not what:
            continue
        answer = ask(parent, what)
        if answer is Answer.CANCEL:
            return False
        if answer is Answer.SAVE and not editor.save_unsaved():
            return False
        if answer is Answer.DISCARD:
            editor.discard_unsaved()
    return True


def settle_choice(page: Any, combo: Any, shown: Any) -> bool:
    """Before a list's choice (a document, round or agency) replaces what `page` shows: True to
    go on; False when the user stays, with `combo` put back on `shown` without a signal."""
    if combo.currentData() == shown or settle(page, page):
        return True
    combo.blockSignals(True)
    combo.setCurrentIndex(max(combo.findData(shown), 0))
    combo.blockSignals(False)
    return False


def describe(parts: Sequence[str]) -> str:
    """ "a; b and c" for one prompt about several pieces of unsaved work."""
    parts = [p for p in parts if p]
    if len(parts) < 2:
        return "".join(parts)
    return f"{'; '.join(parts[:-1])} and {parts[-1]}"


class Editors:
    """An editor made of parts (a page of tabs, a tab of forms): one prompt names them all;
    Save saves each part that has unsaved work, Discard drops each."""

    def editors(self) -> Sequence[Editor]:
        return ()

    def unsaved(self) -> str:
        return describe([e.unsaved() for e in self.editors()])

    def save_unsaved(self) -> bool:
        return all(e.save_unsaved() for e in self.editors() if e.unsaved())

    def discard_unsaved(self) -> None:
        for editor in self.editors():
            if editor.unsaved():
                editor.discard_unsaved()


class FormEditor:
    """A part backed by one or more forms: unsaved when any of them differs from what it was
    loaded with."""

    def __init__(
        self,
        forms: Sequence[Form],
        what: Callable[[], str],
        save: Callable[[], bool],
        discard: Callable[[], None],
    ):
        self.forms = forms
        self._what, self._save, self._discard = what, save, discard

    def dirty(self) -> bool:
        return any(form.is_dirty() for form in self.forms)

    def unsaved(self) -> str:
        return self._what() if self.dirty() else ""

    def save_unsaved(self) -> bool:
        return self._save()

    def discard_unsaved(self) -> None:
        self._discard()


def guard_tabs(
    tabs: QTabWidget, parent: QWidget, editor_of: Callable[[int], Editor | None] | None = None
) -> None:
    """Before a tab with unsaved work is left, ask; Cancel stays on it. A tab's editor is
    `editor_of(index)`, or else the tab's page itself when that is an `Editor`."""
    state = {"current": tabs.currentIndex(), "busy": False}

    def editor(index: int) -> Editor | None:
        if editor_of is not None:
            return editor_of(index)
        page = tabs.widget(index)
        return page if isinstance(page, Editor) else None

    def changed(index: int) -> None:
        previous, state["current"] = state["current"], index
        if state["busy"] or previous == index or not 0 <= previous < tabs.count():
            return
        left = editor(previous)
        if left is not None and not settle(parent, left):
            state["busy"] = True
            try:
                tabs.setCurrentIndex(previous)
            finally:
                state["busy"] = False
            state["current"] = previous

    tabs.currentChanged.connect(changed)


class RowChooser:
    """A table whose current row is the record the form beside it edits: choosing another row
    asks about unsaved work first (Cancel selects the edited row again), then shows the row
    chosen — found afresh, since a save may have reloaded the table.

    `shown()` gives the key of the record on the form (None: a new one); `show(row)` loads a
    row into the form. Rows are keyed by `row.id` unless `key` says otherwise."""

    def __init__(
        self,
        table: QAbstractItemView,
        parent: QWidget,
        editor: Editor,
        shown: Callable[[], Any],
        show: Callable[[Any], None],
        key: Callable[[Any], Any] = lambda row: row.id,
    ):
        self.table, self.parent, self.editor = table, parent, editor
        self.shown, self.show, self.key = shown, show, key
        self.quiet = False
        table.selectionModel().currentRowChanged.connect(self._changed)

    def rows(self) -> list[Any]:
        proxy = self.table.model()
        return [proxy.row_at(i) for i in range(proxy.rowCount())]  # type: ignore[attr-defined]

    def select(self, wanted: Any, load: bool = True) -> bool:
        """Select the row keyed `wanted` (and show it, unless `load` is False)."""
        for position, row in enumerate(self.rows()):
            if self.key(row) == wanted:
                self.quiet = True
                try:
                    self.table.selectRow(position)  # type: ignore[attr-defined]
                finally:
                    self.quiet = False
                if load:
                    self.show(row)
                return True
        return False

    def clear(self) -> None:
        self.quiet = True
        try:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        finally:
            self.quiet = False

    def _changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.quiet or not current.isValid():
            return
        row = self.table.model().row_at(current.row())  # type: ignore[attr-defined]
        if row is None or self.key(row) == self.shown():
            return
        wanted = self.key(row)
        if not settle(self.parent, self.editor):
            if self.shown() is None or not self.select(self.shown(), load=False):
                self.clear()
            return
        self.select(wanted)
