"""The export and print buttons of the threshold pages write real files (read back here)."""

from __future__ import annotations

import openpyxl
import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from partnerboard.ui.pages.thresholds import outputs as threshold_outputs


@pytest.fixture
def saved_to(monkeypatch, tmp_path):
    asked: list[str] = []

    def ask(parent, title, suggested, file_filter):
        asked.append(suggested)
        return tmp_path / suggested

    monkeypatch.setattr(threshold_outputs, "ask_save_path", ask)
    return tmp_path, asked


@pytest.mark.parametrize(
    ("page_key", "kind"),
    [
        ("signup", "signup_xlsx"),
        ("signup", "signup_pdf"),
        ("thresholds", "document_pdf"),
        ("escalation_figures", "escalations_xlsx"),
    ],
)
def test_output_buttons_write_files(window, qtbot, saved_to, page_key, kind):
    folder, asked = saved_to
    window.open_page(page_key)
    page = window.pages[page_key]
    button = page.outputs.buttons[kind]
    assert button.accessibleName()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    path = folder / asked[-1]
    assert path.exists()
    if path.suffix == ".xlsx":
        assert len(openpyxl.load_workbook(path).sheetnames) >= 3
    else:
        assert PdfReader(path).pages
    assert f"Saved {path}" in window.statusBar().currentMessage()


def test_cancelling_the_file_dialog_writes_nothing(window, qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(threshold_outputs, "ask_save_path", lambda *args: None)
    window.open_page("signup")
    page = window.pages["signup"]
    qtbot.mouseClick(page.outputs.buttons["signup_pdf"], Qt.MouseButton.LeftButton)
    assert not [f for f in tmp_path.iterdir() if f.suffix in (".pdf", ".xlsx")]
    assert window.statusBar().currentMessage() == ""
