"""Forms of these pages choose their access keys: a label carries its "&" where the letter
is free on the page (F, G and H stay with the menus), and the names read out by a screen
reader drop it again."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from partnerboard.ui.forms import Form


def plain_names(form: Form) -> None:
    """Accessible names of every field (and of its problem line) without the "&"."""
    for key in form.values():
        widget = form.field(key)
        widget.setAccessibleName(widget.accessibleName().replace("&", ""))
        problem = form.findChild(QLabel, f"error_{key}")
        if problem is not None:
            problem.setAccessibleName(problem.accessibleName().replace("&", ""))
