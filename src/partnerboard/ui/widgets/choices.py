"""Refilling a choice list (rounds, audits, documents, agencies) after the data changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QSignalBlocker
from PySide6.QtWidgets import QComboBox


def refill(
    combo: QComboBox,
    options: Iterable[tuple[Any, str]],
    keep: Any = None,
    *,
    quietly: bool = True,
) -> None:
    """Replace the options (value, label) and choose `keep` again if it is still offered,
    otherwise the first. Quietly: no change signals, since the caller loads what depends on
    the choice once, afterwards (rather than once per option added)."""
    blocker = QSignalBlocker(combo) if quietly else None
    try:
        combo.clear()
        for value, label in options:
            combo.addItem(label, value)
        position = combo.findData(keep) if keep is not None else -1
        combo.setCurrentIndex(max(position, 0) if combo.count() else -1)
    finally:
        if blocker is not None:
            blocker.unblock()
