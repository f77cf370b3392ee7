"""The frame around every page: progress and display choices at the top; the message line, Back, a
question flag and the main action at the bottom. (What covers it, and the staff corner: kiosk.ui.overlays.)

The frame draws the screen model's `View` like the pages do, and says which action was tapped."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QGridLayout,
    QProgressBar,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words
from kiosk.session.view import Action, View
from kiosk.ui.icons import Glyph, icon
from kiosk.ui.overlays import CornerHold
from kiosk.ui.pages.base import button, label
from kiosk.ui.theme import Look
from kiosk.ui.widgets.keys import set_flag

MESSAGE_LINES = 2
"""The message line keeps room for this many lines of text, shown or not: a message never moves
or squeezes the page."""


class TopBar(QWidget):
    """Where the patient is, over the bar of the whole, and the Larger text and High contrast
    toggles beside it. When the words do not fit on one line beside the toggles (a narrow screen,
    larger text, a long language), the words and the bar take the whole width, and the toggles a
    row of their own under them."""

    larger = Signal(bool)
    contrast = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(4)
        self.corner = CornerHold()
        self.where = label(role="progress")  # wraps rather than being cut
        self.bar = ProgressBar()
        self.larger_button = button("", "small")
        self.larger_button.setCheckable(True)
        self.larger_button.toggled.connect(self.larger.emit)
        self.contrast_button = button("", "small")
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.contrast.emit)
        for b in (self.larger_button, self.contrast_button):
            # Never narrower than their words: "where" gives way instead.
            b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self._mode: str | None = None
        self._arrange("beside")

    def _fit(self) -> None:
        """The words beside the toggles when they fit there in two lines at most (and that room
        is not a sliver); else the words across with the toggles in a row under them; else (the
        toggles' words too long for one row) the toggles one above the other, the words beside."""
        if self.width() <= 0:
            return
        widths = [
            max(b.sizeHint().width(), b.minimumWidth())
            for b in (self.larger_button, self.contrast_button)
        ]
        gap = self.grid.horizontalSpacing()
        line = self.where.fontMetrics().horizontalAdvance(self.where.text())
        room = self.width() - self.corner.width() - sum(widths) - 3 * gap
        if room >= self.width() // 4 and line <= 2 * room * 0.9:  # words wrap short of the edge
            mode = "beside"
        elif self.corner.width() + sum(widths) + 3 * gap <= self.width():
            mode = "above"
        elif self.corner.width() + max(widths) + self._longest_word() + 3 * gap <= self.width():
            mode = "column"
        else:
            mode = "stacked"
        if mode != self._mode:
            self._arrange(mode)

    def _longest_word(self) -> int:
        metrics = self.where.fontMetrics()
        return max((metrics.horizontalAdvance(w) for w in self.where.text().split()), default=0)

    def _arrange(self, mode: str) -> None:
        self._mode = mode
        for w in (self.corner, self.where, self.bar, self.larger_button, self.contrast_button):
            self.grid.removeWidget(w)
        for column in range(4):
            self.grid.setColumnStretch(column, 0)
        top = Qt.AlignmentFlag.AlignTop
        self.grid.addWidget(self.corner, 0, 0, 2, 1, top)
        if mode == "above":
            # The words and the bar across, the toggles in a row of their own under them.
            self.grid.addWidget(self.where, 0, 1, 1, 3)
            self.grid.addWidget(self.bar, 1, 1, 1, 3)
            self.grid.addWidget(self.larger_button, 2, 2)
            self.grid.addWidget(self.contrast_button, 2, 3)
        elif mode == "stacked":
            # Words, bar and each toggle on a row of their own (a long language, large text).
            self.grid.addWidget(self.where, 0, 1, 1, 3)
            self.grid.addWidget(self.bar, 1, 1, 1, 3)
            right = Qt.AlignmentFlag.AlignRight
            self.grid.addWidget(self.larger_button, 2, 1, 1, 3, right)
            self.grid.addWidget(self.contrast_button, 3, 1, 1, 3, right)
        elif mode == "column":
            # The toggles one above the other at the side, the words and the bar beside them.
            self.grid.addWidget(self.where, 0, 1)
            self.grid.addWidget(self.bar, 1, 1, top)
            self.grid.addWidget(self.larger_button, 0, 2)
            self.grid.addWidget(self.contrast_button, 1, 2)
        else:
            self.grid.addWidget(self.where, 0, 1)
            self.grid.addWidget(self.bar, 1, 1)
            self.grid.addWidget(self.larger_button, 0, 2, 2, 1, top)
            self.grid.addWidget(self.contrast_button, 0, 3, 2, 1, top)
        self.grid.setColumnStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_words(self, words: Words, look: Look) -> None:
        self.larger_button.setText(words("frame.larger-text"))
        self.contrast_button.setText(words("frame.high-contrast"))
        px = look.px(26)
        for b, glyph in (
            (self.larger_button, Glyph.LARGER),
            (self.contrast_button, Glyph.CONTRAST),
        ):
            b.setIcon(icon(glyph, look.palette.button_text, px))
            b.setIconSize(QSize(px, px))
            # Never narrower than the words, the glyph and the padding each side (the style's
            # own measure falls short by a few pixels with a glyph).
            b.ensurePolished()
            words_px = b.fontMetrics().horizontalAdvance(b.text())
            b.setMinimumWidth(words_px + px + 8 + 2 * look.px(20) + 8)
        self._fit()

    def draw(self, view: View, words: Words) -> None:
        """Where the patient is (the screen's own heading, "Risk 2 of 8", else the part of the whole
        briefing) and the bar of the whole; nothing on Welcome and between patients."""
        at, total = view.progress or (0, 0)
        if view.heading is not None and total:
            where = words.text(view.heading)
        else:
            where = words("frame.progress", at=at, total=total) if total else ""
        self.where.setText(where)
        self._fit()
        self.bar.setVisible(total > 0)
        self.bar.show_progress(at, max(total, 1))


class ProgressBar(QProgressBar):
    """The bar under "Part n of m", which only asks to be painted with the rest of the screen.

    QProgressBar repaints itself at once, synchronously, when its value changes: in the middle of
    drawing a new screen, that painted the whole window before the new page's layout had run. Here
    the change is made with the bar's updates off, and turning them on again schedules an ordinary
    update(), painted at the next turn of the event loop with everything else.
    """

    def __init__(self) -> None:
        super().__init__()
        self.setTextVisible(False)

    def show_progress(self, value: int, maximum: int) -> None:
        if (value, maximum) == (self.value(), self.maximum()) and self.minimum() == 0:
            return
        self.setUpdatesEnabled(False)
        try:
            self.setRange(0, maximum)
            self.setValue(value)
        finally:
            self.setUpdatesEnabled(True)


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
        self.message = label(role="notice")
        self.message.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeading)
        outer.addWidget(self.message)
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(12)
        outer.addLayout(self.grid)
        self.back = button("", "back", lambda: self.tapped.emit(Action.BACK))
        self.flag = button("", "flag", lambda: self.tapped.emit(Action.FLAG))
        self.primary = button("", "primary", self._primary)
        self._primary_action: Action | None = None
        self._said = ""
        self._cue = ""
        self._more = False
        self._icon_px = 28
        self._stacked: bool | None = None
        self._arrange(stacked=False)

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
        for b in (self.back, self.primary, self.flag):
            b.setIconSize(QSize(px, px))
        self.message.setMaximumWidth(self.message.fontMetrics().averageCharWidth() * 66)
        line = self.message.fontMetrics().lineSpacing()
        pad = look.px(10) * 2 + 4
        self.message.setMinimumHeight(MESSAGE_LINES * line + pad)
        self._stacked = None
        self._fit()

    def draw(self, view: View, words: Words) -> None:
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
        need = sum(b.sizeHint().width() for b in shown) + 16 * (len(shown) + 1)
        stacked = self.flag.isVisibleTo(self) and need > self.width() > 0
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

    def say(self, text: str) -> None:
        """A message not from the model (staff mode's): shown in the same line."""
        self.message.show()
        self._said = text
        self._note()
