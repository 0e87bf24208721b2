"""Challenge and feedback for one agency's return: moderation, challenge questions and responses,
strengths and areas for development, actions arising, and the feedback letter.

The agency's own rating is never edited here: a moderation is a separate record with its reason.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.errors import UserError, ValidationFailed
from partnerboard.services import section11 as s11
from partnerboard.services.section11 import AnswerRow, ChallengeRow
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.section11 import Section11Page


def _answer_columns(page: ChallengeTab) -> list[Column[AnswerRow]]:
    def swatch(value: str | None):
        rating = page.scale.get(value) if page.scale else None
        return rating.swatch if rating else None

    def fill(value_of):
        return lambda r: swatch(value_of(r)).fill if swatch(value_of(r)) else None

    def ink(value_of):
        return lambda r: swatch(value_of(r)).text if swatch(value_of(r)) else None

    return [
        Column("code", "Ref", lambda r: r.code, sort_key=lambda r: (r.standard_number, r.code)),
        Column("text", "Criterion", lambda r: r.text, tooltip=lambda r: r.text),
        Column(
            "rating", "Agency's rating", lambda r: r.rating_label,
            background=fill(lambda r: r.rating), foreground=ink(lambda r: r.rating),
        ),
        Column(
            "board", "Board's rating", lambda r: r.moderated_label,
            background=fill(lambda r: r.moderated_rating), foreground=ink(lambda r: r.moderated_rating),
        ),
        Column("reason", "Reason", lambda r: r.moderation_reason, tooltip=lambda r: r.moderation_reason),
        Column("evidence", "Evidence", lambda r: r.evidence, tooltip=lambda r: r.evidence),
    ]  # fmt: skip


class ChallengeTab(QWidget):
    def __init__(self, page: Section11Page):
        super().__init__()
        self.page = page
        self.the_round: s11.RoundRow | None = None
        self.scale = None
        self.return_row: s11.ReturnRow | None = None
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency")
        self.agency.currentIndexChanged.connect(lambda _i: self._load_return())
        self.letter_button = QPushButton("Feedback &letter…")
        self.letter_button.setAccessibleName("Write the feedback letter for this agency")
        self.letter_button.clicked.connect(self._letter)

        self.answers = RowTableModel(_answer_columns(self))
        self.answers_proxy = FilterProxy(self)
        self.answers_table = RegisterTable(self.answers, self.answers_proxy, "s11_answers")
        self.answers_table.setAccessibleName("Answers and moderated ratings")
        self.answers_table.selectionModel().currentRowChanged.connect(self._answer_selected)
        self.moderation = Form()
        self.moderation.choice("rating", "Board's rating", [], none_label="Choose…", required=True)
        self.moderation.multiline("reason", "Reason", required=True, height=54)
        self.moderate_button = QPushButton("Record &moderated rating")
        self.moderate_button.setAccessibleName("Record the board's moderated rating")
        self.moderate_button.clicked.connect(self.moderate)

        self.challenge_rows = RowTableModel(
            [
                Column("standard", "Standard", lambda c: c.standard_number),
                Column("question", "Question", lambda c: c.question, tooltip=lambda c: c.question),
                Column("response", "Response", lambda c: c.response, tooltip=lambda c: c.response),
            ]
        )
        self.challenge_proxy = FilterProxy(self)
        self.challenge_table = RegisterTable(
            self.challenge_rows, self.challenge_proxy, "s11_challenges", sort_column=None
        )
        self.challenge_table.setAccessibleName("Challenge questions")
        self.challenge_table.selectionModel().currentRowChanged.connect(self._challenge_selected)
        self.challenge = Form()
        self.challenge.choice("standard_id", "Standard", [], none_label="The return as a whole")
        self.challenge.multiline("question", "Question", required=True, height=48)
        self.challenge.multiline("response", "Agency's response", height=48)
        self.challenge_save = QPushButton("Save &question")
        self.challenge_save.setAccessibleName("Save the challenge question")
        self.challenge_save.clicked.connect(self.save_challenge)
        self.challenge_new = QPushButton("New q&uestion")
        self.challenge_new.clicked.connect(self._new_challenge)
        self.editing_challenge: ChallengeRow | None = None

        self.feedback = Form()
        self.feedback.multiline("strengths", "Strengths", height=60)
        self.feedback.multiline("areas_for_development", "Areas for development", height=60)
        self.feedback_save = QPushButton("Save &feedback")
        self.feedback_save.setAccessibleName("Save strengths and areas for development")
        self.feedback_save.clicked.connect(self.save_feedback)

        self.action_rows = RowTableModel(
            [
                Column("reference", "Reference", lambda a: a.reference),
                Column("text", "Action", lambda a: a.text, tooltip=lambda a: a.text),
                Column("due", "Due", lambda a: a.due_on),
            ]
        )
        self.action_proxy = FilterProxy(self)
        self.action_table = RegisterTable(
            self.action_rows, self.action_proxy, "s11_actions", sort_column=None
        )
        self.action_table.setAccessibleName("Actions arising")
        self.action = Form()
        self.action.multiline("text", "Action arising", required=True, height=44)
        self.action.date("due_on", "Due")
        self.action_add = QPushButton("Add to the &action log")
        self.action_add.setAccessibleName("Add the action to the action log")
        self.action_add.clicked.connect(self.add_action)
        self._layout()
        if not page.only_for(
            Permission.EDIT_RECORDS,
            self.moderate_button,
            self.challenge_save,
            self.challenge_new,
            self.feedback_save,
            self.action_add,
        ):  # read: nothing to type that could not be saved
            for form in (self.moderation, self.challenge, self.feedback, self.action):
                form.setEnabled(False)

    def _layout(self) -> None:
        top = QHBoxLayout()
        label = QLabel("A&gency")
        label.setBuddy(self.agency)
        top.addWidget(label)
        top.addWidget(self.agency, 1)
        top.addWidget(self.letter_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.answers_table, 1)
        left_box.addWidget(
            _group("Moderate the selected criterion", self.moderation, self.moderate_button)
        )
        right = QWidget()
        right_box = QVBoxLayout(right)
        right_box.addWidget(self.challenge_table)
        right_box.addWidget(
            _group("Challenge question", self.challenge, self.challenge_save, self.challenge_new)
        )
        right_box.addWidget(_group("Feedback for the letter", self.feedback, self.feedback_save))
        right_box.addWidget(self.action_table)
        right_box.addWidget(_group("Action arising", self.action, self.action_add))
        scroll = QScrollArea()
        scroll.setWidget(right)
        scroll.setWidgetResizable(True)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setSizes([720, 480])
        splitter.setChildrenCollapsible(False)
        box = QVBoxLayout(self)
        box.addLayout(top)
        box.addWidget(splitter, 1)

    # ------------------------------------------------------------ loading
    def load(self, the_round: s11.RoundRow | None) -> None:
        self.the_round = the_round
        self.scale = the_round.scale if the_round else None
        returns = s11.round_returns(self.page.db, the_round.id) if the_round is not None else []
        refill(
            self.agency, [(r.agency_id, r.agency_name) for r in returns], self.agency.currentData()
        )
        if the_round is not None:
            framework = s11.get_framework(self.page.db, the_round.framework_id)
            self.challenge.set_choices(
                "standard_id", [(s.id, f"{s.number}. {s.title}") for s in framework.standards]
            )
            self.moderation.set_choices(
                "rating", [(o.value, o.label) for o in the_round.scale.options]
            )
        self._load_return()

    def select_agency(self, name: str) -> None:
        position = self.agency.findText(name)
        if position >= 0:
            self.agency.setCurrentIndex(position)

    def _load_return(self) -> None:
        agency_id = self.agency.currentData()
        self.return_row = (
            s11.find_return(self.page.db, self.the_round.id, agency_id)
            if self.the_round is not None and agency_id is not None
            else None
        )
        enabled = self.return_row is not None
        for widget in (
            self.letter_button, self.moderate_button, self.challenge_save, self.challenge_new,
            self.feedback_save, self.action_add,
        ):  # fmt: skip
            widget.setEnabled(enabled)
        if self.return_row is None:
            for model in (self.answers, self.challenge_rows, self.action_rows):
                model.set_rows([])
            return
        return_id = self.return_row.id
        self.answers.set_rows(s11.return_answers(self.page.db, return_id))
        self.answers_table.fit_columns(260)
        self.challenge_rows.set_rows(s11.challenges(self.page.db, return_id))
        self.challenge_table.fit_columns(240)
        self.action_rows.set_rows(s11.actions_arising(self.page.db, return_id))
        self.action_table.fit_columns(300)
        self.feedback.load(
            {
                "strengths": self.return_row.strengths,
                "areas_for_development": self.return_row.areas_for_development,
            }
        )
        self._new_challenge()

    def _selected_answer(self) -> AnswerRow | None:
        current = self.answers_table.currentIndex()
        return self.answers_proxy.row_at(current.row()) if current.isValid() else None

    def _answer_selected(self, *_args) -> None:
        answer = self._selected_answer()
        if answer is not None:
            self.moderation.load(
                {
                    "rating": answer.moderated_rating or answer.rating,
                    "reason": answer.moderation_reason,
                }
            )

    def _challenge_selected(self, *_args) -> None:
        current = self.challenge_table.currentIndex()
        row = self.challenge_proxy.row_at(current.row()) if current.isValid() else None
        self.editing_challenge = row
        if row is not None:
            self.challenge.load(
                {"standard_id": row.standard_id, "question": row.question, "response": row.response}
            )

    def _new_challenge(self) -> None:
        self.editing_challenge = None
        self.challenge_table.clearSelection()
        self.challenge.load({})

    # ------------------------------------------------------------ saving
    def _save(self, form: Form, title: str, action: Any) -> bool:
        try:
            action()
        except ValidationFailed as failed:
            leftovers = form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, title, "\n".join(leftovers))
            return False
        except UserError as problem:
            dialogs.show_problem(self, title, str(problem))
            return False
        return True

    def moderate(self) -> None:
        answer = self._selected_answer()
        if self.return_row is None:
            return
        if answer is None:
            dialogs.show_problem(
                self, "Moderate a rating", "Select the criterion to moderate first."
            )
            return
        values = self.moderation.values()
        if self._save(
            self.moderation,
            "Cannot record the moderated rating",
            lambda: s11.moderate(
                self.page.db,
                self.return_row.id,
                answer.criterion_id,
                values["rating"] or "",
                values["reason"],
            ),  # fmt: skip
        ):
            self.page.context.status(f"Moderated {answer.code}.")

    def save_challenge(self) -> None:
        if self.return_row is None:
            return
        values = self.challenge.values()
        editing = self.editing_challenge
        if self._save(
            self.challenge,
            "Cannot save the question",
            lambda: s11.save_challenge(
                self.page.db,
                self.return_row.id,
                values["question"],
                values["standard_id"],
                response=values["response"],
                challenge_id=editing.id if editing else None,
                expected_version=editing.row_version if editing else None,
            ),  # fmt: skip
        ):
            self.page.context.status("Challenge question saved.")

    def save_feedback(self) -> None:
        if self.return_row is None:
            return
        values = self.feedback.values()
        if self._save(
            self.feedback,
            "Cannot save the feedback",
            lambda: s11.save_feedback(
                self.page.db,
                self.return_row.id,
                values["strengths"],
                values["areas_for_development"],
                self.return_row.row_version,
            ),  # fmt: skip
        ):
            self.page.context.status("Feedback saved.")

    def add_action(self) -> None:
        if self.return_row is None:
            return
        values = self.action.values()
        if self._save(
            self.action,
            "Cannot add the action",
            lambda: s11.create_action_arising(
                self.page.db, self.return_row.id, values["text"], due_on=values["due_on"]
            ),
        ):
            self.action.load({})
            self.page.context.status("Action added to the action log.")

    def _letter(self) -> None:
        if self.return_row is not None:
            self.page.feedback_letter(self.return_row.agency_id, self.return_row.agency_name)


def _group(title: str, form: QWidget, *buttons: QPushButton) -> QGroupBox:
    group = QGroupBox(title)
    # Never squeezed below what its fields need (labels would overlap the fields).
    group.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
    box = QVBoxLayout(group)
    box.addWidget(form)
    row = QHBoxLayout()
    for button in buttons:
        row.addWidget(button)
    row.addStretch(1)
    box.addLayout(row)
    return group
