"""The Indicators and Scorecard pages through their real widgets: indicators added in the
dialog, figures typed into the page, the scorecard's RAG, direction and exceptions checked
against a hand count (one indicator lower-is-better), an impossible figure refused beside its
field, and an action raised from a Red indicator that shows on the indicator."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QDialog

from partnerboard.domain.actions import ActionSource, Rag
from partnerboard.domain.performance import Direction
from partnerboard.services import partnership as p
from partnerboard.services import performance as perf
from partnerboard.services.actions import list_actions
from partnerboard.ui.form_dialog import FormDialog
from partnerboard.ui.pages.performance.indicator_dialog import IndicatorDialog
from partnerboard.ui.pages.performance.raise_action_dialog import RaiseActionDialog
from partnerboard.ui.table_model import ROW_ROLE
from tests.ui.keyboard import retype


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(position)


def on_dialog(kind: type[QDialog], work) -> None:
    """Run `work(dialog)` on the next modal dialog of `kind`, as the person at the keyboard."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, kind):
            QTimer.singleShot(20, act)
            return
        work(dialog)

    QTimer.singleShot(0, act)


def save(qtbot, dialog: FormDialog) -> None:
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def add_indicator(qtbot, page, typed: dict[str, str], chosen: dict[str, str]) -> None:
    def fill(dialog: IndicatorDialog) -> None:
        for key, text in typed.items():
            qtbot.keyClicks(dialog.form.field(key), text)
        for key, text in chosen.items():
            choose(dialog.form.field(key), text)
        save(qtbot, dialog)

    on_dialog(IndicatorDialog, fill)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)


def record(qtbot, page, period: str, **typed: str) -> None:
    """Choose the period in the figures form, type the figures and click Record."""
    panel = page.figures
    choose(panel.form.field("period"), period)
    for key in ("value", "numerator", "denominator", "commentary"):
        field = panel.form.field(key)
        field.clear()
        if key in typed:
            qtbot.keyClicks(field, typed[key])
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)


def test_indicators_added_and_figures_recorded_make_the_scorecard(empty_window, qtbot):
    db = empty_window.db
    p.save_agency(db, p.AgencyInput(name="Children's Services", sector="local_authority"))
    empty_window.open_page("indicators")
    page = empty_window.pages["indicators"]
    add_indicator(
        qtbot, page,
        {"reference": "FD4", "title": "Re-referrals within 12 months", "target": "20",
         "tolerance": "3", "theme": "Front door",
         "numerator": "Referrals within 12 months of a previous one",
         "denominator": "Referrals in the quarter"},
        {"unit": "Percentage", "polarity": "Lower is better", "agency_id": "Children's"},
    )  # fmt: skip
    add_indicator(
        qtbot, page,
        {"reference": "CP3", "title": "Initial conferences within 15 working days",
         "target": "85", "tolerance": "5", "theme": "Child protection"},
        {"unit": "Percentage", "polarity": "Higher is better", "agency_id": "Children's"},
    )  # fmt: skip
    stored = {r.reference: r for r in perf.list_indicators(db)}
    assert stored["FD4"].polarity.value == "lower" and stored["FD4"].has_parts
    assert stored["CP3"].target == 85 and stored["CP3"].agency_name == "Children's Services"
    assert page.model.rowCount() == 2

    # Figures typed into the page, three quarters each.
    why = "Explained at the QA sub-group."
    page.select_indicator(stored["FD4"].id)
    assert page.figures.form.field("numerator").isEnabled()
    record(qtbot, page, "Q4 2025/26", numerator="45", denominator="250")
    record(qtbot, page, "Q1 2026/27", numerator="63", denominator="300", commentary=why)
    record(qtbot, page, "Q2 2026/27", numerator="72", denominator="300", commentary=why)
    assert [v.period.label for v in page.figures.values] == [
        "Q2 2026/27",
        "Q1 2026/27",
        "Q4 2025/26",
    ]
    page.select_indicator(stored["CP3"].id)
    assert not page.figures.form.field("numerator").isEnabled()
    record(qtbot, page, "Q4 2025/26", value="95")
    record(qtbot, page, "Q1 2026/27", value="92", commentary=why)
    # An impossible figure is refused beside its field, and nothing is stored.
    record(qtbot, page, "Q2 2026/27", value="120", commentary=why)
    assert "between 0 and 100" in page.figures.form.error_text("value")
    assert len(perf.history(db, stored["CP3"].id)) == 2
    # Worse than last time needs a commentary, said beside it.
    record(qtbot, page, "Q2 2026/27", value="88")
    assert "worse than the last figure" in page.figures.form.error_text("commentary")
    record(qtbot, page, "Q2 2026/27", value="88", commentary=why)
    assert len(perf.history(db, stored["CP3"].id)) == 3

    # The scorecard against a hand count.
    empty_window.open_page("scorecard")
    card = empty_window.pages["scorecard"]
    card.ensure_loaded()
    rows = {r.indicator.reference: r for r in card.proxy.visible_rows()}
    fd4, cp3 = rows["FD4"], rows["CP3"]
    # FD4, lower is better, target 20 (±3): 18 → 21 → 24: Red and worsening.
    assert (round(fd4.value, 1), fd4.rag, fd4.direction) == (24.0, Rag.RED, Direction.WORSENING)
    # CP3, higher is better, target 85 (±5): 95 → 92 → 88: Green, worsening twice running.
    assert (cp3.value, cp3.rag, cp3.direction, cp3.previous_direction) == (
        88, Rag.GREEN, Direction.WORSENING, Direction.WORSENING,
    )  # fmt: skip
    assert [r.indicator.reference for r in card.proxy.visible_rows()] == ["FD4", "CP3"]
    shown = card.proxy.index(0, card.model.column_index("rag"))
    assert shown.data() == "Red"
    assert "2 exceptions" in card.summary.text() and "1 Red" in card.summary.text()
    qtbot.mouseClick(card.exceptions_only, Qt.MouseButton.LeftButton)
    assert card.proxy.rowCount() == 2
    choose(card.rag, "Red")
    assert [r.indicator.reference for r in card.proxy.visible_rows()] == ["FD4"]
    choose(card.rag, "Green")
    row = card.proxy.index(0, 0).data(ROW_ROLE)
    assert row.indicator.reference == "CP3" and row.why_exception == "Worsening two periods running"


