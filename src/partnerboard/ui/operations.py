"""Background operations: long work off the GUI thread, results back on it.

Work is plain Python taking `(progress, cancel)` (see `partnerboard.jobs`). Reads run on
Qt's global pool; writes are serialised on one worker (SQLite has one writer). A progress
dialog with Cancel appears only if the work takes longer than half a second. In tests
`Operations.synchronous = True` runs the work inline so that assertions follow the click.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Any, ClassVar

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from partnerboard.errors import UserError
from partnerboard.jobs import Cancelled, CancelToken, Progress

log = logging.getLogger(__name__)

Work = Callable[[Progress, CancelToken], Any]
PROGRESS_DELAY_MS = 500


class _Relay(QObject):
    done = Signal(object)
    failed = Signal(object)
    progressed = Signal(int, int, str)


class _Runner(QRunnable):
    def __init__(self, work: Work, relay: _Relay, token: CancelToken):
        super().__init__()
        self.setAutoDelete(False)
        self.work, self.relay, self.token = work, relay, token

    def run(self) -> None:
        try:
            result = self.work(self.relay.progressed.emit, self.token)
        except BaseException as error:  # noqa: BLE001 - delivered to the GUI thread and handled there
            error.__traceback__ = sys.exc_info()[2]
            self.relay.failed.emit(error)
        else:
            self.relay.done.emit(result)


class Operations(QObject):
    """One per main window; pages call `run(...)`."""

    synchronous: ClassVar[bool] = False
    busy_changed = Signal(bool)

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self._window = parent
        self._writer = QThreadPool(self)
        self._writer.setMaxThreadCount(1)
        self._running: set[tuple[_Runner, _Relay]] = set()

    def run(
        self,
        work: Work,
        on_done: Callable[[Any], None] | None = None,
        *,
        label: str = "Working…",
        write: bool = False,
        on_error: Callable[[BaseException], bool] | None = None,
        progress: bool = True,
    ) -> CancelToken:
        """Start `work`; `on_done(result)` runs on the GUI thread. `on_error` returns True if it handled it."""
        token = CancelToken()
        if self.synchronous:
            try:
                result = work(lambda *_: None, token)
            except BaseException as error:  # noqa: BLE001
                self._failed(error, on_error)
            else:
                if on_done:
                    on_done(result)
            return token
        relay = _Relay()
        runner = _Runner(work, relay, token)
        dialog = self._progress_dialog(label, token) if progress else None
        entry = (runner, relay)

        def finish() -> None:
            self._running.discard(entry)
            if dialog is not None:
                dialog.reset()
                dialog.deleteLater()
            self.busy_changed.emit(bool(self._running))

        @Slot(object)
        def done(result: Any) -> None:
            finish()
            if on_done:
                on_done(result)

        @Slot(object)
        def failed(error: BaseException) -> None:
            finish()
            self._failed(error, on_error)

        relay.done.connect(done)
        relay.failed.connect(failed)
        if dialog is not None:
            relay.progressed.connect(lambda d, t, w: self._show_progress(dialog, d, t, w))
        self._running.add(entry)
        self.busy_changed.emit(True)
        (self._writer if write else QThreadPool.globalInstance()).start(runner)
        return token

    def _progress_dialog(self, label: str, token: CancelToken) -> QProgressDialog:
        dialog = QProgressDialog(label, "Cancel", 0, 0, self._window)
        dialog.setWindowTitle(label)
        dialog.setAccessibleName(label)
        dialog.setMinimumDuration(PROGRESS_DELAY_MS)
        dialog.setAutoReset(False)
        dialog.setAutoClose(False)
        dialog.canceled.connect(token.cancel)
        dialog.setValue(0)
        return dialog

    @staticmethod
    def _show_progress(dialog: QProgressDialog, done: int, total: int, what: str) -> None:
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)
        if what:
            dialog.setLabelText(what)

    def _failed(
        self, error: BaseException, on_error: Callable[[BaseException], bool] | None
    ) -> None:
        if on_error is not None and on_error(error):
            return
        if isinstance(error, Cancelled):
            return
        from partnerboard.ui import dialogs  # noqa: PLC0415  (message boxes: not at start-up)

        if isinstance(error, UserError):
            dialogs.show_problem(self._window, "Could not finish", str(error))
            return
        dialogs.show_bug(self._window, type(error), error, error.__traceback__)

    def wait_idle(self, timeout_ms: int = 30_000) -> bool:
        """Block until every operation has finished (tests and shutdown)."""
        ok = self._writer.waitForDone(timeout_ms) and QThreadPool.globalInstance().waitForDone(
            timeout_ms
        )
        return ok
