"""One meeting at work: its agenda, its attendance register and quorum, its minutes.

The meeting is chosen at the top (the Meetings page opens it here too). The button beside it
takes the meeting one step on: held, minutes in draft, approved by the chair; approved
minutes are corrected only with a reason. Papers are printed from "Print and export".
Unsaved work in any tab is asked about before another meeting, tab or page is shown.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.dates import format_date
from partnerboard.domain.meetings import MeetingStatus
from partnerboard.errors import UserError
from partnerboard.services.meetings import attendance, meetings
from partnerboard.services.meetings.rows import MeetingRow
from partnerboard.ui import access_keys, dialogs, unsaved
from partnerboard.ui.access_keys import mnemonic
from partnerboard.ui.context import AppContext
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.meetings import dialogs as meeting_dialogs
from partnerboard.ui.pages.meetings.agenda_tab import AgendaTab
from partnerboard.ui.pages.meetings.attendance_tab import AttendanceTab
from partnerboard.ui.pages.meetings.minutes_tab import MinutesTab
from partnerboard.ui.pages.meetings.outputs import OUTPUTS, publish_meeting, save_output

# Access keys clear of the menus (F, G, H), the tabs and every button of the tabs.
_NEXT_STEP = {
    MeetingStatus.PLANNED: "Mar&k as held",
    MeetingStatus.HELD: "Minutes in &draft",
    MeetingStatus.MINUTES_DRAFT: "Appr&ove minutes…",
    MeetingStatus.MINUTES_APPROVED: "Corr&ect minutes…",
    MeetingStatus.CANCELLED: "Cancelled",
}


class MeetingPage(Page):
    key = "meeting"
    title = "Agenda and minutes"
    tables = frozenset(
        {"meeting", "agenda_item", "attendance", "action", "action_update", "minutes_correction"}
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.meeting: MeetingRow | None = None
        self._reason: tuple[int, str] | None = None  # (meeting id, reason) while correcting
        self.chooser = QComboBox()
        self.chooser.setAccessibleName("Meeting")
        self.chooser.setMinimumContentsLength(28)
        self.chooser.activated.connect(lambda _i: self._chosen())
        chooser_label = QLabel("&Meeting:")
        chooser_label.setBuddy(self.chooser)
        self.step_button = QPushButton(_NEXT_STEP[MeetingStatus.PLANNED])
        self.step_button.setAccessibleName("Next step for this meeting")
        self.step_button.setProperty(
            access_keys.OTHER_KEYS, "".join(k for t in _NEXT_STEP.values() if (k := mnemonic(t)))
        )
        self.step_button.clicked.connect(self.next_step)
        self.output_button = QPushButton("Print and e&xport")
        self.output_button.setAccessibleName("Print and export")
        menu = QMenu(self.output_button)
        menu.setAccessibleName("Print and export")
        for output in OUTPUTS:
            action = menu.addAction(output.label)
            action.triggered.connect(lambda _c=False, o=output: self._save(o))
        menu.addSeparator()
        # Everything the meeting puts on the website, in one go (published.publish).
        self.publish_action = menu.addAction("Pu&blish agenda and minutes for the website…")
        self.publish_action.setToolTip(
            "Write the public agenda and minutes as accessible HTML and tagged PDF into a folder"
        )
        self.publish_action.triggered.connect(self._publish)
        self.output_button.setMenu(menu)
        self.heading = QLabel()
        self.heading.setObjectName("meetingHeading")
        self.heading.setAccessibleName("Meeting")
        self.facts = QLabel()
        self.facts.setWordWrap(True)
        self.facts.setAccessibleName("When, where and status")
        self.quorum = QLabel()
        self.quorum.setAccessibleName("Quorum")
        self.quorum.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Agenda, attendance and minutes")
        self.agenda = AgendaTab(self)
        self.attendance = AttendanceTab(self)
        self.minutes = MinutesTab(self)
        self.tabs.addTab(self.agenda, "&Agenda")
        self.tabs.addTab(self.attendance, "A&ttendance")
        self.tabs.addTab(self.minutes, "M&inutes")
        unsaved.guard_tabs(self.tabs, self)
        top = QHBoxLayout()
        top.addWidget(chooser_label)
        top.addWidget(self.chooser, 1)
        top.addWidget(self.step_button)
        top.addWidget(self.output_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.heading)
        layout.addWidget(self.facts)
        layout.addWidget(self.quorum)
        layout.addWidget(self.tabs, 1)
        # Ctrl+S saves what the open tab is editing (item, attendance line, minutes).
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self._save_tab)
        # The next step: approving minutes is the chairs' too; every other step business
        # support's (`_show_header` enables it only for a step the role may take).
        self.only_for(Permission.APPROVE_MINUTES, self.step_button)

    # ------------------------------------------------------------ loading
    def editors(self) -> list[unsaved.Editor]:
        return [self.agenda, self.attendance, self.minutes]

    def open_with(self, **options: Any) -> None:
        meeting_id = options.get("meeting_id")
        if meeting_id is not None:
            self.ensure_loaded()
            if self.meeting is not None and self.meeting.id == int(meeting_id):
                return
            if unsaved.settle(self, self):
                self.show_meeting(int(meeting_id))

    def refresh(self) -> None:
        rows = meetings.list_meetings(self.db)
        keep = self.meeting.id if self.meeting else None
        self.chooser.blockSignals(True)
        self.chooser.clear()
        for row in rows:
            self.chooser.addItem(f"{row.name} ({row.status.label.lower()})", row.id)
        self.chooser.blockSignals(False)
        if keep is None and rows:
            latest = meetings.latest_held_meeting_id(self.db)
            keep = latest if latest is not None else rows[0].id
        self.show_meeting(keep)

    def show_meeting(self, meeting_id: int | None) -> None:
        try:
            self.meeting = meetings.get_meeting(self.db, meeting_id) if meeting_id else None
        except UserError:
            self.meeting = None
        if self.meeting is not None and self._reason and self._reason[0] != self.meeting.id:
            self._reason = None
        position = self.chooser.findData(meeting_id)
        if position >= 0:
            self.chooser.setCurrentIndex(position)
        self._show_header()
        for tab in (self.agenda, self.attendance, self.minutes):
            tab.show_meeting(self.meeting)

    def _chosen(self) -> None:
        wanted = self.chooser.currentData()
        if self.meeting is not None and wanted == self.meeting.id:
            return
        if not unsaved.settle(self, self):
            self.chooser.setCurrentIndex(
                self.chooser.findData(self.meeting.id if self.meeting else None)
            )
            return
        self.show_meeting(wanted)

    def _show_header(self) -> None:
        m = self.meeting
        self.step_button.setEnabled(m is not None and m.status != MeetingStatus.CANCELLED)
        self.output_button.setEnabled(m is not None)
        if m is None:
            self.heading.setText("<h2>No meeting yet</h2>")
            self.facts.setText("Add a meeting on the Meetings page.")
            self.quorum.clear()
            return
        self.heading.setText(f"<h2>{_escape(m.board_name)}</h2>")
        approved = (
            f" on {format_date(m.minutes_approved_on)} by {m.minutes_approved_by or 'the chair'}"
            if m.locked
            else ""
        )
        correcting = " — correcting: changes are recorded" if self._reason else ""
        self.facts.setText(
            f"{m.starts_at:%A} {format_date(m.starts_at)}, {m.time_text} · {m.where or 'Place to be set'}"
            f" · Chair: {m.chair_name or 'not set'} · {m.status.label}{approved}{correcting}"
        )
        self.step_button.setText(_NEXT_STEP[m.status])
        needed = (
            Permission.APPROVE_MINUTES
            if m.status == MeetingStatus.MINUTES_DRAFT
            else Permission.EDIT_RECORDS
        )
        if not self.db.principal.may(needed):
            self.step_button.setEnabled(False)
        self.refresh_quorum()

    def refresh_quorum(self) -> None:
        if self.meeting is None:
            return
        result = attendance.get_register(self.db, self.meeting.id).quorum
        self.quorum.setText(f"Quorum ({result.rule_text}): {result.summary}")
        colour = "#00703C" if result.met else "#B00020" if result.met is False else "#505A5F"
        self.quorum.setStyleSheet(f"color: {colour}; font-weight: bold;")

    # ------------------------------------------------------------ status and corrections
    def correction_reason(self) -> tuple[bool, str | None]:
        """(go ahead?, reason): approved minutes need a reason, asked once per meeting shown."""
        m = self.meeting
        if m is None or not m.locked:
            return True, None
        if self._reason and self._reason[0] == m.id:
            return True, self._reason[1]
        reason = meeting_dialogs.ask_correction_reason(self, m.name, m.minutes_approved_on)
        if reason is None:
            return False, None
        self._reason = (m.id, reason)
        self._show_header()
        return True, reason

    def next_step(self) -> None:
        m = self.meeting
        if m is None:
            return
        try:
            if m.status == MeetingStatus.PLANNED:
                meetings.set_status(self.db, m.id, MeetingStatus.HELD.value)
            elif m.status == MeetingStatus.HELD:
                meetings.set_status(self.db, m.id, MeetingStatus.MINUTES_DRAFT.value)
            elif m.status == MeetingStatus.MINUTES_DRAFT:
                if not meeting_dialogs.approve(self, self.db, m):
                    return
            elif m.status == MeetingStatus.MINUTES_APPROVED:
                self.correction_reason()
                return
        except UserError as problem:
            dialogs.show_problem(self, "Cannot change the meeting", str(problem))
            return
        self.show_meeting(m.id)
        if self.meeting is not None:
            self.context.status(f"{self.meeting.name}: {self.meeting.status.label.lower()}.")

    def _save_tab(self) -> None:
        if not self.db.principal.may(Permission.EDIT_RECORDS):
            return
        tab = self.tabs.currentWidget()
        if isinstance(tab, (AgendaTab, AttendanceTab, MinutesTab)):
            tab.save()

    # A paper is written from what is stored: work typed but not saved (an item, a line of
    # the register, minutes) is asked about first, or the paper would lack it.
    def _save(self, output) -> None:
        if self.meeting is not None and unsaved.settle(self, self):
            save_output(self, self.meeting, output)

    def _publish(self) -> None:
        if self.meeting is not None and unsaved.settle(self, self):
            publish_meeting(self, self.meeting)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
