"""Challenge and feedback for one agency's return: moderation, challenge questions and responses,
strengths and areas for development, actions arising, and the feedback letter.

The agency's own rating is never edited here: a moderation is a separate record with its reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
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
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page


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


class ChallengeTab(QWidget, unsaved.Editors):
    # the feedback letter to an agency is wanted (agency id, name): the page writes it
    letter_wanted = Signal(int, str)

    def __init__(self, page: Page):
        super().__init__()
        self.page = page
        self.the_round: s11.RoundRow | None = None
        self.scale = None
        self.return_row: s11.ReturnRow | None = None
        self._agency_shown: int | None = None
        self.agency = QComboBox()
        self.agency.setAccessibleName("Agency")
        self.agency.currentIndexChanged.connect(lambda _i: self._agency_chosen())
        self.letter_button = QPushButton("Feedback &letter…")
        self.letter_button.setAccessibleName("Write the feedback letter for this agency")
        self.letter_button.clicked.connect(self._letter)

        self.answers = RowTableModel(_answer_columns(self))
        self.answers_proxy = FilterProxy(self)
        self.answers_table = RegisterTable(self.answers, self.answers_proxy, "s11_answers")
        self.answers_table.setAccessibleName("Answers and moderated ratings")
        self.moderating: AnswerRow | None = None
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
        self.challenge = Form()
        self.challenge.choice("standard_id", "Standard", [], none_label="The return as a whole")
        self.challenge.multiline("question", "Question", required=True, height=48)
        self.challenge.multiline("response", "Agency's response", height=48)
        self.challenge_save = QPushButton("Save &question")
        self.challenge_save.setAccessibleName("Save the challenge question")
        self.challenge_save.clicked.connect(self.save_challenge)
        self.challenge_new = QPushButton("New q&uestion")
        self.challenge_new.setAccessibleName("New challenge question")
        self.challenge_new.clicked.connect(lambda: self._new_challenge(ask=True))
        self.editing_challenge: ChallengeRow | None = None

        self.feedback = Form()
        self.feedback.multiline("strengths", "Strengths", height=60)
        self.feedback.multiline("areas_for_development", "Areas for development", height=60)
        self.feedback_save = QPushButton("Save feedbac&k")
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
        self._editors()
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

    def _editors(self) -> None:
        """The four forms of the tab, each an editor of its own (`ui.unsaved`)."""
        self.moderation_editor = unsaved.FormEditor(
            [self.moderation],
            lambda: f"the board's rating of {self.moderating.code}" if self.moderating else "",
            self.moderate,
            lambda: self._show_answer(self.moderating),
        )
        self.challenge_editor = unsaved.FormEditor(
            [self.challenge],
            lambda: "the challenge question you were writing",
            self.save_challenge,
            lambda: self._show_challenge(self.editing_challenge),
        )
        self.feedback_editor = unsaved.FormEditor(
            [self.feedback],
            lambda: f"the feedback for {self.return_row.agency_name}" if self.return_row else "",
            self.save_feedback,
            self._load_feedback,
        )
        self.action_editor = unsaved.FormEditor(
            [self.action],
            lambda: "the action arising you were writing",
            self.add_action,
            lambda: self.action.load({}),
        )
        self.answer_chooser = unsaved.RowChooser(
            self.answers_table,
            self,
            self.moderation_editor,
            lambda: self.moderating.criterion_id if self.moderating else None,
            self._show_answer,
            key=lambda row: row.criterion_id,
        )
        self.challenge_chooser = unsaved.RowChooser(
            self.challenge_table,
            self,
            self.challenge_editor,
            lambda: self.editing_challenge.id if self.editing_challenge else None,
            self._show_challenge,
        )

    def editors(self) -> list[unsaved.Editor]:
        return [
            self.moderation_editor,
            self.challenge_editor,
            self.feedback_editor,
            self.action_editor,
        ]

    def _agency_chosen(self) -> None:
        if self.agency.currentData() == self._agency_shown:
            return
        if not unsaved.settle_choice(self, self.agency, self._agency_shown):
            return
        self._load_return()

    def _layout(self) -> None:
        top = QHBoxLayout()
        label = QLabel("Agenc&y")
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
        previous = self.return_row.id if self.return_row else None
        self._agency_shown = agency_id
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
        # The same return again (a refresh after a save): what is being typed stays.
        same = previous == return_id
        self.answers.set_rows(s11.return_answers(self.page.db, return_id))
        self.answers_table.fit_columns(260)
        self.challenge_rows.set_rows(s11.challenges(self.page.db, return_id))
        self.challenge_table.fit_columns(240)
        self.action_rows.set_rows(s11.actions_arising(self.page.db, return_id))
        self.action_table.fit_columns(300)
        if not (same and self.feedback_editor.dirty()):
            self._load_feedback()
        if not (same and self.action_editor.dirty()):
            self.action.load({})
        moderating = self.moderating.criterion_id if same and self.moderating else None
        if moderating is None or not self.answer_chooser.select(
            moderating, load=not self.moderation_editor.dirty()
        ):
            self.moderating = None
            self.moderation.load({})
        challenge = self.editing_challenge.id if same and self.editing_challenge else None
        typing = same and self.challenge_editor.dirty()
        shown = challenge is not None and self.challenge_chooser.select(challenge, load=not typing)
        if not shown and not typing:
            self._new_challenge(ask=False)

    def _load_feedback(self) -> None:
        row = self.return_row
        self.feedback.load(
            {
                "strengths": row.strengths if row else None,
                "areas_for_development": row.areas_for_development if row else None,
            }
        )

    def _selected_answer(self) -> AnswerRow | None:
        current = self.answers_table.currentIndex()
        return self.answers_proxy.row_at(current.row()) if current.isValid() else None

    def _show_answer(self, answer: AnswerRow | None) -> None:
        self.moderating = answer
        self.moderation.load(
            {
                "rating": answer.moderated_rating or answer.rating,
                "reason": answer.moderation_reason,
            }
            if answer is not None
            else {}
        )

    def _show_challenge(self, row: ChallengeRow | None) -> None:
        self.editing_challenge = row
        self.challenge.load(
            {"standard_id": row.standard_id, "question": row.question, "response": row.response}
            if row is not None
            else {}
        )

    def _new_challenge(self, ask: bool = False) -> None:
        if ask and not unsaved.settle(self, self.challenge_editor):
            return
        self.challenge_chooser.clear()
        self._show_challenge(None)

    # ------------------------------------------------------------ saving
    def _save(self, form: Form, title: str, action: Callable[[dict[str, Any]], Any]) -> bool:
        """Run `action(values)`; the reasons beside the fields when refused. On success the
        form counts as saved (a refresh then shows what is stored)."""
        try:
            action(form.values())
        except ValidationFailed as failed:
            form.refuse(failed, self, title, self.page.context.status)
            return False
        except UserError as problem:
            dialogs.show_problem(self, title, str(problem))
            return False
        form.mark_clean()
        return True

    def moderate(self) -> bool:
        answer = self.moderating
        the_return = self.return_row
        if the_return is None:
            return False
        if answer is None:
            dialogs.show_problem(
                self, "Moderate a rating", "Select the criterion to moderate first."
            )
            return False
        saved = self._save(
            self.moderation,
            "Cannot record the moderated rating",
            lambda values: s11.moderate(
                self.page.db, the_return.id, answer.criterion_id, values["rating"] or "",
                values["reason"],
            ),
        )  # fmt: skip
        if saved:
            self.page.context.status(f"Moderated {answer.code}.")
        return saved

    def save_challenge(self) -> bool:
        the_return = self.return_row
        if the_return is None:
            return False
        editing = self.editing_challenge
        saved = self._save(
            self.challenge,
            "Cannot save the question",
            lambda values: s11.save_challenge(
                self.page.db, the_return.id, values["question"], values["standard_id"],
                response=values["response"],
                challenge_id=editing.id if editing else None,
                expected_version=editing.row_version if editing else None,
            ),
        )  # fmt: skip
        if saved:
            self.page.context.status("Challenge question saved.")
        return saved

    def save_feedback(self) -> bool:
        the_return = self.return_row
        if the_return is None:
            return False
        saved = self._save(
            self.feedback,
            "Cannot save the feedback",
            lambda values: s11.save_feedback(
                self.page.db, the_return.id, values["strengths"],
                values["areas_for_development"], the_return.row_version,
            ),
        )  # fmt: skip
        if saved:
            self.page.context.status("Feedback saved.")
        return saved

    def add_action(self) -> bool:
        the_return = self.return_row
        if the_return is None:
            return False
        saved = self._save(
            self.action,
            "Cannot add the action",
            lambda values: s11.create_action_arising(
                self.page.db, the_return.id, values["text"], due_on=values["due_on"]
            ),
        )
        if saved:
            self.action.load({})
            self.page.context.status("Action added to the action log.")
        return saved

    def _letter(self) -> None:
        if self.return_row is not None:
            self.letter_wanted.emit(self.return_row.agency_id, self.return_row.agency_name)


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
