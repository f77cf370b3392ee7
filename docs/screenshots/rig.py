"""What the screenshot scripts share: the kiosk window shown frameless at the screen's size (staff
sign-in answered at once: its own dialog is shot separately), its work settled before each shot,
and the shot itself (ImageMagick `import -window root`, the screen as a person sees it)."""

from __future__ import annotations

import argparse
import subprocess
from datetime import date, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.station import Station
from kiosk.ui.window import KioskWindow


def options(prog: str, doc: str, folder: Path) -> tuple[argparse.Namespace, str, Path]:
    """A script's options (`--larger`, `--language`, `--out`, default `folder`), the suffix added
    to each file's name, and the folder to save into (made)."""
    parser = argparse.ArgumentParser(prog=prog, description=doc.splitlines()[0])
    parser.add_argument("--larger", action="store_true", help='turn "Larger text" on first')
    parser.add_argument("--language", help="choose this language on Welcome first (es, ar)")
    parser.add_argument("--out", type=Path, default=folder, help="the folder to save into")
    chosen, rest = parser.parse_known_args()  # a suffix such as "-portrait" looks like an option
    out_dir = chosen.out.resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    return chosen, rest[0] if rest else "", out_dir


def prepare_zoe(station: Station, now: datetime) -> str:
    """The fictional patient the pictures show, her briefing prepared at this kiosk."""
    from kiosk.content import load_form
    from kiosk.paths import bundled_forms_dir
    from kiosk.store.briefings import prepare_briefing

    return prepare_briefing(
        station.store, load_form(bundled_forms_dir() / "mild" / "en.toml"),
        name="Zoë Ångström-Öberg", date_of_birth=date(1951, 3, 14), mrn="MRN-0042",
        staff="Sam Carter", now=now,
    )  # fmt: skip


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

    def keys(self, widget: QWidget, text: str | list[str]) -> None:
        """Tap, in turn, the key of `widget` showing each of `text` (a letter, or a key's words)."""
        from PySide6.QtWidgets import QAbstractButton

        for ch in text:
            buttons = widget.findChildren(QAbstractButton)
            self.tap(next(b for b in buttons if b.text() == ch and b.isVisible()))

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
