"""The main window: navigation on the left, one page at a time, the open database in the status bar."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRect, QSettings, QSize, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QWidget,
)

from partnerboard import __version__
from partnerboard.db.backup import backup_database, timestamp
from partnerboard.db.database import Database
from partnerboard.domain.access import Permission
from partnerboard.services import partnership_record
from partnerboard.ui import unsaved
from partnerboard.ui.context import AppContext, ChangeRelay
from partnerboard.ui.operations import Operations
from partnerboard.ui.pages import PAGES
from partnerboard.ui.pages.base import Page

PAGE_ROLE = Qt.ItemDataRole.UserRole + 1


def first_geometry(room: QRect, minimum: QSize) -> QRect:
    """Where the window opens when none is remembered: 1280×800 or 92% of the screen, whichever
    is smaller (never below what the window needs), centred; a window larger than a small screen
    keeps its top-left corner, and so its title bar, on it."""
    width = max(minimum.width(), min(1280, room.width() * 92 // 100))
    height = max(minimum.height(), min(800, room.height() * 92 // 100))
    left = room.left() + max(0, (room.width() - width) // 2)
    top = room.top() + max(0, (room.height() - height) // 2)
    return QRect(left, top, width, height)


class LazyPages(dict):
    """Pages by key, each built the first time it is asked for (start-up builds only the first)."""

    def __init__(self, build: Any):
        super().__init__()
        self._build = build

    def __missing__(self, key: str) -> Page:
        page = self._build(key)
        self[key] = page
        return page


class MainWindow(QMainWindow):
    page_loaded = Signal(str)  # key of a page whose first data load has finished

    def __init__(self, db: Database, parent: QWidget | None = None):
        super().__init__(parent)
        self.db = db
        self.setObjectName("mainWindow")
        self.operations = Operations(self)
        self.relay = ChangeRelay(db, self)
        self.context = AppContext(
            db=db,
            operations=self.operations,
            relay=self.relay,
            open_page=self.open_page,
            status=self.show_status,
        )
        # Pages for a permission the role lacks (users, imports) are not built for them.
        self._specs = {
            spec.key: spec
            for spec in PAGES
            if spec.permission is None or db.principal.may(Permission(spec.permission))
        }
        self.pages: dict[str, Page] = LazyPages(self._make_page)
        self.nav = QListWidget()
        self.nav.setObjectName("navigation")
        self.nav.setAccessibleName("Pages")
        self.nav.setMinimumWidth(160)
        self.nav.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.stack = QStackedWidget()
        self._build_pages()
        splitter = QSplitter()
        splitter.addWidget(self.nav)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([190, 1200])
        splitter.setChildrenCollapsible(False)
        self.setCentralWidget(splitter)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.db_label = QLabel(f"Database: {db.describe()}")
        self.db_label.setAccessibleName("Open database")
        self.statusBar().addPermanentWidget(self.db_label)
        principal = db.principal
        self.user_label = QLabel(f"{principal.name} ({principal.role.label})")
        self.user_label.setAccessibleName("Signed in as")
        self.statusBar().addPermanentWidget(self.user_label)
        self._build_menus()
        # Files dropped anywhere on the window go to the page that takes them (the import).
        self.setAcceptDrops(True)
        self.relay.changed.connect(lambda _changes: self._update_title())
        self._update_title()
        self._restore_state()

    # ------------------------------------------------------------ pages
    def _build_pages(self) -> None:
        group = None
        for shortcut, spec in enumerate(self._specs.values(), start=1):
            if spec.group != group:
                group = spec.group
                heading = QListWidgetItem(group.upper())
                heading.setFlags(Qt.ItemFlag.NoItemFlags)
                heading.setData(Qt.ItemDataRole.AccessibleTextRole, f"{group} pages")
                self.nav.addItem(heading)
            item = QListWidgetItem(f"  {spec.title}")
            item.setData(PAGE_ROLE, spec.key)
            if shortcut <= 9:
                item.setToolTip(f"{spec.title} (Ctrl+{shortcut})")
            self.nav.addItem(item)

        # Wide enough for the longest page name, so no name is cut short. (The scroll bar's own
        # width, not the style's metric: asking the style builds PySide6's 11 QStyle enums, ~5 ms
        # of the start-up.)
        scrollbar = self.nav.verticalScrollBar().sizeHint().width()
        self.nav.setFixedWidth(max(160, self.nav.sizeHintForColumn(0) + scrollbar + 16))

    def _make_page(self, key: str) -> Page:
        page = self._specs[key].page(self.context)
        page.loaded.connect(lambda key=key: self.page_loaded.emit(key))
        self.stack.addWidget(page)
        return page

    def page_keys(self) -> list[str]:
        return list(self._specs)

    def current_page(self) -> Page:
        return self.stack.currentWidget()  # type: ignore[return-value]

    def open_page(self, key: str, **options: Any) -> None:
        page = self.pages[key]
        for row in range(self.nav.count()):
            if self.nav.item(row).data(PAGE_ROLE) == key:
                self.nav.setCurrentRow(row)
                break
        if self.stack.currentWidget() is not page:
            return  # the user stayed where unsaved work is
        if options:
            page.open_with(**options)

    def _nav_changed(self, row: int) -> None:
        key = self.nav.item(row).data(PAGE_ROLE) if row >= 0 else None
        if key is None:
            return
        leaving = self.stack.currentWidget()
        if isinstance(leaving, Page) and leaving.key != key and not unsaved.settle(self, leaving):
            self._show_nav_row(leaving.key)
            return
        self.stack.setCurrentWidget(self.pages[key])
        _remember("window/last_page", key)

    def _show_nav_row(self, key: str) -> None:
        """Select `key` in the navigation without switching pages (after a Cancel)."""
        for row in range(self.nav.count()):
            if self.nav.item(row).data(PAGE_ROLE) == key:
                self.nav.blockSignals(True)
                try:
                    self.nav.setCurrentRow(row)
                finally:
                    self.nav.blockSignals(False)
                return

    # ------------------------------------------------------------ dropped files
    def _drop_page(self) -> Page | None:
        # Looked up by spec: pages are built lazily, and the import page may not be built yet.
        key = next((k for k, spec in self._specs.items() if spec.takes_files), None)
        return self.pages[key] if key is not None else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt name
        if self._drop_page() is not None and _local_paths(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt name
        page, paths = self._drop_page(), _local_paths(event)
        if page is None or not paths:
            return
        event.acceptProposedAction()
        self.open_page(page.key)
        page.handle_dropped_files(paths)  # type: ignore[attr-defined]

    # ------------------------------------------------------------ menus
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu("&File")
        if self.db.principal.may(Permission.BACK_UP):
            self.backup_action = QAction("&Back up database…", self)
            self.backup_action.triggered.connect(self.back_up)
            file_menu.addAction(self.backup_action)
        if self.db.is_sqlite and self.db.principal.may(Permission.RESTORE):
            self.restore_action = QAction("&Restore from backup…", self)
            self.restore_action.triggered.connect(self.restore)
            file_menu.addAction(self.restore_action)
        file_menu.addSeparator()
        quit_action = QAction("&Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        go_menu = self.menuBar().addMenu("&Go")
        for number, spec in enumerate(self._specs.values(), start=1):
            action = QAction(spec.title, self)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.open_page(key))
            go_menu.addAction(action)
        navigation = QAction("&Navigation list", self)
        navigation.setShortcut(QKeySequence("F6"))
        navigation.triggered.connect(self.nav.setFocus)
        go_menu.addSeparator()
        go_menu.addAction(navigation)
        help_menu = self.menuBar().addMenu("&Help")
        about = QAction("&About partnerboard", self)
        about.triggered.connect(self.about)
        help_menu.addAction(about)

    def restore(self) -> None:
        # The restore (and the checks it runs on a backup) only when asked for: not at start-up.
        from partnerboard.ui.restore_dialog import restore_from_backup  # noqa: PLC0415

        restore_from_backup(self, self.context)

    def back_up(self) -> None:
        from PySide6.QtWidgets import QFileDialog  # noqa: PLC0415  (not at start-up)

        suffix = ".sqlite" if self.db.is_sqlite else ".dump"
        name, _ = QFileDialog.getSaveFileName(
            self, "Back up database", f"partnerboard-backup-{timestamp()}{suffix}"
        )
        if not name:
            return
        self.operations.run(
            lambda _progress, _cancel: backup_database(self.db, Path(name)),
            lambda saved: self.show_status(f"Backed up to {saved}."),
            label="Backing up…",
        )

    def about(self) -> None:
        from partnerboard.ui import dialogs  # noqa: PLC0415  (message boxes: not at start-up)

        dialogs.show_info(
            self,
            "About partnerboard",
            f"partnerboard {__version__}\nRegisters, partner workbooks and board papers for a "
            f"safeguarding partnership.\n\n{self.db.describe()}",
        )

    # ------------------------------------------------------------ state
    def show_status(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _update_title(self) -> None:
        name = partnership_record.get_partnership(self.db).short_name
        self.setWindowTitle(f"{name} – partnerboard")

    def _restore_state(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        restored = geometry is not None and self.restoreGeometry(geometry)
        # First start, or office laptops that dock and undock (a window remembered on a missing
        # screen): a generous size, centred on the main screen, never larger than it.
        if not restored or not self._on_a_screen():
            screen = QGuiApplication.primaryScreen()
            if screen is None:
                self.resize(1280, 800)
            else:
                self.setGeometry(first_geometry(screen.availableGeometry(), self.minimumSizeHint()))
        last = settings.value("window/last_page")
        key = last if last in self._specs else next(iter(self._specs))
        self.open_page(key)

    def _on_a_screen(self) -> bool:
        frame = self.frameGeometry()
        if frame.width() < 200 or frame.height() < 150:
            return False
        return any(
            screen.availableGeometry().intersects(frame) for screen in QGuiApplication.screens()
        )

    def closeEvent(self, event: QCloseEvent) -> None:
        # Unsaved work on any page is asked about first (the page shown first); Cancel stays.
        shown = self.stack.currentWidget()
        built = sorted(self.pages.values(), key=lambda page: page is not shown)
        for page in built:
            if page.unsaved():
                self.open_page(page.key)
            if not unsaved.settle(self, page):
                event.ignore()
                return
        _remember("window/geometry", self.saveGeometry())
        self.operations.wait_idle(10_000)
        self.relay.close()
        super().closeEvent(event)


def _remember(name: str, value: Any) -> None:
    """Keep a window setting; the settings file is written (and synced to disk) only when the
    value differs from what it holds, so a start and close that change nothing write nothing."""
    settings = QSettings()
    if settings.value(name) != value:
        settings.setValue(name, value)


def _local_paths(event: QDragEnterEvent | QDropEvent) -> list[Path]:
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]
