"""Small pieces the performance pages share: a button with its access key and its name for
screen readers, and label / value facts as rich text. (Form captions get their access keys
page by page from `ui.access_keys`; buttons choose theirs, clear of F, G and H.)"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtWidgets import QPushButton


def button(text: str, name: str, clicked: Callable[[], object]) -> QPushButton:
    """A push button with its access key in `text` and what it does as its accessible name."""
    found = QPushButton(text)
    found.setAccessibleName(name)
    found.clicked.connect(clicked)
    return found


def facts_html(facts: Sequence[tuple[str, str | None]]) -> str:
    """Label / value lines as a rich-text table (values escaped; empty ones left out)."""
    rows = "".join(
        f"<tr><td><b>{escape(label)}</b>&nbsp;</td><td>{escape(value)}</td></tr>"
        for label, value in facts
        if value
    )
    return f"<table>{rows}</table>"
