"""Starting the patient kiosk: the Qt application, the window fullscreen (or in a window for trying it
out), and the fonts.

The start comes in two parts. First Welcome is painted, with as little loaded as can be: Qt, the
settings, the frame and Welcome itself. Then, at once and on the same thread, the store is opened
(SQLAlchemy, migrations, crash recovery, pending PDFs), the signing key and procedures are loaded and
every other screen is built. A touch on Start in that moment waits in the event queue and is
answered as soon as the kiosk is ready; if the store cannot be used, the kiosk exits with one
sentence, as it would have before painting anything. Started at login (`kiosk --stay-up`), it stays
up instead, Welcome saying it is not ready (`stay_up`): an exit left the desktop to the patient,
or a Welcome that came and went every five seconds under systemd.
"""

from __future__ import annotations

import kiosk.ui.source_scan  # noqa: F401  (first: what is imported after it is looked at faster)

# isort: split
import logging
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal

from PySide6.QtCore import QCoreApplication, QEvent, QSize, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.memory import settle_start
from kiosk.ui.collector import KIOSK_FULL_APART_S, GuiCollector
from kiosk.ui.fonts import load_fonts
from kiosk.ui.paint import after_paint
from kiosk.ui.probe import NoDisplay, display_problem
from kiosk.ui.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.config import Config
    from kiosk.station import Station

log = logging.getLogger(__name__)

ExitAfter = Literal["paint", "ready"]
"""For benchmarks/: end the run once Welcome is painted, or once the kiosk is ready for a patient."""


def run(
    open_config: Callable[[], Config],
    *,
    windowed: bool = False,
    exit_after: ExitAfter | None = None,
    stay_up: Callable[[Exception], bool] | None = None,
) -> int:
    """Run the kiosk until staff close it. StoreError or ConfigError if it cannot start at all:
    at once, unless `stay_up(error)` said it (one sentence for IT) and the kiosk is to stay up on a
    Welcome that says it is not ready, until it is stopped.

    `open_config` reads the settings (and starts the log) once Welcome is painted, just before the
    store opens. NoDisplay, before any QApplication, if Qt could not open a display here (Qt would
    abort the process instead of saying why)."""
    problem = display_problem()
    if problem:
        raise NoDisplay(problem)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("briefing-kiosk")  # for the platform (settings paths), never shown
    app.setQuitOnLastWindowClosed(True)
    load_fonts()
    window = KioskWindow()
    opened: list[Station] = []
    failed: list[Exception] = []

    def open_station() -> None:
        from kiosk.session import SystemClock
        from kiosk.station import Station

        try:
            station = Station.open(open_config(), SystemClock())
            opened.append(station)  # closed below however the run ends
            window.attach(station)
        except Exception as exc:  # raised again below, once the event loop has ended
            failed.append(exc)
            if exit_after is None and stay_up is not None and stay_up(exc):
                from kiosk.i18n import msg
                from kiosk.unavailable import NOT_READY

                window.unready = msg(NOT_READY)  # what is missing is IT's to read, not a patient's
                window.apply_look()
                return
            _close(window)
            return
        log.info("kiosk ready for the first patient")
        if exit_after == "ready":
            _close(window)
        else:
            QTimer.singleShot(0, lambda: _after_first_screen(window))

    if exit_after == "paint":
        after_paint(window, lambda: _close(window), latest_ms=60_000)
    else:  # should no paint come (no compositor yet, say), the store opens after a second anyway
        after_paint(window, open_station, latest_ms=1000)
    window.show_at(QSize(1280, 800) if windowed else None)
    # From now on cyclic garbage is collected on this thread only (the worker thread's allocations
    # freed widgets there); every generation between patients (kiosk.memory.give_back).
    collector = GuiCollector(app, full_apart_s=KIOSK_FULL_APART_S)
    try:
        code = app.exec()
        window.jobs.wait()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        for station in opened:
            station.close()
        collector.stop(everything=False)  # (the interpreter collects everything as it ends)
    if failed:
        raise failed[0]
    return code


def _close(window: KioskWindow) -> None:
    window.allow_close = True  # no staff needed: the kiosk cannot run, or this run was asked to end
    window.close()


def _after_first_screen(window: KioskWindow) -> None:
    """What the first patient need not wait for, done just after the kiosk is ready: the larger
    fallback fonts on screen (else the first walk-up patient's name check, on the GUI thread, pays
    about 0.17 s here), and on the worker thread the PDFs' own process started, with reportlab,
    the PDF's fonts and the forms' pictures loaded there ahead of the first PDF."""
    load_fonts(fallbacks=True)
    settle_start()  # (the start's objects, fonts included: out of every later collection)
    window.jobs.run(window.station.pdfs.start_drawing, lambda _: None, _pdf_process_not_started)
    if window.station.read_aloud_offered and not sound_output():
        without_sound(window)


def sound_output() -> bool:
    """Whether this machine has a sound output for Listen (Qt Multimedia: loaded only now, after
    Welcome is painted, and only where audio is rendered)."""
    from PySide6.QtMultimedia import QMediaDevices

    return bool(QMediaDevices.audioOutputs())


def without_sound(window: KioskWindow) -> None:
    """No sound output: Listen and reading every screen aloud are not offered (a patient watched
    each sentence marked in turn and heard nothing). IT is told in one line; `kiosk doctor` too;
    staff mode lists it with the other problems found at start (Listen had gone without a word)."""
    said = (
        "no sound output device: Listen is not offered; connect speakers or headphones and "
        "restart the kiosk"
    )
    log.warning(said)
    window.station.problems.append(said)
    window.station.sound = False
    if window.model is not None:
        window.model.offer_read_aloud(False, False)  # the screen drawn again without them


def _pdf_process_not_started(exc: Exception) -> None:
    # Nothing is lost: each PDF is drawn in the kiosk's own process instead (kiosk.document.drawing).
    log.warning("the PDFs' own process could not be started: %s", exc)
