"""Forms of these pages choose their access keys: a label carries its "&" where the letter
is free on the page (F, G and H stay with the menus), and the names read out by a screen
reader drop it again."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtWidgets import QLabel, QPushButton

from partnerboard.ui.forms import Form


def plain_names(form: Form) -> None:
    """Accessible names of every field (and of its problem line) without the "&"."""
    for key in form.values():
        widget = form.field(key)
        widget.setAccessibleName(widget.accessibleName().replace("&", ""))
        problem = form.findChild(QLabel, f"error_{key}")
        if problem is not None:
            problem.setAccessibleName(problem.accessibleName().replace("&", ""))


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
