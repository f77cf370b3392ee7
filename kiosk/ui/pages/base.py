"""What every page shares: drawing a briefing, forgetting it, and the building blocks of its layout."""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Tone
from kiosk.ui.pages.label import Label
from kiosk.ui.pages.scroll import Reading, kinetic
from kiosk.ui.theme import BASE_PX, STANDARD, Look
from kiosk.ui.typeset import typeset, wear

if TYPE_CHECKING:
    from kiosk.i18n import Words
    from kiosk.session.screen import ScreenModel
    from kiosk.session.view import Action, View

log = logging.getLogger(__name__)


LINE_CHARACTERS = 66
"""Reading text is set no wider than about this many average characters: long lines are hard to
follow, for a patient more than anyone."""


_LETTER_PX: dict[tuple[str, str], float] = {}
"""The mean width of a letter of a right-to-left language in a font (`Page.line_px`)."""


class Page(QWidget):
    """One kind of screen: it draws the screen model's `View` and turns taps into the model's intents.

    A page keeps no state of the briefing: it binds to the model once (`bind`) and, whenever the
    model changes and the current screen is one of its `kinds`, draws the view it is given.
    `forget` wipes every personal detail (a session ended).
    """

    kinds: frozenset[ScreenKind] = frozenset()
    more = Signal(bool)
    """Whether the page's text goes on below what is on screen (the frame says so)."""

    def __init__(self) -> None:
        super().__init__()
        self.has_more = False
        self.model: ScreenModel | None = None
        self.look = Look(STANDARD, BASE_PX)
        """The palette and sizes, for what a page draws itself (icons); set by the window."""
        self._areas: tuple[Reading, ...] | None = None
        """The page's reading areas (`settle`)."""
        self._styled: Look | None = None
        """The look whose style sheet the page has."""
        self._drawn_for: tuple[object, ...] = ()
        """The view, words, look and size the page was last drawn for."""
        self.drawing = False
        """Drawing a view now: a reading area laid out half-way (its words whole before the keys
        come under them) is not what the patient saw; it says so again once the page settles."""

    def _set_more(self, more: bool) -> None:
        self.has_more = more
        self.more.emit(more)

    def set_look(self, look: Look) -> None:
        """The look to draw in: taken at once if the page is on screen, else when next drawn."""
        self.look = look
        if self.isVisible():
            self.restyle()
        self._centre()

    def restyle(self) -> bool:
        """Take the look's style sheet, if the page does not have it yet (whether it did)."""
        if self._styled == self.look:
            return False
        self._styled = self.look
        wear(self, self.look)
        return True

    centre_column = False
    """Whether the page's words stand in one centred column no wider than a comfortable line."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._centre()

    def _centre(self) -> None:
        layout = self.layout()
        if not self.centre_column or layout is None:
            return
        side = max(0, (self.width() - self.column_px() - self.look.px(40)) // 2)
        margins = layout.contentsMargins()
        if margins.left() != side:
            layout.setContentsMargins(side, margins.top(), side, margins.bottom())

    def column_px(self) -> int:
        """How wide the centred column is: a line of reading text (a page with more beside its
        words says so)."""
        return self.line_px()

    def colour(self, tone: Tone) -> str:
        p = self.look.palette
        return {Tone.DONE: p.done, Tone.NOTICE: p.notice, Tone.FLAG: p.flag}.get(tone, p.text)

    def line_px(self) -> int:
        """The widest a line of reading text should be, in the page's current font and the
        patient's language (an Arabic letter is narrower than a Latin one: the same width holds
        more of them)."""
        metrics = self.fontMetrics()
        words = self.model.words if self.model is not None else None
        char_px = float(metrics.averageCharWidth())
        if words is not None and words.right_to_left:
            key = (words.language, self.font().key())
            if key not in _LETTER_PX:  # measured once per language and font, not per screen
                sample = words("welcome.intro")
                letters = sum(1 for ch in sample if not unicodedata.combining(ch))
                _LETTER_PX[key] = metrics.horizontalAdvance(sample) / max(1, letters)
            char_px = min(char_px, _LETTER_PX[key])
        return round(char_px * LINE_CHARACTERS)

    def bind(self, model: ScreenModel) -> None:
        self.model = model
        model.events.changed.connect(self._model_changed)
        model.events.ended.connect(self.forget)
        model.events.ended.connect(self._forgotten)

    def _forgotten(self) -> None:
        self._drawn_for = ()  # the page's words wiped: the next view is drawn whatever it is

    def _model_changed(self) -> None:
        model = self.model
        assert model is not None
        view = model.view
        if view.kind in self.kinds:
            drawn = (view, model.words, self.look, self.size())
            if drawn == self._drawn_for and self.isVisible():
                return  # on screen as it is (the model drawn again for the frame's sake)
            self._drawn_for = drawn
            self.restyle()  # before drawing: what is drawn is measured in the look's fonts
            self.drawing = True
            try:
                self.draw(view, model.words)
                typeset(self, self.look.body)  # the widgets it made, in their sizes
            finally:
                self.drawing = False

    def draw(self, view: View, words: Words) -> None:
        raise NotImplementedError

    def highlight(self, sentence: str | None) -> None:
        """Highlight the sentence being read aloud (None: none) where it stands on the page: the
        first of the page's texts that holds it, scrolled into view in its reading area."""
        marked = None
        # The sentence as it stands in a text, whatever blanks or line breaks are between its words.
        pattern = re.compile(r"\s+".join(map(re.escape, sentence.split()))) if sentence else None
        for text in self.findChildren(Label):
            found = None
            if pattern is not None and marked is None and text.isVisible():
                found = pattern.search(text.text())
            if found is None:
                text.unmark()
                continue
            p = self.look.palette
            text.mark(found.start(), found.end() - found.start(), p.notice, p.notice_surface)
            marked = text
        area = marked.parentWidget() if marked is not None else None
        while area is not None and not isinstance(area, Reading):
            area = area.parentWidget()
        if marked is not None and isinstance(area, Reading):
            area.ensureWidgetVisible(marked, 0, self.look.room(24))

    def settle(self) -> None:
        """The page is on screen with its new words: its reading areas say now (before the first
        paint) whether there is more below, so the frame's cue is painted once, right."""
        if self._areas is None:  # a page's reading areas are made with it: found once
            self._areas = tuple(self.findChildren(Reading))
        for area in self._areas:
            if area.isVisible():
                area.check_now()

    def submit(self, action: Action) -> None:
        """The main action was tapped: by default the model does it; a page whose main action needs
        what was typed or drawn on it (a date, a name, a signature) hands that over."""
        if self.model is not None:
            self.model.do(action)

    def forget(self) -> None:
        """Clear every text and input that could hold personal details."""


