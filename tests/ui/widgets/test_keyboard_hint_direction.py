"""The hint under the name keyboard names the accents key as the key reads, "àé…", in an Arabic
sentence too: the Latin run isolated, its ellipsis after the letters (a reviewer saw "…àé")."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QTextLayout, QTextLine, QTextOption
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.ui.widgets.keyboard import OnScreenKeyboard


def one_line(layout: QTextLayout, right_to_left: bool) -> QTextLine:
    """`layout` laid out on one line, in the reading direction given."""
    option = QTextOption()
    option.setTextDirection(
        Qt.LayoutDirection.RightToLeft if right_to_left else Qt.LayoutDirection.LeftToRight
    )
    layout.setTextOption(option)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(100_000)
    layout.endLayout()
    return line


def visual_x(text: str, index: int, right_to_left: bool) -> float:
    """Where the character at `index` starts on one laid-out line of `text`."""
    layout = QTextLayout(text)  # (kept while its line is read)
    return float(one_line(layout, right_to_left).cursorToX(index)[0])


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


def seen_in_order(text: str, font: QFont, right_to_left: bool) -> str:
    """`text` as drawn on one line, read from left to right (the marks that draw nothing left out)."""
    layout = QTextLayout(text, font)
    line = one_line(layout, right_to_left)
    flags = (
        QTextLayout.GlyphRunRetrievalFlag.RetrieveStringIndexes
        | QTextLayout.GlyphRunRetrievalFlag.RetrieveGlyphPositions
    )
    at: dict[int, float] = {}
    for run in line.glyphRuns(-1, -1, flags):
        for index, point in zip(run.stringIndexes(), run.positions(), strict=True):
            at.setdefault(index, point.x())
    drawn = [n for n in at if unicodedata.category(text[n]) != "Cf" and not text[n].isspace()]
    return "".join(text[n] for n in sorted(drawn, key=lambda n: at[n]))


def test_in_arabic_the_key_is_named_apart_from_the_words_around_it(qtbot: QtBot) -> None:
    """Drawn in the Arabic sentence, the key's name reads "àé…" as on the key, set apart by
    quotation marks: its ellipsis is not the one thing between "على" (on) and its letters, where
    it read as "…àé" (a reviewer saw "…أو الضغط على …àé")."""
    keyboard = OnScreenKeyboard()
    qtbot.addWidget(keyboard)
    words = words_for("ar")
    keyboard.set_words(words)
    hint = keyboard._hint.text()
    named = words("keys.accents-key")
    assert f"\u2068{named}\u2069" in hint  # isolated: its own direction in the sentence
    seen = seen_in_order(hint, keyboard._hint.font(), right_to_left=True)
    at = seen.index(named)  # its letters and ellipsis in the key's order, left to right
    # Quoted: the opening « stands at its right, next to "على", the closing » at its left (each
    # drawn mirrored in the right-to-left line: «àé…» as an Arabic reader sees quotation marks).
    assert (seen[at - 1] if at else "", seen[at + len(named) :][:1]) == ("»", "«"), seen
