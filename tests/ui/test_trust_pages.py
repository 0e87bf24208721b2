"""Signing in, the Users page, a record's history, reload after a clash, restore, auto backups."""

from __future__ import annotations

import os
import sqlite3

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog

from partnerboard.db import migrate
from partnerboard.db.auto_backup import automatic_backups, make_automatic_backup
from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role, os_user_name
from partnerboard.services import access
from partnerboard.services import partnership as p
from partnerboard.services.actions import ActionInput, create_action
from partnerboard.settings import Settings, app_paths
from partnerboard.ui.backups import AutoBackups
from partnerboard.ui.sign_in import sign_in
from partnerboard.ui.sign_in_dialogs import FirstAdministratorDialog, SignInDialog
from partnerboard.ui.widgets.history import RecordHistory


def _same_but_phone(agency, phone: str) -> p.AgencyInput:
    return p.AgencyInput(
        name=agency.name,
        sector=agency.sector.value,
        short_name=agency.short_name,
        statutory_partner=agency.statutory_partner.value,
        section11_duty=agency.section11_duty,
        contact_person_id=agency.contact_person_id,
        email=agency.email,
        phone=phone,
        address=agency.address,
        notes=agency.notes,
    )


def _user(db, login="g.adeyemi", role="chair", password="board chair 2026"):
    access.save_user(db, access.UserInput("Grace Adeyemi", login, role, 5), password=password)


# ---------------------------------------------------------------- signing in


def test_sign_in_dialog_accepts_the_right_password_only(app, qtbot, demo_db):
    _user(demo_db)
    dialog = SignInDialog(demo_db, "g.adeyemi")
    qtbot.addWidget(dialog)
    assert dialog.password.echoMode() == dialog.password.EchoMode.Password
    qtbot.keyClicks(dialog.password, "not it")
    dialog.attempt()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.principal is None
    assert dialog.message.text() == access.SIGN_IN_FAILED and dialog.password.text() == ""
    dialog.show()
    qtbot.keyClicks(dialog.password, "board chair 2026")
    qtbot.keyClick(dialog.password, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert (dialog.principal.name, dialog.principal.role) == ("Grace Adeyemi", Role.CHAIR)


def test_without_required_sign_in_the_local_user_is_the_administrator(app, db):
    principal = sign_in(db)
    assert (principal.name, principal.role) == (os_user_name(), Role.BUSINESS_SUPPORT)
    assert principal.user_id == access.find_user(db, os_user_name()).id


def test_when_required_the_sign_in_dialog_comes_before_anything(app, qtbot, demo_db):
    _user(demo_db, login="admin", role="business_support", password="admin password 1")
    access.set_sign_in_required(demo_db, True)

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, SignInDialog)
        dialog.login.setText("admin")
        dialog.password.setText("admin password 1")
        dialog.attempt()

    QTimer.singleShot(0, answer)
    principal = sign_in(demo_db)
    assert principal is not None and principal.user_id == access.find_user(demo_db, "admin").id


def test_a_shared_server_without_users_first_asks_for_its_administrator(app, qtbot, pg_server):
    db = open_database(pg_server.new_database())
    try:
        dialog = FirstAdministratorDialog(db)
        qtbot.addWidget(dialog)
        dialog.name.setText("Helen Marsh")
        dialog.login.setText("h.marsh")
        dialog.password.setText("server admin 123")
        dialog.again.setText("server admin 12")
        dialog.attempt()
        assert dialog.message.text() == "The two passwords differ." and not access.has_users(db)
        dialog.again.setText("server admin 123")
        dialog.attempt()
        assert dialog.result() == QDialog.DialogCode.Accepted
        assert access.authenticate(db, "h.marsh", "server admin 123").role is Role.BUSINESS_SUPPORT
    finally:
        db.close()


# ---------------------------------------------------------------- the Users page


def test_business_support_adds_a_user_on_the_users_page(window, qtbot):
    window.open_page("users")
    page = window.pages["users"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.field("name"), "Sam Okafor")
    qtbot.keyClicks(page.form.field("login"), "s.okafor")
    role = page.form.field("role")
    role.setCurrentIndex(role.findData("member"))
    qtbot.keyClicks(page.form.field("password"), "member password")
    qtbot.keyClicks(page.form.field("again"), "member passwor")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.error_text("again") == "The two passwords differ."
    assert access.find_user(window.db, "s.okafor") is None
    qtbot.keyClicks(page.form.field("again"), "d")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [r.login for r in page.proxy.visible_rows()] == ["s.okafor"]
    assert page.form.value("password") == ""  # never left on screen
    assert [r.action_label for r in page.history.rows()] == ["Added"]
    assert access.authenticate(window.db, "s.okafor", "member password").role is Role.MEMBER
    # Signing in writes nothing (it is recorded with the user's first change), and the
    # history shows the password as a secret, never its hash nor the hash's digest.
    assert [r.action_label for r in page.history.rows()] == ["Added"]
    assert "Password hash: (secret);" in page.history.rows()[0].summary()
    assert "sha256" not in page.history.rows()[0].summary()


