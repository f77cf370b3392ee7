"""Typing a name, the line of who signs and when keeps its look whether the keys or the statement
stand under it. A reviewer, in Arabic at 1280x800 with Listen: "Read what your signature means"
tapped, the line over the name turned bold and larger (the statement in the keys' place left the
page room for a heading), and went back to the body's type with the keys."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.fonts import load_fonts
from kiosk.ui.window import KioskWindow
from tests.ui.drive import reach, tap
from tests.ui.matrix import HEARD
from tests.ui.seen import settle


def look_of(line: QLabel) -> tuple[int, int]:
    """The weight and pixel size the line is drawn in (the sheet's weight applied: polished)."""
    line.ensurePolished()
    font = line.font()
    return font.weight().value, font.pixelSize()


@pytest.mark.parametrize(
    ("display", "larger"),
    [(QSize(1280, 800), False), (QSize(1280, 800), True), (QSize(1920, 1080), True)],
    ids=["1280x800-normal", "1280x800-larger", "1920x1080-larger"],
)
def test_the_line_over_the_name_keeps_its_look_with_the_statement_open(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    monkeypatch: pytest.MonkeyPatch,
    display: QSize,
    larger: bool,
) -> None:
    load_fonts()  # the kiosk's own fonts, as on a kiosk (the Arabic type's height counts)
    load_fonts(fallbacks=True)
    monkeypatch.setattr(window.station.audio, "clips_for", lambda form, said: HEARD if said else ())
    monkeypatch.setattr(window.station.audio, "voice", lambda form: "a voice")
    reach(qtbot, window, display, "ar", ScreenKind.SIGN, larger=larger)
    page = window.sign
    tap(qtbot, page.switch)
    qtbot.waitUntil(page.keyboard.isVisible)
    settle()
    read = page.under.read
    if display == QSize(1280, 800):  # Listen's row and Arabic's keys: no room under the keys
        assert read.isVisible()
    if not read.isVisible():
        return
    with_keys = look_of(page.who)
    tap(qtbot, read)
    settle()
    assert not page.keyboard.isVisible() and page.statement_box.isVisible()
    assert look_of(page.who) == with_keys, "the statement opened"
    tap(qtbot, read)  # "Back to the keys"
    settle()
    assert page.keyboard.isVisible()
    assert look_of(page.who) == with_keys, "the keys back"
