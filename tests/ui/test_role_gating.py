"""The app as each role: every page offers exactly what the table of who may do what allows
(`domain.access.PERMISSIONS`), and every allowed write made on a page adds an audit entry
naming the user. A write control added without saying which permission it needs fails here
(the read-only user must meet none but the reading controls listed below), and so does a field
left open to type into for someone who may not save it (they may only choose what is shown)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QTextEdit,
    QWidget,
)

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Permission, Role
from partnerboard.services import access
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.services.meetings import meetings as meeting_service
from partnerboard.ui.permissions import PERMISSION_PROPERTY
from tests.trust.helpers import PASSWORD, USERS, trail

# What a read-only user is offered: reading, choosing, printing and exporting.
READING = {
    "Choose columns", "Export the actions shown to Excel", "More: report, import, templates",
    "Show its actions", "Open the action in the register", "Export the review register to Excel",
    "Write the learning briefing as PDF", "Show the escalations of the learning theme",
    "Open agenda and minutes", "Print and export", "Export the compliance matrix to Excel",
    "Write this agency's feedback letter", "Write the feedback letter for this agency",
    "Write the audit report as PDF", "Export the audit's grades and findings to Excel",
    "Export attendance to Excel", "Show only the chosen actions",
    "Action report (PDF) of the actions shown…", "Export attendance figures to Excel",
    "Export the escalation log to Excel", "Agenda (PDF)…", "Minutes (PDF)…",
    "Minutes for comments (Word)…", "Public minutes (HTML)…", "Public minutes (PDF)…",
    "Export the sign-up matrix to Excel", "Print the sign-up summary as PDF",
    "Print this version of the threshold document as PDF", "Show the workstream's actions",
    "Choose from a calendar",  # a date field's calendar (in a form that cannot be saved, disabled)
    "Publish agenda and minutes for the website…", "Public minutes (tagged PDF)…",
    "Write the scorecard for the board as a PDF", "Export the dataset to Excel",
    "Open this indicator on the Indicators page", "Show the chosen action in the action log",
    "Write the training report as PDF", "Export the training figures to Excel",
    "Draw the draft as a Word document", "Write a preview of the public version",
    "Publish the public version as HTML and tagged PDF",
}  # fmt: skip
# What someone who may not edit records may still type into, tick or choose: what is shown.
CHOOSING = {
    "Search actions", "Search workstreams", "Search agencies", "Search people", "Search boards",
    "Search meetings", "Search reviews", "Search activities", "Search courses",
    "Search escalations", "Search indicators", "Show deactivated", "Show cancelled meetings",
    "Show only returns not yet in", "Show only exceptions", "Only overdue actions",
    "Show retired indicators and earlier versions", "Show open, finished or all actions",
    "Show open or resolved escalations", "Show deadlines due within this many days",
    "Due within this many days", "Only agencies that have not signed the current version",
    "Filter by RAG", "Filter by workstream", "Filter by board", "Filter by lead",
    "Filter by agency", "Filter by sector", "Filter by status", "Filter by level",
    "Filter by category", "Filter by theme", "Filter by supplying agency", "Board shown",
    "Board", "Meeting", "From", "To", "Section 11 round", "Multi-agency audit",
    "Year (1 April to 31 March)", "Course", "Sessions shown", "Responses shown", "Period",
    "Threshold document", "Coverage of version", "Quarter reported", "Show", "Agency",
    "Agency compared", "Ratings shown",
}  # fmt: skip
# The fields of a proposed update, open to a member or chair on an action they lead.
PROPOSING = {"actions: Date of the update", "actions: RAG", "actions: Progress", "actions: Author"}
# The writes of the registers that came after the table (performance dataset, training, yearly
# report and engagement log): each offered exactly to those the table allows.
_EDIT, _IMPORT = Permission.EDIT_RECORDS, Permission.IMPORT_RETURNS
WRITES = {
    ("scorecard", "Raise an action in the action log from this indicator"): _EDIT,
    ("scorecard", "Write each agency's return workbook for the quarter"):
        Permission.GENERATE_TEMPLATES,
    ("indicators", "New indicator"): _EDIT,
    ("indicators", "Change the chosen indicator's definition"): _EDIT,
    ("indicators", "Retire the chosen indicator"): _EDIT,
    ("indicators", "Record the figure for the period"): _EDIT,
    ("training_courses", "New course"): _EDIT,
    ("training_courses", "Save course"): _EDIT,
    ("training_sessions", "New session"): _EDIT,
    ("training_sessions", "Save session"): _EDIT,
    ("training_sessions", "Import bookings from a booking site's export"): _IMPORT,
    ("training_sessions", "New booking"): _EDIT,
    ("training_sessions", "Save booking"): _EDIT,
    ("training_sessions", "Record the chosen booking as attended"): _EDIT,
    ("training_sessions", "Record the chosen booking as did not attend"): _EDIT,
    ("training_evaluation", "Tag the chosen answer with the theme"): _EDIT,
    ("training_evaluation", "Import evaluations from a forms tool's export"): _IMPORT,
    ("training_figures", "Save the agency's target and domains"): _EDIT,
    ("training_figures", "Save the cost of a place"): _EDIT,
    ("yearly_report", "Take the team's narrative from an edited Word draft"): _EDIT,
    ("engagement", "New activity"): _EDIT,
    ("engagement", "Save activity"): _EDIT,
}  # fmt: skip
TILE = ". Opens the list."  # the dashboard's figures open the register filtered


@pytest.fixture(scope="module")
def roles_db(tmp_path_factory, demo_template):
    path = tmp_path_factory.mktemp("gating") / "board.sqlite"
    shutil.copy(demo_template, path)
    db = open_database(str(path))
    person = {r.value: p for r, p in zip(Role, [6, 7, 8, None], strict=True)}
    for login, (name, role) in USERS.items():
        access.save_user(
            db, access.UserInput(name, login, role.value, person[role.value]), password=PASSWORD
        )
    led = create_action(db, ActionInput(text="Mel's own action", lead_person_id=8))
    db.close()
    return {"path": path, "led": led}


def _window(qtbot, path, login):
    from partnerboard.ui.main_window import MainWindow

    db = open_database(str(path))
    db.principal = access.authenticate(db, login, PASSWORD)
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    return window


def _walk(window) -> tuple[list, list]:
    """Every button and menu action, and every field open to type into or tick, of every page
    (and the meeting page), pages built and the first row of each of their tables chosen (a
    form shows a record)."""
    controls, fields = [], []
    for key in window.page_keys():
        window.open_page(key)
        page = window.pages[key]
        page.ensure_loaded()
        QApplication.processEvents()
        for table in page.findChildren(QTableView):
            if _shown(table, page) and table.model().rowCount() > 0:
                table.selectRow(0)
                QApplication.processEvents()
        controls += [(key, c) for c in page.findChildren(QPushButton) + page.findChildren(QAction)]
        fields += [(key, f) for f in _open_fields(page)]
    return controls, fields


def _open_fields(page: QWidget) -> list[QWidget]:
    kinds = (QLineEdit, QPlainTextEdit, QTextEdit, QAbstractSpinBox, QComboBox, QAbstractButton)
    found = []
    for field in page.findChildren(QWidget):
        if not isinstance(field, kinds) or isinstance(field, QPushButton):
            continue
        if isinstance(field.parent(), (QComboBox, QAbstractSpinBox)):  # part of another field
            continue
        if isinstance(field, QAbstractButton) and not field.isCheckable():
            continue
        if getattr(field, "isReadOnly", lambda: False)():
            continue
        if _shown(field, page) and field.isEnabled():
            found.append(field)
    return found


def _shown(field: QWidget, page: QWidget) -> bool:
    """Shown on the page, whichever of its tabs (or stacked panes) is open now."""
    widget: QWidget | None = field
    while widget is not None and widget is not page:
        if widget.isHidden() and not isinstance(widget.parent(), QStackedWidget):
            return False
        widget = widget.parentWidget()
    return True


def _offered(control) -> bool:
    return control.isVisible() if isinstance(control, QAction) else not control.isHidden()


def _name(control) -> str:
    if isinstance(control, QAction):
        return control.text().replace("&", "")
    return control.accessibleName() or control.text().replace("&", "")


@pytest.mark.parametrize("login", list(USERS))
def test_each_page_offers_what_the_role_may_do(app, qtbot, roles_db, login):
    role = USERS[login][1]
    window = _window(qtbot, roles_db["path"], login)
    try:
        assert ("users" in window.page_keys()) == role.may(Permission.MANAGE_USERS)
        assert ("imports" in window.page_keys()) == role.may(Permission.IMPORT_RETURNS)
        menu = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
        assert ("&Back up database…" in menu) == role.may(Permission.BACK_UP)
        assert ("&Restore from backup…" in menu) == role.may(Permission.RESTORE)
        gated, offered, loose = 0, 0, []
        controls, fields = _walk(window)
        for key, control in controls:
            needs = control.property(PERMISSION_PROPERTY)
            if needs:
                gated += 1
                if not role.may(Permission(needs)):  # (a page may also hide one it has no use for)
                    assert not _offered(control), (key, _name(control))
                else:
                    offered += _offered(control)
            elif (
                role is Role.READ_ONLY
                and _offered(control)
                and _name(control)
                and not _name(control).endswith(TILE)
            ):
                loose.append((key, _name(control)))
        assert gated > 60  # every page's write controls say what they need
        if role is Role.BUSINESS_SUPPORT:
            assert offered > 50
        # A read-only user meets nothing but reading controls (a write control added without
        # a permission shows up here).
        unknown = sorted({f"{key}: {name}" for key, name in loose if name not in READING})
        assert not unknown, "\n".join(unknown)
        # The newer registers' writes: there, tagged with what the table says, offered to those
        # it allows only.
        found = {(key, _name(c)): c for key, c in controls if (key, _name(c)) in WRITES}
        assert set(found) == set(WRITES), sorted(set(WRITES) - set(found))
        for (key, name), needs in WRITES.items():
            control = found[key, name]
            assert control.property(PERMISSION_PROPERTY) == needs.value, (key, name)
            assert _offered(control) == role.may(needs), (key, name)
        # Who may not edit records types into no field: forms show the record, read-only.
        if not role.may(Permission.EDIT_RECORDS):
            proposes = PROPOSING if role.may(Permission.PROPOSE_UPDATES) else set()
            typed = {f"{key}: {_name(f)}" for key, f in fields if _name(f) not in CHOOSING}
            assert not typed - proposes, "\n".join(sorted(typed - proposes))
    finally:
        window.close()
        window.db.close()


def test_business_support_saves_a_record_and_the_trail_names_them(app, qtbot, roles_db, tmp_path):
    path = tmp_path / "board.sqlite"
    shutil.copy(roles_db["path"], path)
    window = _window(qtbot, path, "bs1")
    try:
        window.open_page("agencies")
        page = window.pages["agencies"]
        page.table.selectRow(0)
        phone = page.form.field("phone")
        phone.clear()
        qtbot.keyClicks(phone, "01632 960111")
        qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    finally:
        window.close()
        window.db.close()
    changed = [e for e in trail(path) if e["table_name"] == "agency" and e["action"] == "update"]
    assert changed[-1]["after"]["phone"] == "01632 960111"
    assert changed[-1]["who"] == "Bea Support"


def test_a_chair_approves_minutes_and_the_trail_names_them(app, qtbot, roles_db, tmp_path):
    path = tmp_path / "board.sqlite"
    shutil.copy(roles_db["path"], path)
    window = _window(qtbot, path, "chair1")
    draft = next(
        m for m in meeting_service.list_meetings(window.db) if m.status.value == "minutes_draft"
    )
    try:
        window.open_page("meeting", meeting_id=draft.id)
        page = window.pages["meeting"]
        assert page.step_button.isEnabled()
        assert page.step_button.text().replace("&", "") == "Approve minutes…"
        # The approval dialog (date and who, filled in): the chair presses Approve.
        QTimer.singleShot(
            0,
            lambda: qtbot.mouseClick(
                QApplication.activeModalWidget().ok_button, Qt.MouseButton.LeftButton
            ),
        )
        qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
        # The next step (a correction) is business support's: offered, but not to them.
        assert not page.step_button.isEnabled()
    finally:
        window.close()
        window.db.close()
    last = [e for e in trail(path) if e["table_name"] == "meeting"][-1]
    assert last["after"]["status"] == "minutes_approved"
    assert last["who"] == "Chris Chair"


def test_a_member_proposes_an_update_and_the_trail_names_them(app, qtbot, roles_db, tmp_path):
    path = tmp_path / "board.sqlite"
    shutil.copy(roles_db["path"], path)
    window = _window(qtbot, path, "member1")
    try:
        window.open_page("actions")
        page = window.pages["actions"]
        page.open_with(action_id=roles_db["led"])
        detail = page.detail
        assert detail.add_update_button.text().replace("&", "") == "Propose update"
        qtbot.keyClicks(detail.update_form.field("narrative"), "Toolkit drafted with partners")
        qtbot.mouseClick(detail.add_update_button, Qt.MouseButton.LeftButton)
    finally:
        window.close()
        window.db.close()
    proposed = [e for e in trail(path) if e["table_name"] == "action_update"][-1]
    assert proposed["after"]["state"] == "proposed"
    assert proposed["after"]["narrative"] == "Toolkit drafted with partners"
    assert proposed["who"] == "Mel Member"
