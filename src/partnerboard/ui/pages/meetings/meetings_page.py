"""The meetings register: every meeting of every board, its date, place, status and officers.

A new meeting comes with its standard agenda and an attendance register of the board's
members; "From the schedule…" makes a year of them at once. "Open agenda and minutes" (or a
double click, or Enter) takes the meeting to the page where it is worked on.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import time
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from partnerboard.domain.access import Permission
from partnerboard.domain.meetings import MeetingStatus
from partnerboard.errors import UserError
from partnerboard.services import partnership
from partnerboard.services.meetings import meetings
from partnerboard.services.meetings.meetings import MeetingInput
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.meetings import dialogs as meeting_dialogs
from partnerboard.ui.pages.meetings.schedule_dialog import ScheduleDialog
from partnerboard.ui.pages.register_page import RegisterPage
from partnerboard.ui.table_model import Column

STATUS_COLOURS = {
    MeetingStatus.PLANNED: None,
    MeetingStatus.HELD: "#FDEBC8",
    MeetingStatus.MINUTES_DRAFT: "#FDEBC8",
    MeetingStatus.MINUTES_APPROVED: "#D3EBDD",
    MeetingStatus.CANCELLED: "#E5E5E5",
}


class MeetingsPage(RegisterPage):
    key = "meetings"
    title = "Meetings"
    noun = "meeting"
    plural = "meetings"
    tables = frozenset({"meeting", "board", "person", "attendance", "agenda_item"})
    row_table = "meeting"

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        # Meetings are cancelled (status), never deactivated.
        self.active_button.hide()
        self.show_inactive.setText("Show &cancelled")
        self.show_inactive.setAccessibleName("Show cancelled meetings")
        self.table.doubleClicked.connect(lambda _index: self.open_meeting())
        # Enter on the table (only: Enter in a field of the form reads what was typed there).
        QShortcut(
            QKeySequence(Qt.Key.Key_Return),
            self.table,
            activated=self.open_meeting,
            context=Qt.ShortcutContext.WidgetShortcut,
        )
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)  # the latest first

    def columns(self) -> list[Column[MeetingRow]]:
        return [
            Column("date", "Date", lambda r: r.starts_at.date(), sort_key=lambda r: r.starts_at),
            Column("time", "Time", lambda r: r.time_text),
            Column("board", "Board", lambda r: r.board_short_name or r.board_name),
            Column(
                "status",
                "Status",
                lambda r: r.status,
                background=lambda r: STATUS_COLOURS.get(r.status),
            ),
            Column("where", "Where", lambda r: r.where),
            Column("chair", "Chair", lambda r: r.chair_name),
            Column("approved", "Minutes approved", lambda r: r.minutes_approved_on, visible=False),
        ]

    def filter_widgets(self) -> list[QWidget]:
        self.board_filter = QComboBox()
        self.board_filter.setAccessibleName("Board shown")
        self.board_filter.addItem("All boards", None)
        self.board_filter.currentIndexChanged.connect(self._filter_board)
        return [self.board_filter]

    def _filter_board(self) -> None:
        wanted = self.board_filter.currentData()
        self.proxy.set_predicate(
            "board", None if wanted is None else (lambda row: row.board_id == wanted)
        )
        self._update_count()

    def load_rows(self) -> list[MeetingRow]:
        boards = partnership.list_boards(self.db)
        active = [(b.id, b.name) for b in boards if b.active]
        self.form.set_choices("board_id", active)
        current = self.board_filter.currentData()
        self.board_filter.blockSignals(True)
        self.board_filter.clear()
        self.board_filter.addItem("All boards", None)
        for board_id, name in active:
            self.board_filter.addItem(name, board_id)
        self.board_filter.setCurrentIndex(max(0, self.board_filter.findData(current)))
        self.board_filter.blockSignals(False)
        people = [(p.id, p.display_name) for p in partnership.list_people(self.db, False)]
        self.form.set_choices("chair_person_id", people)
        self.form.set_choices("minute_taker_person_id", people)
        return meetings.list_meetings(self.db)

    def load_rows_by_id(self, ids: Collection[int]) -> list[MeetingRow]:
        return meetings.list_meetings(self.db, ids=ids)

    def row_place(self, row: MeetingRow) -> Any:
        return row.starts_at

    def build_form(self, form: Form) -> None:
        form.choice("board_id", "Board or sub-group", [], none_label="Choose…", required=True)
        form.date("held_on", "Date", optional=False, required=True)
        form.time("starts", "Starts")
        form.time("ends", "Ends")
        form.text("venue", "Venue")
        form.check("online", "Online (or hybrid)")
        form.text("online_link", "Joining link", max_length=500)
        form.choice("status", "Status", [(s.value, s.label) for s in MeetingStatus])
        form.choice("chair_person_id", "Chair", [], none_label="The board's chair")
        form.choice("minute_taker_person_id", "Minute taker", [], none_label="Not set")
        form.multiline("notes", "Notes")

    def extra_panel(self) -> QWidget:
        panel = QWidget()
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.open_button = QPushButton("&Open agenda and minutes")
        self.open_button.setAccessibleName("Open agenda and minutes")
        self.open_button.clicked.connect(self.open_meeting)
        self.schedule_button = QPushButton("From the schedu&le…")
        self.schedule_button.setAccessibleName("Make meetings from the board's schedule")
        self.schedule_button.clicked.connect(self.from_schedule)
        row.addWidget(self.open_button)
        row.addWidget(self.schedule_button)
        self.only_for(Permission.EDIT_RECORDS, self.schedule_button)
        row.addStretch(1)
        box.addLayout(row)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        box.addWidget(self.summary)
        return panel

    def record_loaded(self, row: MeetingRow | None) -> None:
        self.open_button.setEnabled(row is not None)
        if row is None:
            self.summary.setText(
                "A new meeting gets the standard agenda and its board's members on the register."
            )
        elif row.locked:
            self.summary.setText(
                f"Minutes approved on {row.minutes_approved_on:%d/%m/%Y}; changes to them are "
                "corrections, made with a reason on the agenda and minutes page."
            )
        else:
            self.summary.setText("")

    def new_record_values(self) -> dict[str, Any]:
        return {
            "held_on": self.db.clock.today(),
            "starts": time(10, 0),
            "ends": time(12, 0),
            "status": MeetingStatus.PLANNED.value,
            "board_id": self.board_filter.currentData(),
        }

    def row_label(self, row: MeetingRow) -> str:
        return row.name

    def row_values(self, row: MeetingRow) -> dict[str, Any]:
        return {
            "board_id": row.board_id,
            "held_on": row.starts_at.date(),
            "starts": row.starts_at.time(),
            "ends": row.ends_at.time() if row.ends_at else None,
            "venue": row.venue,
            "online": row.online,
            "online_link": row.online_link,
            "status": row.status.value,
            "chair_person_id": row.chair_person_id,
            "minute_taker_person_id": row.minute_taker_person_id,
            "notes": row.notes,
        }

    def save_values(
        self, values: dict[str, Any], record_id: int | None, version: int | None
    ) -> MeetingRow:
        data = MeetingInput(
            board_id=values["board_id"],
            held_on=values["held_on"],
            starts=values["starts"],
            ends=values["ends"],
            venue=values["venue"],
            online=values["online"],
            online_link=values["online_link"],
            chair_person_id=values["chair_person_id"],
            minute_taker_person_id=values["minute_taker_person_id"],
            notes=values["notes"],
            status=values["status"],
        )
        reason = None
        current = self.model.position_of(lambda r: r.id == record_id) if record_id else None
        if current is not None and self.model.row(current).locked:
            row = self.model.row(current)
            reason = meeting_dialogs.ask_correction_reason(self, row.name, row.minutes_approved_on)
            if reason is None:
                raise UserError(
                    "Nothing was changed: a correction to approved minutes needs a reason."
                )
        return meetings.save_meeting(self.db, data, record_id, version, correction_reason=reason)

    def set_active(self, record_id: int, active: bool) -> MeetingRow:
        status = MeetingStatus.PLANNED if active else MeetingStatus.CANCELLED
        return meetings.set_status(self.db, record_id, status.value)

    # ------------------------------------------------------------ actions
    def open_meeting(self) -> None:
        if self.editing_id is not None:
            self.context.open_page("meeting", meeting_id=self.editing_id)

    def from_schedule(self) -> None:
        dialog = ScheduleDialog(self.db, self.board_filter.currentData(), parent=self)
        if dialog.exec() and dialog.made:
            self.refresh()
            self.context.status(
                f"{len(dialog.made)} meetings added: "
                + ", ".join(m.starts_at.strftime("%d/%m/%Y") for m in dialog.made)
            )
