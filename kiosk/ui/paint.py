"""Running something just after a widget has been painted: the start of the kiosk (the store opens
once Welcome is on screen) and the briefing's PDF (made once the done screen is on screen)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _AfterPaint(QObject):
    """Calls `then` once: in the event loop's turn after `widget` next paints (its screen has then
    been painted and flushed), or after `latest_ms` if no paint comes first (a hidden window)."""

    def __init__(self, widget: QWidget, then: Callable[[], None], latest_ms: int) -> None:
        super().__init__(widget)
        self._widget = widget
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._call)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._widget and event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self, self._call)
        return False

    def _call(self) -> None:
        then, self._then = self._then, None
        if then is None:
            return
        self._widget.removeEventFilter(self)
        self.deleteLater()
        then()


def after_paint(widget: QWidget, then: Callable[[], None], latest_ms: int = 1000) -> None:
    """Run `then` just after `widget` has next been painted (or after `latest_ms` at the latest)."""
    _AfterPaint(widget, then, latest_ms)