def label(text: str = "", role: str | None = None, *, wrap: bool = True) -> QLabel:
    widget = Label(text)
    widget.setWordWrap(wrap)
    widget.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    widget.setTextFormat(Qt.TextFormat.PlainText)
    if role:
        widget.setProperty("role", role)
    return widget


def button(
    text: str, role: str | None = None, on_click: Callable[[], None] | None = None
) -> QPushButton:
    widget = QPushButton(text)
    widget.setProperty("kiosk", True)  # the theme sizes these; the keyboards size their own keys
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    widget.setCursor(Qt.CursorShape.PointingHandCursor)
    if role:
        widget.setProperty("role", role)
    if on_click:
        widget.clicked.connect(on_click)
    return widget


class LaidOutButton(QPushButton):
    """A large button whose content is a layout of its own (words that wrap, a mark, an arrow): as
    tall as that layout needs at its width, never less than a fingertip (the style's least)."""

    def __init__(self, role: str | None = None) -> None:
        super().__init__()
        self.setProperty("kiosk", True)
        if role:
            self.setProperty("role", role)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        layout = self.layout()
        assert layout is not None
        return max(layout.totalHeightForWidth(width), self.minimumHeight())


class WrapButton(LaidOutButton):
    """A button whose words wrap onto a second line rather than being cut (a long language on a
    narrow column). `words` holds them; the button's own text stays empty."""

    def __init__(self, role: str | None = None, on_click: Callable[[], None] | None = None) -> None:
        super().__init__(role)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        if on_click:
            self.clicked.connect(on_click)
        self.words = label()
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.words.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._mark: QLabel | None = None
        row = QHBoxLayout(self)
        row.setContentsMargins(20, 8, 20, 8)
        row.addWidget(self.words)

    def set_words(self, text: str) -> None:
        self.words.setText(text)
        self.setAccessibleName(text)

    def set_mark(self, mark: QPixmap) -> None:
        """A mark before the words (a box to tick), where a line begins in the reading direction:
        laid out beside them, so it mirrors with the screen (a button's own icon and text do not
        keep together in Arabic: the text stayed at the left)."""
        if self._mark is None:
            self._mark = QLabel()
            self._mark.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
            self._mark.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            row = self.layout()
            assert isinstance(row, QHBoxLayout)
            row.insertWidget(0, self._mark, 0, Qt.AlignmentFlag.AlignVCenter)
            row.setStretchFactor(self.words, 1)  # the words right beside the mark,
            row.addStretch(0)  # and what room they cannot take (a line's longest) after them
            self._mark.show()  # now, not at the next turn as a layout would (laid out with the words)
        self._mark.setPixmap(mark)

    def sizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return layout.totalSizeHint().expandedTo(super().sizeHint())

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        assert layout is not None
        return layout.totalMinimumSize().expandedTo(super().minimumSizeHint())


