"""The engagement log and the yearly report page through the real widgets."""

from __future__ import annotations

from datetime import timedelta

import docx
from PySide6.QtCore import Qt

from partnerboard.domain import public_sector_year as years
from partnerboard.domain.public_sector_year import Period
from partnerboard.published.check import check_pdf
from partnerboard.services.engagement import list_engagement
from partnerboard.services.yearly_report.narrative import load_narrative
from partnerboard.ui.pages import yearly_report as page_module
from tests.clock import TODAY
from tests.yearly.word_reading import read_word

YEAR = Period.latest_complete(TODAY, years.YEAR)


def click(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_record_an_engagement_activity(window, qtbot, answered_dialogs):
    window.open_page("engagement")
    page = window.pages["engagement"]
    before = page.model.rowCount()
    click(qtbot, page.new_button)
    assert page.form.field("held_on").hasFocus()
    page.form.field("held_on").set_value(TODAY - timedelta(days=3))
    qtbot.keyClicks(page.form.field("activity"), "Young carers' drop-in")
    qtbot.keyClicks(page.form.field("participants"), "Young carers aged 10 to 15")
    click(qtbot, page.save_button)  # what was heard is missing: said beside the field
    assert page.form.error_text("heard") == "Say what was heard."
    assert page.model.rowCount() == before
    qtbot.keyClicks(page.form.field("heard"), "They want a quiet room at school.")
    qtbot.keyClicks(page.form.field("changed"), "Two schools opened one.")
    click(qtbot, page.save_button)
    assert page.model.rowCount() == before + 1
    saved = next(r for r in list_engagement(window.db) if r.activity == "Young carers' drop-in")
    assert (saved.held_on, saved.heard, saved.changed) == (
        TODAY - timedelta(days=3),
        "They want a quiet room at school.",
        "Two schools opened one.",
    )
    assert saved.participants == "Young carers aged 10 to 15" and not answered_dialogs.problems


def test_draft_take_the_narrative_and_publish_from_the_page(
    window, qtbot, monkeypatch, tmp_path, answered_dialogs
):
    window.open_page("yearly_report")
    page = window.pages["yearly_report"]
    assert page.chosen_year() == YEAR
    lines = {line.title.strip(): line for line in page.model.rows()}
    # The demo's registers hold every part of the year: training and the dataset included.
    for part in (
        "Multi-agency training",
        "Performance dataset",
        "Engagement with children and families",
    ):
        assert lines[part].evidence == "Yes" and not lines[part].gaps, part
    assert "0 gap(s)" in page.summary.text()

    draft = tmp_path / "draft.docx"
    monkeypatch.setattr(page_module, "ask_save_path", lambda *args: draft)
    click(qtbot, page.draft_button)
    assert read_word(draft).headings[0][1].startswith("Before publication")
    assert f"Saved the draft for {YEAR.label}" in window.statusBar().currentMessage()

    document = docx.Document(str(draft))
    for paragraph in document.paragraphs:
        if paragraph.style.name == "To be written":
            paragraph.text = "Written by the team."
    document.save(str(draft))
    monkeypatch.setattr(page_module, "ask_open_path", lambda *args: draft)
    click(qtbot, page.take_button)
    assert "18 section(s) written" in window.statusBar().currentMessage()
    assert len(load_narrative(window.db, YEAR)) == 18
    assert all(line.narrative.startswith("Written") for line in page.model.rows())

    site = tmp_path / "site"
    monkeypatch.setattr(page_module, "ask_folder", lambda *args: site)
    click(qtbot, page.publish_button)
    published = site / f"yearly-report-{YEAR.slug}.html"
    assert published.exists() and not answered_dialogs.problems
    assert published.read_text("utf-8").count("Written by the team.") == 18
    assert check_pdf(published.with_suffix(".pdf")).ok  # and its tagged PDF beside it
    assert "as HTML and tagged PDF" in window.statusBar().currentMessage()

    # The year in progress can only be previewed: publishing it is refused with a reason.
    page.year.setCurrentIndex(0)
    click(qtbot, page.publish_button)
    assert "has not ended" in answered_dialogs.problems[-1]
    click(qtbot, page.preview_button)
    preview = site / f"preview-yearly-report-{page.chosen_year().slug}"
    assert preview.with_suffix(".html").exists() and preview.with_suffix(".pdf").exists()
    assert "a preview of the yearly report" in window.statusBar().currentMessage()


def test_cancelling_a_file_dialog_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    window.open_page("yearly_report")
    page = window.pages["yearly_report"]
    for name in ("ask_save_path", "ask_open_path", "ask_folder"):
        monkeypatch.setattr(page_module, name, lambda *args: None)
    for button in (page.draft_button, page.take_button, page.publish_button, page.preview_button):
        click(qtbot, button)
    assert window.statusBar().currentMessage() == ""
    assert load_narrative(window.db, YEAR) == {}
