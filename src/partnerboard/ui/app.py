"""Starting the app: Qt application, the database (opened before any window), the main window.

`--smoke` opens the main window on the database, waits until the first page has loaded and
painted its data, prints `ready <milliseconds>` and exits: for the packaged build's test and
for the start-up benchmark.
"""

from __future__ import annotations

import sys
import time

# The Qt-free core first (SQLAlchemy, the storage, the start's services): PySide6's import hook
# reads the source file of every module imported after PySide6 (looking for "PySide6" in it,
# PYSIDE-2029), which cost the start-up ~300 source files read and tokenised.
from partnerboard import STARTED_AT, __version__, gc_policy
from partnerboard.db.app_lock import app_lock_path
from partnerboard.db.database import Database
from partnerboard.db.schema import open_database
from partnerboard.errors import UserError
from partnerboard.services import access as _access  # noqa: F401  (sign-in's service)
from partnerboard.services.partnership_record import ensure_partnership
from partnerboard.settings import Settings, app_paths, database_target, resource

# isort: split
from PySide6.QtCore import QLocale, QLockFile, QSettings, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication


def _spare_pyside_source_reads() -> None:
    """Tell PySide6's import hook that no module of this process needs a look at its source.

    The hook (PYSIDE-2029, `shibokensupport.feature`) reads the whole source of each module the
    first time an import statement names it after PySide6 loaded, to learn whether it uses
    PySide6's optional `__feature__` switches (snake_case, true_property); partnerboard uses
    none. That was ~90 files at each start (the app's modules naming SQLAlchemy's and the
    standard library's again), then 46 (the modules imported after PySide6: the window, the
    home page, SQLite's dialect: ~8 ms), and every page, export or import opened later read the
    source of each module it brought in. Each module is recorded as "not switched" (-1, what the
    hook itself records for a module without PySide6; a module that asks for a switch still
    gets it): those loaded so far here, once just after PySide6 is imported (below) and again
    when the app starts, and every later one by `_NotSwitched` as it is about to be imported.
    Nothing happens if a PySide6 release keeps the table elsewhere.
    """
    feature = sys.modules.get("shibokensupport.feature")
    table = getattr(feature, "pyside_feature_dict", None)
    if isinstance(table, dict):
        for name in list(sys.modules):
            table.setdefault(name, -1)
        if not any(isinstance(finder, _NotSwitched) for finder in sys.meta_path):
            sys.meta_path.insert(0, _NotSwitched(table))


class _NotSwitched:
    """An import finder that finds nothing: it records the module about to be imported in
    PySide6's feature table as "not switched", then leaves the import to the usual finders."""

    def __init__(self, table: dict[str, int]) -> None:
        self._table = table

    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        self._table.setdefault(name, -1)


_spare_pyside_source_reads()  # before the app's Qt modules name the loaded modules again

# isort: split
from partnerboard.ui.backups import AutoBackups  # noqa: E402
from partnerboard.ui.main_window import MainWindow  # noqa: E402
from partnerboard.ui.sign_in import sign_in  # noqa: E402

SMOKE_TIMEOUT_MS = 60_000
START_UP_GC_PAUSE_MS = 5_000


def make_application(argv: list[str] | None = None) -> QApplication:
    """The QApplication with partnerboard's identity, UK locale, style and settings location."""
    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setOrganizationName("partnerboard")
    app.setApplicationName("partnerboard")
    app.setApplicationVersion(__version__)
    # Window and table state live beside our other settings (PARTNERBOARD_HOME moves them too).
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(app_paths().config)
    )
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    style = resource("style.qss")
    if style.exists():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    icon = resource("icons", "partnerboard.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app


def _install_excepthook() -> None:
    def hook(kind, error, tb) -> None:
        if issubclass(kind, KeyboardInterrupt):
            sys.__excepthook__(kind, error, tb)
            return
        from partnerboard.ui import dialogs  # noqa: PLC0415  (message boxes when needed)

        dialogs.show_bug(QApplication.activeWindow(), kind, error, tb)

    sys.excepthook = hook


def single_instance_lock(db: Database) -> QLockFile | None:
    """Two copies of the app must never write one SQLite file; a server handles its own clients."""
    if not db.is_sqlite:
        return None
    assert db.target.path is not None
    path = app_lock_path(db.target.path)  # `partnerboard restore` reads it (db/app_lock.py)
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = QLockFile(str(path))
    lock.setStaleLockTime(0)
    return lock if lock.tryLock(200) else None


def run_app(db_target: str | None = None, smoke: bool = False) -> int:
    _spare_pyside_source_reads()
    app = make_application()
    _install_excepthook()

    def refuse(message: str) -> int:
        if smoke:
            print(f"partnerboard: {message}", file=sys.stderr)
        else:
            from partnerboard.ui import dialogs  # noqa: PLC0415

            dialogs.show_problem(None, "partnerboard cannot start", message)
        return 1

    try:
        db = open_database(database_target(db_target))
    except UserError as error:
        return refuse(str(error))
    lock = single_instance_lock(db)
    if db.is_sqlite and lock is None:
        db.close()
        return refuse(f"partnerboard already has {db.describe()} open in another window.")
    try:
        # Who is working (sign-in where required), before the first write and the window.
        principal = sign_in(db)
        if principal is not None:
            db.principal = principal
            ensure_partnership(db)
    except UserError as error:
        principal = None
        from partnerboard.ui import dialogs  # noqa: PLC0415

        dialogs.show_problem(None, "partnerboard cannot start", str(error))
    if principal is None:
        db.close()
        if lock is not None:
            lock.unlock()
        return 1 if smoke else 0
    window = MainWindow(db)
    backups = AutoBackups(db, Settings.load(), status=window.show_status, parent=window)
    backups.start()
    if smoke:
        _arm_smoke(app, window)
    _collect_again_after_start_up(window)
    window.show()
    try:
        return app.exec()
    finally:
        db.close()  # first: the last connection folds the write-ahead log into the file
        backups.on_close()
        if lock is not None:
            lock.unlock()
        gc_policy.at_exit()  # 0.2 s of the exit, measured in benchmarks/README.md


def _collect_again_after_start_up(window: MainWindow) -> None:
    """`cli.main` turns the garbage collector off for the start-up: on again once the first
    page has painted (or after a few seconds whatever happens), with what start-up made frozen
    (still freed by reference counting, but never walked by the collector again)."""

    def collect_again(*_args: object) -> None:
        gc_policy.start_up_over()

    window.page_loaded.connect(collect_again)
    QTimer.singleShot(START_UP_GC_PAUSE_MS, collect_again)


def _arm_smoke(app: QApplication, window: MainWindow) -> None:
    def ready(_key: str) -> None:
        window.repaint()  # paint now, with the data just loaded
        app.processEvents()
        print(f"ready {round((time.perf_counter() - STARTED_AT) * 1000)}", flush=True)
        QTimer.singleShot(0, app.quit)

    def too_slow() -> None:
        print("partnerboard: the first page did not load in time", file=sys.stderr, flush=True)
        app.exit(1)

    window.page_loaded.connect(ready)
    QTimer.singleShot(SMOKE_TIMEOUT_MS, too_slow)
