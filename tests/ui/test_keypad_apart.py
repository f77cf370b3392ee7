"""The birth date's keypad as a patient with a tremor meets it: every key one width, and Confirm
well apart from the keys. A reviewer found Confirm 16 px under Delete on a portrait screen (a
shaking finger confirms a half-typed date, or erases a digit instead), and the middle column
(2 5 8 0) a third narrower than the outer two at every size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, tap, type_date
from tests.ui.seen import clip, on_window, settle

SIZES = [QSize(1280, 800), QSize(1920, 1080), QSize(1080, 1920)]
SIZE_IDS = ["1280x800", "1920x1080", "1080x1920"]
APART_PX = 48
"""The least room between the keys and Confirm: what touch guidelines ask between a destructive
key and a commit action (four times the keys' own gap)."""


def keys_on_identity(
    qtbot: QtBot, window: KioskWindow, size: QSize, language: str, larger: bool
) -> list[QPushButton]:
    """On the identity screen, as a patient sets it up, with half a date typed."""
    chosen_look(qtbot, window, size, language, larger=larger)
    tap(qtbot, window.welcome.start_button)
    keypad = window.identity.keypad
    type_date(qtbot, keypad, "0314")
    settle()
    return keypad.findChildren(QPushButton)


@pytest.mark.parametrize("language", ["en", "es", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_every_key_of_the_keypad_is_as_wide_as_the_others(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize, language: str
) -> None:
    keys = keys_on_identity(qtbot, window, size, language, larger=False)
    widths = {key.text(): on_window(window, key).width() for key in keys}
    assert len(widths) == 12
    assert max(widths.values()) - min(widths.values()) <= 1, widths


@pytest.mark.parametrize("language", ["en", "es", "ar"])
@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("size", SIZES, ids=SIZE_IDS)
def test_confirm_stands_well_apart_from_the_keys_and_every_key_is_whole(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize, larger: bool, language: str
) -> None:
    keys = keys_on_identity(qtbot, window, size, language, larger)
    confirm = on_window(window, window.bottom.primary)
    assert window.bottom.primary.isVisible()
    placed = [on_window(window, key) for key in keys]
    lowest = max(placed, key=QRect.bottom)
    assert lowest.top() < confirm.top()  # Confirm under the keys, not beside them
    apart = confirm.top() - (lowest.bottom() + 1)
    assert apart >= APART_PX, f"Confirm {apart} px under the keys"
    for key in keys:  # the room under the keys is never taken from them
        seen = clip(window, key)
        assert seen.visible == seen.full, (key.text(), seen)
