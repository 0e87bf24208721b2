"""Child process of the register measure: the real app window on a big action log.

    python -m benchmarks.register_child DATABASE

Opens the main window as `partnerboard` does (home page first), then
1. opens the action register and times it until the table's first rows have painted, and
   until every row is read and shown (the page reads the rest after the first paint);
2. types into the real search box, one key at a time, and times each key until the table
   has repainted with the new filter; the box waits `TEXT_DELAY_MS` for the next key before
   it filters (on purpose), so that pause is timed separately and taken out;
3. reports its peak resident memory.
Prints one JSON object as its last line.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
from contextlib import contextmanager

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QTimer
from PySide6.QtTest import QTest

from partnerboard.db.schema import open_database
from partnerboard.ui.app import make_application
from partnerboard.ui.main_window import MainWindow
from partnerboard.ui.pages.actions.filters import TEXT_DELAY_MS
from partnerboard.ui.sign_in import sign_in

# What a person types: two searches, each typed and then deleted key by key (a deletion widens
# the result, so the filter scans again instead of narrowing the last answer).
TYPING = ["neglect", "police audit"]
WAIT_S = 10.0


class Stopwatch(QObject):
    """Watches the table's viewport (and the search's pause timer) for the events timed."""

    def __init__(self, viewport: QObject, pause_timer: QObject):
        super().__init__()
        self.viewport, self.pause_timer = viewport, pause_timer
        self.loop = QEventLoop()
        # One time-out, restarted by each wait: a single-shot per wait would outlive it and
        # end a later wait early (40 keys take more than WAIT_S on a loaded machine).
        self.timeout = QTimer(self)
        self.timeout.setSingleShot(True)
        self.timeout.timeout.connect(self.loop.quit)
        self.armed = False
        self.fired_at: float | None = None
        self.painted_at: float | None = None
        viewport.installEventFilter(self)
        pause_timer.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        kind = event.type()
        if watched is self.pause_timer and kind == QEvent.Type.Timer and self.armed:
            self.fired_at = time.perf_counter()
        elif watched is self.viewport and kind == QEvent.Type.Paint and self.armed:
            # The paint runs after this filter returns; a zero timer fires once it is done.
            self.armed = False
            QTimer.singleShot(0, self._painted)
        return False

    def _painted(self) -> None:
        self.painted_at = time.perf_counter()
        self.loop.quit()

    def arm(self) -> None:
        self.armed, self.fired_at, self.painted_at = True, None, None

    def wait(self) -> float:
        if self.painted_at is None:
            self.timeout.start(int(WAIT_S * 1000))
            self.loop.exec()
            self.timeout.stop()
        if self.painted_at is None:
            raise RuntimeError("the table did not repaint")
        return self.painted_at


@contextmanager
def profiled(phase: str):
    """BENCH_PROFILE=open|rest|keys BENCH_PROFILE_OUT=FILE.txt: pyinstrument over that phase."""
    if os.environ.get("BENCH_PROFILE") != phase:
        yield
        return
    from pyinstrument import Profiler  # noqa: PLC0415  (the `bench` extra)

    profiler = Profiler(interval=0.0005)
    profiler.start()
    try:
        yield
    finally:
        profiler.stop()
        with open(os.environ["BENCH_PROFILE_OUT"], "w", encoding="utf-8") as out:
            out.write(profiler.output_text(unicode=True, show_all=False))


def settle(app, seconds: float) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def type_and_time(app, page, watch: Stopwatch) -> list[dict[str, object]]:
    keys: list[dict[str, object]] = []
    for text in TYPING:
        strokes = [(ch, ch) for ch in text] + [(Qt.Key.Key_Backspace, "⌫")] * len(text)
        for key, label in strokes:
            watch.arm()
            pressed = time.perf_counter()
            QTest.keyClick(page.filters.search, key)
            handled = time.perf_counter()
            painted = watch.wait()
            fired = watch.fired_at if watch.fired_at is not None else handled
            keys.append(
                {
                    "key": label,
                    "rows": page.model.rowCount(),
                    # the work: handling the key, then filtering and repainting after the pause
                    "latency_ms": ((handled - pressed) + (painted - fired)) * 1000,
                    "with_pause_ms": (painted - pressed) * 1000,
                }
            )
            settle(app, 0.03)
    return keys


def main() -> None:
    app = make_application()
    db = open_database(sys.argv[1])
    db.principal = sign_in(db)  # the local user: this database needs no sign-in
    window = MainWindow(db)
    window.resize(1400, 860)
    window.show()
    settle(app, 1.0)  # the home page (dashboard) loads and paints first, as at start-up

    with profiled("open"):
        started = time.perf_counter()
        window.open_page("actions")
        page = window.pages["actions"]
        watch = Stopwatch(page.table.viewport(), page.filters._timer)
        watch.arm()
        first_paint = watch.wait() - started
    rows_first = page.model.rowCount()
    # A big register paints its first rows, then reads the rest off the GUI thread; the keys
    # are timed on the whole register, once it is in.
    with profiled("rest"):
        if getattr(page, "loading", False):
            waiting = QEventLoop()
            page.all_read.connect(waiting.quit)
            waiting.exec()
        all_read = time.perf_counter() - started
    rows_shown = page.model.rowCount()
    settle(app, 0.3)

    page.filters.search.setFocus()
    with profiled("keys"):
        keys = type_and_time(app, page, watch)
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    print(
        json.dumps(
            {
                "first_paint_s": first_paint,
                "all_read_s": all_read,
                "rows_first_paint": rows_first,
                "rows_shown": rows_shown,
                "rows_loaded": len(page.model.all_rows()),
                "keys": keys,
                "pause_ms": TEXT_DELAY_MS,
                "peak_rss_mb": peak_kb / 1024,
            }
        ),
        flush=True,
    )
    window.close()
    db.close()


if __name__ == "__main__":
    main()
