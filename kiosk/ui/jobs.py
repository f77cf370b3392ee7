"""Slow work off the GUI thread: a function run on Qt's thread pool, with success and failure callbacks
delivered back on the GUI thread. The work itself never touches a widget.

Nothing per job outlives its callback. There is no QRunnable subclass and no QObject per job: a
QRunnable subclass handed to `QThreadPool.start` stayed alive for ever, and with it all it held
(one `Job`, its signals QObject and the work's closure per PDF, about 3 KB, for the whole run;
setAutoDelete(True), or weak references in the slots, did not free them). Instead the pool runs
a plain Python callable (PySide wraps it in a runnable the pool deletes when it has run, which
drops its reference to the callable), and that reports through the one `_Bridge` QObject `Jobs`
owns. The signal carries the job's number and its outcome; the callbacks wait in a dict under
that number and are popped when it arrives, on the GUI thread (a queued connection: the bridge
lives there). Until then the result or exception is held only by the queued event.
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThreadPool, Signal

log = logging.getLogger(__name__)


class _Bridge(QObject):
    """Carries each job's outcome from the worker thread to the GUI thread: (job number, whether
    the work returned, its result or the exception it raised)."""

    finished = Signal(int, bool, object)


class Jobs(QObject):
    """Runs work one piece at a time, in order, on a single worker thread; keeps each job's
    callbacks until its outcome has been delivered, and nothing after."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        # The pool first: children are deleted in the order they were made, and the pool's
        # destructor waits for the running job, which must still find the bridge alive.
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._bridge = _Bridge(self)
        self._bridge.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[Exception], None]]] = {}
        self._numbers = itertools.count(1)

    def run(
        self,
        work: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_failed: Callable[[Exception], None],
    ) -> int:
        """Queue `work` for the worker thread; `on_done(result)` or `on_failed(exception)` then
        runs on the GUI thread. Returns the job's number."""
        number = next(self._numbers)
        self._callbacks[number] = (on_done, on_failed)
        self.pool.start(_task(number, work, self._bridge))
        return number

    def pending(self) -> int:
        """Jobs whose callback has not run yet (queued, running, or their outcome not delivered)."""
        return len(self._callbacks)

    def wait(self, msecs: int = -1) -> bool:
        """Wait for all queued and running work (not for the callbacks: they run when the GUI
        thread next processes events). False if it was still running after `msecs`."""
        return self.pool.waitForDone(msecs)

    def _deliver(self, number: int, ok: bool, value: Any) -> None:
        callbacks = self._callbacks.pop(number, None)
        if callbacks is None:
            log.warning("job %d: outcome arrived with no callbacks waiting", number)
            return
        on_done, on_failed = callbacks
        if ok:
            on_done(value)
        else:
            on_failed(value)


def _task(number: int, work: Callable[[], Any], bridge: _Bridge) -> Callable[[], None]:
    """What the worker thread runs: the work, then its outcome emitted. A module function, so the
    closure holds only these three, not `Jobs`."""

    def task() -> None:
        try:
            ok, value = True, work()
        except Exception as exc:  # reported to the GUI thread, which decides what staff see
            ok, value = False, exc
        bridge.finished.emit(number, ok, value)

    return task
