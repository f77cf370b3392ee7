"""The hint under the name keyboard names the accents key as the key reads, "àé…", in an Arabic
sentence too: the Latin run isolated, its ellipsis after the letters (a reviewer saw "…àé")."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


def visual_x(text: str, index: int, right_to_left: bool) -> float:
    """Where the character at `index` starts on one laid-out line of `text`."""
    layout = QTextLayout(text)
    option = QTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    )
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return float(line.cursorToX(index)[0])


@pytest.mark.parametrize("language", ["ar", "en", "es"])
def test_the_accents_key_is_named_in_the_hint_as_it_reads(qtbot: QtBot, language: str) -> None:
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    words = words_for(language)
    keyboard.set_words(words)
    hint = keyboard._hint.text()  # (what the label shows)
    named = words("keys.accents-key")
    at = hint.index(named)
    letter, dots = at + named.index("é"), at + named.index("…")
    rtl = words.right_to_left
    assert visual_x(hint, dots, rtl) > visual_x(hint, letter, rtl)  # "àé…", never "…àé"
