"""Slow work on the worker thread (`kiosk.ui.jobs.Jobs`): one at a time and in order, callbacks on
the GUI thread, failures to on_failed, and nothing of a job kept once its callback has run."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThread
from pytestqt.qtbot import QtBot

from kiosk.ui.jobs import Jobs


@pytest.fixture
def owner(qapp: Any) -> Iterator[QObject]:
    parent = QObject()
    yield parent
    if shiboken6.isValid(parent):
        shiboken6.delete(parent)


@pytest.fixture
def jobs(owner: QObject) -> Iterator[Jobs]:
    j = Jobs(owner)
    yield j
    if shiboken6.isValid(j):
        assert j.wait(20_000)


class Result:
    """A result that can be watched with a weak reference, big enough that keeping it shows."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.payload = bytes(100_000)


class WorkFailed(Exception):
    """An exception that can be watched with a weak reference (ValueError's cannot)."""


class Work:
    """The work, as a callable that can be watched with a weak reference."""

    def __init__(self, n: int, fail: bool = False) -> None:
        self.n = n
        self.fail = fail

    def __call__(self) -> Result:
        if self.fail:
            raise WorkFailed(f"job {self.n} failed")
        return Result(self.n)


def unexpected(exc: Exception) -> None:
    pytest.fail(f"the work failed: {exc!r}")


def live_runnables() -> int:
    return sum(isinstance(o, QRunnable) for o in gc.get_objects())


def test_nothing_of_a_finished_job_is_kept(qtbot: QtBot, jobs: Jobs) -> None:
    gc.collect()
    runnables_before = live_runnables()
    works: list[weakref.ref[Work]] = []
    results: list[weakref.ref[Result]] = []
    errors: list[weakref.ref[BaseException]] = []
    delivered: list[int] = []

    def done(result: Result) -> None:
        results.append(weakref.ref(result))
        delivered.append(result.n)

    def failed(exc: Exception) -> None:
        errors.append(weakref.ref(exc))
        delivered.append(-1)

    for n in range(50):
        work = Work(n, fail=n % 10 == 9)
        works.append(weakref.ref(work))
        jobs.run(work, done, failed)
    del work
    qtbot.waitUntil(lambda: len(delivered) == 50, timeout=20_000)
    assert jobs.wait(20_000)
    gc.collect()

    assert [w for w in works if w() is not None] == [], "the work is kept after its callback"
    assert [r for r in results if r() is not None] == [], "a result is kept after its callback"
    assert [e for e in errors if e() is not None] == [], "an exception is kept after its callback"
    assert live_runnables() == runnables_before, "a runnable is kept after its callback"
    assert len(results) == 45
    assert len(errors) == 5
    assert jobs.pending() == 0


def test_work_runs_one_at_a_time_in_order_off_the_gui_thread(qtbot: QtBot, jobs: Jobs) -> None:
    gui = QThread.currentThread()
    ran_on: list[int] = []
    busy = threading.Lock()
    overlapped: list[int] = []
    delivered: list[tuple[int, bool]] = []

    def work(n: int) -> int:
        if not busy.acquire(blocking=False):
            overlapped.append(n)
            return n
        try:
            ran_on.append(threading.get_ident())
            return sum(range(10_000)) * 0 + n
        finally:
            busy.release()

    def done(n: int) -> None:
        delivered.append((n, QThread.currentThread() is gui))

    for n in range(30):
        jobs.run(partial(work, n), done, unexpected)
    qtbot.waitUntil(lambda: len(delivered) == 30, timeout=20_000)

    assert delivered == [(n, True) for n in range(30)]
    assert overlapped == []
    assert len(set(ran_on)) == 1
    assert threading.get_ident() not in ran_on


def test_a_failure_goes_to_on_failed_and_the_next_job_still_runs(qtbot: QtBot, jobs: Jobs) -> None:
    done: list[Any] = []
    failed: list[Exception] = []
    jobs.run(Work(1, fail=True), done.append, failed.append)
    jobs.run(Work(2), lambda r: done.append(r.n), failed.append)
    qtbot.waitUntil(lambda: len(done) == 1, timeout=20_000)

    assert len(failed) == 1
    assert isinstance(failed[0], WorkFailed)
    assert str(failed[0]) == "job 1 failed"
    assert done == [2]
    assert jobs.pending() == 0


def test_wait_waits_for_the_work_and_the_callbacks_come_after(qtbot: QtBot, jobs: Jobs) -> None:
    release = threading.Event()
    delivered: list[int] = []
    jobs.run(lambda: release.wait(20) and 1, delivered.append, unexpected)
    jobs.run(lambda: 2, delivered.append, unexpected)

    assert jobs.wait(10) is False
    release.set()
    assert jobs.wait(20_000) is True
    # Waiting on the GUI thread delivers nothing: the callbacks run when it processes events.
    assert delivered == []
    assert jobs.pending() == 2
    qtbot.waitUntil(lambda: delivered == [1, 2], timeout=20_000)
    assert jobs.pending() == 0


def test_wait_with_nothing_to_do(jobs: Jobs) -> None:
    assert jobs.wait(0) is True
    assert jobs.wait() is True


def test_deleting_jobs_waits_for_its_work_and_drops_the_callbacks(owner: QObject) -> None:
    jobs = Jobs(owner)
    ran: list[int] = []
    delivered: list[int] = []

    def work(n: int) -> int:
        ran.append(n)
        return n

    for n in range(20):
        jobs.run(partial(work, n), delivered.append, lambda exc: delivered.append(-1))
    shiboken6.delete(owner)  # as when the window goes: the pool's destructor waits for the work
    QCoreApplication.processEvents()

    assert ran == list(range(20))
    assert delivered == []
