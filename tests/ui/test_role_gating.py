"""The app as each role: every page offers exactly what the table of who may do what allows
(`domain.access.PERMISSIONS`), and every allowed write made on a page adds an audit entry
naming the user. A write control added without saying which permission it needs fails here
(the read-only user must meet none but the reading controls listed below)."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QPushButton

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Permission, Role
from partnerboard.services import access
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.services.meetings import meetings as meeting_service
from partnerboard.ui.permissions import PERMISSION_PROPERTY
from tests.trust.helpers import trail

PASSWORD = "role password 2026"
USERS = {
    "bs1": ("Bea Support", Role.BUSINESS_SUPPORT),
    "chair1": ("Chris Chair", Role.CHAIR),
    "member1": ("Mel Member", Role.MEMBER),
    "reader1": ("Rory Reader", Role.READ_ONLY),
}
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


def _controls(window) -> list:
    """Every button and menu action of every page (and the meeting page), pages built."""
    found = []
    for key in window.page_keys():
        window.open_page(key)
        page = window.pages[key]
        page.ensure_loaded()
        QApplication.processEvents()
        found += [(key, c) for c in page.findChildren(QPushButton) + page.findChildren(QAction)]
    return found


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
        for key, control in _controls(window):
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
        assert page.step_button.isEnabled() and "pprove" in page.step_button.text()
        QTimer.singleShot(0, lambda: QApplication.activeModalWidget().accept())
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
        assert detail.add_update_button.text() == "&Propose update"
        qtbot.keyClicks(detail.update_form.field("narrative"), "Toolkit drafted with partners")
        qtbot.mouseClick(detail.add_update_button, Qt.MouseButton.LeftButton)
    finally:
        window.close()
        window.db.close()
    proposed = [e for e in trail(path) if e["table_name"] == "action_update"][-1]
    assert proposed["after"]["state"] == "proposed"
    assert proposed["after"]["narrative"] == "Toolkit drafted with partners"
    assert proposed["who"] == "Mel Member"
