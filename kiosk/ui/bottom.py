"""The frame's bottom: the message line, Back, a question flag and the main action.

It draws the screen model's `View` like the pages do, and says which action was tapped."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QIcon, QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.view import Action, View
from kiosk.ui.icons import Glyph, icon, leading_icon
from kiosk.ui.pages.base import button, label
from kiosk.ui.pages.label import lines_px
from kiosk.ui.pages.parts import WaitingTap
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keys import set_flag

MESSAGE_LINES = 2
"""The message line keeps room for this many lines of text, shown or not: a message never moves
or squeezes the page."""


GAP = 24
"""Pixels between the bottom's buttons, across and down."""
SHORT_GAP = 12
"""Pixels between the flag's row and Back's on a landscape screen, whose height the page needs
(at 1280x800, Larger text, a long language, 24 px cut a question's last answer)."""
ROW_SLACK = 16
"""Pixels a row of the three keeps over their widths and gaps, or the flag takes a row of its own."""


class BottomBar(QWidget):
    """The message line, then Back, the question flag and the main action. When they do not fit on
    one row (a narrow screen, larger text, a long language), the flag takes a row of its own."""

    tapped = Signal(object)
    """An `Action` was tapped."""

    def __init__(self) -> None:
        super().__init__()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        self.message = label()
        self.message.setProperty("role", "")  # as _note() leaves it with nothing to say
        self.message.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
        # At the main action's end of the row, over the button just tapped: on a wide screen at
        # the other end it stood 1,000 px from where the patient looks (a reviewer).
        said = QHBoxLayout()
        said.setContentsMargins(0, 0, 0, 0)
        said.addStretch(0)
        said.addWidget(self.message, 1)
        outer.addLayout(said)
        self.grid = QGridLayout()
        # The question flag beside Back and over the main action: 16 and 12 px apart, a shaky
        # finger reaching for Next filed a question for the surgeon (a reviewer); as the answer
        # choices are, at least 24 px.
        self.grid.setHorizontalSpacing(GAP)
        self.grid.setVerticalSpacing(SHORT_GAP)  # GAP on a portrait screen (`_fit`)
        outer.addLayout(self.grid)
        self.back = button("", "back", lambda: self.tapped.emit(Action.BACK))
        self.flag = button("", "flag", lambda: self.tapped.emit(Action.FLAG))
        self.primary = button("", "primary", self._primary)
        WaitingTap(self.primary).tapped.connect(self._primary_waits)  # tapped greyed: say why
        self._primary_action: Action | None = None
        self._said = ""
        self._cue = ""
        self._more = False
        self._icon_px = 28
        self._noted = QIcon()
        self._room = 0
        self._screen: str | None = None
        self._stacked: bool | None = None
        self._arrange(stacked=False)

    def _primary_waits(self) -> None:
        """The main button tapped while it waits: tapped all the same, for the model to say why."""
        if self._primary_action is not None and self.isVisible():
            self.tapped.emit(self._primary_action)

    def _primary(self) -> None:
        # A second tap that lands after the screen changed (a double tap on Sign) finds the bar
        # hidden, or another action: only what is on screen now is done.
        if self._primary_action is not None and self.isVisible():
            self.tapped.emit(self._primary_action)

    def set_look(self, look: Look, words: Words) -> None:
        px = self._icon_px = look.px(28)
        rtl = words.right_to_left
        # The arrow after the words: on the right, or on the left in a right-to-left language.
        self.primary.setLayoutDirection(
            Qt.LayoutDirection.LeftToRight if rtl else Qt.LayoutDirection.RightToLeft
        )
        self.back.setIcon(icon(Glyph.BACK, look.palette.button_text, px, right_to_left=rtl))
        self.primary.setIcon(icon(Glyph.NEXT, look.palette.primary_text, px, right_to_left=rtl))
        self._noted = leading_icon(Glyph.TICK, look.palette.flag, px, right_to_left=rtl)
        for b in (self.back, self.primary, self.flag):
            b.setIconSize(QSize(px, px))
        self.message.setMaximumWidth(self.message.fontMetrics().averageCharWidth() * 66)
        pad = look.px(10) * 2 + 4
        self._room = lines_px(self.message, MESSAGE_LINES) + pad
        self.message.setMinimumHeight(self._room)
        self._stacked = None
        self._fit()

    def draw(self, view: View, words: Words) -> None:
        if view.screen_id != self._screen:  # room a taller message took is kept on its screen only
            self._screen = view.screen_id
            self.message.setMinimumHeight(self._room)
        self._said = words(view.message) if view.message else ""
        self.message.setVisible(not view.message_in_page)
        self._cue = words("frame.more-below")
        self._note()
        back = view.offers.get(Action.BACK)
        self.back.setVisible(back is not None)
        if back is not None:
            self.back.setText(words(back.label))
        flag = view.offers.get(Action.FLAG)
        self.flag.setVisible(flag is not None)
        if flag is not None:
            self.flag.setText(words(flag.label))
            set_flag(self.flag, "flagged", "true" if view.flagged else "false")
            # Noted: a tick and the words, with no button around them (it had looked like one
            # more button to tap, thicker than before)
            self.flag.setIcon(self._noted if view.flagged else QIcon())
        primary = view.primary
        self.primary.setVisible(primary is not None)
        self._primary_action = primary[0] if primary else None
        if primary is not None:
            action, offer = primary
            self.primary.setText(words(offer.label))
            self.primary.setEnabled(offer.enabled)
            arrow = action in (Action.NEXT, Action.CONFIRM)
            px = self._icon_px if arrow else 0
            self.primary.setIconSize(QSize(px, px))
        self._fit()

    def _fit(self) -> None:
        """One row when Back, the flag and the main action fit side by side; else two."""
        shown = [b for b in (self.back, self.flag, self.primary) if not b.isHidden()]
        need = sum(b.sizeHint().width() for b in shown) + GAP * (len(shown) - 1) + ROW_SLACK
        stacked = self.flag.isVisibleTo(self) and need > self.width() > 0
        window = self.window()
        self.grid.setVerticalSpacing(GAP if window.height() > window.width() else SHORT_GAP)
        if stacked != self._stacked:
            self._arrange(stacked)

    def _arrange(self, stacked: bool) -> None:
        self._stacked = stacked
        for b in (self.back, self.flag, self.primary):
            self.grid.removeWidget(b)
        for column in range(4):
            self.grid.setColumnStretch(column, 0)
        if stacked:
            self.grid.addWidget(self.flag, 0, 0, 1, 3)
            self.grid.addWidget(self.back, 1, 0)
            self.grid.setColumnStretch(1, 1)
            self.grid.addWidget(self.primary, 1, 2)
        else:
            self.grid.addWidget(self.back, 0, 0)
            self.grid.addWidget(self.flag, 0, 1)
            self.grid.setColumnStretch(2, 1)
            self.grid.addWidget(self.primary, 0, 3)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_more(self, more: bool) -> None:
        """Whether the page on screen goes on below what is shown."""
        if more != self._more:
            self._more = more
            self._note()

    def _note(self) -> None:
        """The line under the page: the message if there is one, else "more below" if there is
        more; the room is kept either way."""
        text = self._said or (self._cue if self._more else "")
        self.message.setText(text)
        set_flag(self.message, "role", "notice" if self._said else ("cue" if text else ""))
        self.message.setObjectName("moreBelow" if self._more else "note")
        self._hold_room(text)

    def _hold_room(self, text: str) -> None:
        """Keep room for these words where the two lines kept are not enough (a letter drawn from
        another font makes its line taller): the row under the message would otherwise be pushed
        past the bar's edge, and the main action cut. Kept from then on, so it moves once."""
        width = min(self.message.maximumWidth(), self.width())
        if not text or width <= 0:
            return
        need = self.message.heightForWidth(width)
        if need > self.message.minimumHeight():
            self.message.setMinimumHeight(need)

    def say(self, text: str) -> None:
        """A message not from the model (staff mode's): shown in the same line."""
        self.message.show()
        self._said = text
        self._note()
