"""Agencies, people and boards through the real widgets: type, click, then check table and database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit

from partnerboard.services import partnership as p
from partnerboard.ui import unsaved


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(position)


def visible_names(page) -> list[str]:
    return [row.name for row in page.proxy.visible_rows()]


def test_add_an_agency(empty_window, qtbot):
    empty_window.open_page("agencies")
    page = empty_window.pages["agencies"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    name = page.form.field("name")
    assert isinstance(name, QLineEdit) and name.hasFocus()
    qtbot.keyClicks(name, "Wrenfield Constabulary")
    qtbot.keyClicks(page.form.field("short_name"), "Police")
    choose(page.form.field("sector"), "Police")
    choose(page.form.field("statutory_partner"), "Police")
    page.form.field("section11_duty").setChecked(True)
    qtbot.keyClicks(page.form.field("email"), "safeguarding@wrenfield.police.example")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert visible_names(page) == ["Wrenfield Constabulary"]
    stored = p.list_agencies(empty_window.db)
    assert [
        (a.name, a.sector.value, a.statutory_partner.value, a.section11_duty) for a in stored
    ] == [("Wrenfield Constabulary", "police", "police", True)]
    assert page.editing_id == stored[0].id
    assert "Saved Wrenfield Constabulary" in empty_window.statusBar().currentMessage()


def test_a_broken_rule_shows_beside_the_field_and_saves_nothing(empty_window, qtbot):
    empty_window.open_page("agencies")
    page = empty_window.pages["agencies"]
    qtbot.keyClicks(page.form.field("name"), "Open Door Youth Project")
    qtbot.keyClicks(page.form.field("email"), "not an address")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "Choose the agency's sector." in page.form.error_text("sector")
    assert "is not an e-mail address" in page.form.error_text("email")
    assert page.form.error_text("name") == ""
    assert page.form.field("sector").hasFocus()
    assert p.list_agencies(empty_window.db) == []
    # Fixing it and saving again clears the messages.
    choose(page.form.field("sector"), "Voluntary")
    page.form.field("email").clear()
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.form.error_text("sector") == ""
    assert [a.name for a in p.list_agencies(empty_window.db)] == ["Open Door Youth Project"]


def test_edit_an_agency(window, qtbot):
    window.open_page("agencies")
    page = window.pages["agencies"]
    qtbot.keyClicks(page.search, "fire and rescue")
    assert visible_names(page) == ["Wrenfield Fire and Rescue Service"]
    page.table.selectRow(0)
    phone = page.form.field("phone")
    phone.clear()
    qtbot.keyClicks(phone, "01632 960111")
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    agency = p.find_agency(window.db, "Wrenfield Fire and Rescue Service")
    assert agency.phone == "01632 960111"
    assert (
        page.model.row(page.model.position_of(lambda r: r.id == agency.id)).phone == "01632 960111"
    )


def test_search_and_sector_filter(window, qtbot):
    window.open_page("agencies")
    page = window.pages["agencies"]
    choose(page.sector_filter, "Health")
    health = visible_names(page)
    assert len(health) == 6 and all(a.sector == "health" for a in page.proxy.visible_rows())
    qtbot.keyClicks(page.search, "nhs trust")
    assert sorted(visible_names(page)) == [
        "Fenland Coast Ambulance Service NHS Trust",
        "Marsh and Wrenfield Mental Health NHS Trust",
        "Wrenfield Community Health NHS Trust",
        "Wrenfield General Hospitals NHS Foundation Trust",
    ]
    assert page.count_label.text() == "4 of 26 agencies"


def test_deactivate_an_agency(window, qtbot, answered_dialogs):
    window.open_page("agencies")
    page = window.pages["agencies"]
    qtbot.keyClicks(page.search, "Faith Forum")
    page.table.selectRow(0)
    qtbot.mouseClick(page.active_button, Qt.MouseButton.LeftButton)
    assert "Deactivate Wrenfield Faith Forum?" in answered_dialogs.questions[0]
    assert visible_names(page) == []
    page.show_inactive.setChecked(True)
    assert visible_names(page) == ["Wrenfield Faith Forum"]
    assert p.find_agency(window.db, "Wrenfield Faith Forum").active is False


def test_add_and_edit_a_person(window, qtbot):
    window.open_page("people")
    page = window.pages["people"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.field("name"), "Morwenna Tresize")
    qtbot.keyClicks(page.form.field("job_title"), "Designated Safeguarding Lead")
    choose(page.form.field("agency_id"), "Heronsgate Academy Trust")
    qtbot.keyClicks(page.form.field("email"), "m.tresize@heronsgate.example")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    person = next(x for x in p.list_people(window.db) if x.name == "Morwenna Tresize")
    assert person.agency_name == "Heronsgate Academy Trust"

    page.search.clear()
    qtbot.keyClicks(page.search, "tresize")
    assert visible_names(page) == ["Morwenna Tresize"]
    page.table.selectRow(0)
    title = page.form.field("job_title")
    title.clear()
    qtbot.keyClicks(title, "Trust Safeguarding Lead")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert p.get_person(window.db, person.id).job_title == "Trust Safeguarding Lead"
    assert p.list_people(window.db).count(p.get_person(window.db, person.id)) == 1


def test_people_filter_by_agency_and_show_their_seats(window, qtbot):
    window.open_page("people")
    page = window.pages["people"]
    choose(page.agency_filter, "Wrenfield Constabulary")
    rows = page.proxy.visible_rows()
    assert rows and all(r.agency_name == "Wrenfield Constabulary" for r in rows)
    chief = next(r for r in rows if r.job_title.startswith("Chief Superintendent"))
    page.select_id(chief.id)
    assert "Safeguarding Partnership Executive Board: Co-chair" in page.memberships_label.text()


def test_duplicate_email_is_refused_beside_the_field(window, qtbot):
    window.open_page("people")
    page = window.pages["people"]
    taken = p.list_people(window.db)[0]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.field("name"), "Someone New")
    qtbot.keyClicks(page.form.field("email"), taken.email.upper())
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert f"{taken.name} already has this e-mail address." in page.form.error_text("email")
    assert all(x.name != "Someone New" for x in p.list_people(window.db))


def test_unsaved_edits_are_not_lost_silently(window, qtbot, answered_dialogs):
    window.open_page("agencies")
    page = window.pages["agencies"]
    page.table.selectRow(0)
    first_id = page.editing_id
    qtbot.keyClicks(page.form.field("notes"), "half-typed note")
    answered_dialogs.unsaved_answer = unsaved.Answer.CANCEL
    page.table.selectRow(1)
    assert page.editing_id == first_id
    assert page.form.value("notes") == "half-typed note"
    assert answered_dialogs.unsaved[-1].startswith("your changes to ")


def test_add_a_board_member_with_a_deputy(window, qtbot):
    from partnerboard.ui.pages.partnership.membership_dialog import MembershipDialog

    window.open_page("boards")
    page = window.pages["boards"]
    learning = next(b for b in p.list_boards(window.db) if b.short_name == "L&D")
    page.select_id(learning.id)
    before = page.member_model.rowCount()
    dialog = MembershipDialog(window.db, learning.id, parent=page)
    qtbot.addWidget(dialog)
    choose(dialog.form.field("person_id"), "Wrenfield Homes")
    choose(dialog.form.field("role"), "Adviser")
    choose(dialog.form.field("deputy_person_id"), "Wrenfield Homes")
    person_id = dialog.form.value("person_id")
    if dialog.form.value("deputy_person_id") == person_id:
        dialog.form.field("deputy_person_id").setCurrentIndex(0)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    page.refresh()
    assert page.member_model.rowCount() == before + 1
    seats = p.list_memberships(window.db, board_id=learning.id)
    assert any(s.person_id == person_id and s.role == "adviser" for s in seats)


def test_board_terms_of_reference_and_quorum(window, qtbot):
    window.open_page("boards")
    page = window.pages["boards"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(page.form.field("name"), "Neglect Task and Finish Group")
    choose(page.form.field("parent_board_id"), "Quality Assurance")
    page.form.field("quorum_minimum").setValue(3)
    page.form.field("quorum_counts_deputies").setChecked(False)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    board = next(b for b in p.list_boards(window.db) if b.name == "Neglect Task and Finish Group")
    assert board.kind == "sub_group" and board.parent_name.startswith("Quality Assurance")
    assert board.quorum_rule == "3 members present, deputies do not count"
