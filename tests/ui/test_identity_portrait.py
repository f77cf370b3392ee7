"""Identity on a portrait screen: the date right under the words asking for it, whatever its size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.pages.identity import IdentityPage
from kiosk.ui.window import KioskWindow
from tests.ui.drive import tap
from tests.ui.seen import on_window, readable, settle


def identity_at(qtbot: QtBot, window: KioskWindow, size: QSize, larger: bool) -> IdentityPage:
    window.show_at(size)
    tap(qtbot, window.welcome.start_button)
    if larger:
        tap(qtbot, window.top.larger_button)
    settle()
    return window.identity


def top(window: KioskWindow, widget: QWidget) -> int:
    return on_window(window, widget).y()


def bottom(window: KioskWindow, widget: QWidget) -> int:
    return on_window(window, widget).y() + widget.height()


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
def test_the_date_stands_under_the_words_asking_for_it(
    qtbot: QtBot, window: KioskWindow, prepared: str, larger: bool
) -> None:
    """1080x1920: "please enter your date of birth" stood at the top and the date and its keys at
    the bottom, 700 px of nothing between them. The date comes right after the words (with room for
    a refusal over it), "This is not me" at the foot of the page, away from the keys."""
    page = identity_at(qtbot, window, QSize(1080, 1920), larger)
    refusal_room = page.date_notice.fontMetrics().lineSpacing() * 3 + window.look.room(10) * 2
    gap = top(window, page.keypad) - bottom(window, page.instruction)
    assert 0 < gap <= refusal_room + 3 * window.look.room(32)
    assert top(window, page.not_me) - bottom(window, page.keypad) > 200  # well apart from the keys
    assert bottom(window, page.not_me) < top(window, window.bottom)
    readable(window, "the date under its words, portrait")


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("size", [QSize(768, 1024), QSize(800, 1280)], ids=["768x1024", "800x1280"])
def test_on_a_small_portrait_screen_the_words_and_the_keys_are_whole(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize, larger: bool
) -> None:
    """768x1024, Larger text: the words asking for the date were squeezed to nothing (a reviewer),
    the keys' last row cut, "This is not me" 12 px under Clear. The room kept for a refusal is given
    up first, then the keys a little smaller, then the gap under them: on a tablet's 800x1280 the
    gap stays; on a screen smaller still, the keys are whole and the button clear of them."""
    page = identity_at(qtbot, window, size, larger)
    assert page.instruction.isVisible()
    words = page.said
    assert words.height() >= page.instruction.heightForWidth(words.viewport().width())
    gap = top(window, page.not_me) - bottom(window, page.keypad)
    assert gap >= (window.look.room(24) if size.height() >= 1280 else 1)
    readable(window, "identity on a small portrait screen")
