"""Training sessions: when and where, places offered, and under each its bookings and attendance.

The table lists sessions (of one course, or all); the form on the right edits the chosen
session, and the bookings panel under it books practitioners and records what became of each
place. Bookings from a booking site's export come in with Import bookings….

The session's form and the booking's form are the page's unsaved work (`ui.unsaved`): another
session, a new one, another page or closing the window asks Save / Discard / Cancel first.
"""

from __future__ import annotations

from datetime import time, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from partnerboard.domain.access import Permission
from partnerboard.domain.training import BookingStatus, Mode
from partnerboard.services import training
from partnerboard.services.training import SessionInput, SessionRow
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.base import Page
from partnerboard.ui.pages.training import TRAINING_TABLES
from partnerboard.ui.pages.training.bookings_panel import BookingsPanel
from partnerboard.ui.pages.training.import_dialog import ImportDialog
from partnerboard.ui.pages.training.saving import NOT_SAVED, save_form
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.choices import refill
from partnerboard.ui.widgets.table_view import RegisterTable

SHOW = ("Recent and coming", "All sessions")
RECENT_DAYS = 120


def session_columns() -> list[Column[SessionRow]]:
    return [
        Column("id", "No.", lambda r: r.id, align_right=True),
        Column("course", "Course", lambda r: r.course_reference),
        Column("date", "Date", lambda r: r.starts_at.date()),
        Column("time", "Starts", lambda r: f"{r.starts_at:%H:%M}"),
        Column("where", "Where", lambda r: r.where),
        Column("places", "Places", lambda r: r.capacity, align_right=True),
        Column("held", "Held", lambda r: r.places_held, align_right=True),
        Column("waiting", "Waiting", lambda r: r.count(BookingStatus.WAITING), align_right=True),
        Column("state", "State", lambda r: r.state),
    ]


