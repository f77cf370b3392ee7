"""A label's height for a width is kept between layouts, and never outlives what it was for."""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.pages.base import label
from kiosk.ui.theme import STANDARD, Look
from kiosk.ui.typeset import wear
from kiosk.ui.widgets.keys import set_flag

LONG = "Tell your care team about any pain that gets worse after the procedure. " * 3


def fresh(text: str, like: QLabel) -> int:
    """What QLabel itself says for `text` in `like`'s font and room, at 400 px."""
    plain = QLabel(text)
    plain.setWordWrap(True)
    plain.setFont(like.font())
    plain.setMargin(like.margin())
    return plain.heightForWidth(400)


def test_a_kept_height_follows_the_words_the_font_and_the_role(qtbot: QtBot) -> None:
    part = QWidget()
    qtbot.addWidget(part)
    QVBoxLayout(part)
    words = label(LONG)
    part.layout().addWidget(words)  # type: ignore[union-attr]
    wear(part, Look(STANDARD, 24))  # as the patient's pages: text sizes are fonts
    part.show()
    tall = words.heightForWidth(400)
    assert tall == fresh(LONG, words) and tall > words.fontMetrics().lineSpacing() * 2
    QLabel.setText(words, "Short.")  # past the Python override, as a kept row is refilled
    assert words.heightForWidth(400) == fresh("Short.", words) < tall
    words.setText(LONG)
    assert words.heightForWidth(400) == tall
    font = QFont()
    font.setPixelSize(40)
    words.setFont(font)
    assert words.heightForWidth(400) == fresh(LONG, words) > tall
    wear(part, Look(STANDARD, 24))
    assert words.heightForWidth(400) == tall
    set_flag(words, "role", "title")  # bold, in a title's size
    assert words.font().pixelSize() == 40 and words.font().bold()
    assert words.heightForWidth(400) == fresh(LONG, words) > tall
    words.clear()
    assert words.heightForWidth(400) == fresh("", words)
