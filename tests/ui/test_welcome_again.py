"""The next patient's Welcome is the first patient's: a briefing left idle and wiped brings back
the same Welcome, every toggle with its words where it had them, at the same place. A reviewer in
practice mode at 1280x800: after an idle wipe Welcome's Listen, Quieter and High contrast were
glyphs alone, beside a stretched "Larger text" (a freshly started kiosk had all four words)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import begin, kind, offer_listen, tap, walk_to, walk_up_with_larger_text
from tests.ui.seen import on_window, settle


def _toggles(window: KioskWindow) -> list[tuple[str, object]]:
    top = window.top
    return [(b.text(), on_window(window, b)) for b in top.toggles if b.isVisible()]


def left_idle(qtbot: QtBot, window: KioskWindow, clock: FakeClock) -> None:
    """Nobody touches the screen: asked if they are still there, then the session wiped."""
    with qtbot.waitSignal(window.session_ended):
        clock.advance(window.station.idle.warning_after)
        window.tick()
        clock.advance(window.station.idle.end_after_warning)
        window.tick()
    assert kind(window) is ScreenKind.WELCOME
    settle()


@pytest.mark.parametrize(
    ("size", "language", "practice_banner"),
    [
        pytest.param(QSize(1280, 800), "es", True, id="1280x800-es-banner"),
        pytest.param(QSize(1080, 1920), "ar", False, id="1080x1920-ar"),
    ],
)
def test_welcome_after_an_idle_wipe_is_welcome_as_first_shown(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    clock: FakeClock,
    practice_banner: bool,
    size: QSize,
    language: str,
) -> None:
    offer_listen(window, "en", language)
    window.show_at(size)
    settle()
    first = _toggles(window)
    assert all(text for text, _ in first), f"a toggle without its words at first: {first}"
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    left_idle(qtbot, window, clock)
    assert _toggles(window) == first


@pytest.mark.parametrize("practice_banner", [True])
@pytest.mark.parametrize("settings", [{"walk_up_mode": True}])
def test_welcome_after_a_walk_up_patient_left_is_welcome_as_first_shown(
    qtbot: QtBot, window: KioskWindow, clock: FakeClock, practice_banner: bool
) -> None:
    """The reviewer's walk: practice mode, walk-up, Listen offered, Larger text on from the name on."""
    offer_listen(window, "en")
    window.show_at(QSize(1280, 800))
    settle()
    first = _toggles(window)
    assert all(text for text, _ in first), f"a toggle without its words at first: {first}"
    walk_up_with_larger_text(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    left_idle(qtbot, window, clock)
    assert _toggles(window) == first