class TrainingSessionsPage(Page):
    key = "training_sessions"
    title = "Sessions and bookings"
    tables = TRAINING_TABLES

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.editing: SessionRow | None = None
        self._quiet = False  # the table being reloaded or put back: no choice made by the user
        self.course_filter = QComboBox()
        self.course_filter.setAccessibleName("Course")
        self.course_filter.setMinimumContentsLength(22)
        self.course_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.show_filter = QComboBox()
        self.show_filter.setAccessibleName("Sessions shown")
        self.show_filter.addItems(SHOW)
        self.show_filter.currentIndexChanged.connect(lambda _i: self.refresh())
        self.new_button = self._button("&New session", "New session", self.start_new)
        self.import_button = self._button(
            "&Import bookings…",
            "Import bookings from a booking site's export",
            self.import_bookings,
        )
        self.model: RowTableModel[SessionRow] = RowTableModel(session_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "training_sessions", sort_column=2)
        self.table.setAccessibleName("Training sessions")
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.count = QLabel()
        self.count.setAccessibleName("Number of sessions shown")
        self.form_title = QLabel()
        self.form_title.setObjectName("formTitle")
        self.form = Form()
        self._build_form(self.form)
        self.editor = unsaved.FormEditor([self.form], self._unsaved_what, self.save, self._discard)
        self.save_button = self._button("&Save session", "Save session", self.save)
        self.bookings = BookingsPanel(self)
        self._layout_page()
        self.start_new(focus=False)
        self.may_edit = self.only_for(Permission.EDIT_RECORDS, self.new_button, self.save_button)
        self.may_import = self.only_for(Permission.IMPORT_RETURNS, self.import_button)
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved

    def _button(self, text: str, name: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        button.clicked.connect(lambda: slot())
        return button

    def _build_form(self, form: Form) -> None:
        form.choice("course_id", "Course", [], none_label="Choose…", required=True)
        form.date("starts_on", "Date", optional=False, required=True)
        form.time("starts", "Starts")
        form.time("ends", "Ends")
        form.choice("mode", "Online or at a venue", [(m.value, m.label) for m in Mode])
        form.text("venue", "Venue or platform", max_length=300, placeholder="e.g. County Hall")
        form.number("capacity", "Places offered", minimum=1, maximum=2000, optional=False)
        form.text("trainers", "Trainers (when not the course's)", max_length=300)
        form.date("follow_up_sent_on", "Follow-up sent on")
        form.check("cancelled", "Session cancelled")
        form.multiline("notes", "Notes", height=50)

    def _layout_page(self) -> None:
        bar = QHBoxLayout()
        for text, widget in (("&Course:", self.course_filter), ("Sho&w:", self.show_filter)):
            caption = QLabel(text)
            caption.setBuddy(widget)
            bar.addWidget(caption)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.new_button)
        bar.addWidget(self.import_button)
        left = QWidget()
        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(0, 0, 0, 0)
        left_box.addWidget(self.table)
        left_box.addWidget(self.count)
        editor = QWidget()
        box = QVBoxLayout(editor)
        box.addWidget(self.form_title)
        box.addWidget(self.form)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        box.addLayout(buttons)
        box.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidget(editor)
        scroll.setWidgetResizable(True)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        top = QSplitter()
        top.addWidget(left)
        top.addWidget(scroll)
        top.setSizes([700, 480])
        top.setChildrenCollapsible(False)
        # The session above, its bookings below across the whole width (a sign-in sheet).
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(top)
        split.addWidget(self.bookings)
        split.setSizes([330, 450])
        split.setChildrenCollapsible(False)
        outer = QVBoxLayout(self)
        outer.addLayout(bar)
        outer.addWidget(split, 1)

    # ------------------------------------------------------------ data
    def editors(self) -> list[unsaved.Editor]:
        return [self.editor, self.bookings.editor]

    def refresh(self) -> None:
        courses = training.list_courses(self.db)
        options = [(c.id, c.label) for c in courses]
        refill(
            self.course_filter, [(None, "All courses"), *options], self.course_filter.currentData()
        )
        self.form.set_choices("course_id", [(c.id, c.label) for c in courses if c.active])
        since = None
        if self.show_filter.currentIndex() == 0:
            since = self.db.clock.today() - timedelta(days=RECENT_DAYS)
        rows = training.list_sessions(self.db, self.course_filter.currentData(), since)
        keep = self.editing.id if self.editing else None
        self._quiet = True
        try:
            self.model.set_rows(rows)
        finally:
            self._quiet = False
        self.table.fit_columns(200)
        self.count.setText(f"{len(rows)} session(s)")
        found = next((r for r in rows if r.id == keep), None)
        if found is not None:
            # A session being changed stays on the form as typed (with the version it was
            # loaded at, so a change made meanwhile by someone else is not overwritten).
            self._select(found.id, load=not self.editor.dirty())
            if self.editor.dirty():
                self.bookings.load(found)
        self.bookings.refresh_options()

    def open_with(self, **options: Any) -> None:
        self.ensure_loaded()
        session_id = options.get("session_id")
        if session_id is None or (self.editing is not None and self.editing.id == session_id):
            return
        if unsaved.settle(self, self):
            self.show_filter.setCurrentIndex(1)
            self._select(session_id)

    def _select(self, session_id: int, load: bool = True) -> bool:
        for position, row in enumerate(self.proxy.visible_rows()):
            if row.id == session_id:
                self._quiet = True
                try:
                    self.table.selectRow(position)
                finally:
                    self._quiet = False
                if load:
                    self._show(row)
                return True
        return False

    def _selected(self, *_args) -> None:
        if self._quiet:
            return
        current = self.table.currentIndex()
        row = self.proxy.row_at(current.row()) if current.isValid() else None
        if row is None or (self.editing is not None and row.id == self.editing.id):
            return
        wanted = row.id
        if not unsaved.settle(self, self):  # the session's form and the booking's
            self._quiet = True  # Cancel: the session being changed stays chosen
            try:
                if self.editing is None or not self._select(self.editing.id, load=False):
                    self.table.clearSelection()
            finally:
                self._quiet = False
            return
        self._select(wanted)  # afresh: a save may have reloaded the table

    def _show(self, row: SessionRow) -> None:
        self.editing = row
        self.form.load(
            {
                "course_id": row.course_id, "starts_on": row.starts_at.date(),
                "starts": row.starts_at.time(), "ends": row.ends_at.time() if row.ends_at else None,
                "mode": row.mode.value, "venue": row.venue, "capacity": row.capacity,
                "trainers": row.trainers, "follow_up_sent_on": row.follow_up_sent_on,
                "cancelled": row.cancelled, "notes": row.notes,
            }
        )  # fmt: skip
        self.form_title.setText(f"<h3>Session {row.id}: {_escape(row.label)}</h3>")
        self.bookings.load(row)

    def _unsaved_what(self) -> str:
        return f"your changes to session {self.editing.id}" if self.editing else "the new session"

    def _discard(self) -> None:
        """The stored session again (or an empty new one)."""
        stored = self.editing and next(
            (r for r in self.model.rows() if r.id == self.editing.id), None
        )
        if stored:
            self._show(stored)
        else:
            self.start_new(ask=False)

    def start_new(self, focus: bool = True, ask: bool | None = None) -> None:
        if (focus if ask is None else ask) and not unsaved.settle(self, self):
            return
        self.editing = None
        self._quiet = True
        try:
            self.table.clearSelection()
        finally:
            self._quiet = False
        course = self.course_filter.currentData()
        self.form.load(
            {"course_id": course, "mode": Mode.VENUE.value, "capacity": 20,
             "starts": time(9, 30), "ends": time(12, 30)}
        )  # fmt: skip
        self.form_title.setText("<h3>New session</h3>")
        self.bookings.load(None)
        if focus:
            self.form.field("course_id").setFocus()

    def save(self) -> bool:
        """Save the session; False (the reasons beside the fields) when refused."""
        if not self.may_edit:
            return False
        editing = self.editing

        def store(v: dict[str, Any]) -> SessionRow:
            data = SessionInput(
                course_id=v["course_id"], starts_on=v["starts_on"], starts=v["starts"],
                ends=v["ends"], mode=v["mode"], venue=v["venue"], capacity=v["capacity"],
                trainers=v["trainers"], cancelled=v["cancelled"],
                follow_up_sent_on=v["follow_up_sent_on"], notes=v["notes"],
            )  # fmt: skip
            return training.save_session(
                self.db, data, editing.id if editing else None,
                editing.row_version if editing else None,
            )  # fmt: skip

        saved = save_form(self, self.form, "this session", store, self.context.status)
        if saved is NOT_SAVED:
            return False
        self.form.mark_clean()
        self.editing = saved
        if saved.starts_at.date() < self.db.clock.today() - timedelta(days=RECENT_DAYS):
            self.show_filter.setCurrentIndex(1)  # an older session: show it
        self.refresh()
        self._select(saved.id)
        self.context.status(f"Saved session {saved.id} ({saved.label}).")
        return True

    def import_bookings(self) -> None:
        if not self.may_import:
            return
        chosen = self.editing.id if self.editing else None
        dialog = ImportDialog(self, evaluations=False, session_id=chosen)
        dialog.exec()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
