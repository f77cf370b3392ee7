"""A big button for each language the patient may choose, each named in its own script, the one
on screen marked. It draws the view's choices and says which was tapped; the model switches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QPushButton, QWidget

from kiosk.session.view import LanguageChoice
from kiosk.ui.pages.base import button
from kiosk.ui.typeset import refit
from kiosk.ui.widgets.keys import set_flag

GAP = 22
"""Between two languages: with the margin of a button not chosen (2 px, the style's; the chosen
one's thicker border takes it), at least 24 px from edge to edge, as between the answers to a
question (a shaky finger lands on the one it meant; they were 16 px apart, Close 11 px)."""


class LanguageButtons(QWidget):
    """The languages side by side (Welcome) or one above the other (the chooser)."""

    chosen = Signal(str)
    """A language's code was tapped."""

    def __init__(self, *, vertical: bool = False, role: str = "language") -> None:
        super().__init__()
        self._vertical = vertical
        self._role = role
        direction = (
            QBoxLayout.Direction.TopToBottom if vertical else QBoxLayout.Direction.LeftToRight
        )
        self.row = QBoxLayout(direction, self)
        self.row.setContentsMargins(0, 0, 0, 0)
        self.row.setSpacing(GAP)
        self.buttons: dict[str, QPushButton] = {}

    def fit(self, width: int) -> None:
        """Side by side when they fit in `width`, else one above the other (a narrow screen,
        larger text, many languages)."""
        if self._vertical or not self.buttons:
            return
        need = sum(b.sizeHint().width() for b in self.buttons.values())
        need += self.row.spacing() * (len(self.buttons) - 1)
        across = need <= width
        direction = QBoxLayout.Direction.LeftToRight if across else QBoxLayout.Direction.TopToBottom
        if self.row.direction() != direction:
            self.row.setDirection(direction)

    def draw(self, choices: tuple[LanguageChoice, ...]) -> None:
        if not choices:  # nothing to choose: hidden, its buttons kept for the next time
            self.hide()
            return
        codes = tuple(c.code for c in choices)
        if codes != tuple(self.buttons):
            self._build(choices)
        for choice in choices:
            b = self.buttons[choice.code]
            b.setText(choice.name)
            b.setChecked(choice.chosen)
        self.setVisible(bool(choices))

    def _build(self, choices: tuple[LanguageChoice, ...]) -> None:
        for b in self.buttons.values():
            self.row.removeWidget(b)
            b.hide()  # gone from the screen now, not when the event loop deletes it
            b.deleteLater()
        self.buttons = {}
        for choice in choices:
            b = button(choice.name, self._role)
            b.setObjectName(f"language-{choice.code}")
            b.setCheckable(True)
            b.setProperty("said", "false")  # as `mark` leaves it: no restyle at the first
            # A name reads in its own direction, whatever the screen's.
            b.setLayoutDirection(
                Qt.LayoutDirection.RightToLeft
                if choice.right_to_left
                else Qt.LayoutDirection.LeftToRight
            )
            b.clicked.connect(lambda _=False, code=choice.code: self._tapped(code))
            self.row.addWidget(b)
            refit(b)  # a language's name in its size, in proportion to the text around it
            self.buttons[choice.code] = b

    def mark(self, code: str | None) -> None:
        """Mark the language whose way in is being said aloud (None: none), as a sentence being
        read is marked on a page."""
        for language, b in self.buttons.items():
            set_flag(b, "said", "true" if language == code else "false")

    def _tapped(self, code: str) -> None:
        # A tap never unchecks the language on screen by itself: the model decides what shows.
        button = self.buttons.get(code)
        if button is not None:
            button.setChecked(True)
        self.chosen.emit(code)
