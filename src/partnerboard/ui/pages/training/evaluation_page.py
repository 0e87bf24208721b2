"""Training evaluation: course evaluations (confidence before and after per learning outcome)
and follow-ups about three months later ("what have you done differently?"), which business
support tags with a theme. Responses hold no name or e-mail."""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.training import EvaluationKind
from partnerboard.errors import UserError
from partnerboard.services import training
from partnerboard.services.training import EvaluationRow
from partnerboard.ui import dialogs
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.training import TRAINING_TABLES
from partnerboard.ui.pages.training.import_dialog import ImportDialog
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable


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
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._chosen())
        self.count = QLabel()
        self.count.setAccessibleName("Number of responses shown")
        self.answer = QLabel()
        self.answer.setWordWrap(True)
        self.answer.setAccessibleName("The chosen answer")
        self.theme = QComboBox()
        self.theme.setEditable(True)
        self.theme.setAccessibleName("Theme of the chosen answer")
        self.theme.setMinimumContentsLength(24)
        self.tag_button = QPushButton("&Tag theme")
        self.tag_button.setAccessibleName("Tag the chosen answer with the theme")
        self.tag_button.clicked.connect(self.tag)
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

    def refresh(self) -> None:
        courses = training.list_courses(self.db)
        refill(
            self.course_choice, [(None, "All courses"), *((c.reference, c.label) for c in courses)],
            self.course_choice.currentData(),
        )  # fmt: skip
        chosen = self._current()
        kind = EvaluationKind.parse(self.kind_choice.currentData())
        self.model.set_rows(training.list_evaluations(self.db, kind))
        # Ratings belong to course evaluations; themes to what changed, three months on.
        follow_up = kind is EvaluationKind.FOLLOW_UP
        self.table.setColumnHidden(self.model.column_index("ratings"), follow_up)
        self.table.setColumnHidden(self.model.column_index("theme"), not follow_up)
        self.table.fit_columns(360)
        refill(self.theme, [(t, t) for t in training.theme_tags(self.db)], self.theme.currentText())
        self._filter()
        if chosen is not None:
            for position, row in enumerate(self.proxy.visible_rows()):
                if row.id == chosen.id:
                    self.table.selectRow(position)
        self._chosen()

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

    def _chosen(self) -> None:
        row = self._current()
        self.tag_button.setEnabled(row is not None)
        if row is None:
            self.answer.setText("Choose a response to read it in full and tag its theme.")
            return
        self.answer.setText(row.comment or "(no answer written)")
        self.theme.setEditText(row.theme_tag or "")

    def tag(self) -> None:
        row = self._current()
        if row is None:
            return
        try:
            saved = training.tag_theme(self.db, row.id, self.theme.currentText())
        except UserError as problem:
            dialogs.show_problem(self, "Cannot tag this answer", str(problem))
            return
        self.context.status(f"Tagged: {saved.theme_tag or 'no theme'}.")
        position = self.table.currentIndex().row()
        self.refresh()
        if position + 1 < self.proxy.rowCount():
            self.table.selectRow(position + 1)  # on to the next answer
        self.theme.setFocus()

    def import_evaluations(self) -> None:
        ImportDialog(self, evaluations=True).exec()
