"""The action log through the real widgets: type, click, choose; then check table, history and database."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialogButtonBox

from partnerboard.domain.actions import ActionStatus, Rag
from partnerboard.services import actions
from partnerboard.ui.pages.actions.finish_dialog import FinishDialog
from tests.clock import TODAY


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(position)


def shown(page) -> list[str]:
    return [row.reference for row in page.proxy.visible_rows()]


def answer_finish_dialog(qtbot, note: str, other: str | None = None) -> list[str]:
    """Fill in the Close/Supersede/Merge dialog when it opens, as a person would."""
    seen: list[str] = []

    def fill() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, FinishDialog):
            QTimer.singleShot(20, fill)
            return
        seen.append(dialog.windowTitle())
        if other is not None:
            choose(dialog.other, other)
        qtbot.keyClicks(dialog.note, note)
        qtbot.mouseClick(
            dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton
        )

    QTimer.singleShot(0, fill)
    return seen


def test_add_an_action_post_updates_filter_and_close_it(empty_window, qtbot):
    db = empty_window.db
    actions.save_workstream(db, actions.WorkstreamInput(title="Thresholds are applied", number=1))
    empty_window.open_page("actions")
    page = empty_window.pages["actions"]
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.detail.form
    assert form.field("text").hasFocus()
    qtbot.keyClicks(form.field("text"), "Audit 40 MASH contacts a quarter")
    choose(form.field("workstream_id"), "1. Thresholds")
    qtbot.keyClicks(form.field("lead_name"), "Quality Assurance Manager")
    form.field("due_on").set_value(TODAY - timedelta(days=10))
    qtbot.mouseClick(page.detail.save_button, Qt.MouseButton.LeftButton)
    # Raised today (the default) and due ten days ago: refused, with the reason beside the field.
    assert "cannot be due before it was raised" in form.error_text("due_on")
    assert actions.list_actions(db) == []
    form.field("raised_on").set_value(TODAY - timedelta(days=60))
    qtbot.mouseClick(page.detail.save_button, Qt.MouseButton.LeftButton)

    rows = actions.list_actions(db)
    assert [(r.reference, r.text, r.lead, r.due_on) for r in rows] == [
        (
            "1.1",
            "Audit 40 MASH contacts a quarter",
            "Quality Assurance Manager",
            TODAY - timedelta(days=10),
        )
    ]
    action_id = rows[0].id
    assert shown(page) == ["1.1"] and page.current_id() == action_id

    # Two progress updates through the Progress tab.
    updates = page.detail.update_form
    for when, rag, words in (
        (TODAY - timedelta(days=40), "Red", "Not started: no analyst"),
        (TODAY, "Amber", "First audit done"),
    ):
        updates.field("update_on").set_value(when)
        choose(updates.field("rag"), rag)
        qtbot.keyClicks(updates.field("narrative"), words)
        qtbot.mouseClick(page.detail.add_update_button, Qt.MouseButton.LeftButton)
        assert updates.value("narrative") == ""  # cleared for the next one
    row = actions.get_action_row(db, action_id)
    assert row.rag is Rag.AMBER and row.last_update_on == TODAY
    history = page.detail.history.entries()
    assert [(h.on, h.rag, h.text) for h in history] == [
        (TODAY, Rag.AMBER, "First audit done"),
        (TODAY - timedelta(days=40), Rag.RED, "Not started: no analyst"),
    ]
    assert "First audit done" in page.detail.history.toPlainText()
    assert page.model.rows()[0].rag is Rag.AMBER  # the table row was refreshed

    # Filters: by RAG, overdue and free text, through the filter bar.
    actions.create_action(
        db, actions.ActionInput(text="Brief GPs on thresholds", due_on=TODAY + timedelta(days=90))
    )
    qtbot.waitUntil(lambda: len(page.model.all_rows()) == 2)
    choose(page.filters.rag, "Amber")
    assert shown(page) == ["1.1"]
    choose(page.filters.rag, "Not rated")
    assert shown(page) == ["A1"]
    choose(page.filters.rag, "Any RAG")
    page.filters.overdue.setChecked(True)
    assert shown(page) == ["1.1"]
    page.filters.overdue.setChecked(False)
    qtbot.keyClicks(page.filters.search, "gps")
    qtbot.waitUntil(lambda: shown(page) == ["A1"])
    assert page.count_label.text() == "1 of 2 open actions"
    page.filters.search.clear()
    qtbot.waitUntil(lambda: len(shown(page)) == 2)

    # Close it through the dialog; it leaves the open view, and its history says so.
    assert page.select_id(action_id)
    seen = answer_finish_dialog(qtbot, "All partners audited")
    qtbot.mouseClick(page.detail.close_button, Qt.MouseButton.LeftButton)
    assert seen == ["Close action"]
    row = actions.get_action_row(db, action_id)
    assert row.status is ActionStatus.CLOSED and row.closed_on == TODAY
    assert row.rag is Rag.AMBER  # closing changes no RAG
    assert shown(page) == ["A1"]
    detail = actions.get_action(db, action_id)
    assert [h.kind for h in detail.history] == ["closed", "update", "update"]
    assert detail.history[0].text == "All partners audited"
    choose(page.filters.show_which, "Finished")
    assert shown(page) == ["1.1"]


def test_merge_through_the_dialog_keeps_both_histories(window, qtbot):
    db = window.db
    window.open_page("actions")
    page = window.pages["actions"]
    rows = {r.reference: r for r in actions.list_actions(db, include_closed=False)}
    page.open_with(action_id=rows["2.1"].id)
    assert page.detail.detail.id == rows["2.1"].id
    seen = answer_finish_dialog(qtbot, "Same ask as 2.2", other="2.2 ")
    qtbot.mouseClick(page.detail.merge_button, Qt.MouseButton.LeftButton)
    assert seen == ["Merge action"]
    merged = actions.get_action(db, rows["2.1"].id)
    assert merged.row.status is ActionStatus.MERGED and merged.replaced_by[0] == rows["2.2"].id
    assert any(h.kind == "update" for h in merged.history)  # its own updates stay with it
    target = actions.get_action(db, rows["2.2"].id)
    assert (rows["2.1"].id, f"2.1 {rows['2.1'].text}") in target.absorbed
    assert page.detail.reopen_button.isEnabled() and not page.detail.merge_button.isEnabled()


def test_dashboard_figures_and_chart_open_the_filtered_register(window, qtbot):
    window.open_page("dashboard")
    dashboard = window.pages["dashboard"]
    assert window.page_keys()[0] == "dashboard"
    board = dashboard.board
    qtbot.mouseClick(dashboard.figures["overdue"], Qt.MouseButton.LeftButton)
    assert window.current_page().key == "actions"
    register = window.pages["actions"]
    rows = register.proxy.visible_rows()
    assert len(rows) == board.overdue_count > 0
    assert all(r.overdue(TODAY) for r in rows)
    assert register.filters.overdue.isChecked()

    window.open_page("dashboard")
    dashboard.chart.resize(700, 360)
    segment = next(s for s in dashboard.chart.segments() if s.series == "Amber")
    qtbot.mouseClick(
        dashboard.chart, Qt.MouseButton.LeftButton, pos=segment.rect.center().toPoint()
    )
    assert window.current_page().key == "actions"
    rows = register.proxy.visible_rows()
    assert len(rows) == segment.count
    assert {r.rag for r in rows} == {Rag.AMBER} and {r.workstream for r in rows} == {
        segment.category
    }
    assert not register.filters.overdue.isChecked()  # options not named are reset

    # By keyboard: the 'due soon' figure, then a listed action opens in the register.
    window.open_page("dashboard")
    dashboard.figures["due_soon"].setFocus()
    qtbot.keyClick(dashboard.figures["due_soon"], Qt.Key.Key_Space)
    assert len(register.proxy.visible_rows()) == board.due_soon_count
    window.open_page("dashboard")
    listed = dashboard.overdue_list
    listed.setFocus()
    listed.setCurrentIndex(listed.model().index(0, 0))
    qtbot.keyClick(listed, Qt.Key.Key_Return)
    assert register.detail.detail.id == board.overdue[0].id


def test_partner_updates_are_accepted_one_by_one_or_all(window, qtbot):
    db = window.db
    window.open_page("action_updates")
    page = window.pages["action_updates"]
    waiting = actions.list_proposals(db)
    assert page.proxy.rowCount() == len(waiting) >= 3
    first = page.current()
    before = actions.get_action_row(db, first.action_id)
    qtbot.keyClicks(page.note, "Evidence seen")
    qtbot.mouseClick(page.accept_button, Qt.MouseButton.LeftButton)
    after = actions.get_action_row(db, first.action_id)
    assert after.rag is first.proposed_rag and before.proposed == after.proposed + 1
    history = actions.get_action(db, first.action_id).history
    accepted = next(h for h in history if h.update_id == first.id)
    assert "Evidence seen" in accepted.decided
    assert page.proxy.rowCount() == len(waiting) - 1

    second = page.current()
    qtbot.mouseClick(page.reject_button, Qt.MouseButton.LeftButton)
    assert actions.get_action_row(db, second.action_id).rag is second.current_rag  # unchanged
    rejected = next(
        h for h in actions.get_action(db, second.action_id).history if h.update_id == second.id
    )
    assert rejected.decided.startswith("rejected by ")
    qtbot.mouseClick(page.accept_all_button, Qt.MouseButton.LeftButton)
    assert actions.list_proposals(db) == [] and page.proxy.rowCount() == 0
    assert page.count_label.text() == "0 waiting"


def test_open_with_refuses_unknown_options(window):
    page = window.pages["actions"]
    try:
        page.open_with(colour="red")
    except TypeError as error:
        assert "colour" in str(error)
    else:
        raise AssertionError("an unknown option was accepted")
    page.open_with(rag="red", show="all")
    assert {r.rag for r in page.proxy.visible_rows()} == {Rag.RED}


def test_export_writes_the_rows_shown_in_their_order(window, qtbot, tmp_path, monkeypatch):
    from openpyxl import load_workbook

    from partnerboard.ui.pages.actions import export_dialog

    target = tmp_path / "shown.xlsx"
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *args: target)
    window.open_page("actions")
    page = window.pages["actions"]
    choose(page.filters.rag, "Red or amber")
    page.table.sortByColumn(page.model.column_index("due"), Qt.SortOrder.DescendingOrder)
    expected = [r.reference for r in page.proxy.visible_rows()]
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    sheet = load_workbook(target)["Actions"]
    assert [sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)] == expected
    assert load_workbook(target)["About this export"]["B4"].value == "Open actions, Red or Amber"
    assert "Exported" in window.statusBar().currentMessage()


def test_import_dialog_maps_previews_and_imports_the_plan(empty_window, qtbot):
    from pathlib import Path

    from PySide6.QtWidgets import QMenu

    plan = Path(__file__).parents[1] / "fixtures" / "improvement_plan.xlsx"
    empty_window.open_page("actions")
    page = empty_window.pages["actions"]
    menu = page.more_button.menu()
    assert isinstance(menu, QMenu) and page.import_action in menu.actions()
    page.import_action.trigger()
    dialog = page.import_dialog
    assert not dialog.next_button.isEnabled()  # nothing chosen yet
    dialog.open_file(plan)
    assert dialog.sheet.currentText() == "Improvement Plan" and dialog.header_row.value() == 4
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.field_combos["workstream"].currentText() == "Ambition"
    assert dialog.field_combos["progress"].currentText() == "Review of progress"
    assert dialog.field_combos["due"].currentText() == "— not imported —"
    # The person leaves the lead out of this import.
    choose(dialog.field_combos["lead"], "not imported")
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.preview_model.rowCount() == 70
    assert dialog.preview_summary.text().startswith("70 actions to import into 8 workstream(s)")
    assert "2.10" in dialog.problems.toPlainText()  # the repaired reference is noted
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.steps.currentIndex() == 3
    assert "70 action(s) imported" in dialog.done_text.toPlainText()
    rows = actions.list_actions(empty_window.db)
    assert len(rows) == 70 and all(r.lead is None for r in rows)
    qtbot.waitUntil(lambda: len(page.model.all_rows()) == 70)
    assert len(actions.list_workstreams(empty_window.db)) == 8


def test_import_dialog_lists_rows_it_cannot_read(empty_window, qtbot, tmp_path):
    from tests.services.test_log_import import MESSY

    path = tmp_path / "log.csv"
    path.write_text(MESSY, encoding="utf-8")
    empty_window.open_page("actions")
    page = empty_window.pages["actions"]
    page.import_log()
    dialog = page.import_dialog
    dialog.open_file(path)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    listed = dialog.problems.toPlainText()
    assert "Row 6 EH2 – not imported: Reference EH2 appears twice" in listed
    assert "Row 7 EH3 – not imported: No action text" in listed
    assert dialog.preview_model.rowCount() == 4


def test_report_of_the_actions_shown(window, qtbot, tmp_path, monkeypatch, read_pdf):
    from partnerboard.ui.pages.actions import export_dialog

    target = tmp_path / "red.pdf"
    monkeypatch.setattr(export_dialog, "ask_save_path", lambda *args: target)
    window.open_page("actions")
    page = window.pages["actions"]
    choose(page.filters.rag, "Red")
    shown_refs = [r.reference for r in page.proxy.visible_rows()]
    page.report_action.trigger()
    text = " ".join(read_pdf(target.read_bytes()).text.split())
    assert f"Actions in this report {len(shown_refs)}" in text
    assert "Open actions, Red" in text


def test_chasers_from_the_register(window, qtbot, tmp_path, monkeypatch):
    from partnerboard.ui.pages.actions import templates_dialog

    monkeypatch.setattr(templates_dialog, "ask_folder", lambda parent: tmp_path / "out")
    window.open_page("actions")
    page = window.pages["actions"]
    page.templates_action.trigger()
    dialog = page.templates_dialog
    assert dialog.chasers.isChecked() and dialog.days.value() == 45
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    written = sorted(p.name for p in (tmp_path / "out").glob("*.xlsx"))
    assert written and all(name.startswith("Action chaser") for name in written)
    assert len(dialog.batch.written) == len(written)
    assert f"{len(written)} template(s) written" in dialog.result.text()
    # One agency's full update template.
    dialog.one.setChecked(True)
    choose(dialog.agency, "Wrenfield Constabulary")
    qtbot.mouseClick(dialog.write_button, Qt.MouseButton.LeftButton)
    assert dialog.batch.written[0][0] == "Wrenfield Constabulary"
    assert dialog.batch.written[0][1].name.startswith("Action update")


def test_another_page_opens_the_register_on_chosen_actions(window, qtbot):
    rows = actions.list_actions(window.db)
    chosen = {rows[0].id, rows[3].id, rows[-1].id}
    window.context.open_page("actions", action_ids=chosen, show="all")
    page = window.pages["actions"]
    assert window.current_page().key == "actions"
    assert {r.id for r in page.proxy.visible_rows()} == chosen
    assert page.filters.chosen_button.isVisible()
    choose(page.filters.rag, "Red")  # other filters still combine with the choice
    assert {r.id for r in page.proxy.visible_rows()} <= chosen
    qtbot.mouseClick(page.filters.chosen_button, Qt.MouseButton.LeftButton)
    assert not page.filters.chosen_button.isVisible()
    assert len(page.proxy.visible_rows()) > len(chosen)


def test_finished_actions_are_read_when_first_asked_for(window, qtbot):
    window.open_page("actions")
    page = window.pages["actions"]
    every = actions.list_actions(window.db)
    finished = {r.id for r in every if not r.is_open}
    assert finished and not finished & {r.id for r in page.model.all_rows()}
    assert page.count_label.text().endswith("open actions")
    choose(page.filters.show_which, "Finished")
    assert {r.id for r in page.proxy.visible_rows()} == finished
    choose(page.filters.show_which, "All")
    assert page.count_label.text() == f"{len(every)} of {len(every)} actions"


def test_a_member_proposes_updates_to_the_actions_they_lead(app, qtbot, demo_db):
    from partnerboard.db.database import Database
    from partnerboard.domain.access import Principal, Role
    from partnerboard.ui.main_window import MainWindow

    rows = actions.list_actions(demo_db, include_closed=False)
    mine = next(r for r in rows if r.lead_person_id)
    other = next(r for r in rows if r.lead_person_id not in (None, mine.lead_person_id))
    member = Database(
        demo_db.target,
        demo_db.engine,
        Principal(name=mine.lead, role=Role.MEMBER, person_id=mine.lead_person_id),
    )
    window = MainWindow(member)
    qtbot.addWidget(window)
    window.show()
    window.open_page("actions")
    page = window.pages["actions"]
    # What they may not do is not offered (hidden), what they may is.
    assert page.new_button.isHidden() and not page.import_action.isVisible()
    page.open_with(action_id=other.id)
    assert not page.detail.add_update_button.isEnabled()  # not theirs
    page.open_with(action_id=mine.id)
    detail = page.detail
    assert detail.add_update_button.text() == "Propose &update"
    assert detail.save_button.isHidden() and detail.close_button.isHidden()
    choose(detail.update_form.field("rag"), "Green")
    qtbot.keyClicks(detail.update_form.field("narrative"), "Finished and reported")
    qtbot.mouseClick(detail.add_update_button, Qt.MouseButton.LeftButton)
    waiting = [p for p in actions.list_proposals(demo_db) if p.action_id == mine.id]
    assert [(p.proposed_rag, p.narrative, p.author) for p in waiting][-1] == (
        Rag.GREEN,
        "Finished and reported",
        mine.lead,
    )
    assert actions.get_action_row(demo_db, mine.id).rag == mine.rag  # until accepted
    window.open_page("action_updates")
    proposals = window.pages["action_updates"]
    assert proposals.accept_button.isHidden() and proposals.accept_all_button.isHidden()


def test_a_returned_template_on_the_import_page_waits_on_partner_updates(window, qtbot, tmp_path):
    from partnerboard.services.partnership import find_agency
    from partnerboard.workbooks.action_update.template import write_template
    from partnerboard.workbooks.importer import FileStatus
    from tests.workbooks.test_action_update import fill, template_rows

    police = find_agency(window.db, "Wrenfield Constabulary").id
    template = tmp_path / "police.xlsx"
    write_template(window.db, police, template)
    first = template_rows(template)[0][2]
    returned = fill(template, tmp_path / "returned.xlsx", {first: ("All briefed", "Green")})
    window.open_page("action_updates")
    proposals = window.pages["action_updates"]
    before = proposals.proxy.rowCount()
    window.open_page("imports")
    imports = window.pages["imports"]
    imports.import_files([returned])
    assert imports.proxy.visible_rows()[0].status == FileStatus.IMPORTED
    window.open_page("action_updates")
    qtbot.waitUntil(lambda: proposals.proxy.rowCount() == before + 1)
    shown = [r for r in proposals.proxy.visible_rows() if r.reference == first]
    assert shown[-1].narrative == "All briefed" and shown[-1].proposed_rag is Rag.GREEN


def test_dashboard_figures_keep_their_size_at_every_reload(window):
    window.open_page("dashboard")
    dashboard = window.pages["dashboard"]
    sizes = {key: figure.font().pointSizeF() for key, figure in dashboard.figures.items()}
    assert all(size > window.font().pointSizeF() for size in sizes.values())  # stand out
    dashboard.refresh()  # what each change to the actions does
    dashboard.refresh()
    assert {key: f.font().pointSizeF() for key, f in dashboard.figures.items()} == sizes
