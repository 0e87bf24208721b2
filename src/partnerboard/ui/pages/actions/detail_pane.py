"""The register's detail pane: every field of an action (editable), its dated history, a
progress update to add, and Close / Reopen / Supersede / Merge (nothing is ever deleted).

The pane is an editor of two parts (`ui.unsaved`): the action's details and the progress update
being written; the register asks about either before another action, tab or page is shown."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.domain.actions import ActionSource, ActionStatus, Rag, UpdateState
from partnerboard.errors import StaleRecord, UserError, ValidationFailed
from partnerboard.services import actions
from partnerboard.services.actions.detail import ActionDetail
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form, Option
from partnerboard.ui.pages.actions import finish_dialog
from partnerboard.ui.pages.actions.action_form import build_form, edit_from, facts_html, form_values
from partnerboard.ui.pages.actions.history_view import HistoryView
from partnerboard.ui.permissions import hide_unless


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


HEADING_LIMIT = 100  # characters of the action's text in the pane's heading (two lines or so)


def heading_text(text: str, limit: int = HEADING_LIMIT) -> str:
    """The action's text cut to a heading at a word (the full text is in the form)."""
    words = " ".join(text.split())
    if len(words) <= limit:
        return words
    cut = words[:limit].rsplit(" ", 1)[0] or words[:limit]
    return cut.rstrip(" ,;:.–-") + "…"


