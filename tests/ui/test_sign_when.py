"""The date and time over the signature box: on one line where that line fits (broken, they
misread "6 de / diciembre de 2026, / 4:50 a.m."), and never wider than the place. At 10:04 a.m.,
on a portrait screen in Spanish with Larger text, the unbroken date and time were 6 px wider than
their line (past ten o'clock the hour takes one more digit); CI caught it by the clock."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import begin, tap, walk_to


@pytest.fixture
def clock() -> FakeClock:
    """Late on a day of a long month: the longest date and time Spanish writes."""
    return FakeClock(datetime(2026, 9, 30, 22, 59, tzinfo=UTC))


@pytest.mark.parametrize("size", [QSize(1080, 1920), QSize(1280, 800)], ids=str)
def test_the_date_and_time_over_the_box_never_overflow_their_line(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize
) -> None:
    window.show_at(size)
    tap(qtbot, window.welcome.languages.buttons["es"])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    walk_to(qtbot, window, ScreenKind.SIGN)
    who = window.sign.who
    width, metrics = who.contentsRect().width(), who.fontMetrics()
    words = who.text().replace("\n", " ").split(" ")  # (a no-break space holds; a line break not)
    widest = max(words, key=metrics.horizontalAdvance)
    assert metrics.horizontalAdvance(widest) <= width, (widest, width)
    assert "septiembre" in who.text()


def test_the_time_over_the_box_is_the_kiosks_own_not_utc(
    qtbot: QtBot, window: KioskWindow, prepared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 22:59 UTC a kiosk in New York showed "10:59 PM" over the box, and its PDF "6:59 PM"."""
    import time

    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    try:
        begin(qtbot, window)
        walk_to(qtbot, window, ScreenKind.SIGN)
        who = window.sign.who.text().replace("\u00a0", " ").replace("\u202f", " ")
        assert "6:59 PM" in who and "September 30, 2026" in who, who
    finally:
        monkeypatch.undo()
        time.tzset()
