"""The multi-agency audit pages through their real widgets: returns dropped on the window after a
LibreOffice re-save, moderation by keyboard and mouse, figures on screen against a hand count."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtWidgets import QApplication

from partnerboard.domain.audits import Grade
from partnerboard.services import audits
from partnerboard.ui import unsaved
from partnerboard.ui.pages.audits.dialogs import RecommendationDialog
from partnerboard.workbooks.importer import FileStatus
from partnerboard.workbooks.ma_audit.template import write_templates
from tests.fixtures_audits import AuditWorld, fill_audit_return, snapshot
from tests.ui.test_main_window import SHOTS, focusable_controls


@pytest.fixture
def audit_window(app, qtbot, audit_world: AuditWorld):
    from partnerboard.ui.main_window import MainWindow

    main = MainWindow(audit_world.db)
    qtbot.addWidget(main)
    main.resize(1400, 860)
    main.show()
    qtbot.waitExposed(main)
    return main


def open_audits(window, qtbot, tab: int):
    window.open_page("audits")
    page = window.pages["audits"]
    qtbot.waitUntil(lambda: page.audit_choice.count() > 0)
    page.tabs.setCurrentIndex(tab)
    return page


def drop(window, paths: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    event = QDropEvent(
        QPointF(200, 200), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )  # fmt: skip
    window.dropEvent(event)


def select(tab, case: str, agency: str) -> None:
    for position, row in enumerate(tab.proxy.visible_rows()):
        if (row.case_reference, row.agency_name) == (case, agency):
            tab.table.selectRow(position)
            return
    raise AssertionError(f"no row {case} {agency}")


@pytest.mark.libreoffice
def test_moderation_screen_matches_a_hand_count(
    audit_window, audit_world: AuditWorld, qtbot, tmp_path, resave
) -> None:
    w = audit_world
    written = write_templates(w.db, w.audit.id, tmp_path / "out").paths
    by_agency = {p.name.split(" - ")[-1].removesuffix(".xlsx"): p for p in written}
    answers = {
        "Wrenfield Constabulary": {"NG-2026-01": ("Visits", "Timely", "Good", None),
                                   "NG-2026-03": ("Strategy", "Risk missed", "Inadequate", None)},
        "Wrenfield Community Health": {"NG-2026-01": ("Clinic", "Drift", "requires improvement", None),
                                       "NG-2026-02": ("Visits", "Good notes", "Good", None)},
        "Heronsgate Academy": {"NG-2026-02": ("Pastoral", "Child heard", "Outstanding", None),
                               "NG-2026-03": ("DSL", "Late referral", "RI", None)},
    }  # fmt: skip
    returns = [
        resave(fill_audit_return(by_agency[name], tmp_path / f"{name}.xlsx", given))
        for name, given in answers.items()
    ]
    drop(audit_window, returns)
    imports = audit_window.pages["imports"]
    assert [r.status for r in imports.proxy.visible_rows()] == [FileStatus.IMPORTED] * 3

    page = open_audits(audit_window, qtbot, 2)
    tab = page.moderation_tab
    assert tab.model.rowCount() == 6
    # Police NG-2026-01: agreed, by keyboard.
    select(tab, "NG-2026-01", "Wrenfield Constabulary")
    panel = tab.panel
    assert panel.involvement.toPlainText() == "Visits"
    assert panel.agreed.isChecked() and not panel.form.field("moderated_grade").isEnabled()
    qtbot.keyClicks(panel.form.field("moderator"), "Quality Lead")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    # Police NG-2026-03 Inadequate -> Requires improvement; school NG-2026-02 Outstanding -> Good.
    for case, agency, grade in (("NG-2026-03", "Wrenfield Constabulary", Grade.REQUIRES_IMPROVEMENT),
                                ("NG-2026-02", "Heronsgate Academy", Grade.GOOD)):  # fmt: skip
        select(tab, case, agency)
        panel.agreed.setChecked(False)
        combo = panel.form.field("moderated_grade")
        assert combo.isEnabled()
        combo.setCurrentIndex(combo.findData(grade.value))
        qtbot.keyClicks(panel.form.field("moderator"), "Quality Lead")
        qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    # Refused: the moderator disagreed but gave no grade; nothing is written.
    select(tab, "NG-2026-01", "Wrenfield Community Health")
    before = snapshot(w.db)
    panel.agreed.setChecked(False)
    qtbot.keyClicks(panel.form.field("moderator"), "Quality Lead")
    qtbot.mouseClick(panel.record_button, Qt.MouseButton.LeftButton)
    assert "choose the grade they gave" in panel.form.error_text("moderated_grade")
    assert snapshot(w.db) == before

    # Hand count over the six current returns (final grade: moderated where moderated):
    #   Police 01 Good (agreed), Police 03 RI (was Inadequate), Health 01 RI, Health 02 Good,
    #   School 02 Good (was Outstanding), School 03 RI  ->  6 of 6 RI or better; 1 of 3 agreed.
    qtbot.waitUntil(lambda: "1 of 3" in tab.agreement.text())
    assert "100% (6 of 6)" in tab.share.text()
    assert "33% (1 of 3)" in tab.agreement.text()
    assert "6 of 6 received" in tab.progress.text() and "0 case(s)" in tab.progress.text()
    assert tab.chart.data().counts == ((0,), (3,), (3,), (0,))
    shown = {
        (tab.proxy.index(r, 0).data(), tab.proxy.index(r, 1).data()): (
            tab.proxy.index(r, 2).data(), tab.proxy.index(r, 3).data(), tab.proxy.index(r, 4).data(),
        )
        for r in range(tab.proxy.rowCount())
    }  # fmt: skip
    assert shown[("NG-2026-03", "Wrenfield Constabulary")] == (
        "Inadequate",
        "Requires improvement",
        "No",
    )
    assert shown[("NG-2026-01", "Wrenfield Constabulary")] == ("Good", "Good", "Yes")
    assert shown[("NG-2026-03", "Heronsgate Academy")] == ("Requires improvement", "", "")
    figures = audits.figures_of(audits.grade_rows(w.db, w.audit.id))
    assert (str(figures.ri_or_better), str(figures.agreement)) == ("100% (6 of 6)", "33% (1 of 3)")
    assert "latest moderation" in tab.rules.text()
    assert "Returns not yet moderated are not counted" in tab.rules.text()
    SHOTS.mkdir(parents=True, exist_ok=True)
    QApplication.processEvents()  # let the pending layout pass run before the picture
    assert audit_window.grab().save(str(SHOTS / "audits_moderation.png"))


def test_a_reference_that_looks_like_a_name_is_refused_beside_the_field(
    audit_window, audit_world, qtbot
) -> None:
    page = open_audits(audit_window, qtbot, 1)
    tab = page.cases_tab
    qtbot.mouseClick(tab.new_button, Qt.MouseButton.LeftButton)
    reference = tab.form.field("reference")
    assert reference.hasFocus()
    qtbot.keyClicks(reference, "Jayden Smith")
    tab.agencies.set_form_value([audit_world.police.id])
    before = snapshot(audit_world.db)
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    assert "“Jayden”, “Smith” look like names" in tab.form.error_text("reference")
    assert snapshot(audit_world.db) == before
    reference.clear()
    qtbot.keyClicks(reference, "NG-2026-04")
    qtbot.mouseClick(tab.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 4)
    assert "NG-2026-04" in [
        c.reference for c in audits.list_cases(audit_world.db, audit_world.audit.id)
    ]


def test_a_new_audit_by_keyboard(audit_window, audit_world, qtbot) -> None:
    page = open_audits(audit_window, qtbot, 0)
    qtbot.mouseClick(page.new_button, Qt.MouseButton.LeftButton)
    form = page.details_tab.form
    assert form.field("theme").hasFocus()
    qtbot.keyClicks(form.field("theme"), "Exploitation")
    qtbot.keyClick(form.field("theme"), Qt.Key.Key_Tab)
    qtbot.keyClicks(audit_window.focusWidget(), "Exploitation 2027")
    qtbot.keyClick(audit_window.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: page.audit_choice.count() == 2)
    assert page.current is not None and page.current.title == "Exploitation 2027"
    # A jump of status is refused beside the field.
    status = form.field("status")
    status.setCurrentIndex(status.findData("closed"))
    qtbot.mouseClick(page.details_tab.save_button, Qt.MouseButton.LeftButton)
    assert "one step at a time" in form.error_text("status")


def test_recommendation_goes_to_the_action_log_and_shows_its_rag(
    audit_window, audit_world, qtbot
) -> None:
    w = audit_world
    finding = audits.save_finding(
        w.db, w.audit.id, audits.FindingInput("learning", "Follow up missed appointments.")
    )
    page = open_audits(audit_window, qtbot, 3)
    dialog = RecommendationDialog(
        w.db, page.current, audits.list_findings(w.db, w.audit.id), finding.id, page
    )
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.form.field("text"), "Agree 'was not brought' guidance.")
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    tab = page.findings_tab
    qtbot.waitUntil(lambda: tab.rec_model.rowCount() == 1)
    rag = tab.rec_proxy.index(0, 1)
    assert rag.data() == "Not rated"
    assert tab.loop.text() == "0 of 1 complete (closed, or Green)"


def test_every_control_on_every_tab_is_named(window, qtbot) -> None:
    missing = []
    for key in ("audits", "audit_programme"):
        window.open_page(key)
        page = window.pages[key]
        tabs = getattr(page, "tabs", None)
        for index in range(tabs.count() if tabs else 1):
            if tabs:
                tabs.setCurrentIndex(index)
            for control in focusable_controls(page):
                name = control.accessibleName() or getattr(control, "text", lambda: "")()
                if not name.replace("&", "").strip():
                    missing.append(
                        f"{key}/{index}: {type(control).__name__} {control.objectName()}"
                    )
    assert not missing, missing


def test_the_programme_opens_an_audit(window, qtbot) -> None:
    window.open_page("audit_programme")
    page = window.pages["audit_programme"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 4)
    assert page.chart.data().categories[0].startswith("Domestic abuse")
    assert page.theme_model.rowCount() >= 5
    first = page.proxy.index(0, 0)
    page.table.setCurrentIndex(first)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert window.current_page().key == "audits"
    audits_page = window.pages["audits"]
    assert audits_page.tabs.currentIndex() == 2
    assert audits_page.current.id == page.proxy.row_at(0).audit.id
    SHOTS.mkdir(parents=True, exist_ok=True)
    assert window.grab().save(str(SHOTS / "audits_from_programme.png"))


def test_edits_survive_a_refresh_and_a_switch_asks_first(
    audit_window, audit_world, qtbot, answered_dialogs
) -> None:
    w = audit_world
    page = open_audits(audit_window, qtbot, 0)
    title = page.details_tab.form.field("title")
    title.clear()
    qtbot.keyClicks(title, "Neglect and cumulative harm 2026")
    # Someone (here: an import or another tab) commits a change: the page reloads, edits stay.
    audits.save_finding(w.db, w.audit.id, audits.FindingInput("strength", "Good chronologies."))
    qtbot.waitUntil(lambda: page.findings_tab.model.rowCount() == 1)
    assert title.text() == "Neglect and cumulative harm 2026"
    # Switching audits with unsaved edits asks; "Cancel" keeps the audit and the edits.
    other = audits.save_audit(w.db, audits.AuditInput("Exploitation", "Exploitation 2027"))
    qtbot.waitUntil(lambda: page.audit_choice.count() == 2)
    answered_dialogs.unsaved_answer = unsaved.Answer.CANCEL
    page.select_audit(other.id)
    assert answered_dialogs.unsaved[-1] == "your changes to the audit “Neglect 2026”"
    assert page.current.id == w.audit.id and title.text() == "Neglect and cumulative harm 2026"
    qtbot.keyClick(title, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    assert audits.get_audit(w.db, w.audit.id).title == "Neglect and cumulative harm 2026"


def test_a_closed_audit_s_case_is_re_audited_from_the_sample(window, qtbot) -> None:
    from partnerboard.ui.pages.audits.dialogs import ReauditDialog

    page = open_audits(window, qtbot, 1)
    closed = next(a for a in page.rows if a.status.complete and a.theme == "Domestic abuse")
    page.select_audit(closed.id)
    tab = page.cases_tab
    assert (
        tab.locked
        and not tab.save_button.isEnabled()
        and "its sample is fixed" in tab.locked_note.text()
    )
    flagged = next(r for r in tab.proxy.visible_rows() if r.flagged and not r.reaudited_as)
    tab.chooser.select(flagged.id)
    assert tab.reaudit_button.isEnabled()
    dialog = ReauditDialog(window.db, flagged, parent=tab)
    qtbot.addWidget(dialog)
    target = dialog.form.field("audit_id")
    assert target.count() == 1  # only the audit in progress takes a re-audit
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    qtbot.waitUntil(
        lambda: any(r.id == flagged.id and r.reaudited_as for r in tab.proxy.visible_rows())
    )
    row = next(r for r in tab.proxy.visible_rows() if r.id == flagged.id)
    assert row.reaudited_as == (f"{flagged.reference} in Return home interviews",)
