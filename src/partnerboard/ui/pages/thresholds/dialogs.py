"""Small dialogs of the threshold pages: a document's title, and the levels-of-need setting."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QWidget

from partnerboard.db.database import Database
from partnerboard.services import threshold_levels as tl
from partnerboard.services import thresholds as th
from partnerboard.ui.form_dialog import FormDialog


class DocumentDialog(FormDialog):
    """Add a threshold document, or change its title and description."""

    problem_title = "Cannot save the document"

    def __init__(
        self, db: Database, existing: th.DocumentRow | None = None, parent: QWidget | None = None
    ):
        super().__init__(
            "Threshold document" if existing else "New threshold document", "&Save", parent
        )
        self.db, self.existing = db, existing
        self.saved: th.DocumentRow | None = None
        self.form.text("title", "Title", required=True, max_length=300)
        self.form.multiline("description", "Description")
        if existing:
            self.form.load({"title": existing.title, "description": existing.description})
        self.resize(520, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        self.saved = th.save_document(
            self.db,
            values["title"],
            values["description"],
            self.existing.id if self.existing else None,
            self.existing.row_version if self.existing else None,
        )


class LevelNamesDialog(FormDialog):
    """The partnership's levels of need, one a line: what a first version starts with."""

    problem_title = "Cannot save the levels"

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(
            "Levels of need",
            "&Save",
            parent,
            note=(
                "Name the levels of need, one a line, lowest first. A document's first version "
                "starts with these; later versions copy the levels of the version before."
            ),
        )
        self.db = db
        self.saved: list[str] | None = None
        self.form.multiline("levels", "Levels of need, one a line", height=140)
        self.form.load({"levels": "\n".join(tl.level_names(db))})
        self.resize(480, self.sizeHint().height())

    def store(self, values: dict[str, Any]) -> None:
        self.saved = tl.save_level_names(self.db, str(values["levels"]).splitlines())