def wrap_button(
    text: str,
    role: str | None = None,
    on_click: Callable[[], None] | None = None,
    *,
    leading: bool = False,
) -> WrapButton:
    """A button whose words wrap onto more lines rather than being cut at both ends (a staff list's
    rows, a reply or a reason side by side on a portrait screen). `leading`: the words start where a
    line starts, as a list's rows do."""
    b = WrapButton(role, on_click)
    if role == "choice":
        b.words.setProperty("role", "choice")  # in the colours of a choice, on its background
    if leading:
        b.words.setAlignment(Qt.AlignmentFlag.AlignLeading | Qt.AlignmentFlag.AlignVCenter)
    b.set_words(text)
    return b


def centred(widget: QWidget) -> QHBoxLayout:
    """A row holding the widget as wide as it may grow (up to its maximum width), centred."""
    row = QHBoxLayout()
    # A text that wraps takes the height its width needs (a fixed one would be the height for a
    # guessed width, and cut a long language's last lines).
    wraps = widget.sizePolicy().hasHeightForWidth() or (
        isinstance(widget, QLabel) and widget.wordWrap()
    )
    vertical = QSizePolicy.Policy.Preferred if wraps else QSizePolicy.Policy.Fixed
    policy = QSizePolicy(QSizePolicy.Policy.Expanding, vertical)
    policy.setHeightForWidth(wraps)
    policy.setRetainSizeWhenHidden(widget.sizePolicy().retainSizeWhenHidden())
    widget.setSizePolicy(policy)
    row.addStretch(1)
    row.addWidget(widget, 100)
    row.addStretch(1)
    return row


def card() -> tuple[QFrame, QVBoxLayout]:
    frame = QFrame()
    frame.setProperty("role", "card")
    layout = QVBoxLayout(frame)
    layout.setContentsMargins(24, 20, 24, 20)
    layout.setSpacing(12)
    return frame, layout


# Kept importable from here: every page builds on them.
__all__ = [
    "LINE_CHARACTERS",
    "Page",
    "Reading",
    "WrapButton",
    "button",
    "card",
    "centred",
    "kinetic",
    "label",
    "wrap_button",
]