def test_the_users_page_is_not_built_for_other_roles(app, qtbot, demo_db_path):
    from partnerboard.ui.main_window import MainWindow

    member = open_database(str(demo_db_path), principal=Principal("Mo", Role.MEMBER))
    try:
        window = MainWindow(member)
        qtbot.addWidget(window)
        assert "users" not in window.page_keys() and "agencies" in window.page_keys()
        assert not hasattr(window, "restore_action")
        assert window.user_label.text() == "Mo (Member)"
    finally:
        member.close()


# ---------------------------------------------------------------- history


def test_record_history_shows_who_changed_what_newest_first(window, qtbot, demo_db_path):
    agency = p.find_agency(window.db, "Wrenfield Faith Forum")
    other = open_database(str(demo_db_path), principal=Principal("Other Officer"))
    try:
        p.save_agency(
            other,
            _same_but_phone(agency, "01632 960123"),
            agency.id,
            agency.row_version,
        )
    finally:
        other.close()
    history = RecordHistory(window.context)
    qtbot.addWidget(history)
    history.show_record("agency", agency.id)
    rows = history.rows()
    assert (rows[0].action_label, rows[-1].action_label) == ("Changed", "Added")
    assert rows[0].who == "Other Officer" and rows[-1].who == os_user_name()
    assert rows[0].summary() == "Phone: (empty) → 01632 960123"
    assert (
        abs((rows[0].at - window.db.clock.now_local()).total_seconds()) < 120
    )  # shown in local time
    p.set_agency_active(window.db, agency.id, False)  # a commit touching the table: reloads
    assert history.rows()[0].summary() == "Active: Yes → No"
    assert history.model.data(history.model.index(0, 2)) == "Changed"


def test_history_of_a_restricted_record_is_not_shown_to_a_member(app, qtbot, demo_db, demo_db_path):
    from partnerboard.ui.main_window import MainWindow

    secret = create_action(demo_db, ActionInput(text="Mediation", restricted=True))
    member = open_database(str(demo_db_path), principal=Principal("Mo", Role.MEMBER))
    try:
        window = MainWindow(member)
        qtbot.addWidget(window)
        history = RecordHistory(window.context)
        qtbot.addWidget(history)
        history.show_record("action", secret)
        assert history.rows() == [] and "There is no action" in history.note.text()
    finally:
        member.close()


# ---------------------------------------------------------------- a clash with another user


@pytest.mark.parametrize("reload", [True, False], ids=["reload", "keep editing"])
def test_a_clash_is_refused_and_offers_reload(
    window, qtbot, demo_db_path, answered_dialogs, reload
):
    window.open_page("agencies")
    page = window.pages["agencies"]
    qtbot.keyClicks(page.search, "Faith Forum")
    page.table.selectRow(0)
    agency = p.find_agency(window.db, "Wrenfield Faith Forum")
    other = open_database(str(demo_db_path), principal=Principal("Other Officer"))
    try:  # someone else saves the same agency while this form is open
        p.save_agency(
            other,
            _same_but_phone(agency, "01632 960777"),
            agency.id,
            agency.row_version,
        )
    finally:
        other.close()
    phone = page.form.field("phone")
    phone.clear()
    qtbot.keyClicks(phone, "01632 960000")
    answered_dialogs.confirm_answer = reload
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    (question,) = answered_dialogs.questions
    assert "changed by someone else (Other Officer, at " in question
    assert p.get_agency(window.db, agency.id).phone == "01632 960777"  # theirs, not overwritten
    if reload:
        assert page.form.value("phone") == "01632 960777"
        assert page.editing_version == agency.row_version + 1
        assert "Reloaded" in window.statusBar().currentMessage()
    else:
        assert page.form.value("phone") == "01632 960000"  # the user's edits are still there


# ---------------------------------------------------------------- restore and backups


