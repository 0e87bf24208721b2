"""Threshold documents and partner sign-up through the real widgets, checked in the database."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from partnerboard.domain.thresholds import SignupStatus, VersionStatus
from partnerboard.services import partnership as p
from partnerboard.services import threshold_levels as tl
from partnerboard.services import threshold_signups as su
from partnerboard.services import thresholds as th
from tests.clock import TODAY


def choose(combo: QComboBox, text: str) -> None:
    position = combo.findText(text, Qt.MatchFlag.MatchContains)
    assert position >= 0, f"{text!r} not offered in {combo.accessibleName()}"
    combo.setCurrentIndex(position)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def current_matrix(db) -> su.SignupMatrix:
    (document,) = th.list_documents(db)
    return su.signup_matrix(db, document.id)


def cell_of(db, agency_id: int, version_id: int) -> su.SignupCell | None:
    matrix = current_matrix(db)
    row = next(r for r in matrix.rows if r.agency_id == agency_id)
    return matrix.cell(row, version_id)


def test_record_a_signup_in_the_matrix(window, qtbot):
    window.open_page("signup")
    page = window.pages["signup"]
    matrix = current_matrix(window.db)
    current = matrix.current
    waiting = next(
        r
        for r in matrix.not_signed_current()
        if matrix.cell(r, current.id).status is SignupStatus.PENDING
    )
    headline_before = page.headline.text()
    assert f"{len(matrix.rows) - len(matrix.not_signed_current())} of" in headline_before

    # Only the agencies that have not signed the current version, then pick one by keyboard.
    page.not_signed.setChecked(True)
    assert page.proxy.rowCount() == len(matrix.not_signed_current())
    qtbot.keyClicks(page.search, waiting.agency_name)
    assert page.proxy.rowCount() == 1
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_End)  # the last column: the newest version
    assert waiting.agency_name in page.form_title.text()
    assert page.form.value("version_id") == matrix.versions[-1].id

    page.select_cell(waiting.agency_id, current.id)
    choose(page.form.field("status"), "Agreed")
    qtbot.keyClicks(page.form.field("signatory_name"), "Morgan Hale")
    qtbot.keyClicks(page.form.field("signatory_role"), "Chief Executive")
    page.form.field("signed_on").set_value(TODAY)
    choose(page.form.field("method"), "Letter")
    click(qtbot, page.save_button)

    cell = cell_of(window.db, waiting.agency_id, current.id)
    assert (cell.status, cell.signatory_name, cell.signatory_role, cell.signed_on) == (
        SignupStatus.AGREED,
        "Morgan Hale",
        "Chief Executive",
        TODAY,
    )
    assert cell.method.value == "letter"
    # The agency leaves the "not signed" list and the headline counts one more.
    assert page.proxy.rowCount() == 0
    assert page.headline.text() != headline_before
    page.not_signed.setChecked(False)
    page.search.clear()
    agreed_text = page.model.index(
        page.model.position_of(lambda r: r.agency_id == waiting.agency_id),
        3 + matrix.position(current.id),
    ).data()
    assert agreed_text == f"Agreed {TODAY:%d/%m/%Y}"


def test_a_broken_signup_rule_shows_beside_the_field(window, qtbot):
    window.open_page("signup")
    page = window.pages["signup"]
    matrix = current_matrix(window.db)
    row = next(
        r
        for r in matrix.not_signed_current()
        if matrix.cell(r, matrix.current.id).status is SignupStatus.PENDING
    )
    assert page.select_cell(row.agency_id, matrix.current.id)
    choose(page.form.field("status"), "Agreed")
    click(qtbot, page.save_button)
    assert "Name who signed up" in page.form.error_text("signatory_name")
    assert "Say how" in page.form.error_text("method")
    assert cell_of(window.db, row.agency_id, matrix.current.id).status is SignupStatus.PENDING


def test_a_new_version_starts_everyone_at_pending(window, qtbot):
    window.open_page("thresholds")
    page = window.pages["thresholds"]
    before = current_matrix(window.db)
    old_cells = {r.agency_id: r.cells for r in before.rows}
    click(qtbot, page.new_version_button)
    assert page.version is not None and page.version.version == "4.0"
    assert page.version.status is VersionStatus.DRAFT
    assert page.form.field("version").hasFocus()

    after = current_matrix(window.db)
    new = after.versions[-1]
    assert new.version == "4.0"
    assert all(after.cell(row, new.id).status is SignupStatus.PENDING for row in after.rows)
    for row in after.rows:  # every earlier answer is still there, unchanged
        assert row.cells[:-1] == old_cells[row.agency_id]
    # The draft's levels came from version 3.0 and can be changed here.
    assert page.levels.editable and page.levels.model.rowCount() == 4
    page.levels.table.selectRow(2)
    descriptors = page.levels.form.field("descriptors")
    descriptors.clear()
    qtbot.keyClicks(descriptors, "Section 17 assessment led by children's social care.")
    click(qtbot, page.levels.add_button)
    name = page.levels.form.field("name")
    name.clear()
    qtbot.keyClicks(name, "Looked after")
    click(qtbot, page.levels.save_button)
    levels = tl.list_levels(window.db, new.id)
    assert [lv.name for lv in levels][-1] == "Looked after" and len(levels) == 5
    assert levels[2].descriptors == "Section 17 assessment led by children's social care."

    # Approving it through the form supersedes version 3.0.
    choose(page.form.field("status"), "Approved")
    page.form.field("approved_on").set_value(TODAY)
    click(qtbot, page.save_button)
    versions = {v.version: v for v in th.list_versions(window.db, page.document_id())}
    assert versions["4.0"].status is VersionStatus.APPROVED and versions["4.0"].is_current
    assert versions["3.0"].status is VersionStatus.SUPERSEDED
    assert not page.levels.editable and not page.levels.save_button.isEnabled()


def test_approving_without_a_date_is_refused_beside_the_field(window, qtbot):
    window.open_page("thresholds")
    page = window.pages["thresholds"]
    click(qtbot, page.new_version_button)
    choose(page.form.field("status"), "Approved")
    click(qtbot, page.save_button)
    assert "date the board approved" in page.form.error_text("approved_on")
    assert th.get_version(window.db, page.version.id).status is VersionStatus.DRAFT


def test_a_first_document_with_the_levels_from_the_settings(empty_window, qtbot, monkeypatch):
    from partnerboard.ui.pages.thresholds import dialogs as threshold_dialogs

    window = empty_window
    p.save_agency(window.db, p.AgencyInput(name="Constabulary", sector="police"))
    window.open_page("thresholds")
    page = window.pages["thresholds"]
    assert not page.new_version_button.isEnabled()

    def fill_and_save(dialog) -> int:
        if isinstance(dialog, threshold_dialogs.LevelNamesDialog):
            dialog.form.set_value("levels", "Universal\nAdditional\nComplex\nAcute")
        else:
            qtbot.keyClicks(dialog.form.field("title"), "Continuum of Need")
        dialog.save()
        return dialog.result()

    monkeypatch.setattr(threshold_dialogs.LevelNamesDialog, "exec", fill_and_save)
    monkeypatch.setattr(threshold_dialogs.DocumentDialog, "exec", fill_and_save)
    click(qtbot, page.level_names_button)
    click(qtbot, page.new_document_button)
    assert page.document.currentText() == "Continuum of Need"
    click(qtbot, page.new_version_button)
    assert page.version.version == "1.0"
    assert [lv.name for lv in page.levels.levels] == ["Universal", "Additional", "Complex", "Acute"]
    matrix = current_matrix(window.db)
    assert [r.agency_name for r in matrix.rows] == ["Constabulary"]


def test_signup_matrix_by_keyboard(window, qtbot):
    window.open_page("signup")
    page = window.pages["signup"]
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 4))
    first = page.proxy.row_at(0)
    assert page.agency_id == first.agency_id
    qtbot.keyClick(page.table, Qt.Key.Key_Down)
    second = page.proxy.row_at(1)
    assert page.agency_id == second.agency_id and second.agency_name in page.form_title.text()
    qtbot.keyClick(page.table, Qt.Key.Key_Left)  # the older version's answer, same agency
    assert page.cell_version == current_matrix(window.db).versions[0].id
    qtbot.keyClick(page.table, Qt.Key.Key_Tab)  # Tab leaves the table instead of moving in it
    assert not page.table.hasFocus()


def test_new_version_by_keyboard_shortcut(window, qtbot):
    window.open_page("thresholds")
    page = window.pages["thresholds"]
    count = page.model.rowCount()
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert page.model.rowCount() == count + 1 and page.form.field("version").hasFocus()
