"""The Reviews page through its real widgets: type, click, then check the screen and the database."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QPushButton
from sqlalchemy import select

from partnerboard.db.models.actions import Action
from partnerboard.domain.actions import Rag
from partnerboard.domain.reviews import DeadlineState
from partnerboard.services import review_actions, reviews
from partnerboard.ui.pages.reviews import reviews_page as reviews_page
from tests.services.review_helpers import add_agencies


def open_reviews(window):
    window.open_page("reviews")
    page = window.pages["reviews"]
    page.ensure_loaded()
    return page


def select_review(page, reference: str) -> None:
    row = next(r for r in page.proxy.visible_rows() if r.review.reference == reference)
    assert page.select_id(row.id)


def in_dialog(qtbot, work) -> None:
    """Run `work(dialog)` on the next modal dialog, as a person at the keyboard would."""

    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog), "no dialog opened"
        work(dialog)

    QTimer.singleShot(0, act)


def click_button(dialog: QDialog, text: str, qtbot) -> None:
    button = next(b for b in dialog.findChildren(QPushButton) if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_a_review_is_added_by_typing_and_a_name_as_reference_is_refused(empty_window, qtbot):
    police, school = add_agencies(
        empty_window.db, "Wrenfield Constabulary", "Heronsgate Academy Trust"
    )
    page = open_reviews(empty_window)
    page.refresh()
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    assert page.form.field("kind").hasFocus()
    qtbot.keyClicks(page.form.field("reference"), "Jane Smith")
    page.form.field("aware_on").set_value(date(2026, 5, 22))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert "“Jane”, “Smith” look like names" in page.form.error_text("reference")
    assert page.form.field("reference").hasFocus()
    assert reviews.list_reviews(empty_window.db) == []

    page.form.field("reference").clear()
    qtbot.keyClicks(page.form.field("reference"), "RR-2026-07")
    agencies = page.form.field("agency_ids")
    agencies.setFocus()
    agencies.setCurrentIndex(agencies.model().index(1, 0))  # Wrenfield Constabulary (A–Z)
    qtbot.keyClick(agencies, Qt.Key.Key_Space)
    qtbot.keyClick(page, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)

    (stored,) = reviews.list_reviews(empty_window.db)
    assert (stored.reference, stored.aware_on, stored.agency_ids, stored.restricted) == (
        "RR-2026-07",
        date(2026, 5, 22),
        (police,),
        True,
    )
    assert school not in stored.agency_ids
    assert [r.review.reference for r in page.proxy.visible_rows()] == ["RR-2026-07"]
    assert (
        "skipping Mon 25/05/2026 (Spring bank holiday) = Mon 01/06/2026"
        in page.detail.deadlines.text()
    )


def test_the_demo_shows_the_deadline_board_and_the_rag_of_each_recommendation(window, qtbot):
    page = open_reviews(window)
    board = page.deadline_board
    (rapid,) = [r for r in board.rows() if r.deadline.key == "rapid_review"]
    assert rapid.deadline.state == DeadlineState.DUE and rapid.reference.startswith("RR-")
    column = board.model.column_index("computed")
    shown = board.proxy.index(0, column).data()
    assert shown.startswith("aware ") and "+ 15 working days" in shown
    assert "due within 14 days" in board.summary.text()

    lcspr = next(r.review for r in page.proxy.visible_rows() if r.review.kind.value == "lcspr")
    select_review(page, lcspr.reference)
    rags = {row.rag for row in page.detail.model.rows()}
    assert rags == {Rag.GREEN, Rag.AMBER, Rag.RED, None}
    rag_column = page.detail.model.column_index("rag")
    texts = {
        page.detail.proxy.index(n, rag_column).data() for n in range(page.detail.proxy.rowCount())
    }
    assert texts == {"Green", "Amber", "Red", "Not rated"}
    assert page.detail.progress.text() == "1 of 5 complete"
    assert "done" in page.detail.deadlines.text() and "on time" in page.detail.deadlines.text()


def test_enter_on_the_deadline_board_opens_the_review(window, qtbot):
    page = open_reviews(window)
    page.search.setText("zzz")  # the review is found even when a search hides it
    board = page.deadline_board
    board.table.setFocus()
    board.table.setCurrentIndex(board.proxy.index(0, 0))
    qtbot.keyClick(board.table, Qt.Key.Key_Return)
    assert page.editing_id == board.rows()[0].review_id
    assert page.form.field("reference").text() == board.rows()[0].reference


def test_a_recommendation_added_on_the_page_lands_in_the_action_log(window, qtbot):
    page = open_reviews(window)
    rapid = next(
        r.review for r in page.proxy.visible_rows() if r.review.kind.value == "rapid_review"
    )
    select_review(page, rapid.reference)
    assert page.detail.model.rows() == []

    def fill(dialog):
        qtbot.keyClicks(
            dialog.form.field("text"), "Check that strategy discussions include the GP."
        )
        lead = dialog.form.field("lead_agency_id")
        lead.setCurrentIndex(lead.findText("Wrenfield GP Federation"))
        click_button(dialog, "Add to action log", qtbot)

    in_dialog(qtbot, fill)
    qtbot.mouseClick(page.detail.add_button, Qt.MouseButton.LeftButton)
    with window.db.reader() as session:
        made = [
            (a.text, a.source_kind)
            for a in session.scalars(select(Action).where(Action.source_review_id == rapid.id))
        ]
    assert made == [("Check that strategy discussions include the GP.", "review_recommendation")]
    assert [r.text for r in page.detail.model.rows()] == [made[0][0]]
    assert page.detail.progress.text() == "0 of 1 complete"


def test_closing_with_open_actions_needs_the_boards_reason(window, qtbot, answered_dialogs):
    page = open_reviews(window)
    lcspr = next(r.review for r in page.proxy.visible_rows() if r.review.kind.value == "lcspr")
    select_review(page, lcspr.reference)
    attempts = []

    def without_reason(dialog):
        assert "4 action(s) of this review are not complete" in dialog.explanation.text()
        click_button(dialog, "Close review", qtbot)
        attempts.append(dialog.form.error_text("closure_reason"))
        qtbot.keyClicks(dialog.form.field("closed_by"), "Executive Board")
        qtbot.keyClicks(
            dialog.form.field("closure_reason"), "Remaining work moves to the L&D plan."
        )
        click_button(dialog, "Close review", qtbot)

    in_dialog(qtbot, without_reason)
    qtbot.mouseClick(page.detail.close_button, Qt.MouseButton.LeftButton)
    assert "4 actions are not complete" in attempts[0]
    closed = reviews.get_review(window.db, lcspr.id)
    assert closed.closed and closed.closure_reason == "Remaining work moves to the L&D plan."
    assert closed.closed_by == "Executive Board"
    assert "The board accepted the remaining actions" in page.detail.closure.text()
    assert not page.detail.close_button.isEnabled() and not page.detail.add_button.isEnabled()
    # The form shows the closed review's new version: editing it again saves without a clash.
    page.form.field("reviewer").setText("Independent reviewer (contract ended)")
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert answered_dialogs.problems == []
    assert (
        reviews.get_review(window.db, lcspr.id).reviewer == "Independent reviewer (contract ended)"
    )


def test_briefing_and_export_buttons_write_their_files(
    window, qtbot, tmp_path, monkeypatch, read_pdf
):
    page = open_reviews(window)
    lcspr = next(r.review for r in page.proxy.visible_rows() if r.review.kind.value == "lcspr")
    select_review(page, lcspr.reference)
    targets = iter([tmp_path / "briefing.pdf", tmp_path / "reviews.xlsx"])
    monkeypatch.setattr(reviews_page, "ask_save_path", lambda *args: next(targets))
    qtbot.mouseClick(page.detail.briefing_button, Qt.MouseButton.LeftButton)
    pdf = read_pdf((tmp_path / "briefing.pdf").read_bytes())
    assert lcspr.reference in pdf.text and "7-minute briefing" in pdf.text
    assert "Briefing saved to" in window.statusBar().currentMessage()
    qtbot.mouseClick(page.export_button, Qt.MouseButton.LeftButton)
    assert (tmp_path / "reviews.xlsx").stat().st_size > 0
    assert "Exported 3 review(s)" in window.statusBar().currentMessage()


def test_members_see_neither_restricted_reviews_nor_their_deadlines(app, qtbot, demo_db):
    from partnerboard.domain.access import Role
    from partnerboard.ui.main_window import MainWindow
    from tests.services.review_helpers import as_role

    member_db = as_role(demo_db, Role.MEMBER)
    main = MainWindow(member_db)
    qtbot.addWidget(main)
    main.show()
    page = open_reviews(main)
    shown = {r.review.reference for r in page.proxy.visible_rows()}
    everything = {r.reference for r in reviews.list_reviews(demo_db)}
    restricted = {r.reference for r in reviews.list_reviews(demo_db) if r.restricted}
    assert restricted and shown == everything - restricted
    assert all(r.reference not in restricted for r in page.deadline_board.rows())
    assert review_actions.list_recommendations(
        member_db,
        next(r.review.id for r in page.proxy.visible_rows() if r.review.kind.value == "lcspr"),
    )
