"""A big register opens in two steps: its first rows at once, every row once read in the
background. Here "big" is more than `first_rows` (set small), with the real background reading
(`ui.operations`, not run inline as in the other GUI tests); each test checks what the person
sees while the rest is read and once it is in."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt

from partnerboard.domain.actions import Rag
from partnerboard.services import access, actions
from partnerboard.services.actions.filtering import ActionFilter, apply_filter
from partnerboard.ui.operations import Operations
from partnerboard.ui.pages.actions.register_page import ActionsPage
from tests.clock import TODAY
from tests.fixtures_restricted import HIDDEN, NAMED, PASSWORD

FIRST = 3


@pytest.fixture
def reading(monkeypatch):
    """Reading in the background, as the app does, after the first FIRST rows; the window
    opens on the dashboard (not on the register a previous test left it on)."""
    monkeypatch.setattr(Operations, "synchronous", False)
    monkeypatch.setattr(ActionsPage, "first_rows", FIRST)
    QSettings().setValue("window/last_page", "dashboard")


@pytest.fixture
def window(app, qtbot, demo_db, reading):
    from partnerboard.ui.main_window import MainWindow

    main = MainWindow(demo_db)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    yield main
    main.operations.wait_idle()


def ids(rows) -> list[int]:
    return [row.id for row in rows]


def open_register(window) -> ActionsPage:
    window.open_page("actions")
    page = window.pages["actions"]
    assert page.loading  # nothing has run the event loop since: the rest is not read yet
    return page


def wait_read(qtbot, page: ActionsPage) -> None:
    qtbot.waitUntil(lambda: not page.loading, timeout=20_000)


def test_the_first_rows_come_first_then_every_row(window, qtbot):
    every = actions.list_actions(window.db, include_closed=False)
    assert len(every) > FIRST
    page = open_register(window)
    assert ids(page.proxy.visible_rows()) == ids(every[:FIRST])
    assert (
        page.count_label.text() == f"First {FIRST} of {len(every)} open actions; reading the rest…"
    )
    assert not page.export_button.isEnabled()  # it writes the rows shown: not until all are in
    wait_read(qtbot, page)
    assert ids(page.proxy.visible_rows()) == ids(every)
    assert page.count_label.text() == f"{len(every)} of {len(every)} open actions"
    assert page.export_button.isEnabled()


def test_a_search_typed_while_reading_applies_to_every_row_once_read(window, qtbot):
    every = actions.list_actions(window.db, include_closed=False)
    page = open_register(window)
    # A word of an action beyond the first rows.
    word = max(every[FIRST:], key=lambda r: len(r.text)).text.split()[-1].strip(".,;:").lower()
    qtbot.keyClicks(page.filters.search, word)
    qtbot.keyClick(page.filters.search, Qt.Key.Key_Return)
    assert page.loading
    wanted = apply_filter(every, ActionFilter(text=word), TODAY)
    early = [r for r in page.proxy.visible_rows()]
    # While reading: only rows that match, and the count says they come from the first rows.
    assert set(ids(early)) <= set(ids(wanted)) and set(ids(early)) <= set(ids(every[:FIRST]))
    assert page.count_label.text() == (
        f"{len(early)} of the first {FIRST} match; reading all {len(every)}…"
    )
    wait_read(qtbot, page)
    assert ids(page.proxy.visible_rows()) == ids(wanted)
    assert len(wanted) > len(early)
    assert page.count_label.text() == f"{len(wanted)} of {len(every)} open actions"
    assert page.filters.search.text() == word  # what was typed is kept


def test_an_action_asked_for_while_reading_is_selected_once_read(window, qtbot):
    every = actions.list_actions(window.db, include_closed=False)
    last = every[-1]
    page = open_register(window)
    page.open_with(action_id=last.id)
    assert page.detail.detail is not None and page.detail.detail.id == last.id  # shown at once
    wait_read(qtbot, page)
    assert page.current_id() == last.id
    assert page.proxy.row_at(page.table.currentIndex().row()).id == last.id


def test_finished_actions_asked_for_while_reading_are_read_with_the_rest(window, qtbot):
    every = actions.list_actions(window.db)
    page = open_register(window)
    page.filters.show_which.setCurrentIndex(page.filters.show_which.findText("All"))
    wait_read(qtbot, page)
    assert ids(page.proxy.visible_rows()) == ids(every)
    assert page.count_label.text() == f"{len(every)} of {len(every)} actions"


def test_a_change_saved_while_reading_is_shown_once_read(window, qtbot):
    every = actions.list_actions(window.db, include_closed=False)
    last = next(r for r in reversed(every) if r.rag is not Rag.GREEN)
    page = open_register(window)
    actions.add_update(
        window.db, last.id, actions.UpdateInput(TODAY, "Done and evidenced", "green")
    )
    wait_read(qtbot, page)
    shown = {row.id: row for row in page.proxy.visible_rows()}
    assert shown[last.id].rag is Rag.GREEN
    assert shown[last.id].last_update_on == TODAY


@pytest.mark.parametrize("login", ["member1", "reader1"])
def test_restricted_actions_never_appear_while_reading_or_after(
    app, qtbot, planted, login, reading
):
    from partnerboard.db.schema import open_database
    from partnerboard.ui.main_window import MainWindow

    db = open_database(str(planted["path"]))
    db.principal = access.authenticate(db, login, PASSWORD)
    try:
        theirs = actions.list_actions(db, include_closed=False)
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        page = open_register(window)
        seen = [row.search for row in page.model.all_rows()]
        assert page.count_label.text().startswith(f"First {FIRST} of {len(theirs)} ")
        wait_read(qtbot, page)
        seen += [row.search for row in page.model.all_rows()]
        assert ids(page.model.all_rows()) == ids(theirs)
        hidden = {marker.casefold() for marker in HIDDEN.values()}
        if login == "reader1":
            hidden.add(NAMED.casefold())
        assert not [text for text in seen if any(marker in text for marker in hidden)]
        window.close()
    finally:
        db.close()
