"""The pages of the main window, in navigation order.

Each register declares its pages in its manifest (`partnerboard.registers`); this is the list
built from them, in the order the navigation shows it. The first page is the home page shown
on a first start.

A page's module is imported only when the page is first opened: importing all of them (and
the services behind them) cost about 0.3 s of every start-up. The key and title are written
in the manifest as well as on the class, so that the navigation and menus need no import;
`tests/ui/test_main_window.py` checks that the two agree.
"""

from __future__ import annotations

from partnerboard.registers import PageSpec, pages

__all__ = ["PAGES", "PageSpec"]

PAGES: list[PageSpec] = pages()
