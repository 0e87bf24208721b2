"""The cyclic garbage collector's pace during a batch of work (no Qt; any layer may use it).

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
