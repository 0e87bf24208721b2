"""The Section 11 and import pages through their real widgets, checked on screen and in the database."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QDialogButtonBox

from partnerboard.domain.section11 import ReturnStatus
from partnerboard.services import section11 as s11
from partnerboard.ui.pages.section11.returns_tab import OVERDUE_FILL
from partnerboard.ui.pages.section11.round_dialog import RoundDialog
from partnerboard.ui.table_model import ROW_ROLE
from partnerboard.workbooks.importer import FileStatus
from partnerboard.workbooks.section11.template import round_context, write_template
from tests.fixtures_s11 import SIGN_OFF


def open_s11(window, qtbot):
    window.open_page("section11")
    page = window.pages["section11"]
    qtbot.waitUntil(lambda: page.round_choice.count() == 2)
    return page


def test_round_status_and_overdue(window, qtbot) -> None:
    page = open_s11(window, qtbot)
    assert page.round_choice.currentText() == "2026"
    tab = page.returns_tab
    rows = tab.proxy.visible_rows()
    assert len(rows) == len(s11.round_returns(window.db, page.current_round.id))
    overdue = [r for r in rows if r.overdue]
    assert len(overdue) == 1
    position = rows.index(overdue[0])
    agency_cell = tab.proxy.index(position, 0)
    assert agency_cell.data(Qt.ItemDataRole.BackgroundRole).color().name().upper() == OVERDUE_FILL
    assert "1 overdue" in tab.counts.text()
    tab.outstanding_only.setChecked(True)
    assert all(r.status.awaiting_return for r in tab.proxy.visible_rows())


def test_validate_a_return_by_clicking(window, qtbot) -> None:
    page = open_s11(window, qtbot)
    tab = page.returns_tab
    rows = tab.proxy.visible_rows()
    target = next(r for r in rows if r.status == ReturnStatus.RETURNED)
    tab.table.selectRow(rows.index(target))
    assert target.agency_name in tab.agency_title.text()
    tab.status_choice.setCurrentIndex(tab.status_choice.findData(ReturnStatus.VALIDATED))
    qtbot.mouseClick(tab.status_button, Qt.MouseButton.LeftButton)
    assert s11.get_return(window.db, target.id).status == ReturnStatus.VALIDATED
    qtbot.waitUntil(
        lambda: tab.selected is not None and tab.selected.status == ReturnStatus.VALIDATED
    )
    # A move that skips steps is refused beside the buttons, and nothing changes.
    tab.status_choice.setCurrentIndex(tab.status_choice.findData(ReturnStatus.NOT_ISSUED))
    qtbot.mouseClick(tab.status_button, Qt.MouseButton.LeftButton)
    assert "cannot be marked" in tab.problem.text()
    assert s11.get_return(window.db, target.id).status == ReturnStatus.VALIDATED


def test_heatmap_colours_and_year_on_year(window, qtbot) -> None:
    page = open_s11(window, qtbot)
    page.select_round("2025")
    page.tabs.setCurrentWidget(page.compliance_tab)
    proxy = page.compliance_tab.proxy
    assert proxy.rowCount() == len(page.compliance_tab.matrix.rows)
    row = proxy.index(0, 0).data(ROW_ROLE)
    cell = row.cells[0]
    shown = proxy.index(0, 2)
    assert shown.data() == cell.rating.label
    assert (
        shown.data(Qt.ItemDataRole.BackgroundRole).color().name().upper()
        == cell.rating.colour.upper()
    )
    assert "rated" in shown.data(Qt.ItemDataRole.ToolTipRole)
    headers = [proxy.headerData(i, Qt.Orientation.Horizontal) for i in range(proxy.columnCount())]
    assert headers[:3] == ["Agency", "Status", "S1"] and headers[-1] == "Overall"
    trend = page.trend_tab

    def trend_headers() -> list[str]:
        return [
            trend.proxy.headerData(i, Qt.Orientation.Horizontal)
            for i in range(trend.proxy.columnCount())
        ]

    trend.agency.setCurrentIndex(1)  # one agency: its rating per round
    assert trend_headers() == ["Standard", "2025", "2026", "Change"]
    assert trend.proxy.rowCount() == 9  # eight standards and all together
    trend.agency.setCurrentIndex(0)  # every agency together: how many had each rating
    labels = [o.label for o in page.current_round.scale.options if o.applicable]
    assert trend_headers() == [
        "Standard",
        *(f"{year}:\n{label}" for year in ("2025", "2026") for label in labels),
        "Change since\nthe round before",
    ]


def test_challenge_moderation_feedback_and_action(window, qtbot) -> None:
    page = open_s11(window, qtbot)
    page.tabs.setCurrentWidget(page.challenge_tab)
    tab = page.challenge_tab
    the_return = next(
        r for r in s11.round_returns(window.db, page.current_round.id) if r.submissions
    )
    tab.select_agency(the_return.agency_name)
    tab.answers_table.selectRow(0)
    answer = tab.answers_proxy.row_at(0)
    new_rating = "not_met" if answer.rating != "not_met" else "fully_met"
    rating = tab.moderation.field("rating")
    rating.setCurrentIndex(rating.findData(new_rating))
    tab.moderation.field("reason").setPlainText("")
    qtbot.mouseClick(tab.moderate_button, Qt.MouseButton.LeftButton)
    assert "Reason is required" in tab.moderation.error_text("reason")
    qtbot.keyClicks(tab.moderation.field("reason"), "No evidence of board reports was seen.")
    qtbot.mouseClick(tab.moderate_button, Qt.MouseButton.LeftButton)
    stored = next(a for a in s11.return_answers(window.db, the_return.id) if a.code == answer.code)
    assert (stored.rating, stored.moderated_rating) == (answer.rating, new_rating)

    qtbot.keyClicks(
        tab.challenge.field("question"), "How do you check that <staff> know the policy?"
    )
    qtbot.mouseClick(tab.challenge_save, Qt.MouseButton.LeftButton)
    assert [c.question for c in s11.challenges(window.db, the_return.id)][-1].startswith(
        "How do you"
    )

    tab.feedback.field("strengths").setPlainText("A thorough, well-evidenced return.")
    qtbot.mouseClick(tab.feedback_save, Qt.MouseButton.LeftButton)
    assert (
        s11.get_return(window.db, the_return.id).strengths == "A thorough, well-evidenced return."
    )

    qtbot.keyClicks(tab.action.field("text"), "Report training compliance to the board quarterly.")
    qtbot.mouseClick(tab.action_add, Qt.MouseButton.LeftButton)
    actions = s11.actions_arising(window.db, the_return.id)
    assert actions and actions[-1].text == "Report training compliance to the board quarterly."
    qtbot.waitUntil(lambda: tab.action_rows.rowCount() == len(actions))


def test_templates_and_letter_from_the_page(window, qtbot, tmp_path, monkeypatch) -> None:
    page = open_s11(window, qtbot)
    monkeypatch.setattr(page, "ask_folder", lambda _title: tmp_path / "templates")
    qtbot.mouseClick(page.templates_button, Qt.MouseButton.LeftButton)
    written = sorted((tmp_path / "templates").glob("*.xlsx"))
    assert len(written) == page.current_round.agencies_in_scope
    assert "template(s) written" in window.statusBar().currentMessage()
    letter = tmp_path / "letter.pdf"
    monkeypatch.setattr(page, "ask_save_path", lambda *_args: letter)
    page.returns_tab.table.selectRow(0)
    qtbot.mouseClick(page.returns_tab.letter_button, Qt.MouseButton.LeftButton)
    assert letter.read_bytes().startswith(b"%PDF")


def test_new_round_dialog(window, qtbot) -> None:
    dialog = RoundDialog(window.db, window)
    qtbot.addWidget(dialog)
    label = dialog.form.field("label")
    label.clear()
    qtbot.keyClicks(label, "2026")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert "already a round" in dialog.form.error_text("label")
    label.clear()
    qtbot.keyClicks(label, "2027")
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.saved is not None and dialog.saved.label == "2027"
    assert dialog.saved.agencies_in_scope > 10


def filled_return(db, tmp_path: Path) -> Path:
    the_round = s11.find_round(db, "2026")
    waiting = next(r for r in s11.round_returns(db, the_round.id) if r.overdue)
    template = write_template(
        db, round_context(db, the_round.id), waiting.agency_id, tmp_path / "t.xlsx", prefill=True
    )
    book = openpyxl.load_workbook(template)
    for ref, value in SIGN_OFF.items():
        book["Sign-off"][ref] = value
    book.save(tmp_path / "good.xlsx")
    return tmp_path / "good.xlsx"


def test_import_page_results_and_error_list(window, qtbot, tmp_path, monkeypatch) -> None:
    good = filled_return(window.db, tmp_path)
    bad = tmp_path / "bad.xlsx"
    bad.write_text("agency,rating\nPolice,Fully met\n")
    window.open_page("imports")
    page = window.pages["imports"]
    page.import_files([good, bad])
    rows = {r.path.name: r for r in page.proxy.visible_rows()}
    assert rows["good.xlsx"].status == FileStatus.IMPORTED
    assert rows["bad.xlsx"].status == FileStatus.REJECTED
    assert "1 imported, 0 unchanged, 1 rejected" in page.summary.text()
    # The rejected file is selected first, with its problem listed.
    assert page.error_model.rowCount() == 1
    assert "CSV or text file" in page.error_model.row(0).message
    saved = tmp_path / "errors.xlsx"
    monkeypatch.setattr(page, "ask_save_path", lambda _suggested: saved)
    qtbot.mouseClick(page.save_errors_button, Qt.MouseButton.LeftButton)
    sheet = openpyxl.load_workbook(saved).active
    assert any("CSV or text file" in str(c.value) for row in sheet.iter_rows() for c in row)


def test_dropping_files_on_the_window_imports_them(window, qtbot, tmp_path) -> None:
    good = filled_return(window.db, tmp_path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(good))])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)
    assert window.current_page().key == "imports"
    page = window.pages["imports"]
    assert [r.status for r in page.proxy.visible_rows()] == [FileStatus.IMPORTED]
