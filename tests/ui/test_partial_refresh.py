"""A commit that names its rows refreshes only those rows: the other row objects, the selection
and the scroll stay; a change the rows cannot take alone reloads the whole list, as before."""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtCore import QModelIndex, Qt

from partnerboard.services import escalations
from partnerboard.services import partnership as p
from partnerboard.ui.table_model import Column, RowTableModel


@dataclass(frozen=True)
class Row:
    id: int
    name: str
    note: str


class Signals:
    """Counts the model's structural signals (a reset is a full reload)."""

    def __init__(self, model):
        self.resets = self.inserted = self.removed = 0
        model.modelReset.connect(lambda: self._count("resets"))
        model.rowsInserted.connect(lambda *_: self._count("inserted"))
        model.rowsRemoved.connect(lambda *_: self._count("removed"))

    def _count(self, name: str) -> None:
        setattr(self, name, getattr(self, name) + 1)


def click_row(qtbot, page, record_id: int) -> int:
    """Click the record's row in the page's table; its row in the view."""
    proxy_row = next(
        i for i in range(page.proxy.rowCount()) if page.proxy.row_at(i).id == record_id
    )
    index = page.proxy.index(proxy_row, 0)
    page.table.scrollTo(index)
    rect = page.table.visualRect(index)
    qtbot.mouseClick(page.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert page.editing_id == record_id
    return proxy_row


def shown(page, record_id: int, column: str) -> str:
    position = page.model.position_of(lambda r: r.id == record_id)
    index = page.proxy.mapFromSource(page.model.index(position, page.model.column_index(column)))
    return index.data()


def selected_ids(page) -> list[int]:
    return [page.proxy.row_at(i.row()).id for i in page.table.selectionModel().selectedRows()]


def test_a_person_changed_elsewhere_changes_only_their_row(window, qtbot):
    window.open_page("people")
    page = window.pages["people"]
    people = page.model.rows()
    assert len(people) > 30
    chosen, edited = people[-5], people[3]
    click_row(qtbot, page, chosen.id)
    scroll = page.table.verticalScrollBar().value()
    assert scroll > 0  # the chosen row is far enough down to scroll to
    signals = Signals(page.model)

    p.save_person(
        window.db,
        p.PersonInput(edited.name, "Head of Safeguarding", edited.agency_id, edited.email),
        edited.id,
        edited.row_version,
    )

    after = page.model.rows()
    assert (signals.resets, signals.inserted, signals.removed) == (0, 0, 0)
    assert [r.id for r in after] == [r.id for r in people]
    assert all(a is b for a, b in zip(after, people, strict=True) if a.id != edited.id)
    assert after[3].job_title == "Head of Safeguarding"
    assert shown(page, edited.id, "job_title") == "Head of Safeguarding"
    assert selected_ids(page) == [chosen.id] and page.editing_id == chosen.id
    assert page.form.values()["name"] == chosen.name
    assert page.table.verticalScrollBar().value() == scroll


def save_in_form(qtbot, window, key: str, position: int, field: str, text: str):
    """Choose the row at `position` with the mouse, type `text` in a field, click Save; check
    that only that row's object changed (no reset, the others identical) and it stays
    selected. Returns the row as saved."""
    window.open_page(key)
    page = window.pages[key]
    before = page.model.rows()
    click_row(qtbot, page, before[position].id)
    signals = Signals(page.model)
    page.form.field(field).clear()
    qtbot.keyClicks(page.form.field(field), text)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)

    assert "Saved" in window.statusBar().currentMessage()
    after = page.model.rows()
    assert (signals.resets, signals.inserted, signals.removed) == (0, 0, 0)
    assert [a is b for a, b in zip(after, before, strict=True)].count(False) == 1
    assert after[position] is not before[position]
    assert selected_ids(page) == [before[position].id]
    return after[position]


def test_saving_an_agency_in_its_form_reloads_only_its_row(window, qtbot):
    saved = save_in_form(qtbot, window, "agencies", 5, "phone", "01632 960 123")
    assert saved.phone == "01632 960 123"
    assert p.get_agency(window.db, saved.id).phone == "01632 960 123"
    assert shown(window.pages["agencies"], saved.id, "phone") == "01632 960 123"


def test_an_escalation_saved_with_its_steps_refreshes_its_row(window, qtbot):
    theme = "Step-down to early help"
    saved = save_in_form(qtbot, window, "escalations", 2, "learning_theme", theme)
    page = window.pages["escalations"]
    assert escalations.get_escalation(window.db, saved.id).learning_theme == theme
    assert shown(page, saved.id, "theme") == theme
    # the new theme is offered when typing the next one
    assert theme in page.theme_completer.model().stringList()


def test_a_meeting_saved_in_its_form_reloads_only_its_row(window, qtbot):
    saved = save_in_form(qtbot, window, "meetings", 4, "venue", "Room 2, Kestrel House")
    assert saved.venue == "Room 2, Kestrel House"
    assert "Room 2, Kestrel House" in shown(window.pages["meetings"], saved.id, "where")


def test_an_engagement_entry_saved_in_its_form_reloads_only_its_row(window, qtbot):
    saved = save_in_form(qtbot, window, "engagement", 1, "activity", "Young people's panel")
    assert shown(window.pages["engagement"], saved.id, "activity") == "Young people's panel"


def test_a_change_the_rows_cannot_take_alone_reloads_the_list(window, qtbot):
    """An agency renamed: every person of it shows the new name (the people page reloads)."""
    window.open_page("people")
    page = window.pages["people"]
    person = next(r for r in page.model.rows() if r.agency_id is not None)
    click_row(qtbot, page, person.id)
    signals = Signals(page.model)
    agency = p.get_agency(window.db, person.agency_id)
    data = p.AgencyInput(
        name="Renamed Agency",
        sector=agency.sector.value,
        statutory_partner=agency.statutory_partner.value,
    )
    p.save_agency(window.db, data, agency.id, agency.row_version)

    assert signals.resets == 1
    assert shown(page, person.id, "agency") == "Renamed Agency"
    assert selected_ids(page) == [person.id]


def test_a_new_person_reloads_the_list_in_its_order(window, qtbot):
    window.open_page("people")
    page = window.pages["people"]
    signals = Signals(page.model)
    added = p.save_person(window.db, p.PersonInput("Aaron Abbott"))
    assert signals.resets == 1
    assert page.model.row(0).id == added.id


def test_the_model_replaces_and_removes_only_the_rows_named(qtbot):
    rows = [Row(1, "Ash", "a"), Row(2, "Birch", "b"), Row(3, "Cedar", "c"), Row(4, "Elm", "e")]
    model = RowTableModel([Column("name", "Name", lambda r: r.name), Column("note", "Note", lambda r: r.note)], rows)  # fmt: skip
    signals = Signals(model)
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))

    def by_key(r):
        return r.id

    def by_name(r):
        return r.name

    assert model.replace_rows({2: replace(rows[1], note="new"), 3: None}, by_key, by_name)
    assert [r.id for r in model.rows()] == [1, 2, 4]
    assert model.row(0) is rows[0] and model.row(2) is rows[3]
    assert model.index(1, 1).data() == "new"
    assert changed == [(1, 1)] and (signals.resets, signals.inserted, signals.removed) == (0, 0, 1)
    # a new row, or one whose place changes: nothing is touched, the caller reloads
    before = model.rows()
    assert not model.replace_rows({9: Row(9, "Fir", "f")}, by_key, by_name)
    assert not model.replace_rows({1: replace(rows[0], name="Yew")}, by_key, by_name)
    assert model.rows() == before and model.rowCount(QModelIndex()) == 3
