"""Welcome: choose a language, touch to start. Nothing personal is ever shown here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QSpacerItem, QVBoxLayout

from kiosk.i18n import Msg
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action
from kiosk.ui.icons import Glyph, pixmap
from kiosk.ui.pages.base import Page, WrapButton, button, centred, label
from kiosk.ui.pages.parts import Measure, say_notice
from kiosk.ui.widgets.keys import set_flag
from kiosk.ui.widgets.languages import LanguageButtons
from kiosk.unavailable import WELCOME_SAYS

if TYPE_CHECKING:
    from kiosk.i18n import Words
    from kiosk.session.playing import Mark
    from kiosk.session.view import View


class WelcomePage(Page):
    """Shown between patients. `start` asks the window for the next briefing; `language` says
    which language was tapped (each is offered by its own name, when there is more than one)."""

    kinds = frozenset({ScreenKind.WELCOME})
    start = Signal()
    language = Signal(str)
    read_aloud = Signal(bool)
    """The patient chose to hear every screen read aloud (or not)."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(24)
        self.languages = LanguageButtons()
        self.languages.chosen.connect(self.language.emit)
        self.languages.hide()
        layout.addWidget(self.languages, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(1)
        self.title = label(role="title")
        self.intro = label()
        for text in (self.title, self.intro):
            text.setAlignment(Qt.AlignmentFlag.AlignCenter)
            layout.addLayout(centred(text))
        self.start_button = button("", "primary", self.start.emit)
        self.start_button.setProperty("said", "false")  # as `mark` leaves it: no restyle at first
        layout.addWidget(self.start_button, 0, Qt.AlignmentFlag.AlignHCenter)
        # Every screen read aloud: a switch whose words wrap rather than being cut, with its
        # loudspeaker before them.
        self.listen_button = WrapButton("choice")  # chosen or not, as an answer is
        self.listen_button.setCheckable(True)  # checked: every screen is read aloud
        self.listen_button.clicked.connect(
            lambda: self.read_aloud.emit(self.listen_button.isChecked())
        )
        self.listen_button.words.setProperty("role", "choice")
        for part in (self.listen_button, self.listen_button.words):
            part.setProperty("picked", "false")  # as draw() leaves it unless chosen: no restyle
        self.speaker = QLabel()
        self.speaker.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.speaker.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        row = self.listen_button.layout()
        assert isinstance(row, QHBoxLayout)
        row.insertWidget(0, self.speaker)
        row.setStretchFactor(self.listen_button.words, 1)
        self.listen_button.hide()
        layout.addLayout(centred(self.listen_button))
        # Why no briefing could start is said under Start (and the switch), over the room below
        # them, laid out apart: no message moves Start. The layout keeps the line it always kept
        # there (`place`, never shown: Welcome without a message looks as it did), and below it
        # room for the rest of the longest message Welcome may say (`below`, measured in the
        # words and look drawn), taken from the stretch under Start, not the one above it.
        self.place = label(role="notice")
        policy = self.place.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.place.setSizePolicy(policy)
        self.place.hide()
        layout.addLayout(centred(self.place))
        self.below = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)
        layout.addSpacerItem(self.below)
        layout.setStretch(layout.count() - 1, 2)  # (as `addStretch(2)`)
        self.message = label(role="notice")
        self.message.setParent(self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.hide()
        self._measure = Measure(self, label(role="notice"))
        self._may_say: list[str] = []
        self._measured: tuple[object, int] = ((), 0)
        """The width, look and words last measured (`_place`), and the tallest's height."""

    def draw(self, view: View, words: Words) -> None:
        width = self.line_px()
        for text in (self.title, self.intro, self.place, self.message):
            text.setMaximumWidth(width)
        self.title.setText(words.text(view.title or ""))
        self.intro.setText("\n\n".join(words.text(p) for p in view.paragraphs))
        if view.primary is not None:
            self.start_button.setText(words(view.primary[1].label))
        choice = self.listen_button
        choice.setVisible(view.read_aloud_offered)
        choice.setChecked(view.read_aloud)
        choice.set_words(words("welcome.read-aloud"))
        for part in (choice, choice.words):
            set_flag(part, "picked", "true" if view.read_aloud else "false")
        p, px = self.look.palette, self.look.px(26)
        # On one line where it fits (its words in bold, as when chosen, the loudspeaker, the
        # margins), else wrapped.
        choice.words.ensurePolished()
        bold = QFont(choice.words.font())
        bold.setBold(True)
        one_line = QFontMetrics(bold).horizontalAdvance(choice.words.text()) + px + 80
        choice.setMaximumWidth(min(one_line, width))
        colour = p.primary_text if view.read_aloud else p.button_text
        self.speaker.setPixmap(pixmap(Glyph.SPEAKER, colour, px))
        self._may_say = [words(Msg(said)) for said in WELCOME_SAYS]
        self.message.setText(words(view.message) if view.message else "")
        self.message.setVisible(view.message is not None)
        self._place()
        self.languages.draw(view.languages)
        self.languages.ensurePolished()
        for b in self.languages.buttons.values():
            b.ensurePolished()
        self.languages.fit(self.width())

    def mark(self, said: Mark | None) -> None:
        """Mark the control whose words are being said aloud (None: none), as a sentence being read
        is marked on a page: a language's button, or Touch here to start."""
        language = said.language if said is not None else ""
        self.languages.mark(language or None)
        start = said is not None and said.action is Action.START
        set_flag(self.start_button, "said", "true" if start else "false")

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.languages.fit(self.width())

    def event(self, event: QEvent) -> bool:
        done = super().event(event)
        if event.type() in (QEvent.Type.LayoutRequest, QEvent.Type.Resize, QEvent.Type.Show):
            self._place()  # (the layout has placed `place` by now)
        return done

    def _place(self) -> None:
        """The message over its place, as tall as its words; below it, room for the longest."""
        at = self.place.geometry()
        if at.width() <= 0:
            return
        key = (at.width(), self.look, tuple(self._may_say))
        if key != self._measured[0]:  # (asked at every layout pass: measured once per words)
            self._measured = (key, self._measure.tallest(at.width(), say_notice, self._may_say))
        tallest = self._measured[1]
        room = max(0, tallest - at.height())
        if self.below.sizeHint().height() != room:
            policy = QSizePolicy.Policy
            self.below.changeSize(0, room, policy.Minimum, policy.Expanding)
            self.below.invalidate()
            layout = self.layout()
            assert layout is not None
            layout.invalidate()
        self.message.setGeometry(
            at.x(), at.y(), at.width(), self.message.heightForWidth(at.width())
        )

    def submit(self, action: Action) -> None:
        self.start.emit()

    def forget(self) -> None:
        self.message.setText("")
        self.message.hide()
