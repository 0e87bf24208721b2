"""No typed work is lost without asking: on every editing page, with the real prompt.

Each page's scenario types into a real field, then leaves it the ways a person does — another
record (or item, meeting, tab), another page, the window's close — and answers the real Save /
Discard / Cancel message box with the mouse: Cancel keeps the text where it was, Discard drops it
(the stored value shows again), Save stores it. Then the database is read back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from partnerboard.services import actions, audits, partnership, reviews
from partnerboard.services import escalations as es
from partnerboard.services.meetings import agenda, attendance, meetings
from tests.ui.keyboard import answer_prompt, click

MARK = "Typed, not yet saved"


def text_of(widget: QWidget) -> str:
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    assert isinstance(widget, QLineEdit)
    return widget.text()


@dataclass
class Scenario:
    page: str
    open: Callable[[Any], None]  # show the page and its first record
    field: Callable[[Any], QWidget]  # where the words are typed
    switch: Callable[[Any, Any], None]  # (window, qtbot): leave for another record/item/tab
    first: Callable[[Any], None]  # back to the first record
    stored: Callable[[Any], str | None]  # the first record's value in the database
    prepare: Callable[[Any, Any], None] = lambda _w, _q: None  # before typing (e.g. a status)


def _register(key: str, field: str, stored: Callable[[Any, int], str | None]) -> Scenario:
    """A register page: the first two rows are the records."""
    ids: dict[str, int] = {}

    def open_(w) -> None:
        w.open_page(key)
        page = w.pages[key]
        page.table.selectRow(0)
        ids["first"] = page.editing_id
        page.table.selectRow(1)
        ids["second"] = page.editing_id
        page.table.selectRow(0)

    return Scenario(
        key,
        open_,
        lambda w: w.pages[key].form.field(field),
        lambda w, _q: w.pages[key].select_id(ids["second"]),
        lambda w: w.pages[key].select_id(ids["first"]),
        lambda w: stored(w.db, ids["first"]),
    )


def _actions() -> Scenario:
    ids: dict[str, int] = {}

    def open_(w) -> None:
        rows = actions.list_actions(w.db, include_closed=False)
        ids["first"], ids["second"] = rows[0].id, rows[1].id
        w.open_page("actions", action_id=ids["first"])
        w.pages["actions"].detail.tabs.setCurrentIndex(1)  # the details

    return Scenario(
        "actions",
        open_,
        lambda w: w.pages["actions"].detail.form.field("measure"),
        lambda w, _q: w.pages["actions"].select_id(ids["second"]),
        lambda w: w.open_page("actions", action_id=ids["first"]),
        lambda w: actions.get_action(w.db, ids["first"]).measure,
    )


def _audits() -> Scenario:
    ids: dict[str, int] = {}

    def open_(w) -> None:
        rows = audits.list_audits(w.db)
        ids["first"], ids["second"] = rows[0].id, rows[1].id
        w.open_page("audits", audit_id=ids["first"], tab=0)

    return Scenario(
        "audits",
        open_,
        lambda w: w.pages["audits"].details_tab.form.field("summary"),
        lambda w, _q: w.pages["audits"].select_audit(ids["second"]),
        lambda w: w.pages["audits"].select_audit(ids["first"]),
        lambda w: audits.get_audit(w.db, ids["first"]).summary,
    )


def _meeting_of(w, status: str) -> int:
    return next(m.id for m in meetings.list_meetings(w.db) if m.status.value == status)


def _agenda() -> Scenario:
    ids: dict[str, int] = {}

    def open_(w) -> None:
        ids["meeting"] = _meeting_of(w, "planned")
        w.open_page("meeting", meeting_id=ids["meeting"])
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.agenda)
        items = agenda.list_items(w.db, ids["meeting"])
        ids["first"], ids["second"] = items[0].id, items[1].id
        page.agenda.select_item(ids["first"])

    def switch(w, _q) -> None:
        tab = w.pages["meeting"].agenda
        position = tab.table.rows_model.position_of(lambda r: r.id == ids["second"])
        tab.table.selectRow(position)  # as a click on the next item

    return Scenario(
        "meeting",
        open_,
        lambda w: w.pages["meeting"].agenda.form.field("presenter"),
        switch,
        lambda w: w.pages["meeting"].agenda.select_item(ids["first"]),
        lambda w: next(
            i.presenter for i in agenda.list_items(w.db, ids["meeting"]) if i.id == ids["first"]
        ),
    )


def _minutes() -> Scenario:
    """The reviewer's case: minutes typed, then another meeting chosen in the Meeting list."""
    ids: dict[str, int] = {}

    def open_(w) -> None:
        ids["meeting"] = _meeting_of(w, "minutes_draft")
        w.open_page("meeting", meeting_id=ids["meeting"])
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.minutes)
        ids["item"] = page.minutes.item.id

    def switch(w, qtbot) -> None:
        chooser = w.pages["meeting"].chooser
        chooser.setFocus()
        qtbot.keyClick(chooser, Qt.Key.Key_Down)  # the next meeting, as with the arrow key

    def first(w) -> None:
        w.open_page("meeting", meeting_id=ids["meeting"])
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.minutes)

    return Scenario(
        "meeting",
        open_,
        lambda w: w.pages["meeting"].minutes.form.field("discussion"),
        switch,
        first,
        lambda w: next(
            i.discussion for i in agenda.list_items(w.db, ids["meeting"]) if i.id == ids["item"]
        ),
    )


