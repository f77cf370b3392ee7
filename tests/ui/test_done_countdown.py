"""The done screen says, for its last seconds, that it goes back to the start; Finish holds still."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import begin, kind, next_, sign_here, tap, walk_to
from tests.ui.seen import clip, on_window, settle


def to_done(qtbot: QtBot, window: KioskWindow) -> None:
    """A whole briefing walked and signed, on the done screen with its PDF made."""
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    settle()


def test_the_last_seconds_are_said_and_finish_does_not_move(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.top.larger_button)
    to_done(qtbot, window)
    page = window.done
    finish = on_window(window, page.finish)
    assert not page.returning.isVisible()
    clock.advance(25)
    window.tick()
    settle()
    assert page.returning.isVisible() and "20\u00a0seconds" in page.returning.text()
    seen = clip(window, page.returning)
    assert seen.visible == seen.full
    assert on_window(window, page.finish) == finish


def test_the_words_being_read_stay_put_when_the_countdown_shows(
    qtbot: QtBot, window: KioskWindow, prepared: str, clock: FakeClock
) -> None:
    """Arabic at 1280×800 with Larger text (a reviewer saw every paragraph drop a line as the
    countdown came in over them): the body's first paragraph, the saved line and Finish stay put."""
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons["ar"])
    tap(qtbot, window.top.larger_button)
    to_done(qtbot, window)
    page = window.done
    first = page.body.content.itemAt(0).widget()
    still = [first, page.pdf, page.finish]
    before = [on_window(window, w) for w in still]
    assert not page.returning.isVisible()
    clock.advance(35)
    window.tick()
    settle()
    assert page.returning.isVisible() and page.returning.text()
    seen = clip(window, page.returning)
    assert seen.visible == seen.full  # on screen whole, with no scrolling
    assert [on_window(window, w) for w in still] == before
