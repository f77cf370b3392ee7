"""The kiosk window in this process, for the faults a patient meets mid-briefing (a full disk, a held
lock, a restarted server): opened as `kiosk` opens it, and a patient's taps with what each one did."""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEvent, QSize, QTimer
from PySide6.QtWidgets import QApplication

from benchmarks import robot
from kiosk.config import Config
from kiosk.i18n import words_for
from kiosk.session import ScreenKind, SystemClock
from kiosk.station import Station
from kiosk.ui.fonts import load_fonts
from kiosk.ui.window import KioskWindow


def application() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication([])
        load_fonts()
    assert isinstance(app, QApplication)
    return app


@contextlib.contextmanager
def kiosk_window(config: Config) -> Iterator[KioskWindow]:
    """Station.open (the kiosk's start) and the window at 1280×800; closed, and the store with it, after."""
    application()
    station = Station.open(config, SystemClock())
    window = KioskWindow(station)
    try:
        window.show_at(QSize(1280, 800))
        yield window
    finally:
        window.jobs.wait(30_000)
        window.allow_close = True
        window.close()
        window.deleteLater()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        station.close()


SAVE_FAILED = words_for("en")("problem.not-saved")
"""What the patient reads when a tap could not be stored."""
SAVING = words_for("en")("problem.saving")
"""What the patient reads while a tap waits for a database another program holds."""


class Heartbeat:
    """A timer beating every 20 ms on the screen's thread: the longest gap between beats is how
    long the screen stood still (could not paint or answer a touch)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self._last = time.monotonic()
        self._timer = QTimer()
        self._timer.setInterval(20)
        self._timer.timeout.connect(self._beat)

    def _beat(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self._last)
        self._last = now

    def __enter__(self) -> Heartbeat:
        self._last = time.monotonic()
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._beat()
        self._timer.stop()


def wait_for(condition: Callable[[], bool], seconds: float) -> bool:
    """Run the event loop until `condition()` holds or `seconds` passed; whether it held."""
    try:
        robot.wait_until(condition, timeout=seconds)
    except robot.RobotError:
        return condition()
    return True


def to_next_risk(window: KioskWindow) -> str:
    """Go on (acknowledging risks and answering questions on the way) to the next risk screen not yet
    acknowledged; its id."""
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        if b.current.kind is ScreenKind.RISK and b.current.id not in b.acknowledgements:
            return b.current.id
        robot.step(window)
    raise robot.RobotError("no risk left to acknowledge")


def begin_with_risks(
    window: KioskWindow, risks: int, reported: set[tuple[str, str]]
) -> tuple[str, str]:
    """Begin a briefing and acknowledge its first `risks` risks (each one the kiosk stored goes into
    `reported`); returns the briefing's id and the next risk's, now on screen."""
    briefing_id = robot.begin(window)
    for _ in range(risks):
        risk = to_next_risk(window)
        if understand(window):
            reported.add((briefing_id, risk))
    return briefing_id, to_next_risk(window)


def understand(window: KioskWindow) -> bool:
    """Tap “I understand this risk”; whether the briefing took it (the store committed it)."""
    b = window.briefing
    assert b is not None
    robot.read_to_end(window.reading.body, window.reading.understand.isEnabled)
    robot.tap(window.reading.understand)
    return b.current.id in b.acknowledgements


STALE = (
    "known issue, not a loss: after the retry was stored, the failure sentence stayed on screen "
    "beside the ✓ until the patient tapped Next (kiosk/ui/pages/reading.py does not clear it)"
)


def retried(window: KioskWindow, notes: list[str]) -> bool:
    """Tap “I understand this risk” again after a failure; whether it was stored. Notes the failure
    sentence if it is still on screen after a stored retry."""
    took = understand(window)
    if took and message(window) and STALE not in notes:
        notes.append(STALE)
    return took


def message(window: KioskWindow) -> str:
    """The sentence under the page (a failed save, a blocker), "" if none is shown."""
    return robot.message(window)


def to_sign(window: KioskWindow, on_acknowledged: Callable[[str, str], None] | None = None) -> None:
    """On through every screen to the signing screen, a signature drawn; `on_acknowledged` is told
    each acknowledgement the kiosk stored on the way."""
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        if b.current.kind is ScreenKind.SIGN:
            robot.sign_here(window)
            return
        robot.step(window, on_acknowledged)
    raise robot.RobotError("the signing screen never came")


def sign(window: KioskWindow) -> tuple[bool, str | None]:
    """Tap Sign. (whether the briefing is now signed, the PDF's outcome: "made", the sentence staff
    read when it is pending, or None if Sign did not go through)."""
    outcome: list[str] = []

    def made(_b: str) -> None:
        outcome.append("made")

    def failed(_b: str, why: str) -> None:
        outcome.append(why)

    window.pdf_finished.connect(made)
    window.pdf_failed.connect(failed)
    try:
        robot.tap(window.bottom.primary)
        if robot.kind(window) is not ScreenKind.DONE:
            return False, None
        robot.wait_until(lambda: bool(outcome))
    finally:
        window.pdf_finished.disconnect(made)
        window.pdf_failed.disconnect(failed)
    return True, outcome[0]


def finish(window: KioskWindow) -> None:
    robot.tap(window.done.finish)
    if window.briefing is not None:
        raise robot.RobotError("Finish did not return to Welcome")
