"""Freed memory given back to the system between patients (kiosk.memory)."""

from __future__ import annotations

import ctypes
import gc
import os
import sys

import pytest

from kiosk import memory


def resident_bytes() -> int:
    with open("/proc/self/statm", encoding="ascii") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def glibc() -> bool:
    return sys.platform.startswith("linux") and hasattr(ctypes.CDLL(None), "malloc_trim")


@pytest.mark.skipif(not glibc(), reason="malloc_trim is glibc's: elsewhere give_back does nothing")
def test_pages_freed_between_kept_blocks_go_back_to_the_system() -> None:
    # 60 MB in 4 KB blocks, one in ten kept: glibc keeps the freed pages between them in its heap.
    blocks = [bytearray(4096) for _ in range(15_000)]
    kept = blocks[::10]
    del blocks
    before = resident_bytes()
    assert memory.give_back()
    after = resident_bytes()
    assert before - after > 20 * 1024 * 1024, (before, after)
    assert len(kept) == 1_500


def test_give_back_does_nothing_where_the_c_library_cannot(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(memory.sys, "platform", "darwin")
    memory._malloc_trim.cache_clear()
    try:
        assert memory.give_back() is False
    finally:
        memory._malloc_trim.cache_clear()  # looked up again on this platform


def test_what_the_start_made_is_left_out_of_later_collections() -> None:
    class Kept:  # a screen's widget, made at the start and kept for good (its cycle: itself)
        def __init__(self) -> None:
            self.me = self

    kept = Kept()
    try:
        memory.settle_start()
        assert gc.get_freeze_count() > 0
        assert not any(o is kept for o in gc.get_objects())  # walked by no collection now
        made_later = Kept()
        assert any(o is made_later for o in gc.get_objects(0))  # what a briefing makes: as before
    finally:
        gc.unfreeze()


def test_what_a_session_left_in_cycles_is_collected_between_patients() -> None:
    """While the kiosk runs, collection is the GUI thread's, of the oldest generation at most once
    in ten minutes (kiosk.ui.collector); between patients `give_back` collects every generation."""
    import weakref

    class Held:
        def __init__(self) -> None:
            self.me = self

    enabled = gc.isenabled()
    gc.disable()
    try:
        freed: list[bool] = []
        held = Held()
        weakref.finalize(held, freed.append, True)
        gc.collect(0)
        gc.collect(1)  # alive then: now among the oldest, which a young collection never walks
        del held
        gc.collect(0)
        assert not freed
        memory.give_back()
        assert freed == [True]
    finally:
        if enabled:
            gc.enable()
