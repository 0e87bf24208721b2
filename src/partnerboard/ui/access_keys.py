"""Access keys (Alt+letter) that never repeat on what shows at once, and leave the menus alone.

Buttons, tabs and check boxes written with an "&" keep the key their author chose. Form
captions (and anything else marked with the `WANTS_KEY` property) get theirs here, once the
page or dialog is built: the first letter of a word of the caption that nothing else on the page
uses, else another letter of it, else none (Tab still reaches the field). The letters of the
menu bar (File, Go, Help) are never given, since the menu would win.

What shows at once: a page's own controls, plus the controls of the tab shown in each of its
tab widgets. Tabs of one tab widget never show together, so they may reuse each other's keys.
`tests/ui/test_access_keys.py` walks every page and tab and fails on a repeated key.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QGroupBox,
    QLabel,
    QMainWindow,
    QMenu,
    QMenuBar,
    QTabBar,
    QTabWidget,
    QWidget,
)

WANTS_KEY = "wants_access_key"  # a widget property: give this caption an access key
# A widget property: keys the control shows in other states ("KDOE" for a button whose text
# follows a meeting's status), kept free on its page as if shown.
OTHER_KEYS = "other_access_keys"
_MNEMONIC = re.compile(r"(?<!&)&(?!&)(\w)")


def mnemonic(text: str) -> str | None:
    """The access key of a text ("Save &item" → "I"), or None."""
    match = _MNEMONIC.search(text or "")
    return match.group(1).upper() if match else None


def plain(text: str) -> str:
    """The text without its access-key marker ("&&" stays a literal "&")."""
    return re.sub(r"&(&?)", r"\1", text or "")


def menu_keys(bar: QMenuBar | None) -> set[str]:
    if bar is None:
        return set()
    return {key for action in bar.actions() if (key := mnemonic(action.text()))}


def window_menu_keys(widget: QWidget) -> set[str]:
    window = widget.window()
    return menu_keys(window.menuBar()) if isinstance(window, QMainWindow) else set()


def widget_keys(widget: QWidget) -> list[str]:
    """The access keys a widget shows (a tab bar shows one per tab)."""
    if isinstance(widget, QTabBar):
        texts = [widget.tabText(i) for i in range(widget.count())]
    elif isinstance(widget, QLabel):
        texts = [] if _rich(widget.text()) else [widget.text()]  # rich text: "&" is no key
    elif isinstance(widget, QAbstractButton):
        texts = [widget.text()]
    elif isinstance(widget, QGroupBox):
        texts = [widget.title()]
    else:
        texts = []
    return [key for text in texts if (key := mnemonic(text))]


def _rich(text: str) -> bool:
    return "<" in text and ">" in text


def _wants(widget: QWidget) -> bool:
    return bool(widget.property(WANTS_KEY))


def _scope(root: QWidget) -> tuple[list[QWidget], list[QWidget]]:
    """(the widgets of `root` outside any tab page, the tab pages: scopes of their own)."""
    own: list[QWidget] = []
    pages: list[QWidget] = []

    def visit(widget: QWidget, skip: set[QWidget]) -> None:
        for child in widget.findChildren(
            QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
        ):
            if child in skip:
                pages.append(child)
                continue
            if isinstance(child, QMenu) or child.isWindow():
                continue
            own.append(child)
            if isinstance(child, QTabWidget):
                visit(child, {child.widget(i) for i in range(child.count())})
            else:
                visit(child, skip)

    visit(root, set())
    return own, pages


def explicit_keys(root: QWidget) -> set[str]:
    """Keys chosen by hand anywhere under `root` (tab pages and all, menus apart)."""
    found: set[str] = set()
    own, pages = _scope(root)
    for widget in own:
        if not _wants(widget):
            found.update(widget_keys(widget))
        found.update(str(widget.property(OTHER_KEYS) or "").upper())
    for page in pages:
        found |= explicit_keys(page)
    return found


def assign(root: QWidget, reserved: Iterable[str] = ()) -> None:
    """Give every caption under `root` that wants an access key one that is free (see above)."""
    own, pages = _scope(root)
    taken = {k.upper() for k in reserved}
    taken |= {key for w in own if not _wants(w) for key in widget_keys(w)}
    taken |= {k for w in own for k in str(w.property(OTHER_KEYS) or "").upper()}
    # Keys chosen by hand inside the tabs show with these captions too: leave them free.
    avoid = explicit_keys(root)
    for widget in own:
        if _wants(widget) and (key := _give(widget, taken | avoid)):
            taken.add(key)
    for page in pages:
        assign(page, taken)


def _text_of(widget: QWidget) -> str:
    if isinstance(widget, QGroupBox):
        return widget.title()
    return widget.text() if isinstance(widget, (QLabel, QAbstractButton)) else ""


def _set_text(widget: QWidget, text: str) -> None:
    if isinstance(widget, QGroupBox):
        widget.setTitle(text)
    elif isinstance(widget, (QLabel, QAbstractButton)):
        widget.setText(text)


def _give(widget: QWidget, taken: set[str]) -> str | None:
    text = plain(_text_of(widget)).replace("&", "&&")
    if not text.strip():
        return None
    starts = [m.start() for m in re.finditer(r"\b[A-Za-z]", text)]
    others = [i for i, c in enumerate(text) if c.isalpha() and c.isascii() and i not in starts]
    for position in starts + others:
        letter = text[position].upper()
        if letter not in taken:
            _set_text(widget, f"{text[:position]}&{text[position:]}")
            return letter
    _set_text(widget, text)
    return None
