"""The collector's pace during a batch: raised inside the block, what it was afterwards."""

from __future__ import annotations

import gc
import threading

import pytest

from partnerboard.gc_policy import BATCH_THRESHOLD, fewer_collections


@pytest.fixture(autouse=True)
def default_thresholds():
    found = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*found)


def test_young_collections_are_rarer_inside_and_as_before_afterwards() -> None:
    with fewer_collections():
        assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
        with fewer_collections(100):  # a block inside never makes them more frequent
            assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
        assert gc.get_threshold() == (BATCH_THRESHOLD, 10, 10)
    assert gc.get_threshold() == (700, 10, 10)


def test_the_thresholds_come_back_when_the_batch_fails() -> None:
    with pytest.raises(RuntimeError), fewer_collections():
        raise RuntimeError("a file the batch could not take")
    assert gc.get_threshold() == (700, 10, 10)


def test_thresholds_turned_off_stay_off_and_frozen_objects_stay_frozen() -> None:
    gc.set_threshold(0, 10, 10)
    frozen = gc.get_freeze_count()
    with fewer_collections():
        assert gc.get_threshold() == (0, 10, 10)
    assert gc.get_threshold() == (0, 10, 10)
    assert gc.get_freeze_count() == frozen


def test_batches_in_two_threads_leave_the_thresholds_as_they_found_them() -> None:
    """The app imports off the GUI thread: blocks that overlap without nesting (one ends
    while the other still runs) restore what was there before the first began."""
    first_in, second_in, first_out = threading.Event(), threading.Event(), threading.Event()
    seen: list[tuple[int, ...]] = []

    def first() -> None:
        with fewer_collections():
            first_in.set()
            second_in.wait(5)
        first_out.set()

    def second() -> None:
        first_in.wait(5)
        with fewer_collections():
            second_in.set()
            first_out.wait(5)
            seen.append(gc.get_threshold())  # the first has ended: still raised for this one

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(10)
    assert seen == [(BATCH_THRESHOLD, 10, 10)]
    assert gc.get_threshold() == (700, 10, 10)
