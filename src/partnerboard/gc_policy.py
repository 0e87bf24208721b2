"""The cyclic garbage collector's pace: the process's one policy (no Qt; any layer may use it).

- Start-up (`pause_for_start_up`, `start_up_over`): the command line and the app make a great
  many objects that live until the exit (modules, classes, the ORM's mappings, Qt wrappers);
  the collector walking them again and again cost a tenth of the app's start-up. It is off
  until the first page has painted (or, for a command, until its module is imported); then
  what was made so far is frozen and it runs again. `at_exit` spares the last full collection.
- A load that holds no cycles (`no_collection_pauses`): off for the block, as the register's
  rows and the action report are built; `freeze_survivors` keeps a big load out of the way of
  later full collections.
- A batch (`fewer_collections`), below.

Python runs a young collection every 700 net new container objects, and an older one every
tenth of those. A batch (an import of many workbooks) makes thousands of objects per file,
most of them freed by reference counting, so the collector runs many times per file and walks
the same surviving objects again at each older collection: about 5 % of an import's time, and
now and then a full collection of everything the process holds (~50 ms) inside one file.

`fewer_collections()` makes young collections rarer for the length of a `with` block and
restores the thresholds it found once the last such block ends (blocks may nest, and may run
in several threads at once: the app imports off the GUI thread). The collector still runs,
and reference counting frees as before; only how often cycles are looked for changes, so
memory held by cyclic garbage stays bounded by the threshold. Objects frozen by the app or
the command line (`gc.freeze`) stay frozen: this never freezes or unfreezes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

# Net new container objects between young collections during a batch (Python's default: 700).
BATCH_THRESHOLD = 50_000


class _Batches:
    """The blocks running now in this process, and the thresholds found by the first."""

    lock = threading.Lock()
    running = 0
    found: tuple[int, ...] = ()


@contextmanager
def fewer_collections(threshold: int = BATCH_THRESHOLD) -> Iterator[None]:
    """Young collections at most every `threshold` net new objects inside the block."""
    with _Batches.lock:
        if _Batches.running == 0:
            _Batches.found = found = gc.get_threshold()
            if 0 < found[0] < threshold:  # 0: the collector's thresholds are off; leave them
                gc.set_threshold(threshold, *found[1:])
        _Batches.running += 1
    try:
        yield
    finally:
        with _Batches.lock:
            _Batches.running -= 1
            if _Batches.running == 0:
                gc.set_threshold(*_Batches.found)


def pause_for_start_up() -> None:
    """Off until `start_up_over` (what start-up makes lives until the exit)."""
    gc.disable()


def start_up_over() -> None:
    """What start-up made is frozen (still freed by reference counting, never walked by the
    collector again) and the collector runs again; nothing if it already does."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def collector_on() -> None:
    """On again whatever happened (a command that failed before `start_up_over`)."""
    gc.enable()


def at_exit() -> None:
    """The process ends: spare Python's last full collection over every object it made."""
    gc.freeze()


def freeze_survivors() -> None:
    """A big load that lives on (the register's rows): out of the way of later full collections
    (otherwise the first one walks every row: a 0.3 s pause on the next keystroke)."""
    gc.freeze()


@contextmanager
def no_collection_pauses() -> Iterator[None]:
    """Objects made in the block hold no reference cycles: the collector waits until it ends."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
