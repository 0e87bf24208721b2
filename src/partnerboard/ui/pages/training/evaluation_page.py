"""Training evaluation: course evaluations (confidence before and after per learning outcome)
and follow-ups about three months later ("what have you done differently?"), which business
support tags with a theme. Responses hold no name or e-mail.

Tagging goes down the list like a register: Tag theme saves and moves to the next answer, and
moving to another answer keeps (saves) a theme typed for the one left, saying so in the status
bar. Leaving the page or closing the window with a theme typed asks first (`ui.unsaved`)."""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.training import EvaluationKind
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import training
from partnerboard.services.training import EvaluationRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.training import TRAINING_TABLES
from partnerboard.ui.pages.training.import_dialog import ImportDialog
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.fields import ERROR_STYLE
from partnerboard.ui.widgets.table_view import RegisterTable

THEME_LABEL = "Theme"


def evaluation_columns() -> list[Column[EvaluationRow]]:
    return [
        Column("session", "Session", lambda r: r.session_id, align_right=True),
        Column("course", "Course", lambda r: r.course_reference),
        Column("date", "Date", lambda r: r.session_starts_at.date()),
        Column("submitted", "Submitted", lambda r: r.submitted_at, visible=False),
        Column("agency", "Agency", lambda r: r.agency or "Not known"),
        Column("ratings", "Confidence (outcome: before→after)", lambda r: r.ratings_text),
        Column("comment", "Answer", lambda r: r.comment),
        Column("theme", "Theme", lambda r: r.theme_tag),
    ]


