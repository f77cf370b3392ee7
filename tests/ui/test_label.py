"""A label's height for a width is kept between layouts, and never outlives what it was for."""

from __future__ import annotations

from PySide6.QtCore import Qt
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


def test_right_to_left_words_keep_clear_of_the_bar_at_their_start(qtbot: QtBot) -> None:
    """A point of the signing statement in Arabic: the bar and its padding stand at the right,
    where the words start, and no letter is drawn over them."""
    part = QWidget()
    qtbot.addWidget(part)
    part.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QVBoxLayout(part)
    point = label("بتوقيعي، أؤكد أن هذه المعلومات عن إجراء mild قد عُرضت عليّ. " * 2, "point")
    part.layout().addWidget(point)  # type: ignore[union-attr]
    look = Look(STANDARD, 24, right_to_left=True)
    wear(part, look)
    part.resize(500, 300)
    part.show()
    qtbot.waitExposed(part)
    image = point.grab().toImage()
    background = image.pixelColor(0, 0)
    bar, padding = look.room(6), look.room(14)
    clear = range(image.width() - bar - padding, image.width() - bar)
    inked = [
        x for x in clear for y in range(image.height()) if image.pixelColor(x, y) != background
    ]
    assert not inked, f"letters drawn over the padding beside the bar at x={sorted(set(inked))[:5]}"


def test_a_line_that_becomes_a_notice_has_room_inside_its_box(qtbot: QtBot) -> None:
    """A question's line under its choices turns from a plain word into a notice (why Next did
    nothing): its box has the style sheet's room around the words, as one made a notice has, and
    loses it again when it turns back (the words sat on the box's edge)."""
    part = QWidget()
    qtbot.addWidget(part)
    QVBoxLayout(part)
    look = Look(STANDARD, 24)
    made = label("Please choose an answer.", role="notice")
    turned = label("Please choose an answer.")
    for words in (made, turned):
        part.layout().addWidget(words)  # type: ignore[union-attr]
    wear(part, look)
    part.show()
    qtbot.waitExposed(part)
    room = made.contentsMargins()
    assert room.left() == look.room(16) and room.top() == look.room(10)
    set_flag(turned, "role", "notice")
    assert turned.contentsMargins() == room
    set_flag(turned, "role", "")
    assert turned.contentsMargins().left() == 0
