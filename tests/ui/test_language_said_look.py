"""A language being named aloud never looks chosen: in high contrast, where a sentence read aloud is
marked in the chosen colour, a reviewer saw English filled yellow as the chosen Español was, while
the list of languages was read."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.window import KioskWindow
from tests.ui.drive import tap
from tests.ui.seen import settle


def fill(button: QPushButton) -> QColor:
    """The colour a button is filled with: a point inside its edge, left of its words."""
    image = button.grab().toImage()
    return image.pixelColor(button.width() // 12, button.height() // 2)


def edge(button: QPushButton) -> QColor:
    """The colour of a button's edge, halfway down its left side."""
    return button.grab().toImage().pixelColor(3, button.height() // 2)


@pytest.mark.parametrize("high_contrast", [True, False], ids=["high-contrast", "standard"])
def test_a_language_said_aloud_is_not_filled_like_the_chosen_one(
    qtbot: QtBot, window: KioskWindow, prepared: str, high_contrast: bool
) -> None:
    if high_contrast:
        tap(qtbot, window.top.contrast_button)
    languages = window.welcome.languages
    tap(qtbot, languages.buttons["es"])
    languages.mark("en")
    settle()
    chosen, said, other = (languages.buttons[c] for c in ("es", "en", "ar"))
    assert chosen.isChecked() and said.property("said") == "true"
    assert fill(said) != fill(chosen)
    assert edge(said) != edge(other)  # marked, as a sentence read aloud is
