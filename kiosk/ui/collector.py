"""Python's cyclic garbage collected on the GUI thread only.

Python collects cycles in whichever thread happens to allocate past a generation's threshold. The
kiosk's worker thread (the PDF filed and recorded, the console's reads and exports) allocates a
great deal, so a collection often ran there, and freed whatever unreachable cycles held Qt objects
at that moment: a widget's wrapper whose page had let it go, say. A QWidget deleted off the GUI
thread while that thread paints crashes the process (seen as a segfault in the suite; reproduced
by a label left in a cycle and a worker allocating: a crash in each of three runs, none with this).

So automatic collection is turned off while the app runs, and the GUI thread does what it would
have done, by the same thresholds (the pattern of pyqtgraph's `GarbageCollector`, after Erik
Janssens): each time its event loop has nothing left to do and is about to wait (a tap's new screen
painted), and on a timer should it never wait. A tap's own garbage is collected once its screen is
up instead of in the middle of drawing it.

One difference: Python skips a collection of every generation while few objects have become
long-lived since the last one (a count it keeps to itself), so that a process holding millions of
objects (the console reading 10,000 briefings) does not walk them all again and again. Here such a
collection comes by the thresholds at most once every `full_apart_s`; the kiosk makes its own
between patients (`kiosk.memory.give_back`).
"""

from __future__ import annotations

import gc
import time

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer

INTERVAL_MS = 1000
"""How often the GUI thread looks at the counts when its event loop is never idle (a loop driven by
`processEvents`, as in the tests): a briefing's garbage never piles up for longer."""
FULL_APART_S = 60.0
"""The least time between two collections of every generation made by the thresholds."""
KIOSK_FULL_APART_S = 600.0
"""The kiosk's: it collects every generation between patients besides (`kiosk.memory.give_back`)."""


class GuiCollector(QObject):
    """While it runs, cyclic garbage is collected on the thread it lives on (the GUI thread) and
    never by another thread's allocations. `stop()` gives collection back to Python."""

    def __init__(
        self,
        parent: QObject | None = None,
        interval_ms: int = INTERVAL_MS,
        full_apart_s: float = FULL_APART_S,
    ) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self.full_apart_s = full_apart_s
        self.collections = 0
        """How many collections it made (any generation)."""
        self._last_full = time.monotonic()
        self._was_enabled = gc.isenabled()
        self._running = True
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.collect_due)
        self._dispatcher = QAbstractEventDispatcher.instance()  # this thread's event loop
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count passed its threshold, as Python itself would
        have on its next allocation (every generation only `full_apart_s` after the last); the
        generation collected, or -1 when none was due."""
        counts = gc.get_count()
        if counts[0] <= self.threshold[0]:
            return -1
        generation = 0
        if counts[1] > self.threshold[1]:
            generation = 1
        now = time.monotonic()
        if counts[2] > self.threshold[2] and now - self._last_full >= self.full_apart_s:
            generation = 2
            self._last_full = now
        gc.collect(generation)
        self.collections += 1
        return generation

    def stop(self, *, everything: bool = True) -> None:
        """Automatic collection as it was before; the garbage of the meantime collected here first
        (`everything`: every generation; else the youngest and what was due). Once is enough."""
        if not self._running:
            return
        self._running = False
        self._timer.stop()
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self.collect_due)
        if everything:
            gc.collect()
        elif self.collect_due() < 0:
            gc.collect(0)
        if self._was_enabled:
            gc.enable()
        self.setParent(None)  # (freed with its last reference, not kept by its parent for good)
