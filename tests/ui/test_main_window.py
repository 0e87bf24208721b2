"""The main window: navigation by keyboard, names for every control, remembered state, a picture."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from partnerboard.ui.pages import PAGES
from partnerboard.ui.table_model import show

SHOTS = Path(os.environ.get("PARTNERBOARD_SHOTS", Path(__file__).parents[1] / "output"))


def test_main_window_renders_each_page_to_png(window, qtbot):
    """Saves tests/output/<page>.png: the pictures a person looks at before a change lands."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for key in window.page_keys():
        window.open_page(key)
        page = window.pages[key]
        qtbot.waitUntil(lambda page=page: not page._stale)
        image = window.grab().toImage()
        path = SHOTS / f"main_window_{key}.png"
        assert image.save(str(path))
        assert image.width() >= 1200 and image.height() >= 700
        # A page that painted its data is not one flat colour.
        colours = {
            image.pixel(x, y)
            for x in range(0, image.width(), 37)
            for y in range(0, image.height(), 23)
        }
        assert len(colours) > 20
    assert (SHOTS / "main_window_agencies.png").stat().st_size > 20_000


def test_status_line_names_the_open_database(window, demo_db_path):
    assert window.db_label.text() == f"Database: SQLite file {demo_db_path}"
    assert window.windowTitle() == "WSP – partnerboard"


def test_pages_are_reached_by_keyboard(window, qtbot):
    window.open_page("agencies")
    keys = window.page_keys()
    number = keys.index("people") + 1  # Ctrl+1 … Ctrl+9 follow the navigation order
    assert number <= 9
    qtbot.keyClick(window, Qt.Key(Qt.Key.Key_0.value + number), Qt.KeyboardModifier.ControlModifier)
    assert window.current_page().key == "people"
    qtbot.keyClick(window, Qt.Key.Key_F6)
    assert window.nav.hasFocus()
    qtbot.keyClick(window.nav, Qt.Key.Key_Down)
    assert window.current_page().key == keys[number]


def focusable_controls(root: QWidget) -> list[QWidget]:
    kinds = (
        QAbstractButton,
        QLineEdit,
        QComboBox,
        QPlainTextEdit,
        QAbstractSpinBox,
        QAbstractItemView,
    )
    return [
        w
        for w in root.findChildren(QWidget)
        if isinstance(w, kinds)
        and w.focusPolicy() != Qt.FocusPolicy.NoFocus
        and w.isVisibleTo(root)
        and not w.objectName().startswith("qt_")  # Qt's own parts (spin box arrows, calendar)
        and not isinstance(w.parent(), (QComboBox, QAbstractSpinBox))
    ]


def test_every_control_has_an_accessible_name(window, qtbot):
    missing = []
    for key in window.page_keys():
        window.open_page(key)
        for control in focusable_controls(window.pages[key]):
            name = control.accessibleName() or (
                control.text() if isinstance(control, QAbstractButton) else ""
            )
            if not name.replace("&", "").strip():
                missing.append(f"{key}: {type(control).__name__} {control.objectName()}")
    assert not missing, missing


def test_tab_walks_through_a_form_without_getting_stuck(window, qtbot):
    window.open_page("agencies")
    page = window.pages["agencies"]
    page.form.field("name").setFocus()
    seen = []
    for _ in range(12):
        seen.append(window.focusWidget().objectName())
        qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Tab)
    assert seen[:4] == ["field_name", "field_short_name", "field_sector", "field_statutory_partner"]
    assert "field_notes" in seen and len(set(seen)) >= 10


def test_last_page_and_geometry_are_remembered(app, qtbot, demo_db):
    from partnerboard.ui.main_window import MainWindow

    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.open_page("boards")
    first.close()
    assert QSettings().value("window/last_page") == "boards"
    assert QSettings().value("window/geometry")
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.current_page().key == "boards")


def test_a_start_and_close_that_change_nothing_leave_the_settings_file_alone(app, qtbot, demo_db):
    from partnerboard.ui.main_window import MainWindow

    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.open_page("boards")
    first.close()
    settings = Path(QSettings().fileName())
    before = (settings.stat().st_mtime_ns, settings.read_bytes())
    second = MainWindow(demo_db)  # opens on the same page, in the same place
    qtbot.addWidget(second)
    second.show()
    qtbot.waitUntil(lambda: second.current_page().key == "boards")
    second.close()
    assert (settings.stat().st_mtime_ns, settings.read_bytes()) == before
    third = MainWindow(demo_db)
    qtbot.addWidget(third)
    third.show()
    third.open_page("dashboard")  # a change is still written at once
    assert QSettings().value("window/last_page") == "dashboard"
    third.close()


