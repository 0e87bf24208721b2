"""The smaller things a new officer met on the same walk, each checked through the real window."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from partnerboard.domain.dates import format_date
from partnerboard.services import access, actions, audits, partnership
from partnerboard.services.meetings import meetings
from tests.clock import TODAY
from tests.ui.keyboard import click, retype


def test_pasted_text_longer_than_the_field_is_kept_and_said(window, qtbot):
    window.open_page("agencies")
    page = window.pages["agencies"]
    page.table.selectRow(0)
    agency_id = page.editing_id
    before = partnership.get_agency(window.db, agency_id).short_name
    field = page.form.field("short_name")
    QApplication.clipboard().setText("X" * 100)
    retype(qtbot, field, "", enter=False)
    qtbot.keyClick(field, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert field.text() == "X" * 100  # nothing cut
    note = page.form.findChild(type(page.form_title), "note_short_name")
    assert note.isVisible() and "100 characters: at most 40 fit" in note.text()
    click(qtbot, page.save_button)
    assert "Short name holds at most 40 characters; this is 100" in page.form.error_text(
        "short_name"
    )
    assert partnership.get_agency(window.db, agency_id).short_name == before
    assert field.text() == "X" * 100


def test_a_future_meeting_cannot_be_marked_held(window, qtbot, answered_dialogs):
    ahead = next(
        m
        for m in meetings.list_meetings(window.db)
        if m.status.value == "planned" and m.starts_at.date() > TODAY
    )
    window.open_page("meeting", meeting_id=ahead.id)
    page = window.pages["meeting"]
    click(qtbot, page.step_button)
    assert meetings.get_meeting(window.db, ahead.id).status.value == "planned"
    [message] = answered_dialogs.problems
    assert f"The meeting is on {format_date(ahead.starts_at)}, which has not come yet" in message
    assert "status:" not in message and "_" not in message


def test_choosing_a_lead_fills_the_lead_agency_and_lists_read_in_full(window, qtbot):
    window.open_page("actions")
    page = window.pages["actions"]
    click(qtbot, page.new_button)
    form = page.detail.form
    agencies = form.field("lead_agency_id")
    offered = [agencies.itemText(i) for i in range(agencies.count())]
    assert "Wrenfield GP Federation (GP Fed)" in offered  # the full name, the code after it
    person = next(
        p for p in partnership.list_people(window.db, include_inactive=False) if p.agency_id
    )
    lead = form.field("lead_person_id")
    lead.setFocus()
    lead.setCurrentIndex(lead.findData(person.id))
    lead.activated.emit(lead.currentIndex())  # as a choice made with the mouse or keys
    assert form.value("lead_agency_id") == person.agency_id
    # A new action has nothing to update yet and no due date to change.
    assert not page.detail.tabs.isTabEnabled(0)
    assert not form.field("due_change_reason").isVisibleTo(page)


def test_a_long_action_s_heading_is_cut_and_the_reason_field_shows_when_due_changes(window, qtbot):
    row = next(r for r in actions.list_actions(window.db) if r.due_on is not None)
    long_text = "Review the multi-agency front door arrangements. " * 40
    window.open_page("actions", action_id=row.id)
    page = window.pages["actions"]
    detail = page.detail
    detail.tabs.setCurrentIndex(1)
    detail.form.field("text").setPlainText(long_text)
    click(qtbot, detail.save_button)
    assert actions.get_action(window.db, row.id).row.text == long_text.strip()
    assert len(detail.title.text()) < 260 and detail.title.text().endswith("…</h3>")
    assert detail.title.toolTip().startswith("Review the multi-agency")
    assert detail.tabs.isTabEnabled(0)
    reason = detail.form.field("due_change_reason")
    assert not reason.isVisibleTo(page)
    retype(qtbot, detail.form.field("due_on"), format_date(row.due_on + timedelta(days=30)))
    assert reason.isVisibleTo(page)


def test_the_selected_row_keeps_its_rag_colour(window, qtbot):
    window.open_page("actions")
    page = window.pages["actions"]
    rag_column = next(i for i, c in enumerate(page.model.columns) if c.key == "rag")
    position = next(i for i in range(page.proxy.rowCount()) if page.proxy.row_at(i).rag is not None)
    index = page.proxy.index(position, rag_column)
    fill = index.data(Qt.ItemDataRole.BackgroundRole).color()
    page.table.selectRow(position)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    shot = page.table.viewport().grab().toImage()
    beside_the_word = QPoint(rect.right() - 3, rect.center().y())
    assert shot.pixelColor(beside_the_word).name() == fill.name()


def test_counts_say_their_noun(empty_window):
    access.save_user(empty_window.db, access.UserInput("Ada Clerk", "ada", "business_support"))
    empty_window.open_page("users")
    assert empty_window.pages["users"].count_label.text() == "1 user"


def test_remove_logo_only_with_a_logo(window):
    window.open_page("partnership")
    page = window.pages["partnership"]
    assert partnership.get_logo(window.db) is None and not page.remove_logo_button.isEnabled()


def test_the_navigation_fits_a_laptop_screen(window):
    window.resize(1400, 860)
    assert window.nav.verticalScrollBar().maximum() == 0
    # Each group of pages has one heading: a page is found under one name only.
    headings = [
        window.nav.item(row).text()
        for row in range(window.nav.count())
        if not window.nav.item(row).flags() & Qt.ItemFlag.ItemIsSelectable
    ]
    assert headings and len(headings) == len(set(headings)), headings


def test_the_audit_s_history_panel_names_things(window, qtbot):
    audit = next(a for a in audits.list_audits(window.db) if a.lead_person_id and a.board_id)
    window.open_page("audits", audit_id=audit.id, tab=0)
    history = window.pages["audits"].details_tab.history
    texts = " ".join(r.summary() for r in history.rows())
    assert f"Lead: {audit.lead_name}" in texts and "Board id" not in texts
    assert "in_progress" not in texts and "Lead person id" not in texts


def test_year_on_year_for_every_agency_shows_how_many_had_each_rating(window, qtbot):
    window.open_page("section11")
    page = window.pages["section11"]
    page.tabs.setCurrentWidget(page.trend_tab)
    tab = page.trend_tab
    assert tab.agency.currentData() is None  # all agencies together
    model = tab.proxy.sourceModel()
    titles = [model.headerData(i, Qt.Orientation.Horizontal) for i in range(model.columnCount())]
    assert any(t.endswith(":\nFully met") for t in titles) and any(
        t.endswith(":\nNot met") for t in titles
    )
    fully = next(i for i, t in enumerate(titles) if t.endswith(":\nFully met"))
    shown = [model.index(r, fully).data() for r in range(model.rowCount())]
    assert all(s.endswith("%)") for s in shown if s)
    change = model.index(0, model.columnCount() - 1).data()
    assert "pts" in change or change in ("= No change", "–", "New")
