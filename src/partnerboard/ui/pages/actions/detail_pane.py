"""The register's detail pane: every field of an action (editable), its dated history, a
progress update to add, and Close / Reopen / Supersede / Merge (nothing is ever deleted)."""

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
from partnerboard.ui import dialogs
from partnerboard.ui.forms import Form, Option
from partnerboard.ui.pages.actions import finish_dialog
from partnerboard.ui.pages.actions.action_form import build_form, edit_from, facts_html, form_values
from partnerboard.ui.pages.actions.history_view import HistoryView
from partnerboard.ui.permissions import hide_unless


def _button(text: str, name: str) -> QPushButton:
    button = QPushButton(text)
    button.setAccessibleName(name)
    return button


class DetailPane(QWidget):
    saved = Signal(int)  # id of the action created or changed

    def __init__(self, db: Database, status, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.status = status  # status(message) in the status bar
        # Business support edits; members and chairs propose updates to the actions they lead
        # (the session enforces the same rule: db.access_rules).
        self.edits = db.principal.role.edits_all
        self.detail: ActionDetail | None = None
        self.dirty = False
        self.title = QLabel("<h3>New action</h3>")
        self.title.setObjectName("formTitle")
        self.title.setWordWrap(True)
        self.title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName("Status of the action")
        self.close_button = _button("C&lose…", "Close action")
        self.reopen_button = _button("Re&open", "Reopen action")
        self.supersede_button = _button("Supersede…", "Supersede action")
        self.merge_button = _button("Merge…", "Merge action")
        self.close_button.clicked.connect(lambda: self._finish("close"))
        self.supersede_button.clicked.connect(lambda: self._finish("supersede"))
        self.merge_button.clicked.connect(lambda: self._finish("merge"))
        self.reopen_button.clicked.connect(self._reopen)

        self.form = Form()
        self.form.changed.connect(self._mark_dirty)
        build_form(self.form, db)
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
            _button("&Add update", "Add update")
            if self.edits
            else _button("&Propose update", "Propose an update to business support")
        )
        self.add_update_button.clicked.connect(self.add_update)
        self.history = HistoryView()

        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Action details and progress")
        self.tabs.addTab(self._progress_tab(), "&Progress")
        self.tabs.addTab(self._details_tab(), "&Details")
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

    def set_choices(self, choices: dict[str, list[Option]]) -> None:
        for key, options in choices.items():
            self.form.set_choices(key, options)

    # ------------------------------------------------------------ showing
    def _mark_dirty(self) -> None:
        self.dirty = True

    def show_detail(self, detail: ActionDetail | None) -> None:
        self.detail = detail
        if detail is None:
            self.form.load(
                {"source_kind": ActionSource.OTHER.value, "raised_on": self.db.clock.today()}
            )
            self.title.setText("<h3>New action</h3>")
            self.facts.setText("Fill in the details and save; the reference is given for you.")
            self.history.show_entries(())
        else:
            row = detail.row
            self.form.load(form_values(detail))
            self.title.setText(f"<h3>{escape(row.reference)} – {escape(row.text)}</h3>")
            self.facts.setText(facts_html(detail, self.db.clock.today()))
            self.history.show_entries(detail.history)
        self.update_form.load({"update_on": self.db.clock.today()})
        is_open = detail is not None and detail.row.status is ActionStatus.OPEN
        for button in (self.close_button, self.supersede_button, self.merge_button):
            button.setEnabled(is_open and self.edits)
        self.reopen_button.setEnabled(detail is not None and not is_open and self.edits)
        self.save_button.setEnabled(self.edits)
        may_update = detail is not None and (self.edits or self._leads(detail))
        self.add_update_button.setEnabled(may_update)
        self.update_form.setEnabled(may_update)
        self.dirty = False

    def _leads(self, detail: ActionDetail) -> bool:
        person = self.db.principal.person_id
        return person is not None and detail.row.lead_person_id == person

    # ------------------------------------------------------------ saving
    def save(self) -> int | None:
        data = edit_from(self.form.values())
        try:
            if self.detail is None:
                action_id = actions.create_action(self.db, data)
            else:
                action_id = self.detail.id
                if data.reference is None:
                    data.reference = self.detail.row.reference  # blank keeps it
                actions.save_action(self.db, data, action_id, self.detail.row_version)
        except ValidationFailed as failed:
            leftovers = self.form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot save this action", "\n".join(leftovers))
            self.status(f"Not saved: {failed.errors[0].message}")
            return None
        except StaleRecord as stale:
            dialogs.show_problem(self, "Action changed by someone else", str(stale))
            return None
        except UserError as problem:
            dialogs.show_problem(self, "Cannot save this action", str(problem))
            return None
        self.dirty = False
        self.load(action_id)
        self.status(f"Saved action {self.detail.row.reference if self.detail else ''}.")
        self.saved.emit(action_id)
        return action_id

    def load(self, action_id: int) -> None:
        self.show_detail(actions.get_action(self.db, action_id))

    def add_update(self) -> None:
        if self.detail is None:
            return
        values = self.update_form.values()
        data = actions.UpdateInput(
            update_on=values["update_on"] or self.db.clock.today(),
            narrative=values["narrative"],
            rag=values["rag"],
            author=values["author"],
            state=(UpdateState.ACCEPTED if self.edits else UpdateState.PROPOSED).value,
        )
        try:
            actions.add_update(self.db, self.detail.id, data)
        except ValidationFailed as failed:
            leftovers = self.update_form.show_errors(failed.errors)
            if leftovers:
                dialogs.show_problem(self, "Cannot add this update", "\n".join(leftovers))
            return
        action_id = self.detail.id
        self.load(action_id)
        self.tabs.setCurrentIndex(0)
        verb = "Update added to" if self.edits else "Update proposed for"
        self.status(f"{verb} {self.detail.row.reference if self.detail else ''}.")
        self.saved.emit(action_id)

    # ------------------------------------------------------------ finishing
    def _finish(self, kind: str) -> None:
        if self.detail is None:
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
        if self.detail is None:
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