def test_a_window_remembered_off_screen_comes_back(app, qtbot, demo_db):
    """Office laptops dock and undock: a window last seen on a missing monitor must reappear."""
    from partnerboard.ui.main_window import MainWindow

    first = MainWindow(demo_db)
    qtbot.addWidget(first)
    first.show()
    first.move(9000, 9000)
    first.close()
    second = MainWindow(demo_db)
    qtbot.addWidget(second)
    second.show()
    assert second._on_a_screen()
    assert second.frameGeometry().left() < 800 and second.frameGeometry().top() < 800


def test_the_first_start_opens_a_large_window_centred_on_the_screen(app, qtbot, demo_db):
    from PySide6.QtCore import QRect, QSize
    from PySide6.QtGui import QGuiApplication

    from partnerboard.ui.main_window import MainWindow, first_geometry

    needs = QSize(1058, 660)
    assert first_geometry(QRect(0, 0, 1920, 1040), needs) == QRect(320, 120, 1280, 800)
    # A 1366×768 laptop: 92% of it, centred.
    assert first_geometry(QRect(0, 0, 1366, 728), needs) == QRect(55, 29, 1256, 669)
    # A second screen to the right, and a screen smaller than the window needs.
    assert first_geometry(QRect(1920, 0, 1920, 1080), needs).left() == 1920 + 320
    assert first_geometry(QRect(0, 0, 1024, 600), needs) == QRect(0, 0, 1058, 660)

    QSettings().remove("window/geometry")
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    room = QGuiApplication.primaryScreen().availableGeometry()
    assert window.width() >= min(1280, room.width() * 92 // 100)
    assert window.x() >= room.left() and window.y() >= room.top()


def test_the_window_fits_a_small_laptop_screen(window):
    """Office laptops often have 1366×768 screens; every page must fit in less."""
    for key in window.page_keys():
        window.open_page(key)
        hint = window.minimumSizeHint()
        assert hint.width() <= 1100 and hint.height() <= 680, (key, hint)


def test_dates_read_day_month_year():
    assert show(date(2026, 11, 22)) == "22/11/2026"
    assert show(datetime(2027, 3, 31, 9, 30)) == "31/03/2027 09:30"
    assert show(True) == "Yes" and show(None) == ""


def test_the_page_list_agrees_with_the_page_classes():
    # Pages are imported when first opened, so the list repeats each key and title.
    for spec in PAGES:
        page = spec.page
        assert (spec.key, spec.title) == (page.key, page.title), spec.where
        assert spec.takes_files == hasattr(page, "handle_dropped_files"), spec.where
    assert len({spec.key for spec in PAGES}) == len(PAGES)


PAINTED = """
import json, sys
from partnerboard import cli
status = cli.main(sys.argv[1:])
import PySide6.QtWidgets
built = sorted(name for name in vars(PySide6.QtWidgets) if name.startswith("Q"))
table = getattr(sys.modules.get("shibokensupport.feature"), "pyside_feature_dict", {})
read = sorted(name for name, seen in table.items() if name.startswith("partnerboard") and seen != -1)
print(json.dumps([status, sorted(sys.modules), built, read]))
"""


def test_the_home_page_paints_without_loading_what_only_other_work_needs(demo_db_path, tmp_path):
    """A start to the painted home page (`--smoke`) loads the home page's modules and not the
    message boxes, the date fields (their calendar), the register's filters or the partnership
    register beyond its own record: each is imported when first used (a few milliseconds of
    every start-up each)."""
    home = tmp_path / "home"
    done = subprocess.run(
        [sys.executable, "-c", PAINTED, "--db", str(demo_db_path), "--smoke"],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PARTNERBOARD_HOME": str(home)},
    )
    status, modules, built, read = json.loads(done.stdout.splitlines()[-1])
    assert status == 0, done.stdout + done.stderr
    assert done.stdout.startswith("ready ")
    assert "partnerboard.ui.pages.actions.dashboard_page" in modules  # the home page was built
    # PySide6 builds a class's enums when Python first touches the class: QStyle's eleven (~5 ms)
    # are for a selected row and other pages, not for painting the home page.
    assert "QTableView" in built and "QStyle" not in built
    # PySide6's import hook read the source of none of the app's modules (ui/app.py).
    assert read == []
    unused = {
        "partnerboard.ui.dialogs",  # message boxes: a problem, a bug, About
        "partnerboard.ui.widgets.fields",  # date and number fields: forms, not the dashboard
        "partnerboard.services.actions.filtering",  # the register's filters: a click away
        "partnerboard.services.partnership",  # agencies, people, boards: their pages
    }
    assert "partnerboard.services.partnership_record" in modules  # the title, a new database
    assert not unused.intersection(modules)
