"""The agenda tab: items in order (drag them, or Ctrl+Up / Ctrl+Down), each item's details,
and matters arising: the board's open actions with their latest update."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.meetings import AgendaItemKind
from partnerboard.services.meetings import agenda, matters
from partnerboard.services.meetings.agenda import ItemInput
from partnerboard.services.meetings.rows import AgendaItemRow, MatterArisingRow, MeetingRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.meetings.tab import MeetingHost, MeetingTab
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.audience import add_restriction_fields
from partnerboard.ui.widgets.reorder_table import ReorderTable
from partnerboard.ui.widgets.table_view import RegisterTable

RAG_COLOURS = {"red": "#F6D5D5", "amber": "#FDEBC8", "green": "#D3EBDD"}


def item_columns() -> list[Column[AgendaItemRow]]:
    return [
        Column("number", "No.", lambda r: r.number, align_right=True),
        Column("time", "Time", lambda r: r.starts_at.strftime("%H:%M") if r.starts_at else ""),
        Column("title", "Item", lambda r: r.heading.split(". ", 1)[1]),
        Column("presenter", "Presenter", lambda r: r.presenter),
        Column("paper", "Paper", lambda r: r.paper_ref),
        Column("minutes", "Minutes", lambda r: r.minutes_allotted, align_right=True),
        Column(
            "note",
            "Note",
            lambda r: "Not reached" if r.not_reached else r.carried_from or "",
        ),
    ]


class AgendaTab(MeetingTab):
    title = "Agenda"

    def __init__(self, host: MeetingHost):
        super().__init__(host)
        self.editing: AgendaItemRow | None = None
        self._selecting = False
        self.table = ReorderTable(item_columns(), "agenda_items")
        self.table.setAccessibleName("Agenda items (drag, or Ctrl+Up and Ctrl+Down, to reorder)")
        self.table.setToolTip("Drag an item, or press Ctrl+Up / Ctrl+Down, to move it.")
        self.table.move_requested.connect(self.move)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.new_button = self._button("&New item", "New agenda item", self.start_new)
        self.remove_button = self._button("&Remove item", "Remove agenda item", self.remove)
        self.up_button = self._button("Move &up", "Move item up", lambda: self._step(-1))
        self.down_button = self._button("Move do&wn", "Move item down", lambda: self._step(1))
        self.carry_button = self._button(
            "Carr&y forward items not reached", "Carry forward items not reached", self.carry
        )
        self.form = Form()
        self.form.text("title", "Title", required=True, max_length=300)
        self.form.choice("kind", "Kind of item", [(k.value, k.label) for k in AgendaItemKind])
        self.form.text("presenter", "Presenter")
        self.form.text("paper_ref", "Paper reference", max_length=100)
        self.form.number("minutes_allotted", "Minutes allowed", minimum=0, maximum=480)
        add_restriction_fields(self.form, self.db)
        self.editor = unsaved.FormEditor([self.form], self._unsaved_what, self.save, self._discard)
        self.form_title = QLabel()
        self.save_button = self._button("&Save item", "Save agenda item", self.save)
        self.matters_model: RowTableModel[MatterArisingRow] = RowTableModel(_matter_columns())
        self.matters_proxy = FilterProxy(self)
        self.matters = RegisterTable(
            self.matters_model, self.matters_proxy, "matters_arising", sort_column=None
        )
        self.matters.setAccessibleName("Matters arising: the board's open actions")
        self._layout()
        self.may_edit = hide_unless(
            self.db,
            Permission.EDIT_RECORDS,
            self.new_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.carry_button,
            self.save_button,
        )
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        self.start_new()

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    def _layout(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table, 3)
        row = QHBoxLayout()
        for button in (self.new_button, self.up_button, self.down_button, self.remove_button):
            row.addWidget(button)
        row.addStretch(1)
        box.addLayout(row)
        group = QGroupBox("Matters arising: open actions and their latest update")
        inner = QVBoxLayout(group)
        inner.addWidget(self.matters)
        box.addWidget(group, 2)
        right = QWidget()
        form_box = QVBoxLayout(right)
        form_box.addWidget(self.form_title)
        form_box.addWidget(self.form)
        form_box.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        form_box.addSpacing(12)
        form_box.addWidget(self.carry_button, 0, Qt.AlignmentFlag.AlignLeft)
        form_box.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ------------------------------------------------------------ loading
    def show_meeting(self, meeting: MeetingRow | None) -> None:
        changed_meeting = meeting is None or self.meeting is None or meeting.id != self.meeting.id
        super().show_meeting(meeting)
        rows = agenda.list_items(self.db, meeting.id) if meeting else []
        self.table.rows_model.set_rows(rows)
        self.table.fit_columns()
        self.matters_model.set_rows(matters.matters_arising(self.db, meeting.id) if meeting else [])
        self.matters.fit_columns(260)
        # Another meeting: the page has asked about unsaved work already. The same meeting
        # (a refresh): words being typed stay on the form.
        dirty = self.editor.dirty() and not changed_meeting
        keep = None if changed_meeting or self.editing is None else self.editing.id
        if keep is not None and self.select_item(keep, load=not dirty):
            return
        if not dirty:
            self.start_new()

    def editors(self) -> list[unsaved.Editor]:
        return [self.editor]

    def _unsaved_what(self) -> str:
        if self.editing is None:
            return "the new agenda item"
        return f"your changes to agenda item {self.editing.number} ({self.editing.title})"

    def _discard(self) -> None:
        if self.editing is None:
            self.start_new()
        else:
            self._load(self.editing)

    def select_item(self, item_id: int, load: bool = True) -> bool:
        position = self.table.rows_model.position_of(lambda r: r.id == item_id)
        if position is None:
            return False
        self._selecting = True
        try:
            self.table.select(position)
        finally:
            self._selecting = False
        if load:
            self._load(self.table.rows_model.row(position))
        return True

    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.table.rows_model.row(current.row())
        if self.editing is not None and row.id == self.editing.id:
            return
        wanted = row.id
        if not unsaved.settle(self.host, self.editor):
            if self.editing is not None:
                self.select_item(self.editing.id, load=False)
            else:
                self._clear_selection()
            return
        self.select_item(wanted)

    def _load(self, row: AgendaItemRow) -> None:
        self.editing = row
        self.form.load(
            {
                "title": row.title,
                "kind": row.kind.value,
                "presenter": row.presenter,
                "paper_ref": row.paper_ref,
                "minutes_allotted": row.minutes_allotted,
                "restricted": row.restricted,
                "restricted_to": row.restricted_to,
            }
        )
        self.form_title.setText(f"<h3>Item {row.number}</h3>")
        self.remove_button.setEnabled(True)

    def start_new(self) -> None:
        if not unsaved.settle(self.host, self.editor):
            return
        self.editing = None
        self.form.load({"kind": AgendaItemKind.STANDARD.value, "minutes_allotted": 15})
        self.form_title.setText("<h3>New item</h3>")
        self.remove_button.setEnabled(False)
        self._clear_selection()

    def _clear_selection(self) -> None:
        self._selecting = True
        try:
            self.table.clearSelection()
            self.table.setCurrentIndex(QModelIndex())
        finally:
            self._selecting = False

    # ------------------------------------------------------------ changing
    def save(self) -> bool:
        if self.meeting is None:
            return False
        values = self.read(self.form, "this item")
        if values is None:
            return False
        data = ItemInput(
            title=values["title"],
            kind=values["kind"],
            presenter=values["presenter"],
            paper_ref=values["paper_ref"],
            minutes_allotted=values["minutes_allotted"],
            restricted=values["restricted"],
            restricted_to=values["restricted_to"],
        )
        editing, meeting_id = self.editing, self.meeting.id
        saved = self.attempt(
            lambda reason: agenda.save_item(
                self.db,
                meeting_id,
                data,
                editing.id if editing else None,
                editing.row_version if editing else None,
                correction_reason=reason,
            ),
            "this item",
            self.form,
        )
        if saved is None:
            return False
        self.editing = saved
        self.form.mark_clean()
        self.host.show_meeting(meeting_id)
        self.select_item(saved.id)
        self.host.context.status(f"Saved item {saved.number}: {saved.title}.")
        return True

    def move(self, from_row: int, to_row: int) -> None:
        if not self.may_edit:  # a drag or Ctrl+Up by someone who may only read
            return
        rows = self.table.rows_model.rows()
        if not (0 <= from_row < len(rows) and 0 <= to_row < len(rows)) or self.meeting is None:
            return
        item, target = rows[from_row], rows[to_row]
        moved = self.attempt(
            lambda reason: agenda.move_item(self.db, item.id, target.number - 1, reason),
            "the order",
        )
        if moved is None:
            return
        dirty = self.editor.dirty()
        self.host.show_meeting(self.meeting.id)
        if not dirty:
            self.select_item(item.id)
        self.host.context.status(f"Moved “{item.title}” to item {target.number}.")

    def _step(self, step: int) -> None:
        row = self.table.current_row()
        if row >= 0:
            self.move(row, row + step)

    def remove(self) -> None:
        item = self.editing
        if item is None or self.meeting is None:
            return
        if not dialogs.confirm(
            self, "Remove item", f"Take “{item.title}” off the agenda?", yes="Remove"
        ):
            return
        if (
            self.attempt(lambda _reason: agenda.delete_item(self.db, item.id) or True, "the agenda")
            is None
        ):
            return
        self.form.mark_clean()  # the item is gone: nothing of it is left to save
        self.host.show_meeting(self.meeting.id)
        self.start_new()

    def carry(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        report = self.attempt(
            lambda _r: agenda.carry_forward(self.db, meeting_id), "the agenda", needs_reason=False
        )
        if report is None:
            return
        if not report.titles:
            dialogs.show_info(self, "Carry forward", "No item waits to be carried forward.")
            return
        dialogs.show_info(
            self,
            "Carried forward",
            f"Added to the agenda of {report.to_meeting.name}: " + "; ".join(report.titles),
        )


def _matter_columns() -> list[Column[MatterArisingRow]]:
    return [
        Column("ref", "Ref.", lambda r: r.reference),
        Column("action", "Action", lambda r: f"Restricted: {r.text}" if r.restricted else r.text),
        Column("lead", "Lead", lambda r: r.lead),
        Column(
            "due",
            "Due",
            lambda r: r.due_on,
            foreground=lambda r: "#B00020" if r.overdue else None,
            tooltip=lambda r: "Overdue" if r.overdue else None,
        ),
        Column(
            "rag",
            "RAG",
            lambda r: (r.rag or "").title() or "Not rated",
            background=lambda r: RAG_COLOURS.get(r.rag or ""),
        ),
        Column("update", "Latest update", lambda r: r.latest_update),
        Column("updated", "Updated", lambda r: r.latest_update_on),
    ]
