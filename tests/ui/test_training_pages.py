"""The training pages through their real widgets: a course and a session made by typing, places
booked by typing and attendance recorded by clicking, then the figures on screen against a hand
count; an Eventbrite export brought in through the import dialog; names hidden from a member."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from partnerboard.domain.training import BookingStatus
from partnerboard.services import access, training
from partnerboard.services import partnership as p
from partnerboard.ui.pages.training.import_dialog import ImportDialog
from tests.clock import TODAY
from tests.fixtures_training import EVENTBRITE, eventbrite_row, write_csv
from tests.ui.keyboard import retype
from tests.ui.test_main_window import SHOTS

HELD_ON = TODAY - timedelta(days=14)


@pytest.fixture
def agencies(db) -> dict[str, int]:
    return {
        key: p.save_agency(db, p.AgencyInput(name, sector, short, email=email)).id
        for key, name, short, sector, email in (
            ("police", "Wrenfield Constabulary", "Police", "police", "safeguarding@wrenfield.police.uk"),
            ("health", "Wrenfield Community Health NHS Trust", "WCH", "health", None),
            ("council", "Wrenfield County Council", "WCC", "local_authority", None),
        )
    }  # fmt: skip


def type_into(qtbot, widget, text: str) -> None:
    """Click into a field, select what it holds and type over it."""
    widget.setFocus()
    editor = widget.lineEdit() if hasattr(widget, "lineEdit") and widget.lineEdit() else widget
    editor.selectAll()
    qtbot.keyClicks(widget, text)


def pick(qtbot, combo, text: str) -> None:
    """Choose from a list the entry that starts with `text`."""
    position = combo.findText(text, Qt.MatchFlag.MatchStartsWith)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setFocus()
    combo.setCurrentIndex(position)


def click(qtbot, button) -> None:
    assert button.isEnabled(), button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_course_session_bookings_and_attendance_through_the_pages(empty_window, qtbot, agencies):
    window, db = empty_window, empty_window.db
    # A course, typed in.
    window.open_page("training_courses")
    courses = window.pages["training_courses"]
    click(qtbot, courses.new_button)
    form = courses.form
    qtbot.keyClicks(form.field("reference"), "neg-1")
    qtbot.keyClicks(form.field("title"), "Neglect toolkit")
    qtbot.keyClicks(form.field("theme"), "Neglect")
    pick(qtbot, form.field("level"), "Intermediate")
    qtbot.keyClicks(form.field("outcomes"), "Recognise neglect")
    qtbot.keyClick(form.field("outcomes"), Qt.Key.Key_Return)
    qtbot.keyClicks(form.field("outcomes"), "Use the toolkit")
    type_into(qtbot, form.field("target_trained"), "300")
    click(qtbot, courses.save_button)
    (course,) = training.list_courses(db)
    assert (course.reference, course.outcomes, course.target_trained) == (
        "NEG-1", ("Recognise neglect", "Use the toolkit"), 300,
    )  # fmt: skip

    # A session two weeks ago, typed in.
    window.open_page("training_sessions")
    page = window.pages["training_sessions"]
    click(qtbot, page.new_button)
    form = page.form
    pick(qtbot, form.field("course_id"), "NEG-1")
    # Typed with key presses into the one date field, over the date it offers; Enter reads it.
    assert form.field("starts_on").text() == TODAY.strftime("%d/%m/%Y")  # offered: today
    retype(qtbot, form.field("starts_on"), "09/11/2026")
    assert form.field("starts_on").text() == "09/11/2026" == HELD_ON.strftime("%d/%m/%Y")
    type_into(qtbot, form.field("venue"), "County Hall")
    type_into(qtbot, form.field("capacity"), "10")
    click(qtbot, page.save_button)
    (session,) = training.list_sessions(db)
    assert (session.starts_at.date(), session.capacity, session.venue) == (
        HELD_ON,
        10,
        "County Hall",
    )
    assert page.editing is not None and page.editing.id == session.id

    # Six places booked by typing, then what became of each, by clicking down the list.
    panel = page.bookings
    people = (
        ("Anna Smith", "anna@wrenfield.police.uk", "Wrenfield Constabulary", "&Attended"),
        ("Ben Jones", "ben@wrenfield.police.uk", None, "&Attended"),  # placed by the domain
        ("Cara Khan", "cara@wrenfield.police.uk", "Wrenfield Constabulary", "&Did not attend"),
        ("Dev Patel", "dev@wch.nhs.uk", "Wrenfield Community", "&Attended"),
        ("Eve Wood", "eve@wch.nhs.uk", "Wrenfield Community", "Cancelled &late"),
        ("Fay Lee", "fay@wrenfield.gov.uk", "Wrenfield County", "Cancelled in &time"),
    )
    for name, email, agency, _outcome in people:
        qtbot.keyClicks(panel.form.field("name"), name)
        qtbot.keyClicks(panel.form.field("email"), email)
        if agency:
            pick(qtbot, panel.form.field("agency_id"), agency)
        click(qtbot, panel.save_button)
        assert panel.form.field("name").text() == ""  # ready for the next name
    assert panel.model.rowCount() == 6
    outcomes = {
        text: button for text, button in ((b.text(), b) for b in panel.outcome_buttons.values())
    }
    for name, _email, _agency, outcome in people:
        row = next(i for i in range(panel.proxy.rowCount()) if panel.proxy.row_at(i).name == name)
        panel.table.selectRow(row)
        click(qtbot, outcomes[outcome])
        # A click saves at once and says so (a sign-in sheet, not a form to save).
        said = window.statusBar().currentMessage()
        assert said.startswith(f"Saved {name}: ") and " of 10 places held" in said, said
    recorded = {b.name: b.status for b in training.list_bookings(db, session.id)}
    assert recorded == {
        "Anna Smith": BookingStatus.ATTENDED, "Ben Jones": BookingStatus.ATTENDED,
        "Cara Khan": BookingStatus.DID_NOT_ATTEND, "Dev Patel": BookingStatus.ATTENDED,
        "Eve Wood": BookingStatus.CANCELLED_LATE, "Fay Lee": BookingStatus.CANCELLED,
    }  # fmt: skip
    assert (
        "10 places · 5 held · attended 3 · did not attend 1 · cancelled late 1"
        in panel.summary.text()
    )
    SHOTS.mkdir(parents=True, exist_ok=True)
    window.grab().save(str(SHOTS / "training_sessions_typed.png"))

    # The figures on screen, against a hand count:
    #   places held: Anna, Ben, Cara, Dev, Eve (Fay cancelled in good time) = 5 of 10 → 50%;
    #   on the day 5, did not attend 1 → 20%; police attended 2 (Anna, Ben), DNA 1 (Cara);
    #   health attended 1 (Dev), cancelled late 1 (Eve); council: a place cancelled in time.
    window.open_page("training_figures")
    figures = window.pages["training_figures"]
    figures.ensure_loaded()
    shown = figures.headline.text()
    assert "<b>Places filled</b></td><td>50% (5 of 10)" in shown
    assert "<b>Did-not-attend rate</b></td><td>20% (1 of 5)" in shown
    assert "<b>Practitioners trained</b></td><td>3 different practitioners" in shown
    rows = {
        t.name: (t.attended, t.did_not_attend, t.cancelled_late)
        for t in figures.agency_model.rows()
    }
    assert rows == {
        "Wrenfield Constabulary": (2, 1, 0),
        "Wrenfield Community Health NHS Trust": (1, 0, 1),
        "Wrenfield County Council": (0, 0, 0),  # Fay's place, cancelled in good time
    }
    column = figures.agency_model.column_index("rate")
    police = figures.agency_model.index(0, column).data()
    assert police == "33%"  # 1 of 3 on the day
    assert figures.places_chart.data().counts == ((3, 1, 1, 5),)
    assert "NEG-1" in figures.progress.text() and "3 of 300 trained" in figures.progress.text()
    window.grab().save(str(SHOTS / "training_figures_typed.png"))


def test_an_eventbrite_export_through_the_import_dialog(empty_window, qtbot, agencies, tmp_path):
    window, db = empty_window, empty_window.db
    course = training.save_course(db, training.CourseInput("DA-1", "Domestic abuse", "DA", "basic"))
    session = training.save_session(
        db, training.SessionInput(course.id, HELD_ON, capacity=20, mode="online", venue="Teams")
    )
    good = write_csv(tmp_path / "attendees.csv", EVENTBRITE, [
        eventbrite_row(1, "Anna", "Smith", "anna@wrenfield.police.uk", "Checked In", "DS", "Wrenfield Constabulary"),
        eventbrite_row(2, "Dev", "Patel", "dev@gmail.com", "Attending", "Youth worker", "Scouts"),
    ])  # fmt: skip
    broken = write_csv(tmp_path / "broken.csv", EVENTBRITE, [
        eventbrite_row(1, "Anna", "Smith", "anna(at)police", "Checked In", "DS", "Police"),
    ])  # fmt: skip
    window.open_page("training_sessions")
    page = window.pages["training_sessions"]
    page.show_filter.setCurrentIndex(1)
    page._select(session.id)
    seen: list[str] = []

    def drive() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):
            QTimer.singleShot(20, drive)
            return
        assert dialog.target.currentData() == ("session", session.id)
        for path in (broken, good):
            type_into(qtbot, dialog.path, str(path))
            click(qtbot, dialog.check_button)
            seen.append(dialog.report.toPlainText())
            click(qtbot, dialog.import_button)
            seen.append(dialog.report.toPlainText())
        dialog.reject()

    QTimer.singleShot(0, drive)
    click(qtbot, page.import_button)
    refused_check, refused_import, checked, imported = seen
    assert "row     2: “anna(at)police” is not an e-mail address." in refused_import
    assert "nothing imported" in refused_check and "nothing imported" in refused_import
    assert "2 bookings to add" in checked and "dry run: nothing written" in checked
    assert "“Scouts” (1 row(s): 3)" in imported and "2 bookings added" in imported
    statuses = {b.email: b.status for b in training.list_bookings(db, session.id)}
    assert statuses == {
        "anna@wrenfield.police.uk": BookingStatus.ATTENDED,
        "dev@gmail.com": BookingStatus.BOOKED,
    }
    assert page.bookings.model.rowCount() == 2  # the page shows what came in


def test_a_member_sees_places_by_agency_and_no_names(app, qtbot, db, agencies):
    from partnerboard.ui.main_window import MainWindow

    course = training.save_course(
        db, training.CourseInput("WT-1", "Working Together", "WT", "basic")
    )
    session = training.save_session(
        db, training.SessionInput(course.id, HELD_ON, capacity=20, mode="online", venue="Teams")
    )
    training.save_booking(
        db, session.id, training.BookingInput("Qzx Hidden", "qzx@wrenfield.police.uk", None, None, "attended")
    )  # fmt: skip
    access.save_user(
        db, access.UserInput("Mo Member", "mo", "member", None), password="pass word 2026"
    )
    db.principal = access.authenticate(db, "mo", "pass word 2026")
    window = MainWindow(db)
    qtbot.addWidget(window)
    window.resize(1400, 860)
    window.show()
    window.open_page("training_sessions")
    page = window.pages["training_sessions"]
    page.show_filter.setCurrentIndex(1)
    page._select(session.id)
    (row,) = page.bookings.model.rows()
    assert (row.name, row.email, row.agency) == (None, None, "Wrenfield Constabulary")
    texts = [
        page.bookings.proxy.index(0, c).data() for c in range(page.bookings.model.columnCount())
    ]
    assert "(not shown)" in texts and not any("Qzx" in str(t) for t in texts)
    assert "shown to business support and the chairs only" in page.bookings.summary.text()
    window.open_page("training_figures")
    assert "<b>Places attended</b></td><td>1" in window.pages["training_figures"].headline.text()
    window.close()


def test_the_training_pages_on_the_demo_are_drawn(window, qtbot):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for key in ("training_courses", "training_sessions", "training_evaluation", "training_figures"):
        window.open_page(key)
        page = window.pages[key]
        qtbot.waitUntil(lambda page=page: not page._stale)
        if key == "training_sessions":
            page.table.selectRow(2)
        assert window.grab().save(str(SHOTS / f"demo_{key}.png"))
    figures = window.pages["training_figures"]
    assert figures.figures is not None and figures.figures.whole.attended > 100
    assert not figures.sector_chart.data().is_empty and not figures.confidence_chart.data().is_empty
