"""Beside the grades table: the selected return (what the agency wrote) and its moderation form.

A moderator who agrees keeps the agency's grade; one who does not gives another grade. The
latest moderation of a return counts; earlier ones are listed under the form.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.domain.audits import Grade
from partnerboard.domain.dates import format_date
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import audits
from partnerboard.services.audits import GradeRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.permissions import hide_unless


def _reading(name: str) -> QPlainTextEdit:
    box = QPlainTextEdit()
    box.setReadOnly(True)
    box.setTabChangesFocus(True)
    box.setAccessibleName(name)
    box.setFixedHeight(64)
    return box


class ModerationPanel(QWidget):
    moderated = Signal(str)  # a status message after a moderation was recorded

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.row: GradeRow | None = None
        self.can_moderate = False
        self.title = QLabel("Select a return.")
        self.title.setObjectName("formTitle")
        self.title.setWordWrap(True)
        self.involvement = _reading("Agency's involvement")
        self.reflection = _reading("Agency's reflection on practice")
        self.learning = _reading("Agency's learning")
        returned = QGroupBox("What the agency returned")
        returned_box = QVBoxLayout(returned)
        for caption, box in (("Involvement", self.involvement), ("Reflection on practice",
                             self.reflection), ("Learning", self.learning)):  # fmt: skip
            label = QLabel(caption)
            label.setBuddy(box)
            returned_box.addWidget(label)
            returned_box.addWidget(box)

        self.form = Form()
        self.agreed = self.form.check("agreed", "Moderator agrees with the agency's grade")
        self.form.choice("moderated_grade", "Moderated grade (when not agreed)",
                         [(g.value, g.label) for g in Grade], none_label="Choose a grade")  # fmt: skip
        self.form.text("moderator", "Moderator", required=True)
        self.form.date("moderated_on", "Moderated on", optional=False)
        self.form.multiline("note", "Reason or note", height=50)
        self.agreed.toggled.connect(self._agreed_changed)
        self.record_button = QPushButton("Rec&ord moderation")
        self.record_button.setAccessibleName("Record moderation of this return")
        self.record_button.clicked.connect(self.record)
        if not hide_unless(db, Permission.EDIT_RECORDS, self.record_button):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        self.notice = QLabel()
        self.notice.setWordWrap(True)
        self.notice.setAccessibleName("Why this return cannot be moderated")
        self.history = QLabel()
        self.history.setWordWrap(True)
        self.history.setAccessibleName("Earlier moderations of this return")
        moderation = QGroupBox("Moderation")
        moderation_box = QVBoxLayout(moderation)
        moderation_box.addWidget(self.notice)
        moderation_box.addWidget(self.form)
        moderation_box.addWidget(self.record_button)
        moderation_box.addWidget(self.history)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(returned)
        layout.addWidget(moderation)
        layout.addStretch(1)
        self.show_row(None, False, "")

    def event(self, event: QEvent) -> bool:  # noqa: D401 - Qt's name
        # In a scroll area a layout of word-wrapped labels is squeezed to its one-line height
        # (the scroll area does not ask for height-for-width): ask for the real height instead.
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize):
            layout = self.layout()
            if layout is not None and layout.hasHeightForWidth() and self.width() > 0:
                needed = layout.totalHeightForWidth(self.width())
                if needed != self.minimumHeight():
                    self.setMinimumHeight(needed)
        return super().event(event)

    def _agreed_changed(self, agreed: bool) -> None:
        self.form.field("moderated_grade").setEnabled(not agreed and self.can_moderate)

    def show_row(self, row: GradeRow | None, can_moderate: bool, why_not: str) -> None:
        self.row = row
        self.can_moderate = can_moderate and row is not None and row.return_id is not None
        for box, text in ((self.involvement, row.involvement if row else None),
                          (self.reflection, row.reflection if row else None),
                          (self.learning, row.learning if row else None)):  # fmt: skip
            box.setPlainText(text or "")
        if row is None:
            self.title.setText("Select a return in the table.")
        else:
            grade = row.grade.label if row.grade else "return awaited"
            self.title.setText(
                f"<h3>{escape(row.case_reference)} · {escape(row.agency_name)}</h3>"
                f"Agency's grade: <b>{escape(grade)}</b>"
            )
        moderator = row.moderator if row and row.moderator else ""
        self.form.load(
            {"agreed": True, "moderator": moderator, "moderated_on": self.db.clock.today()}
        )
        self.form.setEnabled(self.can_moderate)
        self.record_button.setEnabled(self.can_moderate)
        self._agreed_changed(True)
        self.notice.setText(why_not if row is not None else "")
        self.notice.setVisible(bool(why_not) and row is not None)
        self.history.setText(self._history(row))

    def describe(self) -> str:
        row = self.row
        return f"{row.case_reference} by {row.agency_name}" if row else "this return"

    def _history(self, row: GradeRow | None) -> str:
        if row is None or row.return_id is None or not row.moderations:
            return "Not moderated yet." if row is not None else ""
        lines = [
            f"{format_date(m.moderated_on)}: {m.moderated_grade.label} by {m.moderator} "
            f"({'agreed' if m.agreed else 'not agreed'})"
            for m in audits.moderation_history(self.db, row.return_id)
        ]
        return "Moderations, latest first (the latest counts):\n" + "\n".join(lines)

    def record(self) -> bool:
        row = self.row
        if row is None or row.return_id is None:
            return False
        try:
            values = self.form.values()
            data = audits.ModerationInput(
                agreed=values["agreed"],
                moderator=values["moderator"],
                moderated_on=values["moderated_on"],
                moderated_grade=None if values["agreed"] else values["moderated_grade"],
                note=values["note"],
            )
            audits.moderate(self.db, row.return_id, data)
        except ValidationFailed as failed:
            self.form.refuse(failed, self, "Cannot record the moderation")
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot record the moderation", str(problem))
            return False
        self.form.mark_clean()
        self.moderated.emit(f"Moderation recorded for {row.case_reference}, {row.agency_name}.")
        return True