class TrainingEvaluationPage(Page):
    key = "training_evaluation"
    title = "Training evaluation"
    tables = TRAINING_TABLES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.shown: EvaluationRow | None = None  # the answer whose theme the field holds
        self._quiet = False  # the list being reloaded or put back: no choice made by the user
        self.kind_choice = QComboBox()
        self.kind_choice.setAccessibleName("Responses shown")
        self.kind_choice.addItem("Follow-ups (what changed)", EvaluationKind.FOLLOW_UP)
        self.kind_choice.addItem("Course evaluations", EvaluationKind.COURSE)
        self.kind_choice.currentIndexChanged.connect(lambda _i: self.refresh())
        self.course_choice = QComboBox()
        self.course_choice.setAccessibleName("Course")
        self.course_choice.setMinimumContentsLength(20)
        self.course_choice.currentIndexChanged.connect(lambda _i: self._filter())
        self.import_button = QPushButton("&Import evaluations…")
        self.import_button.setAccessibleName("Import evaluations from a forms tool's export")
        self.import_button.clicked.connect(self.import_evaluations)
        self.model: RowTableModel[EvaluationRow] = RowTableModel(evaluation_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "training_evaluations", sort_column=2)
        self.table.setAccessibleName("Evaluation responses")
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._moved())
        self.count = QLabel()
        self.count.setAccessibleName("Number of responses shown")
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setAccessibleName("The chosen answer")
        self.theme = QComboBox()
        self.theme.setEditable(True)
        self.theme.setAccessibleName("Theme of the chosen answer")
        self.theme.setMinimumContentsLength(24)
        self.theme_problem = QLabel()
        self.theme_problem.setStyleSheet(ERROR_STYLE)
        self.theme_problem.setWordWrap(True)
        self.theme_problem.setAccessibleName("Problem with the theme")
        self.theme_problem.hide()
        self.tagging = _ThemeEditor(self)
        self.tag_button = QPushButton("&Tag theme")
        self.tag_button.setAccessibleName("Tag the chosen answer with the theme")
        self.tag_button.clicked.connect(self.tag)
        self.may_import = self.only_for(Permission.IMPORT_RETURNS, self.import_button)
        self.may_tag = self.only_for(Permission.EDIT_RECORDS, self.tag_button)
        self.theme.setEnabled(self.may_tag)  # read: the theme shows, nothing to type
        self._layout_page()
        self._chosen()

    def _layout_page(self) -> None:
        bar = QHBoxLayout()
        for text, widget in (("&Show:", self.kind_choice), ("&Course:", self.course_choice)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        tagging = QHBoxLayout()
        caption = QLabel("The&me:")
        caption.setBuddy(self.theme)
        tagging.addWidget(caption)
        tagging.addWidget(self.theme, 1)
        tagging.addWidget(self.tag_button)
        box = QVBoxLayout(self)
        box.addLayout(bar)
        box.addWidget(self.table, 1)
        box.addWidget(self.count)
        box.addWidget(self.answer)
        box.addLayout(tagging)
        box.addWidget(self.theme_problem)

    def editors(self) -> list[unsaved.Editor]:
        return [self.tagging]

    def refresh(self) -> None:
        courses = training.list_courses(self.db)
        refill(
            self.course_choice, [(None, "All courses"), *((c.reference, c.label) for c in courses)],
            self.course_choice.currentData(),
        )  # fmt: skip
        kind = EvaluationKind.parse(self.kind_choice.currentData())
        typed = self.theme.currentText() if self.tagging.unsaved() else None
        self._quiet = True
        try:
            self.model.set_rows(training.list_evaluations(self.db, kind))
            # Ratings belong to course evaluations; themes to what changed, three months on.
            follow_up = kind is EvaluationKind.FOLLOW_UP
            self.table.setColumnHidden(self.model.column_index("ratings"), follow_up)
            self.table.setColumnHidden(self.model.column_index("theme"), not follow_up)
            self.table.fit_columns(360)
            refill(self.theme, [(t, t) for t in training.theme_tags(self.db)], None)
            self._filter()
            self._select(self.shown.id if self.shown else None)
        finally:
            self._quiet = False
        self._chosen()
        if typed is not None and self.shown is not None:
            self.theme.setEditText(typed)  # a theme being typed stays as typed

    def _filter(self) -> None:
        course = self.course_choice.currentData()
        self.proxy.set_predicate(
            "course", None if course is None else (lambda r: r.course_reference == course)
        )
        rows = self.proxy.visible_rows()
        tagged = sum(1 for r in rows if r.theme_tag)
        themes = Counter(r.theme_tag for r in rows if r.theme_tag).most_common(3)
        common = ", ".join(f"{t} ({n})" for t, n in themes)
        self.count.setText(
            f"{len(rows)} response(s), {tagged} tagged"
            + (f"; most often: {common}" if common else "")
        )

    def _current(self) -> EvaluationRow | None:
        index = self.table.currentIndex()
        return self.proxy.row_at(index.row()) if index.isValid() else None

    def _select(self, evaluation_id: int | None) -> bool:
        for position, row in enumerate(self.proxy.visible_rows()):
            if row.id == evaluation_id:
                self.table.selectRow(position)
                return True
        self.table.clearSelection()
        self.table.setCurrentIndex(QModelIndex())
        return False

    def _moved(self) -> None:
        """Another answer chosen: a theme typed for the one left is kept (saved), as down a
        register, and said so; refused (too long), the answer left stays chosen."""
        if self._quiet:
            return
        row, left = self._current(), self.shown
        if left is not None and (row is None or row.id != left.id) and self.tagging.unsaved():
            wanted = row.id if row else None
            saved = self.tag_row(left, move_on=False)
            if saved is None:
                self._quiet = True
                try:
                    self._select(left.id)
                finally:
                    self._quiet = False
                return
            self.context.status(
                f"Saved the theme “{saved.theme_tag or 'no theme'}” of the answer left on "
                "moving on."
            )
            self._quiet = True
            try:
                self._select(wanted)
            finally:
                self._quiet = False
        self._chosen()

    def _chosen(self) -> None:
        row = self._current()
        self.shown = row
        self.tag_button.setEnabled(row is not None)
        self._show_problem("")
        if row is None:
            self.answer.setText("Choose a response to read it in full and tag its theme.")
            self.theme.setEditText("")
            return
        self.answer.setText(row.comment or "(no answer written)")
        self.theme.setEditText(row.theme_tag or "")

    def _show_problem(self, text: str) -> None:
        self.theme_problem.setText(text)
        self.theme_problem.setVisible(bool(text))
        self.theme.setAccessibleDescription(text)

    def tag(self) -> None:
        row = self._current()
        if row is not None and self.may_tag:
            self.tag_row(row, move_on=True)

    def tag_row(self, row: EvaluationRow, move_on: bool) -> EvaluationRow | None:
        """Tag `row` with the theme typed; the answer tagged, or None (the reason beside the
        field, the text kept) when refused. `move_on`: then on to the next answer."""
        try:
            saved = training.tag_theme(self.db, row.id, self.theme.currentText())
        except ValidationFailed as failed:
            message = " ".join(e.message for e in failed.errors)
            self._show_problem(f"{THEME_LABEL}: {message}")
            self.context.status(f"Not saved: {THEME_LABEL}: {message}")
            self.theme.setFocus()
            return None
        except UserError as problem:
            dialogs.show_problem(self, "Cannot tag this answer", str(problem))
            return None
        self.shown = saved  # what is stored now: nothing unsaved
        if move_on:
            self.context.status(f"Tagged: {saved.theme_tag or 'no theme'}.")
            position = self.table.currentIndex().row()
            self.refresh()
            if position + 1 < self.proxy.rowCount():
                self.table.selectRow(position + 1)  # on to the next answer
            self.theme.setFocus()
        else:
            self.refresh()
        return saved

    def import_evaluations(self) -> None:
        if self.may_import:
            ImportDialog(self, evaluations=True).exec()


class _ThemeEditor:
    """The theme typed for the chosen answer, as unsaved work of the page."""

    def __init__(self, page: TrainingEvaluationPage):
        self.page = page

    def unsaved(self) -> str:
        row = self.page.shown
        if row is None or not self.page.may_tag:
            return ""
        typed = " ".join(self.page.theme.currentText().split())
        return "the theme typed for the chosen answer" if typed != (row.theme_tag or "") else ""

    def save_unsaved(self) -> bool:
        row = self.page.shown
        return row is None or self.page.tag_row(row, move_on=False) is not None

    def discard_unsaved(self) -> None:
        self.page._chosen()
