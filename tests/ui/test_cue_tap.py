"""“There is more below”, tapped, slides the words up as a finger would: a reviewer saw that an
older patient taps the arrow, and nothing happened. Tapped to the end, the words have all been
on screen: "I understand this risk" may be tapped."""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.ui.drive import SHORT, begin, chosen_look, kind, walk_to, walk_to_a_long_risk
from tests.ui.seen import settle


def tap_cue(qtbot: QtBot, cue: object) -> None:
    qtbot.mouseClick(cue, Qt.MouseButton.LeftButton, pos=QPoint(10, cue.height() // 2))  # type: ignore[attr-defined]
    settle()


def test_tapping_more_below_slides_a_risk_up_to_its_end(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    chosen_look(qtbot, window, SHORT, "en")
    begin(qtbot, window)
    walk_to_a_long_risk(qtbot, window)
    page = window.reading
    bar, cue = page.body.verticalScrollBar(), page.under.cue
    settle()
    assert cue.isVisible() and not page.understand.isEnabled()
    seen = [bar.value()]
    for _ in range(20):
        if not cue.isVisible():
            break
        tap_cue(qtbot, cue)
        assert bar.value() > seen[-1], "a tap on the cue moved nothing"
        seen.append(bar.value())
    assert bar.value() == bar.maximum() and not cue.isVisible()
    # Each tap kept some of what showed in view: no line is skipped unseen.
    assert all(b - a < bar.pageStep() for a, b in pairwise(seen))
    qtbot.waitUntil(page.understand.isEnabled)


def test_tapping_more_below_slides_the_signing_statement_up(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    chosen_look(qtbot, window, SHORT, "en")
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    assert kind(window) is ScreenKind.SIGN
    area, cue = window.sign.statement, window.sign.cue
    settle()
    assert cue.isVisible(), "the statement is longer than its room on this screen"
    before = area.verticalScrollBar().value()
    tap_cue(qtbot, cue)
    assert area.verticalScrollBar().value() > before