def test_a_red_indicator_raises_an_action_that_shows_on_it(window, qtbot):
    window.open_page("scorecard")
    card = window.pages["scorecard"]
    card.ensure_loaded()
    red = next(r for r in card.proxy.visible_rows() if r.rag is Rag.RED and r.open_actions == 0)
    card.select_indicator(red.id)
    assert red.indicator.reference in card.detail.text()

    def fill(dialog: RaiseActionDialog) -> None:
        qtbot.keyClicks(
            dialog.form.field("text"), "Review the cases behind the drop with the chairs."
        )
        # The due date typed the short UK way, with key presses, into the one date field;
        # Enter reads it and then saves the dialog, as its default button.
        retype(qtbot, dialog.form.field("due_on"), "31/3/27")

    on_dialog(RaiseActionDialog, fill)
    qtbot.mouseClick(card.raise_button, Qt.MouseButton.LeftButton)
    raised = [a for a in list_actions(window.db) if a.text.startswith("Review the cases behind")]
    assert len(raised) == 1 and raised[0].source_kind is ActionSource.PERFORMANCE_INDICATOR
    assert raised[0].lead_agency_id == red.indicator.agency_id
    assert raised[0].due_on == date(2027, 3, 31)
    qtbot.waitUntil(lambda: card.selected is not None and card.selected.open_actions == 1)
    qtbot.mouseClick(card.open_button, Qt.MouseButton.LeftButton)
    indicators = window.pages["indicators"]
    assert indicators.selected.id == red.id
    assert [a.id for a in indicators.actions_model.rows()] == [raised[0].id]
    qtbot.mouseClick(indicators.open_action, Qt.MouseButton.LeftButton)
    assert window.current_page().key == "actions"


def test_a_member_sees_the_scorecard_but_cannot_change_the_dataset(app, qtbot, demo_db_path):
    from partnerboard.db.schema import open_database
    from partnerboard.domain.access import Principal, Role
    from partnerboard.ui.main_window import MainWindow

    db = open_database(str(demo_db_path), principal=Principal("A member", Role.MEMBER))
    try:
        window = MainWindow(db)
        qtbot.addWidget(window)
        window.show()
        window.open_page("indicators")
        page = window.pages["indicators"]
        page.ensure_loaded()
        assert page.model.rowCount() == 33
        assert not page.new_button.isVisibleTo(page)
        page.select_indicator(page.proxy.visible_rows()[0].id)
        assert not page.figures.record_button.isEnabled()
        window.open_page("scorecard")
        card = window.pages["scorecard"]
        card.ensure_loaded()
        card.select_indicator(card.proxy.visible_rows()[0].id)
        assert not card.raise_button.isEnabled()
        window.close()
    finally:
        db.close()
