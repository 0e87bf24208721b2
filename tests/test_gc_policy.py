"""The collector's pace during a batch: raised inside the block, what it was afterwards."""

from __future__ import annotations

import gc

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
