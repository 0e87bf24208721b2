"""The bookings of one session: who is booked (or waiting), from which agency, and — once the
session has taken place — who attended, did not attend or cancelled late.

Choose a booking and press Attended, Did not attend, Cancelled late or Cancelled (or Booked)
to record it: a click saves at once and says so, then moves down the list as on a sign-in
sheet. Type a practitioner in the form to book them; a booking typed but not saved is asked
about (`ui.unsaved`) before another booking, session or page is chosen. Names and e-mails are personal
data: readers who may not see them (anyone but business support and the chairs) see the
bookings by agency, with the note that names are not shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from partnerboard.domain import palette
from partnerboard.domain.access import Permission
from partnerboard.domain.training import BookingStatus
from partnerboard.errors import UserError
from partnerboard.services import partnership, training
from partnerboard.services.training import BookingInput, BookingRow, SessionRow
from partnerboard.ui import dialogs, unsaved
from partnerboard.ui.forms import Form
from partnerboard.ui.pages.training.saving import NOT_SAVED, save_form
from partnerboard.ui.permissions import hide_unless
from partnerboard.ui.table_model import Column, FilterProxy, RowTableModel
from partnerboard.ui.widgets.table_view import RegisterTable

if TYPE_CHECKING:
    from partnerboard.ui.pages.base import Page

STATUS_COLOURS = {
    BookingStatus.ATTENDED: palette.GREEN,
    BookingStatus.DID_NOT_ATTEND: palette.RED,
    BookingStatus.CANCELLED_LATE: palette.AMBER,
}
# (button text, accessible name, status): one click records the chosen booking's outcome.
OUTCOME_BUTTONS = (
    ("&Attended", "Attended", BookingStatus.ATTENDED),
    ("&Did not attend", "Did not attend", BookingStatus.DID_NOT_ATTEND),
    ("Cancelled &late", "Cancelled late", BookingStatus.CANCELLED_LATE),
    ("Cancelled in &time", "Cancelled in good time", BookingStatus.CANCELLED),
    ("&Booked", "Booked", BookingStatus.BOOKED),
)


def booking_columns() -> list[Column[BookingRow]]:
    def colour(row: BookingRow, part: str) -> str | None:
        swatch = STATUS_COLOURS.get(row.status)
        return None if swatch is None else getattr(swatch, part)

    return [
        Column("name", "Name", lambda r: r.shown_name),
        Column("email", "E-mail", lambda r: r.email),
        Column("role", "Job title", lambda r: r.role),
        Column("agency", "Agency", lambda r: r.agency_text),
        Column(
            "status",
            "Status",
            lambda r: r.status,
            sort_key=lambda r: list(BookingStatus).index(r.status),
            background=lambda r: colour(r, "fill"),
            foreground=lambda r: colour(r, "text"),
        ),  # fmt: skip
        Column("booked_on", "Booked on", lambda r: r.booked_on, visible=False),
        Column("source", "From", lambda r: r.source, visible=False),
    ]


class BookingsPanel(QGroupBox):
    def __init__(self, page: Page):
        super().__init__("Bookings and attendance")
        self.page = page
        self.session: SessionRow | None = None
        self.editing: BookingRow | None = None
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Places and attendance of the session")
        self.model: RowTableModel[BookingRow] = RowTableModel(booking_columns())
        self.proxy = FilterProxy(self)
        self.table = RegisterTable(self.model, self.proxy, "training_bookings")
        self.table.setAccessibleName("Bookings of the session")
        self.table.setMinimumHeight(160)
        self.table.selectionModel().currentRowChanged.connect(self._selected)
        self.outcome_buttons: dict[BookingStatus, QPushButton] = {}
        outcomes = QHBoxLayout()
        for text, name, status in OUTCOME_BUTTONS:
            button = QPushButton(text)
            button.setAccessibleName(f"Record the chosen booking as {name.lower()}")
            button.clicked.connect(lambda _c=False, s=status: self.record(s))
            outcomes.addWidget(button)
            self.outcome_buttons[status] = button
        outcomes.addStretch(1)
        self.form = Form()
        self.form.text("name", "Practitioner's name", required=True, max_length=200)
        self.form.text("email", "E-mail", max_length=254, placeholder="name@agency.org.uk")
        self.form.text("role", "Job title", max_length=200)
        self.form.choice("agency_id", "Agency", [], none_label="Place by the e-mail's domain")
        self.form.choice("status", "Status", [(s.value, s.label) for s in BookingStatus])
        self.editor = unsaved.FormEditor([self.form], self._unsaved_what, self.save, self._discard)
        self.new_button = QPushButton("New boo&king")
        self.new_button.setAccessibleName("New booking")
        self.new_button.clicked.connect(lambda: self.start_new())
        self.save_button = QPushButton("Sa&ve booking")
        self.save_button.setAccessibleName("Save booking")
        self.save_button.clicked.connect(self.save)
        self.may_edit = hide_unless(
            page.db, Permission.EDIT_RECORDS, self.new_button, self.save_button,
            *self.outcome_buttons.values(),
        )  # fmt: skip
        if not self.may_edit:
            self.form.setEnabled(False)  # read: nothing to type that could not be saved
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        sheet = QVBoxLayout()
        sheet.addWidget(self.summary)
        sheet.addWidget(self.table, 1)
        sheet.addLayout(outcomes)
        side = QVBoxLayout()
        side.addWidget(self.form)
        side.addLayout(buttons)
        side.addStretch(1)
        box = QHBoxLayout(self)
        box.addLayout(sheet, 3)
        box.addLayout(side, 2)

    @property
    def db(self):
        return self.page.db

    def refresh_options(self) -> None:
        agencies = partnership.list_agencies(self.db, include_inactive=False)
        self.form.set_choices("agency_id", [(a.id, a.display_name) for a in agencies])

    def load(self, session: SessionRow | None) -> None:
        same = session is not None and self.session is not None and session.id == self.session.id
        typing = same and self.editor.dirty()  # a booking being typed stays as typed
        self.session = session
        self.setEnabled(session is not None)
        keep = (
            self.editing.id
            if self.editing and session and self.editing.session_id == session.id
            else None
        )
        rows = training.list_bookings(self.db, session.id) if session else []
        self.model.set_rows(rows)
        self.table.fit_columns(190)
        self._summary(session, rows)
        found = next((r for r in rows if r.id == keep), None)
        if found is not None:
            self._reselect(found.id)  # the booking being worked on stays chosen
            if not typing:
                self._show(found)
        elif not typing:
            self.start_new(ask=False)
        self._enable()

    def _reselect(self, booking_id: int) -> None:
        for position, row in enumerate(self.proxy.visible_rows()):
            if row.id == booking_id:
                selection = self.table.selectionModel()
                selection.blockSignals(True)
                self.table.selectRow(position)
                selection.blockSignals(False)
                return

    def _summary(self, session: SessionRow | None, rows: list[BookingRow]) -> None:
        if session is None:
            self.summary.setText("Save the session first; then book practitioners on it.")
            return
        parts = [f"{session.capacity} places", f"{session.places_held} held"]
        for status in (BookingStatus.WAITING, BookingStatus.ATTENDED, BookingStatus.DID_NOT_ATTEND,
                       BookingStatus.CANCELLED_LATE, BookingStatus.CANCELLED):  # fmt: skip
            if count := session.count(status):
                parts.append(f"{status.label.lower()} {count}")
        hidden = any(r.name is None for r in rows)
        note = f" {training.PERSONAL_DATA_NOTE}" if hidden else ""
        self.summary.setText(" · ".join(parts) + "." + note)

    def _selected(self, *_args) -> None:
        current = self.table.currentIndex()
        row = self.proxy.row_at(current.row()) if current.isValid() else None
        if row is not None and (self.editing is None or row.id != self.editing.id):
            wanted = row.id
            if not unsaved.settle(self.page, self.editor):
                if self.editing is not None:  # Cancel: the booking being typed stays chosen
                    self._reselect(self.editing.id)
                else:
                    self._clear_selection()
                return
            # Afresh: a save reloads the list.
            found = next((r for r in self.proxy.visible_rows() if r.id == wanted), None)
            if found is not None:
                self._reselect(found.id)
                self._show(found)
        self._enable()

    def _show(self, row: BookingRow) -> None:
        self.editing = row
        self.form.load(
            {"name": row.name, "email": row.email, "role": row.role, "agency_id": row.agency_id,
             "status": row.status.value}
        )  # fmt: skip

    def _unsaved_what(self) -> str:
        if self.editing is None:
            return "the new booking"
        return f"your changes to the booking of {self.editing.shown_name}"

    def _discard(self) -> None:
        if self.editing is not None:
            self._show(self.editing)
        else:
            self.start_new(ask=False)

    def _clear_selection(self) -> None:
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        self.table.clearSelection()
        selection.blockSignals(False)

    def _enable(self) -> None:
        chosen = self.editing is not None and self.session is not None
        held = self.session is not None and self.session.held
        for status, button in self.outcome_buttons.items():
            button.setEnabled(chosen and (held or not status.on_the_day))

    def start_new(self, focus: bool = True, ask: bool | None = None) -> None:
        if (focus if ask is None else ask) and not unsaved.settle(self.page, self.editor):
            return
        self.editing = None
        self._clear_selection()
        self.form.load({"status": BookingStatus.BOOKED.value})
        self._enable()
        if focus:
            self.form.field("name").setFocus()

    def save(self) -> bool:
        """Save the booking typed; False (the reasons beside the fields) when refused."""
        if self.session is None or not self.may_edit:
            return False
        editing, session_id = self.editing, self.session.id

        def store(values: dict) -> BookingRow:
            data = BookingInput(
                values["name"], values["email"], values["role"], values["agency_id"],
                values["status"] or BookingStatus.BOOKED.value,
            )  # fmt: skip
            return training.save_booking(
                self.db, session_id, data, editing.id if editing else None,
                editing.row_version if editing else None,
            )  # fmt: skip

        saved = save_form(self, self.form, "this booking", store, self.page.context.status)
        if saved is NOT_SAVED:
            return False
        self.form.mark_clean()
        self.editing = None  # ready for the next name
        self.page.context.status(f"Booked {saved.shown_name} ({saved.status.label}).")
        self.page.refresh()
        self.start_new(focus=False)
        self.form.field("name").setFocus()
        return True

    def record(self, status: BookingStatus) -> None:
        """Record what became of the chosen booking's place at once (saved, and said so in the
        status bar), then move to the next booking, as down a sign-in sheet."""
        # A change typed into the booking's form is settled first: the click records the
        # status over what is stored, never over unsaved words.
        if not self.may_edit or self.editing is None:
            return
        if not unsaved.settle(self.page, self.editor):
            return
        row = self.editing
        try:
            saved = training.set_status(self.db, row.id, status, row.row_version)
        except UserError as problem:
            dialogs.show_problem(self, "Cannot record this", str(problem))
            return
        position = self.table.currentIndex().row()
        self.editing = saved
        self.page.refresh()
        self.page.context.status(f"Saved {saved.shown_name}: {status.label}. {self.session_text()}")
        if 0 <= position + 1 < self.proxy.rowCount():  # down the register, as on a sign-in sheet
            self.table.selectRow(position + 1)
        self.table.setFocus()

    def session_text(self) -> str:
        """ "Session 12: 5 of 10 places held, 3 attended." (as the list now stands)."""
        session = self.session
        if session is None:
            return ""
        attended = session.count(BookingStatus.ATTENDED)
        return (
            f"Session {session.id}: {session.places_held} of {session.capacity} places held, "
            f"{attended} attended."
        )
