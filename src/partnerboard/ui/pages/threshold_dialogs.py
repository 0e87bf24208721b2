"""Small dialogs of the threshold pages: a document's title, and the levels-of-need setting."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import threshold_levels as tl
from partnerboard.services import thresholds as th
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
    )
    buttons.accepted.connect(dialog.save)  # type: ignore[attr-defined]
    buttons.rejected.connect(dialog.reject)
    return buttons


class DocumentDialog(QDialog):
    """Add a threshold document, or change its title and description."""

    def __init__(
        self, db: Database, existing: th.DocumentRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(parent)
        self.db, self.existing = db, existing
        self.saved: th.DocumentRow | None = None
        self.setWindowTitle("Threshold document" if existing else "New threshold document")
        self.setAccessibleName(self.windowTitle())
        self.form = Form()
        self.form.text("title", "Title", required=True, max_length=300)
        self.form.multiline("description", "Description")
        if existing:
            self.form.load({"title": existing.title, "description": existing.description})
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(_buttons(self))
        self.resize(520, self.sizeHint().height())

    def save(self) -> None:
        values = self.form.values()
        try:
            self.saved = th.save_document(
                self.db,
                values["title"],
                values["description"],
                self.existing.id if self.existing else None,
                self.existing.row_version if self.existing else None,
            )
        except ValidationFailed as failed:
            self.form.show_errors(failed.errors)
            return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save the document", str(problem))
            return
        self.accept()


class LevelNamesDialog(QDialog):
    """The partnership's levels of need, one a line: what a first version starts with."""

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.saved: list[str] | None = None
        self.setWindowTitle("Levels of need")
        self.setAccessibleName(self.windowTitle())
        intro = QLabel(
            "Name the levels of need, one a line, lowest first. A document's first version "
            "starts with these; later versions copy the levels of the version before."
        )
        intro.setWordWrap(True)
        self.form = Form()
        self.form.multiline("levels", "Levels of need, one a line", height=140)
        self.form.load({"levels": "\n".join(tl.level_names(db))})
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(_buttons(self))
        self.resize(480, self.sizeHint().height())

    def save(self) -> None:
        names = str(self.form.value("levels")).splitlines()
        try:
            self.saved = tl.save_level_names(self.db, names)
        except ValidationFailed as failed:
            self.form.show_errors(failed.errors)
            return
        self.accept()
