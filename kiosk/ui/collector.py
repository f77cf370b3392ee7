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
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QAbstractEventDispatcher, QObject, QTimer

INTERVAL_MS = 1000
"""How often the GUI thread looks at the counts when its event loop is never idle (a loop driven by
`processEvents`, as in the tests): a briefing's garbage never piles up for longer."""


class GuiCollector(QObject):
    """While it runs, cyclic garbage is collected on the thread it lives on (the GUI thread) and
    never by another thread's allocations. `stop()` gives collection back to Python."""

    def __init__(self, parent: QObject | None = None, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self.threshold = gc.get_threshold()
        self._was_enabled = gc.isenabled()
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
        have on its next allocation; the generation collected, or -1 when none was due."""
        counts = gc.get_count()
        if counts[0] <= self.threshold[0]:
            return -1
        generation = 0
        for older in (1, 2):
            if counts[older] > self.threshold[older]:
                generation = older
        gc.collect(generation)
        return generation

    def stop(self) -> None:
        """Automatic collection as it was before, the garbage of the meantime collected here."""
        self._timer.stop()
        if self._dispatcher is not None:
            self._dispatcher.aboutToBlock.disconnect(self.collect_due)
        gc.collect()
        if self._was_enabled:
            gc.enable()
