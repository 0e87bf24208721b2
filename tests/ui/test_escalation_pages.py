"""The escalation log and its figures through the real widgets, for business support and a member."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from partnerboard.db.schema import open_database
from partnerboard.domain.access import Principal, Role
from partnerboard.services import escalation_figures as ef
from partnerboard.services import escalations as es
from tests.clock import TODAY


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(position)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_record_an_escalation_take_it_to_stage_2_and_resolve_it(window, qtbot, monkeypatch):
    from partnerboard.ui.pages.escalations import step_dialog as escalation_step_dialog

    window.open_page("escalations")
    page = window.pages["escalations"]
    count = page.model.rowCount()
    raised = TODAY - timedelta(days=20)
    click(qtbot, page.new_button)
    assert page.form.field("raised_on").hasFocus()
    page.form.field("raised_on").set_value(raised)
    choose(page.form.field("raising_agency_id"), "Wrenfield and Marsh College")
    choose(page.form.field("other_agency_id"), "Children's Services")
    choose(page.form.field("category"), "Referral declined")
    qtbot.keyClicks(
        page.form.field("summary"), "Referral about a 16-year-old closed without an assessment."
    )
    click(qtbot, page.save_button)
    assert page.model.rowCount() == count + 1
    row = es.get_escalation(window.db, page.editing_id)
    assert (row.raised_on, row.raising_agency, row.category.value, row.stage) == (
        raised,
        "Wrenfield and Marsh College",
        "referral_declined",
        1,
    )
    assert row.reference.startswith(f"E{raised.year}-")
    assert page.escalate_button.isEnabled() and not page.undo_step_button.isEnabled()

    def escalate(dialog) -> int:
        assert dialog.form.value("stage") == 2
        dialog.form.field("on_date").set_value(raised + timedelta(days=6))
        qtbot.keyClicks(dialog.form.field("note"), "Team managers to meet")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(escalation_step_dialog.StepDialog, "exec", escalate)
    click(qtbot, page.escalate_button)
    assert page.step_model.rowCount() == 2
    assert es.get_escalation(window.db, row.id).reached_on(2) == raised + timedelta(days=6)
    assert "now at stage 2" in page.stages_box.title()

    page.form.field("resolved_on").set_value(raised + timedelta(days=14))
    qtbot.keyClicks(page.form.field("outcome"), "Assessment opened; referrer told why.")
    qtbot.keyClicks(page.form.field("learning_theme"), "Feedback to referrers")
    click(qtbot, page.save_button)
    row = es.get_escalation(window.db, row.id)
    assert row.resolved_on == raised + timedelta(days=14) and row.days_to_resolve == 14
    assert row.learning_theme == "Feedback to referrers" and row.stage == 2
    shown = page.model.row(page.model.position_of(lambda r: r.id == row.id))
    assert shown.days_to_resolve == 14 and not page.escalate_button.isEnabled()


def test_resolving_without_an_outcome_is_refused_beside_the_field(window, qtbot):
    window.open_page("escalations")
    page = window.pages["escalations"]
    page.state_filter.setCurrentIndex(page.state_filter.findText("Open"))  # exactly "Open"
    assert all(r.is_open for r in page.proxy.visible_rows())
    page.table.selectRow(0)
    open_one = page.editing_id
    assert es.get_escalation(window.db, open_one).is_open
    page.form.field("resolved_on").set_value(TODAY)
    page.form.field("outcome").clear()
    click(qtbot, page.save_button)
    assert "Say how it was resolved" in page.form.error_text("outcome")
    assert es.get_escalation(window.db, open_one).is_open


def test_figures_page_and_a_learning_theme_becomes_an_action(window, qtbot, monkeypatch):
    from partnerboard.ui.pages.escalations import theme_action_dialog

    window.open_page("escalation_figures")
    page = window.pages["escalation_figures"]
    figures = ef.escalation_figures(window.db, *page.period())
    assert f"<b>{figures.raised}</b> escalations" in page.headline.text()
    assert f"{figures.median_days_to_resolve:g} days" in page.headline.text()
    open_column = page.stage_model.column_index("open")
    assert [page.stage_model.index(i, open_column).data() for i in range(4)] == [
        str(n) for n in figures.open_by_stage
    ]
    assert page.quarter_model.rowCount() == len(figures.quarters)

    page.theme_table.setFocus()
    page.theme_table.selectRow(0)
    theme = page.theme_model.row(0)
    assert page.action_button.isEnabled()

    def create(dialog) -> int:
        choose(dialog.form.field("lead_agency_id"), "Children's Services")
        dialog.form.field("due_on").set_value(TODAY + timedelta(days=90))
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(theme_action_dialog.ThemeActionDialog, "exec", create)
    click(qtbot, page.action_button)
    refreshed = next(t for t in page.theme_model.rows() if t.theme == theme.theme)
    assert refreshed.action_references and refreshed.without_action == 0
    assert "added to the action log" in window.statusBar().currentMessage()
    linked = ef.escalations_of_theme(window.db, theme.theme)
    assert {r.learning_action for r in linked} == set(refreshed.action_references)

    click(qtbot, page.show_button)
    assert window.current_page().key == "escalations"
    escalations_page = window.pages["escalations"]
    assert escalations_page.proxy.rowCount() == theme.escalations


@pytest.fixture
def member_window(app, qtbot, demo_db_path):
    from partnerboard.ui.main_window import MainWindow

    db = open_database(str(demo_db_path), principal=Principal("A Member", Role.MEMBER))
    main = MainWindow(db)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    yield main
    main.close()
    db.close()


def test_a_member_never_sees_restricted_escalations(member_window, demo_db, qtbot):
    everything = es.list_escalations(demo_db)  # business support sees them all
    restricted = {r.id for r in everything if r.restricted}
    assert restricted
    member_window.open_page("escalations")
    page = member_window.pages["escalations"]
    shown = {r.id for r in page.model.rows()}
    assert shown == {r.id for r in everything} - restricted
    assert "restricted" not in [c.key for c in page.model.columns]
    assert not page.form.field("restricted").isVisibleTo(page)

    member_window.open_page("escalation_figures")
    figures_page = member_window.pages["escalation_figures"]
    member_figures = figures_page.figures
    all_figures = ef.escalation_figures(demo_db, *figures_page.period())
    in_period = [
        r for r in everything if figures_page.period()[0] <= r.raised_on <= figures_page.period()[1]
    ]
    assert member_figures.raised == len([r for r in in_period if not r.restricted])
    assert all_figures.raised == len(in_period) > member_figures.raised


def test_dialogs_name_every_control(window, qtbot):
    from partnerboard.ui.pages.escalations.step_dialog import StepDialog
    from partnerboard.ui.pages.escalations.theme_action_dialog import ThemeActionDialog
    from partnerboard.ui.pages.thresholds.dialogs import DocumentDialog, LevelNamesDialog
    from tests.ui.test_main_window import focusable_controls

    open_one = next(r for r in es.list_escalations(window.db) if r.is_open and r.stage < 4)
    theme = ef.learning_theme_rows(window.db)[0]
    for dialog in (
        StepDialog(window.db, open_one, parent=window),
        ThemeActionDialog(window.db, theme, parent=window),
        DocumentDialog(window.db, parent=window),
        LevelNamesDialog(window.db, parent=window),
    ):
        qtbot.addWidget(dialog)
        dialog.show()
        assert dialog.accessibleName()
        for control in focusable_controls(dialog):
            name = control.accessibleName() or getattr(control, "text", lambda: "")()
            assert name.replace("&", "").strip(), f"{type(dialog).__name__}: {control}"
        dialog.reject()


def test_the_financial_years_of_the_figures_page_run_from_1_april():
    from partnerboard.ui.pages.escalations.figures_page import period_dates

    assert period_dates("This financial year", date(2026, 11, 23)) == (
        date(2026, 4, 1),
        date(2027, 3, 31),
    )
    assert period_dates("Last financial year", date(2026, 3, 31)) == (
        date(2024, 4, 1),
        date(2025, 3, 31),
    )
    assert period_dates("All escalations", date(2026, 3, 31)) == (None, None)
