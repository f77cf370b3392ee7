"""Starting the patient kiosk: the Qt application, the window fullscreen (or in a window for trying it
out), and the fonts."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QSize, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.config import Config
from kiosk.document.make import warm_up
from kiosk.session import SystemClock
from kiosk.station import Station
from kiosk.ui.theme import load_fonts
from kiosk.ui.window import TITLE, KioskWindow

log = logging.getLogger(__name__)


def run(config: Config, *, windowed: bool = False, exit_after_paint: bool = False) -> int:
    """Run the kiosk until staff close it. StoreError or ConfigError if it cannot start at all."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName(TITLE)
    app.setQuitOnLastWindowClosed(True)
    load_fonts()
    station = Station.open(config, SystemClock())
    try:
        window = KioskWindow(station)
        window.show_at(QSize(1280, 800) if windowed else None)
        if exit_after_paint:
            window.installEventFilter(_QuitAfterPaint(window))
        else:
            QTimer.singleShot(0, lambda: _after_first_screen(window))
        code = app.exec()
        window.jobs.wait()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        return code
    finally:
        station.close()


def _after_first_screen(window: KioskWindow) -> None:
    """What the first screen need not wait for, done just after it: the larger fallback fonts on
    screen, and on the worker thread reportlab and the PDF's fonts. Otherwise the first walk-up
    patient's name check (on the GUI thread: about 0.17 s here) and the first PDF would pay."""
    load_fonts(fallbacks=True)
    window.jobs.run(warm_up, lambda _: None, _pdf_fonts_not_loaded)


def _pdf_fonts_not_loaded(exc: Exception) -> None:
    # Nothing is lost: the name check and the PDF load them again and report the problem then.
    log.warning("the PDF fonts could not be loaded ahead: %s", exc)


class _QuitAfterPaint(QObject):
    """Ends the application once the window has painted its first screen (for the start-up benchmark)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and isinstance(watched, KioskWindow):
            watched.allow_close = True  # no staff needed: this run was asked to end
            QTimer.singleShot(0, QApplication.quit)
        return False
