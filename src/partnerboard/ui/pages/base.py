"""The base of every page: a title, data loaded when shown, refreshed when its tables change.

A page that edits lists its parts in `editors()` (`ui.unsaved`): the main window asks about
their unsaved work before another page is shown or the window closes. Access keys are given
to its captions when it is first shown (`ui.access_keys`), clear of the menu bar's.
"""

from __future__ import annotations

from typing import Any, ClassVar

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

from partnerboard.db.changes import Changes
from partnerboard.domain.access import Permission
from partnerboard.ui import access_keys
from partnerboard.ui.context import AppContext
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.unsaved import Editors


class Page(QWidget, Editors):
    key: ClassVar[str] = ""
    title: ClassVar[str] = ""
    # Tables whose changes make this page reload (checked against each commit's news).
    tables: ClassVar[frozenset[str]] = frozenset()

    # Emitted after the first load has filled the page (used by `--smoke` and tests).
    loaded = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.setObjectName(f"page_{self.key}")
        self.setAccessibleName(self.title)
        self._stale = True
        self._ever_loaded = False
        self._keys_given = False
        context.subscribe(self._on_changes)

    @property
    def db(self):
        return self.context.db

    def only_for(self, permission: Permission, *controls: QWidget | QAction) -> bool:
        """Hide the controls the signed-in role may not use (`ui.permissions`)."""
        return hide_unless(self.db, permission, *controls)

    def refresh(self) -> None:
        """Reload the page's data from the database (subclasses)."""

    def open_with(self, **options: Any) -> None:
        """Apply options given by `open_page` (e.g. filters); default: none."""

    def ensure_loaded(self) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
            if not self._ever_loaded:
                self._ever_loaded = True
                self.loaded.emit()

    def _on_changes(self, changes: Changes) -> None:
        if not self.tables or changes.touches(*self.tables):
            self._stale = True
            if self.isVisible():
                self.ensure_loaded()

    def showEvent(self, event) -> None:  # noqa: N802 - Qt name
        if not self._keys_given:
            self._keys_given = True
            access_keys.assign(self, access_keys.window_menu_keys(self))
        super().showEvent(event)
        self.ensure_loaded()
