"""The arrows on staff mode's Back and Next buttons: drawn, as the patient's are, in the look's
colours, and turned to the reading direction (a written "›" pointed right in Arabic too)."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QPushButton

from kiosk.i18n import Words
from kiosk.ui.icons import Glyph, icon
from kiosk.ui.theme import Look

ARROW_PX = 28
"""The arrow's size at 1280×800 in normal text, as on the patient's Back and Next."""


def arrow(look: Look, glyph: Glyph, *, primary: bool, right_to_left: bool) -> QIcon:
    """Back's or Next's arrow in the text colour of a plain (or the main) button."""
    palette = look.palette
    colour = palette.primary_text if primary else palette.button_text
    return icon(glyph, colour, look.px(ARROW_PX), right_to_left=right_to_left)


def point(button: QPushButton, look: Look, glyph: Glyph, *, right_to_left: bool) -> None:
    """`button` with Back's arrow before its words, or Next's after them (on the left of them in a
    right-to-left language), pointing as the language reads."""
    px = look.px(ARROW_PX)
    primary = button.property("role") == "primary"
    button.setIcon(arrow(look, glyph, primary=primary, right_to_left=right_to_left))
    button.setIconSize(QSize(px, px))
    if glyph is Glyph.NEXT:  # the icon after the words: the button laid out the other way
        button.setLayoutDirection(
            Qt.LayoutDirection.LeftToRight if right_to_left else Qt.LayoutDirection.RightToLeft
        )


def back_and_next(back: QPushButton, next_: QPushButton, look: Look, words: Words) -> QSize:
    """A form's Back and Next given their arrows; the size of Next's (for a step to drop it)."""
    point(back, look, Glyph.BACK, right_to_left=words.right_to_left)
    point(next_, look, Glyph.NEXT, right_to_left=words.right_to_left)
    return next_.iconSize()
