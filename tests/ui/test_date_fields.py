"""Dates typed with real key presses into the real date fields of real forms, saved, read back.

The field is the app's one `DateEdit`: what is typed stays as typed until the field is left or
Enter is pressed, then it is read with the importer's parser. What cannot be a date is refused
beside the field, with the importer's words, and nothing is saved.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView

from partnerboard.services import actions
from partnerboard.services import escalations as es
from partnerboard.services.meetings import meetings
from tests.clock import TODAY
from tests.ui.keyboard import click, retype

END_OF_MARCH = date(2027, 3, 31)
WAYS = ["31/03/2027", "31/3/27", "31032027", "31.03.2027", "31 Mar 2027"]


def new_action_page(window, qtbot, text: str):
    window.open_page("actions")
    page = window.pages["actions"]
    click(qtbot, page.new_button)
    qtbot.keyClicks(page.detail.form.field("text"), text)
    return page


def stored_action(db, text: str):
    return next((r for r in actions.list_actions(db, include_closed=True) if r.text == text), None)


@pytest.mark.parametrize("typed", WAYS)
def test_a_new_action_s_due_date_is_kept_as_typed(window, qtbot, typed):
    text = f"Audit the front door, due {typed}"
    page = new_action_page(window, qtbot, text)
    due = page.detail.form.field("due_on")
    retype(qtbot, due, typed)
    assert due.text() == "31/03/2027"  # read and shown back the UK way, the same day
    qtbot.keyClick(
        page.detail.form.field("text"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    assert stored_action(window.db, text).due_on == END_OF_MARCH


def test_shortcuts_and_a_field_that_already_holds_a_date(window, qtbot):
    text = "Refresh the escalation policy"
    page = new_action_page(window, qtbot, text)
    form = page.detail.form
    raised = form.field("raised_on")
    assert raised.text() == TODAY.strftime("%d/%m/%Y")  # a new action is raised today
    retype(qtbot, raised, "01/11/2026")  # typed over the date it held: month and all
    retype(qtbot, form.field("due_on"), "+7")
    assert form.field("due_on").text() == (TODAY + timedelta(days=7)).strftime("%d/%m/%Y")
    click(qtbot, page.detail.save_button)
    row = stored_action(window.db, text)
    assert (row.raised_on, row.due_on) == (date(2026, 11, 1), TODAY + timedelta(days=7))

    # An optional date can be emptied again.
    retype(qtbot, form.field("due_on"), "")
    assert form.field("due_on").text() == ""
    click(qtbot, page.detail.save_button)
    assert stored_action(window.db, text).due_on is None


@pytest.mark.parametrize(
    ("typed", "says"),
    [
        ("31/02/2026", "“31/02/2026” is not a real date (day 31, month 2, year 2026);"),
        ("13/13/2026", "“13/13/2026” is not a real date (day 13, month 13, year 2026);"),
        ("end of March", "“end of March” is not a date; write it as dd/mm/yyyy"),
    ],
)
def test_an_impossible_due_date_is_refused_beside_the_field(window, qtbot, typed, says):
    text = f"Never saved with {typed}"
    page = new_action_page(window, qtbot, text)
    form = page.detail.form
    due = form.field("due_on")
    retype(qtbot, due, typed)
    assert due.text() == typed  # kept as typed, for the user to correct; never another day
    assert says in form.error_text("due_on")
    click(qtbot, page.detail.save_button)
    assert stored_action(window.db, text) is None
    assert says in form.error_text("due_on")
    assert says in window.statusBar().currentMessage() and "Due (by when)" in (
        window.statusBar().currentMessage()
    )
    retype(qtbot, due, "31/3/27")  # corrected: the message goes, the save goes through
    assert form.error_text("due_on") == ""
    click(qtbot, page.detail.save_button)
    assert stored_action(window.db, text).due_on == END_OF_MARCH


def test_the_calendar_button_fills_the_field(window, qtbot):
    page = new_action_page(window, qtbot, "Chosen from the calendar")
    due = page.detail.form.field("due_on")
    due.setFocus()
    qtbot.keyClick(due, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    calendar = due._popup.calendar
    assert due._popup.isVisible()
    calendar.setSelectedDate(calendar.selectedDate().addDays(10))
    qtbot.keyClick(calendar.findChild(QTableView), Qt.Key.Key_Return)  # the days' grid
    assert due.text() == (TODAY + timedelta(days=10)).strftime("%d/%m/%Y")


def test_a_meeting_s_date_typed_on_the_meetings_page(window, qtbot):
    window.open_page("meetings")
    page = window.pages["meetings"]
    planned = next(m for m in meetings.list_meetings(window.db) if m.status.value == "planned")
    assert page.select_id(planned.id)
    held_on = page.form.field("held_on")
    retype(qtbot, held_on, "31 Mar 2027")
    click(qtbot, page.save_button)
    assert meetings.get_meeting(window.db, planned.id).starts_at.date() == END_OF_MARCH

    retype(qtbot, held_on, "31/02/2027")
    click(qtbot, page.save_button)
    assert "“31/02/2027” is not a real date" in page.form.error_text("held_on")
    assert meetings.get_meeting(window.db, planned.id).starts_at.date() == END_OF_MARCH
    retype(qtbot, held_on, "")  # a meeting needs its date: emptied, it is refused too
    click(qtbot, page.save_button)
    assert "Give a date" in page.form.error_text("held_on")
    assert meetings.get_meeting(window.db, planned.id).starts_at.date() == END_OF_MARCH


def test_an_escalation_s_dates(window, qtbot):
    window.open_page("escalations")
    page = window.pages["escalations"]
    open_one = next(r for r in es.list_escalations(window.db) if r.is_open)
    assert page.select_id(open_one.id)
    form = page.form
    raised = (open_one.raised_on).strftime("%d%m%Y")  # typed as digits only
    retype(qtbot, form.field("raised_on"), raised)
    retype(qtbot, form.field("resolved_on"), "t")  # resolved today
    qtbot.keyClicks(form.field("outcome"), "Agreed at a professionals' meeting.")
    click(qtbot, page.save_button)
    row = es.get_escalation(window.db, open_one.id)
    assert (row.raised_on, row.resolved_on) == (open_one.raised_on, TODAY)

    retype(qtbot, form.field("resolved_on"), "13/13/2026")
    click(qtbot, page.save_button)
    assert "not a real date" in form.error_text("resolved_on")
    assert es.get_escalation(window.db, open_one.id).resolved_on == TODAY
