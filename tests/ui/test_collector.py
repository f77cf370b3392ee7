"""Cyclic garbage is collected on the GUI thread, never by the worker thread's allocations.

A collection frees what unreachable cycles hold: a Qt widget freed on the worker thread while the
GUI thread paints crashes the kiosk (seen once in the suite, a PDF job on the worker thread)."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import threading
import weakref

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.collector import GuiCollector
from kiosk.ui.jobs import Jobs


class Holder:
    """One side of a cycle that holds a widget only Python owns."""

    def __init__(self) -> None:
        self.label = QLabel()
        self.me = self


def left_in_cycles(count: int, threads: list[str]) -> None:
    """`count` labels left in unreachable cycles; each, once freed, notes the thread that freed it."""
    for _ in range(count):
        holder = Holder()
        weakref.finalize(holder, lambda: threads.append(threading.current_thread().name))


def allocate() -> int:
    """A worker's busy work: far past every generation's threshold in allocations."""
    kept = 0
    for i in range(200_000):
        kept += len([i])  # a new list each time: a tracked container
        box: list[object] = []
        box.append(box)  # and a cycle, freed only by a collection
    return kept


def test_the_worker_threads_allocations_never_free_a_widget(
    qtbot: QtBot, gui_collector: GuiCollector
) -> None:
    assert not gc.isenabled()  # the session's collector, as the kiosk's own run sets it
    freed_on: list[str] = []
    left_in_cycles(20, freed_on)
    jobs = Jobs()
    done: list[int] = []
    jobs.run(allocate, done.append, lambda exc: done.append(-1))
    qtbot.waitUntil(lambda: bool(done), timeout=30_000)
    qtbot.waitUntil(lambda: len(freed_on) == 20, timeout=5_000)  # the GUI thread's next tick
    assert set(freed_on) == {threading.main_thread().name}
    assert done and done[0] > 0


def cycles(count: int) -> None:
    """`count` lists left in cycles of one: garbage only a collection frees."""
    for _ in range(count):
        box: list[object] = []
        box.append(box)


def test_the_thresholds_python_would_use_decide_what_is_collected(qtbot: QtBot) -> None:
    collector = GuiCollector(interval_ms=60_000)  # ticked by hand below
    try:
        gc.collect()
        assert collector.collect_due() == -1  # nothing allocated since: nothing is due
        threads: list[str] = []
        left_in_cycles(collector.threshold[0], threads)  # more than that many objects made
        assert collector.collect_due() == 0
        assert len(threads) == collector.threshold[0]
        rounds = []
        for _ in range(collector.threshold[1] + 1):
            cycles(2 * collector.threshold[0])
            rounds.append(collector.collect_due())
        assert rounds == [0] * collector.threshold[1] + [1]  # the eleventh, one generation older
    finally:
        collector.stop()
    assert not gc.isenabled()  # as it was: the test's own collector still runs


def test_every_generation_is_collected_only_as_often_as_allowed(qtbot: QtBot) -> None:
    """Python skips most full collections in a process holding many objects; here they come by
    the thresholds at most once every `full_apart_s`."""
    for apart, full in ((3600.0, False), (0.0, True)):
        collector = GuiCollector(interval_ms=60_000, full_apart_s=apart)
        try:
            gc.collect()
            low, middle, high = collector.threshold
            made = set()
            for _ in range((middle + 2) * (high + 2)):  # (a gen 1 collection every 12th)
                cycles(2 * low)
                made.add(collector.collect_due())
        finally:
            collector.stop(everything=False)
        assert made >= {0, 1}
        assert (2 in made) is full


def test_garbage_is_collected_once_the_event_loop_is_idle(
    qtbot: QtBot, gui_collector: GuiCollector
) -> None:
    """In the kiosk's own event loop, a tap's garbage goes as soon as its screen is painted and the
    loop waits for the next touch, not at the next tick of the timer."""
    gui_collector.stop(everything=False)  # only the collector below collects
    collector = GuiCollector(interval_ms=60_000)  # the timer out of the way
    try:
        threads: list[str] = []
        left_in_cycles(collector.threshold[0], threads)
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()  # waits for the timer, idle: the loop is about to block
        assert collector.collections >= 1
        assert len(threads) == collector.threshold[0]
    finally:
        collector.stop(everything=False)


def test_the_kiosk_runs_with_collection_on_the_gui_thread_and_gives_it_back() -> None:
    probe = (
        "import gc, sys\n"
        "from kiosk.ui import app\n"
        "seen = []\n"
        "close = app._close\n"
        "app._close = lambda window: (seen.append(gc.isenabled()), close(window))\n"
        "from kiosk.cli import main\n"
        "code = main(['--windowed', '--exit-after-paint'])\n"
        "print(seen, gc.isenabled(), code)\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["[False]", "True", "0"]