class DetailPane(QWidget, unsaved.Editors):
    saved = Signal(int)  # id of the action created or changed

    def __init__(self, db: Database, status, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.status = status  # status(message) in the status bar
        # Business support edits; members and chairs propose updates to the actions they lead
        # (the session enforces the same rule: db.access_rules).
        self.edits = db.principal.role.edits_all
        self.detail: ActionDetail | None = None
        self.person_agency: dict[int, int | None] = {}
        self.title = QLabel("<h3>New action</h3>")
        self.title.setObjectName("formTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.title.setAccessibleName("Action shown")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName("Status of the action")
        self.close_button = _button("C&lose…", "Close action")
        self.reopen_button = _button("R&eopen", "Reopen action")
        self.supersede_button = _button("Supersede…", "Supersede action")
        self.merge_button = _button("Merge…", "Merge action")
        self.close_button.clicked.connect(lambda: self._finish("close"))
        self.supersede_button.clicked.connect(lambda: self._finish("supersede"))
        self.merge_button.clicked.connect(lambda: self._finish("merge"))
        self.reopen_button.clicked.connect(self._reopen)

        self.form = Form()
        build_form(self.form, db)
        lead = self.form.field("lead_person_id")
        lead.activated.connect(self._lead_chosen)  # type: ignore[attr-defined]
        due = self.form.field("due_on")
        due.textEdited.connect(self._show_due_reason)  # type: ignore[attr-defined]
        due.dateChanged.connect(self._show_due_reason)  # type: ignore[attr-defined]
        self.save_button = _button("&Save", "Save action")
        self.save_button.clicked.connect(self.save)

        self.update_form = Form()
        self.update_form.date("update_on", "Date of the update", optional=False)
        self.update_form.choice(
            "rag",
            "RAG",
            [(r.value, f"{r.label} – {r.meaning}") for r in Rag],
            none_label="No RAG (narrative only)",
        )
        self.update_form.multiline("narrative", "Progress", height=90)
        self.update_form.text("author", "Author", placeholder=db.principal.name)
        self.add_update_button = (
            _button("Add &update", "Add update")
            if self.edits
            else _button("Propose &update", "Propose an update to business support")
        )
        self.add_update_button.clicked.connect(self.add_update)
        self.history = HistoryView()
        self.details_editor = unsaved.FormEditor(
            [self.form], self._unsaved_details, lambda: self.save() is not None, self._reload
        )
        self.update_editor = unsaved.FormEditor(
            [self.update_form],
            lambda: f"the progress update you were writing for {self._reference()}",
            self.add_update,
            lambda: self.update_form.load({"update_on": self.db.clock.today()}),
        )

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Action details and progress")
        self.tabs.addTab(self._progress_tab(), "&Progress")
        self.tabs.addTab(self._details_tab(), "&Details")
        unsaved.guard_tabs(
            self.tabs, self, lambda index: (self.update_editor, self.details_editor)[index]
        )
        box = QVBoxLayout(self)
        box.setContentsMargins(4, 0, 0, 0)
        box.addWidget(self.title)
        box.addWidget(self.facts)
        buttons = QHBoxLayout()
        for button in (
            self.close_button,
            self.reopen_button,
            self.supersede_button,
            self.merge_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addWidget(self.tabs, 1)
        hide_unless(
            db,
            Permission.EDIT_RECORDS,
            self.close_button,
            self.reopen_button,
            self.supersede_button,
            self.merge_button,
            self.save_button,
        )
        hide_unless(db, Permission.PROPOSE_UPDATES, self.add_update_button)
        if not self.edits:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        self.show_detail(None)

    # ------------------------------------------------------------ building
    def _details_tab(self) -> QWidget:
        inner = QWidget()
        box = QVBoxLayout(inner)
        box.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.save_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)
        return self._scrolled(inner)

    def _progress_tab(self) -> QWidget:
        inner = QWidget()
        box = QVBoxLayout(inner)
        group = QGroupBox("Add a progress update")
        group_box = QVBoxLayout(group)
        group_box.addWidget(self.update_form)
        row = QHBoxLayout()
        row.addWidget(self.add_update_button)
        row.addStretch(1)
        group_box.addLayout(row)
        box.addWidget(group)
        heading = QLabel("<b>History</b> (newest first)")
        box.addWidget(heading)
        box.addWidget(self.history, 1)
        return self._scrolled(inner)

    @staticmethod
    def _scrolled(inner: QWidget) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setWidget(inner)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        return scroll

    def set_choices(
        self, choices: dict[str, list[Option]], person_agency: dict[int, int | None]
    ) -> None:
        for key, options in choices.items():
            self.form.set_choices(key, options)
        self.person_agency = person_agency

    # ------------------------------------------------------------ unsaved work
    @property
    def dirty(self) -> bool:
        return self.details_editor.dirty()

    def editors(self) -> list[unsaved.Editor]:
        return [self.details_editor, self.update_editor]

    def _reference(self) -> str:
        return f"action {self.detail.row.reference}" if self.detail else "the new action"

    def _unsaved_details(self) -> str:
        return f"your changes to {self._reference()}" if self.detail else "the new action"

    def _reload(self) -> None:
        if self.detail is None:
            self.show_detail(None)
        else:
            self.load(self.detail.id)

    # ------------------------------------------------------------ form behaviour
    def _lead_chosen(self, *_args) -> None:
        """Choosing a lead fills the lead agency with theirs (still changeable)."""
        person = self.form.value("lead_person_id")
        agency = self.person_agency.get(person) if person is not None else None
        if agency is not None:
            self.form.set_value("lead_agency_id", agency)

    def _show_due_reason(self, *_args) -> None:
        """ "Why the due date changed" only when a due date already set is being changed."""
        field = self.form.field("due_on")
        stored = self.detail.row.due_on if self.detail else None
        changing = stored is not None and field.text() not in ("", stored.strftime("%d/%m/%Y"))
        self.form.set_field_shown("due_change_reason", changing)

    # ------------------------------------------------------------ showing
    def show_detail(self, detail: ActionDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.form.load(
                {"source_kind": ActionSource.OTHER.value, "raised_on": self.db.clock.today()}
            )
            self.title.setText("<h3>New action</h3>")
            self.title.setToolTip("")
            self.facts.setText("Fill in the details and save; the reference is given for you.")
            self.history.show_entries(())
        else:
            row = detail.row
            self.form.load(form_values(detail))
            # The heading is cut to a line or two: a long action would push every control off
            # the pane. The whole text is in the form (and in the tooltip).
            self.title.setText(
                f"<h3>{escape(row.reference)} – {escape(heading_text(row.text))}</h3>"
            )
            self.title.setToolTip(row.text if len(row.text) > HEADING_LIMIT else "")
            self.facts.setText(facts_html(detail, self.db.clock.today()))
            self.history.show_entries(detail.history)
        self._show_due_reason()
        self.update_form.load({"update_on": self.db.clock.today()})
        # A new action has no progress yet: its Progress tab waits until it is saved.
        self.tabs.setTabEnabled(0, detail is not None)
        self.tabs.setTabToolTip(0, "" if detail else "Save the new action to record progress.")
        is_open = detail is not None and detail.row.status is ActionStatus.OPEN
        for button in (self.close_button, self.supersede_button, self.merge_button):
            button.setEnabled(is_open and self.edits)
        self.reopen_button.setEnabled(detail is not None and not is_open and self.edits)
        self.save_button.setEnabled(self.edits)
        may_update = detail is not None and (self.edits or self._leads(detail))
        self.add_update_button.setEnabled(may_update)
        self.update_form.setEnabled(may_update)

    def _leads(self, detail: ActionDetail) -> bool:
        person = self.db.principal.person_id
        return person is not None and detail.row.lead_person_id == person

    # ------------------------------------------------------------ saving
    def save(self) -> int | None:
        try:
            data = edit_from(self.form.values())
            if self.detail is None:
                action_id = actions.create_action(self.db, data)
            else:
                action_id = self.detail.id
                if data.reference is None:
                    data.reference = self.detail.row.reference  # blank keeps it
                actions.save_action(self.db, data, action_id, self.detail.row_version)
        except ValidationFailed as failed:
            self.tabs.setCurrentIndex(1)  # the details, where the messages are
            self.form.refuse(failed, self, "Cannot save this action", self.status)
            return None
        except StaleRecord as stale:
            dialogs.show_problem(self, "Action changed by someone else", str(stale))
            return None
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save this action", str(problem))
            return None
        self.load(action_id)
        self.status(f"Saved action {self.detail.row.reference if self.detail else ''}.")
        self.saved.emit(action_id)
        return action_id

    def load(self, action_id: int) -> None:
        self.show_detail(actions.get_action(self.db, action_id))

    def add_update(self) -> bool:
        if self.detail is None:
            return False
        try:
            values = self.update_form.values()
            data = actions.UpdateInput(
                update_on=values["update_on"] or self.db.clock.today(),
                narrative=values["narrative"],
                rag=values["rag"],
                author=values["author"],
                state=(UpdateState.ACCEPTED if self.edits else UpdateState.PROPOSED).value,
            )
            actions.add_update(self.db, self.detail.id, data)
        except ValidationFailed as failed:
            self.tabs.setCurrentIndex(0)
            self.update_form.refuse(failed, self, "Cannot add this update", self.status)
            return False
        except UserError as problem:
            dialogs.show_problem(self, "Cannot add this update", str(problem))
            return False
        action_id = self.detail.id
        self.load(action_id)
        self.tabs.setCurrentIndex(0)
        verb = "Update added to" if self.edits else "Update proposed for"
        self.status(f"{verb} {self.detail.row.reference if self.detail else ''}.")
        self.saved.emit(action_id)
        return True

    # ------------------------------------------------------------ finishing
    def _finish(self, kind: str) -> None:
        if self.detail is None or not unsaved.settle(self, self):
            return
        row = self.detail.row
        others = []
        if kind != "close":
            others = [
                (r.id, f"{r.reference} {r.text[:70]}")
                for r in actions.list_actions(self.db, include_closed=False)
                if r.id != row.id
            ]
            if not others:
                dialogs.show_problem(
                    self, "No open action", "There is no other open action to choose."
                )
                return
        answer = finish_dialog.ask_finish(
            self, kind, f"{row.reference} {row.text[:60]}", others, self.db.clock.today()
        )
        if answer is None:
            return
        try:
            if kind == "close":
                actions.close_action(self.db, row.id, answer.on, answer.note)
            elif kind == "supersede":
                actions.supersede_action(self.db, row.id, answer.other_id, answer.note, answer.on)
            else:
                actions.merge_action(self.db, row.id, answer.other_id, answer.note, answer.on)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot do that", str(problem))
            return
        self.load(row.id)
        self.status(
            f"Action {row.reference}: {self.detail.row.status.label.lower() if self.detail else kind}."
        )
        self.saved.emit(row.id)

    def _reopen(self) -> None:
        if self.detail is None or not unsaved.settle(self, self):
            return
        row = self.detail.row
        if not dialogs.confirm(self, "Reopen action", f"Reopen {row.reference}?", yes="Reopen"):
            return
        try:
            actions.reopen_action(self.db, row.id)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot reopen", str(problem))
            return
        self.load(row.id)
        self.saved.emit(row.id)
