"""A tap the database held up (another program holds it), tried again while the screen stays live."""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer

from kiosk.session.screen import ScreenModel

RETRY_MS = 200
"""How often a held-up tap is tried again: each try waits at most the store's short wait for
patient taps (kiosk.station.TAP_WAIT_MS), so the screen answers between tries."""


class Retrying(QObject):
    """While the model holds a tap (`saving`), its `retry` every RETRY_MS; stopped once it is not."""

    def __init__(self, model: ScreenModel, parent: QObject) -> None:
        super().__init__(parent)
        self._model = model
        self.timer = QTimer(self)
        self.timer.setInterval(RETRY_MS)
        self.timer.timeout.connect(model.retry)
        model.events.changed.connect(self._changed)

    def _changed(self) -> None:
        if not self._model.saving:
            self.timer.stop()
        elif not self.timer.isActive():
            self.timer.start()
