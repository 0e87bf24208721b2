"""The minutes tab: per item, what was discussed and decided, and the actions arising.

An action added here is an action-log action whose source is this meeting and item. Unsaved
words in the editor survive the page refreshing around them (after an action is added, say);
before another item, tab, meeting or page is shown, the page asks about them (`ui.unsaved`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.meetings import AgendaItemKind
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.meetings import agenda, minutes
from partnerboard.services.meetings.minutes import ArisingInput, MinutesInput
from partnerboard.services.meetings.rows import (
    ActionArisingRow,
    AgendaItemRow,
    CorrectionRow,
    MeetingRow,
)
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.meetings.tab import MeetingHost, MeetingTab
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable


def _table(columns: list[Column], name: str, label: str, parent: QWidget) -> RegisterTable:
    model = RowTableModel(columns)
    table = RegisterTable(model, FilterProxy(parent), name, sort_column=None)
    table.setAccessibleName(label)
    return table


class MinutesTab(MeetingTab):
    title = "Minutes"

    def __init__(self, host: MeetingHost):
        super().__init__(host)
        self.item: AgendaItemRow | None = None
        self._selecting = False
        self.items = _table(
            [
                Column("number", "No.", lambda r: r.number, align_right=True),
                Column("title", "Item", lambda r: r.heading.split(". ", 1)[1]),
                Column("state", "Minuted", lambda r: _state(r)),
            ],
            "minutes_items",
            "Items to minute",
            self,
        )
        self.items.selectionModel().currentRowChanged.connect(self._row_changed)
        self.corrections = _table(
            [
                Column("when", "When", lambda c: c.made_at),
                Column("by", "By", lambda c: c.corrected_by),
                Column("reason", "Reason", lambda c: c.reason),
                Column("detail", "What changed", lambda c: c.detail),
            ],
            "minutes_corrections",
            "Corrections after approval",
            self,
        )
        self.item_title = QLabel("Choose an item.")
        self.item_title.setWordWrap(True)
        self.form = Form()
        self.form.multiline("discussion", "Discussion", height=220)
        self.form.multiline("decisions", "Decisions", height=110)
        self.form.check("not_reached", "Not reached (carry forward to the next meeting)")
        self.minutes_editor = unsaved.FormEditor(
            [self.form], self._unsaved_minutes, self.save, self._discard_minutes
        )
        self.save_button = self._button("&Save minutes", "Save minutes of this item", self.save)
        self.approve_previous = self._button(
            "Approve the &previous minutes", "Approve the previous minutes", self.approve_before
        )
        self.actions = _table(
            [
                Column("ref", "Ref.", lambda a: a.reference),
                Column("text", "Action", lambda a: a.text),
                Column("lead", "Lead", lambda a: a.lead),
                Column("due", "Due", lambda a: a.due_on),
            ],
            "actions_arising",
            "Actions arising from this item",
            self,
        )
        self.actions.setMinimumHeight(80)
        self.action_form = Form()
        self.action_form.multiline("text", "Action", required=True, height=44)
        self.action_form.choice("lead_person_id", "Lead", [], none_label="Lead to be named")
        self.action_form.date("due_on", "Due")
        self.add_action_button = self._button(
            "Add a&ction", "Add action arising to the action log", self.add_action
        )
        self.action_editor = unsaved.FormEditor(
            [self.action_form],
            lambda: "the action arising you were writing",
            self.add_action,
            lambda: self.action_form.load({}),
        )
        self._layout()
        self.may_edit = hide_unless(
            self.db, Permission.EDIT_RECORDS, self.save_button, self.add_action_button
        )
        self.may_approve = hide_unless(self.db, Permission.APPROVE_MINUTES, self.approve_previous)
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
            self.action_form.setEnabled(False)

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _layout(self) -> None:
        # Left: the items and, under them, the chosen item's actions arising. Right: what was
        # discussed and decided, with room to write, and any corrections after approval.
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.items, 2)
        group = QGroupBox("Actions arising from this item (added to the action log)")
        actions_box = QVBoxLayout(group)
        actions_box.addWidget(self.actions)
        actions_box.addWidget(self.action_form)
        actions_box.addWidget(self.add_action_button, 0, Qt.AlignmentFlag.AlignLeft)
        box.addWidget(group, 3)
        editor = QWidget()
        side = QVBoxLayout(editor)
        side.addWidget(self.item_title)
        side.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.approve_previous)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.corrections_box = QGroupBox("Corrections after approval")
        inner = QVBoxLayout(self.corrections_box)
        inner.addWidget(self.corrections)
        side.addWidget(self.corrections_box)
        side.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(scroll)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ------------------------------------------------------------ loading
    def show_meeting(self, meeting: MeetingRow | None) -> None:
        same = meeting is not None and self.meeting is not None and meeting.id == self.meeting.id
        super().show_meeting(meeting)
        if not same:
            self.item = None
            people = [(p.id, p.display_name) for p in partnership.list_people(self.db, False)]
            self.action_form.set_choices("lead_person_id", people)
        rows = agenda.list_items(self.db, meeting.id) if meeting else []
        self.items.model().sourceModel().set_rows(rows)
        self.items.fit_columns(300)
        corrections: list[CorrectionRow] = (
            minutes.list_corrections(self.db, meeting.id) if meeting else []
        )
        self.corrections.model().sourceModel().set_rows(corrections)
        self.corrections_box.setVisible(bool(corrections))
        keep = self.item.id if self.item else None
        found = next((r for r in rows if r.id == keep), None) if keep else None
        if found is not None:
            self._select(found, load=not self.minutes_editor.dirty())
        elif rows:
            self._select(rows[0], load=True)
        else:
            self.item = None
            self.item_title.setText("Choose an item.")

    def _select(self, row: AgendaItemRow, load: bool) -> None:
        proxy = self.items.model()
        for proxy_row in range(proxy.rowCount()):
            if proxy.row_at(proxy_row).id == row.id:
                self._selecting = True
                try:
                    self.items.selectRow(proxy_row)
                finally:
                    self._selecting = False
        if load:
            self._load(row)
        else:
            self.item = row  # keep the words being typed; the new version saves over them
            self._load_actions(row)

    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.items.model().row_at(current.row())
        if self.item is not None and row.id == self.item.id:
            return
        wanted = row.id
        if not unsaved.settle(self.host, self):
            if self.item is not None:
                self._select(self.item, load=False)
            return
        # A save reloads the items: choose the one wanted afresh.
        found = self.items.model().sourceModel().position_of(lambda r: r.id == wanted)
        if found is not None:
            self._select(self.items.model().sourceModel().row(found), load=True)

    def editors(self) -> list[unsaved.Editor]:
        return [self.minutes_editor, self.action_editor]

    def _unsaved_minutes(self) -> str:
        item = self.item
        return f"the minutes of item {item.number} ({item.title})" if item else "the minutes"

    def _discard_minutes(self) -> None:
        if self.item is not None:
            self._load(self.item)

    def _load(self, row: AgendaItemRow) -> None:
        self.item = row
        self.item_title.setText(f"<h3>{_escape(row.heading)}</h3>{_escape(_context(row))}")
        self.form.load(
            {
                "discussion": row.discussion,
                "decisions": row.decisions,
                "not_reached": row.not_reached,
            }
        )
        self.approve_previous.setVisible(
            self.may_approve
            and row.kind == AgendaItemKind.PREVIOUS_MINUTES
            and row.previous_meeting_id is not None
        )
        self.approve_previous.setEnabled(row.previous_minutes_approved_on is None)
        self._load_actions(row)

    def _load_actions(self, row: AgendaItemRow) -> None:
        arising = [
            a
            for a in minutes.list_actions_arising(self.db, row.meeting_id)
            if a.agenda_item_id == row.id
        ]
        self.actions.model().sourceModel().set_rows(arising)
        self.actions.fit_columns(260)

    # ------------------------------------------------------------ changing
    def save(self) -> bool:
        item = self.item
        if item is None:
            return False
        values = self.read(self.form, "the minutes")
        if values is None:
            return False
        data = MinutesInput(values["discussion"], values["decisions"], values["not_reached"])
        saved = self.attempt(
            lambda reason: minutes.save_item_minutes(
                self.db, item.id, data, item.row_version, reason
            ),
            "the minutes",
            self.form,
        )
        if saved is None:
            return False
        self.item = saved
        self.form.mark_clean()
        self.host.show_meeting(item.meeting_id)
        self.host.context.status(f"Saved the minutes of item {saved.number}.")
        return True

    def add_action(self) -> bool:
        item = self.item
        if item is None:
            return False
        values = self.read(self.action_form, "the action")
        if values is None:
            return False
        data = ArisingInput(values["text"], values["lead_person_id"], due_on=values["due_on"])
        added: ActionArisingRow | None = self.attempt(
            lambda reason: minutes.add_action_arising(self.db, item.id, data, reason),
            "the action",
            self.action_form,
        )
        if added is None:
            return False
        self.action_form.load({})
        self.host.show_meeting(item.meeting_id)
        self.host.context.status(f"Action {added.reference} added to the action log.")
        return True

    def approve_before(self) -> None:
        item = self.item
        if item is None:
            return
        try:
            approved = minutes.approve_previous_minutes(self.db, item.id)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot approve those minutes", str(problem))
            return
        self.host.show_meeting(item.meeting_id)
        self.host.context.status(f"The minutes of {approved.name} are approved.")


def _state(row: AgendaItemRow) -> str:
    if row.not_reached:
        return "Not reached"
    return "Yes" if row.discussion or row.decisions else ""


def _context(row: AgendaItemRow) -> str:
    parts = [f"Presented by {row.presenter}" if row.presenter else "", row.carried_from or ""]
    if row.kind == AgendaItemKind.PREVIOUS_MINUTES and row.previous_minutes_approved_on:
        parts.append(f"Those minutes were approved on {row.previous_minutes_approved_on:%d/%m/%Y}")
    return " · ".join(p for p in parts if p)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
