"""The attendance tab: the register prefilled with the board's members, guests, and the quorum.

Choose a line, say how the member attended (a deputy is offered as their named deputy), save;
the quorum above the tabs follows at once, by the board's own rule. Going on to the next person
in the register saves the line just changed, as a paper register would keep it, and says so in
the status bar; leaving the tab, the meeting or the page with a line changed asks first.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
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
from partnerboard.domain.meetings import AttendanceStatus
from partnerboard.services import partnership
from partnerboard.services.meetings import attendance
from partnerboard.services.meetings.attendance import AttendanceInput, GuestInput
from partnerboard.services.meetings.rows import AttendanceRow, MeetingRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.meetings.tab import MeetingHost, MeetingTab
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

STATUS_COLOURS = {
    AttendanceStatus.APOLOGIES: "#FDEBC8",
    AttendanceStatus.ABSENT: "#F6D5D5",
    AttendanceStatus.DEPUTY: "#E1ECF7",
}


def line_columns() -> list[Column[AttendanceRow]]:
    return [
        Column("name", "Name", lambda r: r.person_name),
        Column("seat", "Seat", lambda r: r.role.label if r.role else "Guest"),
        Column("agency", "Agency", lambda r: r.guest_organisation or r.agency_name),
        Column(
            "status",
            "Attendance",
            lambda r: r.status_text,
            background=lambda r: STATUS_COLOURS.get(r.status),
        ),
    ]


class AttendanceTab(MeetingTab):
    title = "Attendance"

    def __init__(self, host: MeetingHost):
        super().__init__(host)
        self.line: AttendanceRow | None = None
        self._selecting = False
        self._quorum = ""
        self.named_deputies: dict[int, int | None] = {}
        self.model: RowTableModel[AttendanceRow] = RowTableModel(line_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "attendance", sort_column=None)
        self.table.setAccessibleName("Attendance register")
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.line_title = QLabel("Choose someone in the register.")
        self.form = Form()
        self.form.choice("status", "Attended", [(s.value, s.label) for s in AttendanceStatus])
        self.form.choice(
            "deputy", "Deputy (from the people register)", [], none_label="Not in the register"
        )
        self.form.text("deputy_name", "Deputy's name, if not in the register")
        self.form.text("apology_reason", "Reason for apologies", max_length=300)
        self.form.field("status").currentIndexChanged.connect(self._status_changed)
        self.line_editor = unsaved.FormEditor(
            [self.form],
            lambda: f"the attendance of {self.line.person_name}" if self.line else "",
            self.save,
            lambda: self._load(self.line) if self.line else None,
        )
        self.save_button = QPushButton("&Save attendance")
        self.save_button.setAccessibleName("Save attendance")
        self.save_button.clicked.connect(self.save)
        self.guest_form = Form()
        self.guest_form.text("guest_name", "Guest's name")
        self.guest_form.text("organisation", "Organisation")
        self.guest_form.text("role", "Role")
        self.add_guest_button = QPushButton("Add g&uest")
        self.add_guest_button.setAccessibleName("Add guest")
        self.add_guest_button.clicked.connect(self.add_guest)
        self.guest_editor = unsaved.FormEditor(
            [self.guest_form],
            lambda: "the guest you were adding",
            self.add_guest,
            lambda: self.guest_form.load({}),
        )
        self.remove_guest_button = QPushButton("Remo&ve guest")
        self.remove_guest_button.setAccessibleName("Remove guest")
        self.remove_guest_button.clicked.connect(self.remove_guest)
        self.members_button = QPushButton("Add new mem&bers")
        self.members_button.setAccessibleName("Add members who joined the board since")
        self.members_button.clicked.connect(self.add_members)
        self._layout()
        if not hide_unless(
            self.db,
            Permission.EDIT_RECORDS,
            self.save_button,
            self.add_guest_button,
            self.remove_guest_button,
            self.members_button,
        ):
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
            self.guest_form.setEnabled(False)

    def _layout(self) -> None:
        left = QWidget()
        box = QVBoxLayout(left)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.table)
        buttons = QHBoxLayout()
        buttons.addWidget(self.members_button)
        buttons.addWidget(self.remove_guest_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        right = QWidget()
        side = QVBoxLayout(right)
        side.addWidget(self.line_title)
        side.addWidget(self.form)
        side.addWidget(self.save_button, 0, Qt.AlignmentFlag.AlignLeft)
        guests = QGroupBox("In attendance as a guest")
        inner = QVBoxLayout(guests)
        inner.addWidget(self.guest_form)
        inner.addWidget(self.add_guest_button, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(guests)
        side.addStretch(1)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(left)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # ------------------------------------------------------------ loading
    def show_meeting(self, meeting: MeetingRow | None) -> None:
        same = meeting is not None and self.meeting is not None and meeting.id == self.meeting.id
        super().show_meeting(meeting)
        if meeting is None:
            self.model.set_rows([])
            return
        if not same:
            people = [(p.id, p.display_name) for p in partnership.list_people(self.db, False)]
            self.form.set_choices("deputy", people)
            self.named_deputies = {
                m.person_id: m.deputy_person_id
                for m in partnership.list_memberships(self.db, board_id=meeting.board_id)
            }
        keep = self.line.id if same and self.line else None
        # A refresh of the same meeting keeps a line being changed as it is on the form.
        typing = same and self.line_editor.dirty()
        self._selecting = True
        try:
            self.model.set_rows(attendance.get_register(self.db, meeting.id).lines)
        finally:
            self._selecting = False
        self.table.fit_columns(260)
        if keep is not None:
            self.select_line(keep, load=not typing)
        else:
            self.line = None
            self.form.load({})
            self.line_title.setText("Choose someone in the register.")

    def editors(self) -> list[unsaved.Editor]:
        return [self.line_editor, self.guest_editor]

    def select_line(self, line_id: int, load: bool = True) -> bool:
        for proxy_row in range(self.proxy.rowCount()):
            if self.proxy.row_at(proxy_row).id == line_id:
                self._selecting = True
                try:
                    self.table.selectRow(proxy_row)
                    self.table.setCurrentIndex(self.proxy.index(proxy_row, 0))
                finally:
                    self._selecting = False
                if load:
                    self._load(self.proxy.row_at(proxy_row))
                return True
        return False

    def _row_changed(self, current, _previous) -> None:
        if self._selecting or not current.isValid():
            return
        row = self.proxy.row_at(current.row())
        if row is None or (self.line is not None and row.id == self.line.id):
            return
        wanted = row.id
        if self.line is not None and self.line_editor.dirty():
            # Going down the register: the line just changed is kept (saved), as on paper.
            name = self.line.person_name
            if not self.save(quiet=True):
                self.select_line(self.line.id, load=False)  # refused: the reason is shown
                return
            self.host.context.status(
                f"Saved the attendance of {name} on moving on. {self._quorum_text()}"
            )
        self.select_line(wanted)

    def _load(self, line: AttendanceRow) -> None:
        self.line = line
        seat = line.role.label if line.role else "guest"
        self.line_title.setText(f"<b>{_escape(line.person_name)}</b> ({seat})")
        self.form.load(
            {
                "status": line.status.value,
                "deputy": line.deputy_person_id,
                "deputy_name": None if line.deputy_person_id else line.deputy_name,
                "apology_reason": line.apology_reason,
            }
        )
        self.remove_guest_button.setEnabled(not line.is_member)
        self._status_changed()
        self.form.mark_clean()  # a named deputy offered for the status shown is not an edit

    def _status_changed(self, *_args) -> None:
        status = AttendanceStatus.parse(self.form.value("status"))
        deputy = status == AttendanceStatus.DEPUTY
        for key in ("deputy", "deputy_name"):
            self.form.field(key).setEnabled(deputy)
        self.form.field("apology_reason").setEnabled(status == AttendanceStatus.APOLOGIES)
        if (
            deputy
            and self.line
            and self.form.value("deputy") is None
            and not self.form.value("deputy_name")
        ):
            self.form.set_value("deputy", self.named_deputies.get(self.line.person_id or 0))

    # ------------------------------------------------------------ changing
    def save(self, quiet: bool = False) -> bool:
        line = self.line
        if line is None:
            return False
        values = self.read(self.form, "the attendance")
        if values is None:
            return False
        data = AttendanceInput(
            values["status"],
            deputy_person_id=values["deputy"],
            deputy_name=values["deputy_name"],
            apology_reason=values["apology_reason"],
            guest_organisation=line.guest_organisation,
            guest_role=line.guest_role,
            guest_name=line.person_name if line.person_id is None else None,
        )
        register = self.attempt(
            lambda reason: attendance.save_attendance(
                self.db, line.id, data, line.row_version, reason
            ),
            "the attendance",
            self.form,
        )
        if register is None:
            return False
        self.form.mark_clean()
        self._quorum = register.quorum.summary
        self.host.show_meeting(line.meeting_id)
        self.select_line(line.id)
        if not quiet:
            self.host.context.status(
                f"Saved the attendance of {line.person_name}. {self._quorum_text()}"
            )
        return True

    def _quorum_text(self) -> str:
        return self._quorum  # "Quorate: 9 members counted, 4 needed." after the last save

    def add_guest(self) -> bool:
        # The new guest's line is shown next: a line being changed is asked about first.
        if self.meeting is None or not unsaved.settle(self.host, self.line_editor):
            return False
        values = self.read(self.guest_form, "the guest")
        if values is None:
            return False
        meeting_id = self.meeting.id
        data = GuestInput(
            values["guest_name"], organisation=values["organisation"], role=values["role"]
        )
        register = self.attempt(
            lambda reason: attendance.add_guest(self.db, meeting_id, data, reason),
            "the guest",
            self.guest_form,
        )
        if register is None:
            return False
        self.guest_form.load({})
        self.host.show_meeting(meeting_id)
        self.select_line(register.lines[-1].id)
        return True

    def remove_guest(self) -> None:
        line = self.line
        if line is None or line.is_member or self.meeting is None:
            return
        if not dialogs.confirm(
            self, "Remove guest", f"Take {line.person_name} off the register?", yes="Remove"
        ):
            return
        if (
            self.attempt(
                lambda _r: attendance.remove_guest(self.db, line.id) or True, "the register"
            )
            is None
        ):
            return
        self.line = None
        self.host.show_meeting(self.meeting.id)

    def add_members(self) -> None:
        if self.meeting is None:
            return
        meeting_id = self.meeting.id
        added = self.attempt(
            lambda _r: attendance.refresh_register(self.db, meeting_id), "the register"
        )
        if added is None:
            return
        self.host.show_meeting(meeting_id)
        self.host.context.status(
            f"{added} new member(s) added to the register."
            if added
            else "Everyone on the board is on the register."
        )


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
