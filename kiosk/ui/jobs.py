"""Slow work off the GUI thread: a function run on Qt's thread pool, with success and failure callbacks
delivered back on the GUI thread. The work itself never touches a widget."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Signals(QObject):
    done = Signal(object)
    failed = Signal(object)


class Job(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self.work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self.work()
        except Exception as exc:  # reported to the GUI thread, which decides what staff see
            self.signals.failed.emit(exc)
        else:
            self.signals.done.emit(result)


class Jobs(QObject):
    """Keeps each running job alive until its callback has run."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: set[Job] = set()
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> Job:
        job = Job(work)
        self._running.add(job)

        def finish(callback: Callable[[Any], None], value: Any) -> None:
            self._running.discard(job)
            # The connections hold these lambdas and they hold the job: cut them, or every job
            # stays alive for the whole run (Qt's references are invisible to Python's collector).
            job.signals.done.disconnect()
            job.signals.failed.disconnect()
            callback(value)

        job.signals.done.connect(lambda value: finish(on_done, value))
        job.signals.failed.connect(lambda exc: finish(on_failed, exc))
        self.pool.start(job)
        return job

    def wait(self, msecs: int = -1) -> bool:
        return self.pool.waitForDone(msecs)
