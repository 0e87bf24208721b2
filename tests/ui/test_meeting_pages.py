"""A meeting built through the real widgets: agenda, attendance, minutes, an action arising."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import QApplication

from partnerboard.db.models.actions import Action
from partnerboard.services.meetings import agenda, attendance, meetings
from partnerboard.ui.pages.meetings import dialogs as meeting_dialogs
from tests.services.meeting_fixtures import small_board
from tests.ui.test_partnership_pages import choose


def titles(page) -> list[str]:
    return [row.title for row in page.agenda.table.rows_model.rows()]


def row_of(table_rows, predicate) -> int:
    return next(i for i, row in enumerate(table_rows) if predicate(row))


def test_build_a_meeting_through_the_widgets(empty_window, qtbot, db):
    board = small_board(db)
    window = empty_window
    # ---- the meeting, on the Meetings page
    window.open_page("meetings")
    register = window.pages["meetings"]
    qtbot.mouseClick(register.new_button, Qt.MouseButton.LeftButton)
    choose(register.form.field("board_id"), "Tamshire Safeguarding Executive")
    register.form.field("held_on").set_value(date(2026, 11, 10))
    qtbot.keyClicks(register.form.field("venue"), "Committee Room 2, County Hall")
    qtbot.mouseClick(register.save_button, Qt.MouseButton.LeftButton)
    [made] = meetings.list_meetings(db)
    assert made.name == "Exec – 10/11/2026" and made.chair_name == "Ada Lovelace"
    qtbot.mouseClick(register.open_button, Qt.MouseButton.LeftButton)
    page = window.pages["meeting"]
    assert window.current_page() is page and page.meeting.id == made.id

    # ---- agenda: two items, then reorder by keyboard and by drag
    tab = page.agenda
    for title, presenter in (
        ("Neglect audit findings", "Faye Ng"),
        ("Escalation policy", "Erin Shaw"),
    ):
        qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
        qtbot.keyClicks(tab.form.field("title"), title)
        qtbot.keyClicks(tab.form.field("presenter"), presenter)
        qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert titles(page)[3:] == ["Neglect audit findings", "Escalation policy", "Any other business"]
    tab.table.setFocus()
    tab.select_item(
        next(r.id for r in tab.table.rows_model.rows() if r.title == "Escalation policy")
    )
    qtbot.keyClick(tab.table, Qt.Key.Key_Up, Qt.KeyboardModifier.ControlModifier)
    expected = ["Escalation policy", "Neglect audit findings", "Any other business"]
    assert titles(page)[3:] == expected
    assert [i.title for i in agenda.list_items(db, made.id)][3:] == expected
    assert tab.table.current_row() == 3  # the moved item stays selected
    model = tab.table.rows_model
    dragged = model.mimeData([model.index(4, 0)])  # "Neglect audit findings" …
    model.dropMimeData(dragged, Qt.DropAction.MoveAction, 1, 0, QModelIndex())  # … before item 2
    assert titles(page)[1] == "Neglect audit findings"
    assert [i.title for i in agenda.list_items(db, made.id)][1] == "Neglect audit findings"

    # ---- attendance: a deputy (the named one is offered) and apologies with a reason
    page.tabs.setCurrentWidget(page.attendance)
    people = page.attendance
    lines = people.proxy.visible_rows()
    people.table.selectRow(row_of(lines, lambda r: r.person_name == "Dev Patel"))
    choose(people.form.field("status"), "Deputy attended")
    assert people.form.field("deputy").currentText().startswith("Erin Shaw")
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    people.table.selectRow(
        row_of(people.proxy.visible_rows(), lambda r: r.person_name == "Faye Ng")
    )
    choose(people.form.field("status"), "Apologies")
    qtbot.keyClicks(people.form.field("apology_reason"), "Annual leave")
    qtbot.mouseClick(people.save_button, Qt.MouseButton.LeftButton)
    stored = {line.person_name: line for line in attendance.get_register(db, made.id).lines}
    assert stored["Dev Patel"].status_text == "Deputy attended: Erin Shaw"
    assert stored["Faye Ng"].status_text == "Apologies (Annual leave)"
    # The board counts no deputies and needs each statutory partner: police and health are out.
    assert "Not quorate" in page.quorum.text() and "police, health" in page.quorum.text()

    # ---- the meeting is held; minutes and an action arising
    assert page.step_button.text() == "Mar&k as held"
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    assert meetings.get_meeting(db, made.id).status.value == "held"
    page.tabs.setCurrentWidget(page.minutes)
    minutes_tab = page.minutes
    items = minutes_tab.items.model()
    minutes_tab.items.selectRow(
        row_of(items.visible_rows(), lambda r: r.title == "Neglect audit findings")
    )
    assert minutes_tab.item.title == "Neglect audit findings"
    qtbot.keyClicks(minutes_tab.form.field("discussion"), "Six of eight cases graded RI or better.")
    qtbot.keyClicks(minutes_tab.form.field("decisions"), "Findings agreed.")
    qtbot.mouseClick(minutes_tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(minutes_tab.action_form.field("text"), "Re-audit chronologies in neglect cases")
    choose(minutes_tab.action_form.field("lead_person_id"), "Faye Ng")
    minutes_tab.action_form.field("due_on").set_value(date(2027, 3, 31))
    qtbot.mouseClick(minutes_tab.add_action_button, Qt.MouseButton.LeftButton)

    item_id = next(
        i.id for i in agenda.list_items(db, made.id) if i.title == "Neglect audit findings"
    )
    with db.reader() as session:
        [action] = session.query(Action).all()
        assert action.text == "Re-audit chronologies in neglect cases"
        assert (action.source_kind, action.source_meeting_id, action.source_agenda_item_id) == (
            "meeting_item",
            made.id,
            item_id,
        )
        assert action.board_id == board.board_id and action.lead_person_id == board.people["nurse"]
        assert action.due_on == date(2027, 3, 31) and action.raised_on == date(2026, 11, 10)
        reference = action.reference
    shown = minutes_tab.actions.model().visible_rows()
    assert [(a.reference, a.lead) for a in shown] == [(reference, "Faye Ng (Tamshire ICB)")]
    saved = next(i for i in agenda.list_items(db, made.id) if i.id == item_id)
    assert saved.discussion == "Six of eight cases graded RI or better."
    assert "Action A1 added to the action log." in window.statusBar().currentMessage()


def test_approved_minutes_are_corrected_only_with_a_reason(
    window, qtbot, monkeypatch, answered_dialogs
):
    page = window.pages["meeting"]
    draft = next(m for m in meetings.list_meetings(window.db) if m.status.value == "minutes_draft")
    window.open_page("meeting", meeting_id=draft.id)

    def approve_when_asked() -> None:  # the chair approves in the real dialog, as offered
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, meeting_dialogs.ApproveDialog):
            QTimer.singleShot(20, approve_when_asked)
            return
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, approve_when_asked)
    qtbot.mouseClick(page.step_button, Qt.MouseButton.LeftButton)
    assert page.meeting.locked and page.step_button.text() == "Corr&ect minutes…"
    asked: list[str] = []

    def no_reason(parent, name, approved_on):
        asked.append(name)
        return None

    monkeypatch.setattr(meeting_dialogs, "ask_correction_reason", no_reason)
    page.tabs.setCurrentWidget(page.minutes)
    tab = page.minutes
    tab.form.field("decisions").setPlainText("Corrected decision.")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert asked == [draft.name]
    assert tab.item.decisions != "Corrected decision."  # nothing saved without a reason
    monkeypatch.setattr(
        meeting_dialogs, "ask_correction_reason", lambda parent, name, approved_on: "Wrong wording"
    )
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert tab.item.decisions == "Corrected decision."
    corrections = tab.corrections.model().visible_rows()
    assert [c.reason for c in corrections] == ["Wrong wording"]
    assert tab.corrections_box.isVisible()
    assert "correcting" in page.facts.text()


def test_papers_are_printed_and_exported_from_the_meeting_page(
    window, qtbot, monkeypatch, tmp_path, read_pdf
):
    page = window.pages["meeting"]
    window.open_page("meeting", meeting_id=meetings.latest_held_meeting_id(window.db))
    targets = iter(
        tmp_path / name
        for name in ("agenda.pdf", "minutes.pdf", "public.pdf", "minutes.docx", "public")
    )
    monkeypatch.setattr(
        meeting_dialogs,
        "choose_save_path",
        lambda parent, title, suggested, kinds: str(next(targets)),
    )
    website = tmp_path / "website"
    monkeypatch.setattr(meeting_dialogs, "choose_folder", lambda parent, title: str(website))
    for action in page.output_button.menu().actions():
        action.trigger()  # every paper, then Publish (the separator does nothing)
    meeting = page.meeting
    stem = f"{meeting.board_short_name}-{meeting.starts_at:%Y-%m-%d}"
    draft = "draft-" if meeting.status.value != "minutes_approved" else ""
    assert sorted(p.name for p in website.iterdir()) == [
        f"{stem}-agenda.html",
        f"{stem}-agenda.pdf",
        f"{stem}-{draft}minutes.html",
        f"{stem}-{draft}minutes.pdf",
    ]
    assert "as HTML and tagged PDF" in window.statusBar().currentMessage()
    assert (
        read_pdf((website / f"{stem}-agenda.pdf").read_bytes())
        .reader.trailer["/Root"]
        .get("/StructTreeRoot")
    )
    assert {p.name for p in tmp_path.iterdir()} >= {
        "agenda.pdf",
        "minutes.pdf",
        "public.pdf",
        "minutes.docx",
        "public.html",  # the suffix is added when the name has none
    }
    minutes_text = read_pdf((tmp_path / "minutes.pdf").read_bytes()).text
    public_text = read_pdf((tmp_path / "public.pdf").read_bytes()).text
    assert "Restricted" in minutes_text and "Restricted" not in public_text
    assert "This is the public version of the minutes" in public_text


def test_meetings_from_the_schedule(window, qtbot):
    from partnerboard.ui.pages.meetings.schedule_dialog import ScheduleDialog

    dialog = ScheduleDialog(window.db, parent=window)
    qtbot.addWidget(dialog)
    choose(dialog.form.field("board_id"), "Learning and Development")
    assert dialog.form.value("every_months") == 3  # from "Quarterly" in the terms of reference
    dialog.form.field("first_on").set_value(date(2031, 1, 14))
    dialog.form.set_value("count", 4)
    assert "Tue 14/01/2031" in dialog.preview.text() and "Tue 08/04/2031" in dialog.preview.text()
    dialog.save()
    assert "Say where the meeting is" in dialog.form.error_text("venue") and not dialog.made
    qtbot.keyClicks(dialog.form.field("venue"), "Training Suite, Kestrel House")
    dialog.save()
    assert [m.starts_at.date() for m in dialog.made] == [
        date(2031, 1, 14),
        date(2031, 4, 8),
        date(2031, 7, 8),
        date(2031, 10, 14),
    ]


def test_attendance_figures_chart_table_and_export(window, qtbot, monkeypatch, tmp_path):
    window.open_page("attendance_figures")
    page = window.pages["attendance_figures"]
    qtbot.waitUntil(lambda: page.figures is not None)
    assert page.figures.meetings > 10
    assert page.chart.data().categories == tuple(t.name for t in page.figures.agencies)
    assert "Attendance by agency" in page.chart.accessibleName()
    page.chart.segment_clicked.emit(page.figures.agencies[2].name, "Attended")
    assert page.agencies.currentIndex().row() == 2
    target = tmp_path / "figures.xlsx"
    monkeypatch.setattr(meeting_dialogs, "choose_save_path", lambda *args: str(target))
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert target.exists() and "Attendance figures saved" in window.statusBar().currentMessage()


def test_every_control_on_every_meeting_tab_has_a_name(window, qtbot):
    from PySide6.QtWidgets import QAbstractButton

    from tests.ui.test_main_window import focusable_controls

    window.open_page("meeting")
    page = window.pages["meeting"]
    missing = []
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        controls = focusable_controls(page)
        assert len(controls) > 5
        for control in controls:
            name = control.accessibleName() or (
                control.text() if isinstance(control, QAbstractButton) else ""
            )
            if not name.replace("&", "").strip():
                missing.append(f"{page.tabs.tabText(index)}: {type(control).__name__}")
    assert not missing, missing


def test_ctrl_s_saves_the_open_tab(window, qtbot):
    page = window.pages["meeting"]
    window.open_page("meeting", meeting_id=meetings.latest_held_meeting_id(window.db))
    page.tabs.setCurrentWidget(page.minutes)
    tab = page.minutes
    tab.form.field("decisions").setFocus()
    tab.form.field("decisions").setPlainText("Agreed by keyboard.")
    qtbot.keyClick(tab.form.field("decisions"), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    saved = next(i for i in agenda.list_items(window.db, page.meeting.id) if i.id == tab.item.id)
    assert saved.decisions == "Agreed by keyboard."
