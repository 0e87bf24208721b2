"""Make a board's meetings from its schedule: every so many months, on the same weekday."""

from __future__ import annotations

from datetime import time
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from partnerboard.db.database import Database
from partnerboard.domain.meeting_schedule import months_between_meetings, schedule_dates
from partnerboard.errors import FieldError, ValidationFailed
from partnerboard.services import partnership
from partnerboard.services.meetings.meetings import ScheduleInput, create_from_schedule
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui.form_dialog import FormDialog


class ScheduleDialog(FormDialog):
    problem_title = "Cannot make the meetings"

    def __init__(self, db: Database, board_id: int | None = None, parent: QWidget | None = None):
        super().__init__("Meetings from the schedule", "&Make meetings", parent)
        self.db = db
        self.made: list[MeetingRow] = []
        self.boards = {b.id: b for b in partnership.list_boards(db, include_inactive=False)}
        self.form.choice(
            "board_id",
            "Board or sub-group",
            [(b.id, b.name) for b in self.boards.values()],
            none_label="Choose…",
            required=True,
        )
        self.form.date("first_on", "First meeting", optional=False, required=True)
        self.form.number("every_months", "Months between meetings", minimum=1, maximum=12)
        self.form.number("count", "How many meetings", minimum=1, maximum=24, optional=False)
        self.form.check("same_weekday", "Same weekday of the month (e.g. the second Tuesday)")
        self.form.time("starts", "Starts")
        self.form.time("ends", "Ends")
        self.form.text("venue", "Venue")
        self.form.check("online", "Online (or hybrid)")
        self.preview = QLabel()
        self.preview.setWordWrap(True)
        self.preview.setAccessibleName("Dates of the meetings")
        self.form.load(
            {
                "board_id": board_id,
                "first_on": self.db.clock.today(),
                "count": 6,
                "same_weekday": True,
                "starts": time(10, 0),
                "ends": time(12, 0),
            }
        )
        self.form.field("board_id").currentIndexChanged.connect(self._board_changed)
        self.form.changed.connect(self._show_dates)
        self._board_changed()
        self.form.mark_clean()  # the board's own frequency is a default, not an edit
        self.add_below_form(self.preview)

    def _board_changed(self, *_args) -> None:
        board = self.boards.get(self.form.value("board_id"))
        if board is not None and self.form.value("every_months") is None:
            self.form.set_value("every_months", months_between_meetings(board.meeting_frequency))
        self._show_dates()

    def _show_dates(self) -> None:
        try:
            values = self.form.values()
        except ValidationFailed:
            self.preview.setText("Correct the first meeting's date to see the dates.")
            return
        if values["every_months"] is None or values["first_on"] is None:
            self.preview.setText("Say how many months apart the meetings are.")
            return
        days = schedule_dates(
            values["first_on"],
            values["every_months"],
            values["count"] or 1,
            same_weekday=values["same_weekday"],
        )
        self.preview.setText("Dates: " + ", ".join(f"{d:%a %d/%m/%Y}" for d in days))

    def store(self, values: dict[str, Any]) -> None:
        if values["board_id"] is None:
            raise ValidationFailed(
                FieldError("board_id", "Choose the board or sub-group that meets.")
            )
        self.made = create_from_schedule(
            self.db,
            ScheduleInput(
                board_id=values["board_id"],
                first_on=values["first_on"],
                every_months=values["every_months"],
                count=values["count"] or 1,
                starts=values["starts"],
                ends=values["ends"],
                venue=values["venue"],
                online=values["online"],
                same_weekday=values["same_weekday"],
            ),
        )
