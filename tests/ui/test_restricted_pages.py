"""Every page of the app, opened by a member, shows no restricted record: tables, counts,
charts' figures, detail panes, lists and labels. Business support's pages show them all."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from partnerboard.db.database import Database
from partnerboard.db.schema import open_database
from partnerboard.services import access
from partnerboard.ui.widgets.audience import AUDIENCE_LABEL
from tests.fixtures_restricted import HIDDEN, NAMED, PASSWORD, markers_in


def _model_texts(view: QAbstractItemView) -> list[str]:
    model = view.model()
    if model is None:
        return []
    texts = []
    for row in range(model.rowCount()):
        for column in range(model.columnCount()):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                value = model.index(row, column).data(role)
                if value is not None:
                    texts.append(str(value))
    return texts


def _page_texts(page: QWidget) -> str:
    """Everything a person could read on the page, whichever tab is showing, and the detail
    shown for each row they could choose."""
    texts: list[str] = []
    for tabs in page.findChildren(QTabWidget):
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            QApplication.processEvents()
            texts.append(_shown_texts(page))
    for view in page.findChildren(QTableView):
        model = view.model()
        if model is None or not view.isVisible():
            continue
        for row in range(min(model.rowCount(), 150)):
            view.setCurrentIndex(model.index(row, 0))
            QApplication.processEvents()
            texts.append(_detail_texts(page))
    texts.append(_shown_texts(page))
    return "\n".join(texts)


def _detail_texts(page: QWidget) -> str:
    texts = [label.text() for label in page.findChildren(QLabel)]
    for edit in page.findChildren(QTextEdit) + page.findChildren(QPlainTextEdit):
        texts.append(edit.toPlainText())
    for line in page.findChildren(QLineEdit):
        texts.append(line.text())
    return "\n".join(texts)


def _shown_texts(page: QWidget) -> str:
    texts: list[str] = []
    for view in page.findChildren(QAbstractItemView):
        texts += _model_texts(view)
    for label in page.findChildren(QLabel):
        texts.append(label.text())
    for edit in page.findChildren(QTextEdit) + page.findChildren(QPlainTextEdit):
        texts.append(edit.toPlainText())
    for line in page.findChildren(QLineEdit):
        texts.append(line.text())
    for combo in page.findChildren(QComboBox):
        texts += [combo.itemText(i) for i in range(combo.count())]
    for widget in page.findChildren(QWidget):
        if not isinstance(widget, QAbstractSpinBox):
            texts += [widget.toolTip(), widget.accessibleDescription()]
    return "\n".join(texts)


def _walk(qtbot, db: Database, planted: dict) -> dict[str, str]:
    from partnerboard.ui.main_window import MainWindow

    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    seen = {}
    for key in window.page_keys():
        window.open_page(key)
        page = window.pages[key]
        page.ensure_loaded()
        QApplication.processEvents()
        seen[key] = _page_texts(page)
    for meeting in (planted["meeting"], planted["planned"]):
        window.open_page("meeting", meeting_id=meeting)
        QApplication.processEvents()
        seen[f"meeting {meeting}"] = _page_texts(window.pages["meeting"])
    window.close()
    return seen


def _signed_in(path, login: str) -> Database:
    db = open_database(str(path))
    db.principal = access.authenticate(db, login, PASSWORD)
    return db


@pytest.fixture
def business_support_pages(app, qtbot, planted) -> dict[str, str]:
    db = open_database(str(planted["path"]))
    try:
        yield _walk(qtbot, db, planted)
    finally:
        db.close()


def test_pages_of_business_support_show_every_planted_record(business_support_pages):
    shown = set().union(*(markers_in(t) for t in business_support_pages.values()))
    assert shown == {*HIDDEN.values(), NAMED}


@pytest.mark.parametrize("login", ["member1", "reader1"])
def test_no_page_shows_a_member_or_reader_a_restricted_record(app, qtbot, planted, login):
    db = _signed_in(planted["path"], login)
    try:
        seen = _walk(qtbot, db, planted)
    finally:
        db.close()
    assert "actions" in seen and "dashboard" in seen
    leaks = {key: markers_in(text) - {NAMED} for key, text in seen.items()}
    assert not {k: m for k, m in leaks.items() if m}, "restricted records leaked"
    named = any(NAMED.casefold() in text.casefold() for text in seen.values())
    assert named == (login == "member1")  # named in its audience: shown to them only


def _tick(check_list, label: str) -> None:
    """Tick an option of a check list by keyboard: move to it, press Space."""
    model = check_list.model()
    row = next(r for r in range(model.rowCount()) if model.item(r).text() == label)
    check_list.setFocus()
    check_list.setCurrentIndex(model.index(row, 0))
    QTest.keyClick(check_list, Qt.Key.Key_Space)


def test_an_action_restricted_to_every_member_from_its_form(window, qtbot):
    from partnerboard.services import actions

    db = window.db
    window.open_page("actions")
    page = window.pages["actions"]
    target = page.model.rows()[0]
    page.open_with(action_id=target.id)
    form = page.detail.form
    audience = form.field("restricted_to")
    assert not audience.isEnabled()  # only while restricted
    form.field("restricted").setChecked(True)
    assert audience.isEnabled() and audience.accessibleName() == AUDIENCE_LABEL
    _tick(audience, "Every member")
    qtbot.mouseClick(page.detail.save_button, Qt.MouseButton.LeftButton)
    detail = actions.get_action(db, target.id)
    assert detail.row.restricted and detail.restricted_to == "member"
    # Unticking "Restricted" clears the audience with it.
    form.field("restricted").setChecked(False)
    qtbot.mouseClick(page.detail.save_button, Qt.MouseButton.LeftButton)
    detail = actions.get_action(db, target.id)
    assert not detail.row.restricted and detail.restricted_to is None


def test_a_whole_log_restricted_from_the_users_page(window, qtbot):
    from partnerboard.services import restriction

    window.open_page("users")
    panel = window.pages["users"].restricted_logs
    panel.log.setCurrentIndex(panel.log.findData("escalation"))
    panel.restricted.setChecked(True)
    _tick(panel.audience, "Every read-only user")
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    log = next(r for r in restriction.log_restrictions(window.db) if r.kind == "escalation")
    assert log.restricted and log.audience.stored() == "read_only"
    assert "restricted to business support, the chairs, every read-only user" in panel.state.text()
    panel.restricted.setChecked(False)
    qtbot.mouseClick(panel.apply_button, Qt.MouseButton.LeftButton)
    assert not any(r.restricted for r in restriction.log_restrictions(window.db))
