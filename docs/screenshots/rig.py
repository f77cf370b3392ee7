"""What the screenshot scripts share: the kiosk window shown frameless at the screen's size (staff
sign-in answered at once: its own dialog is shot separately), its work settled before each shot,
and the shot itself (ImageMagick `import -window root`, the screen as a person sees it)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.station import Station
from kiosk.ui.window import KioskWindow


def in_order(keypad: Any, mmddyyyy: str) -> str:
    """A date's digits as the keypad's language writes it (day first in es and ar)."""
    split = {"month": mmddyyyy[0:2], "day": mmddyyyy[2:4], "year": mmddyyyy[4:]}
    return "".join(split[kind] for kind in keypad.entry().order)


class _Staff:
    def staff_sign_in(self, parent: object, reason: str, patient: object = None) -> str | None:
        return "Sam Carter"


class Rig:
    def __init__(
        self,
        app: QApplication,
        station: Station,
        out_dir: Path,
        suffix: str,
        *,
        larger: bool,
        size: QSize | None = None,
        grab: bool = False,
    ) -> None:
        """`size`: the window's (default the screen's); `grab`: the window's own pixels, with no
        X screen (QT_QPA_PLATFORM=offscreen)."""
        self.app = app
        self.grab = grab
        self.out_dir = out_dir
        self.suffix = suffix
        self.station = station
        self.window = window = KioskWindow(station, _Staff())  # type: ignore[arg-type]
        window.setWindowFlags(Qt.WindowType.FramelessWindowHint)
        window.move(0, 0)
        window.show_at(size or app.primaryScreen().size())
        window.timer.stop()
        if larger:
            window.top.larger_button.click()

    def close(self) -> None:
        """The window closed (no staff asked) and the station's store let go."""
        self.window.allow_close = True
        self.window.close()
        self.station.close()

    def settle(self) -> None:
        """The worker thread's jobs done (staff reads, PDFs), then their answers painted."""
        self.window.jobs.wait()
        for _ in range(5):
            self.app.processEvents()

    def shot(self, name: str) -> Path:
        self.settle()
        out = self.out_dir / f"{name}{self.suffix}.png"
        if self.grab:
            self.window.grab().save(str(out))
        else:
            subprocess.run(["import", "-window", "root", str(out)], check=True)
        print(out)
        return out

    def tap(self, widget: QWidget | Any) -> None:
        widget.click()
        self.settle()

    def draw(self, pad: QWidget, points: list[tuple[float, float]]) -> None:
        """A finger's stroke on a signature pad: press, moves, release."""
        kinds = [QEvent.Type.MouseButtonPress] + [QEvent.Type.MouseMove] * (len(points) - 2)
        for kind, (x, y) in zip([*kinds, QEvent.Type.MouseButtonRelease], points, strict=True):
            held = kind is not QEvent.Type.MouseButtonRelease
            event = QMouseEvent(
                kind, QPointF(x, y), QPointF(pad.mapToGlobal(QPoint(int(x), int(y)))),
                Qt.MouseButton.LeftButton,
                Qt.MouseButton.LeftButton if held else Qt.MouseButton.NoButton,
                Qt.KeyboardModifier.NoModifier,
            )  # fmt: skip
            QApplication.sendEvent(pad, event)
        self.settle()