def _attendance() -> Scenario:
    """An apology typed for a member; then another tab of the meeting is chosen."""
    ids: dict[str, int] = {}

    def open_(w) -> None:
        ids["meeting"] = _meeting_of(w, "planned")
        w.open_page("meeting", meeting_id=ids["meeting"])
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.attendance)
        line = next(
            li for li in attendance.get_register(w.db, ids["meeting"]).lines if li.is_member
        )
        ids["line"] = line.id
        page.attendance.select_line(line.id)

    def prepare(w, _q) -> None:
        form = w.pages["meeting"].attendance.form
        combo = form.field("status")
        combo.setCurrentIndex(combo.findText("Apologies"))

    def switch(w, _q) -> None:
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.agenda)

    def first(w) -> None:
        page = w.pages["meeting"]
        page.tabs.setCurrentWidget(page.attendance)
        page.attendance.select_line(ids["line"])

    return Scenario(
        "meeting",
        open_,
        lambda w: w.pages["meeting"].attendance.form.field("apology_reason"),
        switch,
        first,
        lambda w: next(
            li.apology_reason
            for li in attendance.get_register(w.db, ids["meeting"]).lines
            if li.id == ids["line"]
        ),
        prepare,
    )


SCENARIOS = {
    "agency": _register("agencies", "notes", lambda db, i: partnership.get_agency(db, i).notes),
    "person": _register("people", "notes", lambda db, i: partnership.get_person(db, i).notes),
    "escalation": _register(
        "escalations", "summary", lambda db, i: es.get_escalation(db, i).summary
    ),
    "review": _register("reviews", "summary", lambda db, i: reviews.get_review(db, i).summary),
    "action": _actions(),
    "audit": _audits(),
    "agenda item": _agenda(),
    "minutes": _minutes(),
    "attendance": _attendance(),
}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_unsaved_work_is_asked_about_everywhere(name, window, qtbot, real_prompts):
    s = SCENARIOS[name]
    s.open(window)
    original = s.stored(window) or ""
    assert MARK not in original

    # Another record (item, meeting, tab): Cancel keeps the words where they were.
    s.prepare(window, qtbot)
    qtbot.keyClicks(s.field(window), MARK)
    prompt = answer_prompt(qtbot, "Cancel")
    s.switch(window, qtbot)
    assert prompt.seen, f"{name}: no prompt on switching"
    assert MARK in text_of(s.field(window)) and (s.stored(window) or "") == original

    # Another page: Discard drops them; the stored value shows again.
    prompt = answer_prompt(qtbot, "Discard")
    window.open_page("dashboard")
    assert prompt.seen and window.current_page().key == "dashboard"
    assert (s.stored(window) or "") == original
    window.open_page(s.page)
    s.first(window)
    assert MARK not in text_of(s.field(window))

    # Closing the window: Cancel keeps it open, with the words.
    s.prepare(window, qtbot)
    qtbot.keyClicks(s.field(window), MARK)
    prompt = answer_prompt(qtbot, "Cancel")
    window.close()
    assert prompt.seen and window.isVisible() and MARK in text_of(s.field(window))

    # Another record again: Save stores them.
    prompt = answer_prompt(qtbot, "Save")
    s.switch(window, qtbot)
    assert prompt.seen
    assert MARK in (s.stored(window) or "")

    # Closing with more typed: Save stores it and the window closes.
    s.first(window)
    s.prepare(window, qtbot)
    field = s.field(window)
    qtbot.keyClick(field, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(field, Qt.Key.Key_End)
    qtbot.keyClicks(field, " and more")
    prompt = answer_prompt(qtbot, "Save")
    window.close()
    assert prompt.seen and not window.isVisible()
    stored = s.stored(window) or ""
    assert stored.startswith(MARK) and stored.endswith(" and more")


def test_closing_with_nothing_unsaved_asks_nothing(window, qtbot, answered_dialogs):
    for key in ("agencies", "actions", "meeting", "audits"):
        window.open_page(key)
    window.close()
    assert not window.isVisible() and answered_dialogs.unsaved == []


def test_the_next_person_in_the_register_saves_the_line_and_says_so(window, qtbot):
    meeting_id = _meeting_of(window, "planned")
    window.open_page("meeting", meeting_id=meeting_id)
    page = window.pages["meeting"]
    page.tabs.setCurrentWidget(page.attendance)
    tab = page.attendance
    members = [li for li in attendance.get_register(window.db, meeting_id).lines if li.is_member]
    tab.select_line(members[0].id)
    combo = tab.form.field("status")
    combo.setCurrentIndex(combo.findText("Apologies"))
    qtbot.keyClicks(tab.form.field("apology_reason"), "Annual leave")
    position = next(
        i for i in range(tab.proxy.rowCount()) if tab.proxy.row_at(i).id == members[1].id
    )
    click(qtbot, tab.table.viewport())  # focus the register, then the next person
    tab.table.selectRow(position)
    stored = {li.id: li for li in attendance.get_register(window.db, meeting_id).lines}
    assert stored[members[0].id].status_text == "Apologies (Annual leave)"
    assert tab.line.id == members[1].id
    message = window.statusBar().currentMessage()
    quorum = attendance.get_register(window.db, meeting_id).quorum.summary
    assert message == f"Saved the attendance of {members[0].person_name} on moving on. {quorum}"


def test_a_dialog_with_typed_work_asks_before_it_closes(window, qtbot, real_prompts):
    from partnerboard.services import thresholds
    from partnerboard.ui.pages.thresholds.dialogs import DocumentDialog

    dialog = DocumentDialog(window.db, parent=window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.form.field("title"), "Levels of Need 2027")
    prompt = answer_prompt(qtbot, "Cancel")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert prompt.seen and dialog.isVisible()
    assert dialog.form.value("title") == "Levels of Need 2027"
    prompt = answer_prompt(qtbot, "Save")
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert prompt.seen and not dialog.isVisible()
    assert "Levels of Need 2027" in [d.title for d in thresholds.list_documents(window.db)]