def test_restore_from_the_file_menu_checks_then_replaces(
    window, qtbot, monkeypatch, answered_dialogs
):
    saved = make_automatic_backup(window.db.target, app_paths().backups, keep=5)
    p.save_agency(window.db, p.AgencyInput(name="Added after the backup", sector="other"))
    window.open_page("agencies")
    page = window.pages["agencies"]
    assert "Added after the backup" in [r.name for r in page.model.rows()]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(saved), ""))
    window.restore_action.trigger()
    (question,) = answered_dialogs.questions
    assert (
        f"{saved.name} (saved " in question
        and f"passed the check: schema {migrate.head_revision()}" in question
    )
    assert "Added after the backup" not in [r.name for r in page.model.rows()]
    assert p.find_agency(window.db, "Added after the backup") is None
    assert "Restored from" in window.statusBar().currentMessage()


def test_restore_from_the_file_menu_refuses_a_bad_file(
    window, tmp_path, monkeypatch, answered_dialogs
):
    bad = tmp_path / "notes.sqlite"
    bad.write_text("minutes of the last meeting")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(bad), ""))
    window.restore_action.trigger()
    assert answered_dialogs.questions == []
    assert "not a database file" in answered_dialogs.problems[0]
    assert len(p.list_agencies(window.db)) == 26


def test_automatic_backups_when_due_and_on_close(app, qtbot, tmp_path, demo_db, monkeypatch):
    from partnerboard.ui import backups as module

    monkeypatch.setattr(module, "FIRST_CHECK_MS", 10)
    folder = tmp_path / "backups"
    backups = AutoBackups(demo_db, Settings(backups_to_keep=2), folder=folder)
    backups.start()
    assert backups.timer.isActive()
    qtbot.waitUntil(lambda: len(automatic_backups(demo_db.target.path, folder)) == 1)
    assert backups.backup_if_due() is None  # done today already
    for _ in range(3):
        backups.on_close()
    assert len(automatic_backups(demo_db.target.path, folder)) == 2  # rotated


def _last_written_an_hour_ago(path) -> None:
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - 3600 * 10**9))


def _session_closed(path, folder, work=None):
    """Open the database, read (or do `work`), close it, and close the app's backups."""
    db = open_database(str(path))
    backups = AutoBackups(db, Settings(backups_to_keep=10), folder=folder)
    if work is None:
        p.list_agencies(db)
    else:
        work(db)
    db.close()
    return backups.on_close()


def _phone_in(path, name: str) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("SELECT phone FROM agency WHERE name = ?", (name,)).fetchone()[0]
    finally:
        connection.close()


def test_closing_after_no_change_makes_no_new_backup_but_any_change_does(
    app, tmp_path, demo_db_path
):
    folder = tmp_path / "backups"
    demo_db = open_database(str(demo_db_path))
    agency = p.list_agencies(demo_db)[0]
    demo_db.close()
    _last_written_an_hour_ago(demo_db_path)
    first = _session_closed(demo_db_path, folder)
    assert first is not None  # none yet
    assert _session_closed(demo_db_path, folder) is None  # read only: the newest backup is current
    assert automatic_backups(demo_db_path, folder) == [first]

    # A change made in the app is copied on close.
    def new_phone(db):
        p.save_agency(db, _same_but_phone(agency, "01632 960001"), agency.id, agency.row_version)

    changed = _session_closed(demo_db_path, folder, new_phone)
    assert changed is not None and _phone_in(changed, agency.name) == "01632 960001"
    # That copy was taken moments after the write: within the filesystem's timestamp tick a
    # second write could leave the file looking the same, so it is not trusted and the next
    # close copies again.
    assert _session_closed(demo_db_path, folder) is not None

    # An edit by another program, the same size and with the file's time put back as it was,
    # is still seen (the file's change time moved) and copied on the next close.
    _last_written_an_hour_ago(demo_db_path)
    assert _session_closed(demo_db_path, folder) is not None  # the stamp moved: copied, trusted
    assert _session_closed(demo_db_path, folder) is None
    before = demo_db_path.stat()
    outside = sqlite3.connect(demo_db_path)
    with outside:
        outside.execute("UPDATE agency SET phone = '01632 960002' WHERE name = ?", (agency.name,))
    outside.close()  # the last connection folds its write-ahead log into the file
    assert not demo_db_path.with_name(demo_db_path.name + "-wal").exists()
    os.utime(demo_db_path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert demo_db_path.stat().st_size == before.st_size
    edited = _session_closed(demo_db_path, folder)
    assert edited is not None and _phone_in(edited, agency.name) == "01632 960002"
