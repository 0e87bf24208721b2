"""Access keys: on every page, and in every tab of it, no Alt+letter repeats and none is a menu's.

What counts is what a person sees at once: the page's own controls and those of the tab shown
in each tab widget (a hidden tab's keys do not fire). The walk opens each page of the real main
window, then each tab in turn, and reads the underlined letters the way a screen shows them.
"""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtWidgets import QMenu, QTabWidget, QWidget

from partnerboard.ui.access_keys import menu_keys, plain, widget_keys


def shown_keys(page: QWidget) -> dict[str, list[str]]:
    """Access key -> the texts that show it, for the controls visible on `page` now."""
    found: dict[str, list[str]] = defaultdict(list)
    for widget in page.findChildren(QWidget):
        if isinstance(widget, QMenu) or widget.window() is not page.window():
            continue
        if not widget.isVisibleTo(page):
            continue
        for key in widget_keys(widget):
            text = getattr(widget, "text", getattr(widget, "title", lambda: ""))
            found[key].append(
                plain(text() if callable(text) else str(text)) or type(widget).__name__
            )
    return found


def problems_on(page: QWidget, reserved: set[str], where: str) -> list[str]:
    found = shown_keys(page)
    problems = [
        f"{where}: Alt+{key} is used by {', '.join(repr(t) for t in texts)}"
        for key, texts in sorted(found.items())
        if len(texts) > 1
    ]
    problems += [
        f"{where}: Alt+{key} ({', '.join(repr(t) for t in found[key])}) is the menu bar's"
        for key in sorted(reserved & set(found))
    ]
    return problems


def test_no_access_key_repeats_on_a_page_or_takes_a_menu_s(window, qtbot):
    reserved = menu_keys(window.menuBar())
    assert reserved == {"F", "G", "H"}  # File, Go, Help
    problems: list[str] = []
    for key in window.page_keys():
        window.open_page(key)
        page = window.pages[key]
        qtbot.waitUntil(lambda page=page: page.isVisible())
        problems += problems_on(page, reserved, page.title)
        for tabs in page.findChildren(QTabWidget):
            if not tabs.isVisibleTo(page):
                continue
            for index in range(tabs.count()):
                if not tabs.isTabEnabled(index):
                    continue
                tabs.setCurrentIndex(index)
                where = f"{page.title} › {plain(tabs.tabText(index))}"
                problems += problems_on(page, reserved, where)
            tabs.setCurrentIndex(0)
    assert not sorted(set(problems)), "\n".join(sorted(set(problems)))
