"""Check your understanding: one question, its choices as large buttons, and a kind word after answering."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Choice, Line, Tone, View
from kiosk.ui.pages.base import LaidOutButton, Page, Reading, label
from kiosk.ui.pages.label import lines_px
from kiosk.ui.pages.parts import MarkedLine, Measure, ScrollCue
from kiosk.ui.pages.scroll import SLACK_PX
from kiosk.ui.widgets.keys import set_flag

CHOICE_GAP = 24
"""Room between two choices, in px at 1280×800: a finger that lands between them touches neither."""
ROOMY = (24, 14, 24, 14)
"""Room around a choice's words (left, top, right, bottom)."""
SNUG = (24, 6, 24, 6)
LEAST_GAP = 24
"""The gap given way to, in pixels on any screen, when that lets every choice show whole without
scrolling: never less than this apart."""
SAID_LINES = 2
"""The line under the choices keeps room for this many lines, said or not (the word on the
answer, or why Next did nothing): what comes there never moves the choices."""


class ChoiceButton(LaidOutButton):
    """A choice: a large button whose words wrap onto more lines rather than being cut."""

    def __init__(self) -> None:
        super().__init__("choice")
        self.setProperty("picked", "false")
        self.setProperty("answer", "false")
        self.setProperty("missed", "false")
        self.words = label()
        self.words.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.words.setProperty("role", "choice")
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(*ROOMY)
        self.row.addWidget(self.words)

    def set_choice(self, choice: Choice) -> None:
        self.words.setText(choice.text)
        self.setAccessibleName(choice.text)
        picked = "true" if choice.picked else "false"
        set_flag(self, "picked", picked)
        set_flag(self.words, "picked", picked)
        answer = "true" if choice.answer else "false"
        set_flag(self, "answer", answer)
        set_flag(self.words, "answer", answer)
        set_flag(self, "missed", "true" if choice.missed else "false")

    def set_roomy(self, roomy: bool) -> None:
        """Room above and below the words, or less when the screen is short of it."""
        margins = ROOMY if roomy else SNUG
        if self.row.contentsMargins().top() != margins[1]:
            self.row.setContentsMargins(*margins)


class QuestionPage(Page):
    """The prompt, a large button for each choice, and a word on the answer given.

    The choice buttons are kept from question to question and given the next one's words (hidden
    when it has fewer).
    """

    kinds = frozenset({ScreenKind.QUESTION})
    centre_column = True

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.prompt = label(role="title")
        self.choices = Reading()
        self.choices.finish()  # the buttons go in above this stretch
        # The word on the answer stands right under the choices (the last row of their column,
        # the new choice buttons go in before it): it never moves them (their gaps are worked
        # out with its room counted, `_fit_gaps`), and before an answer there is nothing to scroll to.
        self.feedback = MarkedLine()
        self.choices.add(self.feedback)
        self.feedback.hide()
        # The frame keeps no line under this page (its room goes to the choices): when the choices
        # do not fit even so, the cue says so right under them, taking room only then.
        self.cue = ScrollCue(keep_room=False)
        layout.addWidget(self.prompt)
        layout.addWidget(self.choices, 1)
        layout.addWidget(self.cue)
        self.choices.more.connect(self._set_more)
        self.choices.more.connect(self._cue_for)
        self.cue.scrolls(self.choices)
        self.choices.verticalScrollBar().rangeChanged.connect(lambda: self._cue_for(self.has_more))
        self.choices.viewport().installEventFilter(self)
        self.buttons: dict[str, ChoiceButton] = {}
        """The buttons on show, by the id of their choice."""
        self._pool: list[ChoiceButton] = []
        self._ids: list[str] = []
        self._shown: tuple[str, str] | None = None
        self._said = ""
        """The word on the answer last brought into view."""
        self._measure = Measure(self, MarkedLine())
        """Each word the question may say under its choices, measured before it is said."""
        self._may_say: tuple[Line, ...] = ()
        self._words: Words | None = None
        self._said_room: dict[tuple[int, int], int] = {}
        self._fitted: tuple[object, ...] = ()
        """What the choices' gaps and the question's size were last decided for."""

    def draw(self, view: View, words: Words) -> None:
        self.choices.limit_width(self.line_px())
        self.prompt.setText(words.text(view.title or ""))
        with self.choices.refilling(len(view.choices)):
            self.choices.refill(
                self._pool, view.choices, self._choice_button, ChoiceButton.set_choice
            )
        self._ids = [c.id for c in view.choices]
        self.buttons = dict(zip(self._ids, self._pool, strict=False))
        self.cue.set_words(words("frame.more-below"), self.look.palette.text, self.look.px(28))
        feedback = view.feedback
        self.feedback.setVisible(feedback is not None)
        if feedback is not None:
            self._say(self.feedback, feedback, words)
        if view.may_say != self._may_say or words is not self._words:  # else measured already
            self._may_say, self._words = view.may_say, words
            self._said_room.clear()
        shown = (view.screen_id, words.language)
        if shown != self._shown or not self.isVisible():
            self.choices.verticalScrollBar().setValue(0)  # a new question starts at the top
            self._shown = shown
        self._fit_gaps()
        self.choices.check_soon()

    def _say(self, line: MarkedLine, said: Line, words: Words) -> None:
        colour = self.colour(said.tone)
        line.set_line(words.text(said.text), said.tone, said.mark, colour, self.look.px(32))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_gaps()  # the question's size is decided from the page's

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The choices' room changes after the page is drawn too (the word on the answer below them
        # takes one line or three): fit them again to the room they have.
        if event.type() == QEvent.Type.Resize:
            self._fit_gaps()
            self._cue_for(self.has_more)
        return False

    def _fit_gaps(self) -> None:
        """The question in the title's size with the full gap between choices and room around
        their words; or less (down to LEAST_GAP, and to a button no taller than a fingertip needs,
        and the question in the heading's size) when that is what lets every choice show whole: a
        box cut at the bottom, with a scroll bar for a few pixels, is worse. Decided from the
        page's size alone with the longest word the question may say under the choices counted:
        answering, or coming back to the question, does not move them."""
        shown = [b for b in self._pool if not b.isHidden()]
        if not shown:
            return
        # The width they will have once they fit: without the scroll bar, if it shows now.
        bar = self.choices.verticalScrollBar()
        free = self.choices.viewport().width() + (bar.width() if bar.isVisible() else 0)
        width = min(free, self.choices.column.maximumWidth())
        # Everything under the prompt but the choices' own room: the view's frame and the gap.
        around = self.choices.height() - self.choices.viewport().height()
        around += self.layout().spacing()  # type: ignore[union-attr]
        prompt_width = self.prompt.width() or self.width()
        now = self.feedback.text.text() if self.feedback.isVisible() else None
        fitting: tuple[object, ...] = (self.size().toTuple(), width, around, prompt_width, now)
        fitting += (self.prompt.text(), self.feedback.text.font().pixelSize())
        fitting += tuple(b.words.text() for b in shown)
        if fitting == self._fitted:  # decided already for this page, its size and its words
            return
        self._fitted = fitting
        # Tried in this order, until every choice shows whole: the room under the choices for the
        # longest word the question may say there (or, if even then they cannot all show, for
        # what it says now: seeing every choice comes first); the question in the title's size,
        # then the heading's; room around each choice's words, then less.
        tries = (
            (said, role, roomy)
            for said in (
                partial(self._feedback_room, width),
                partial(self._feedback_room, width, longest=False),
            )
            for role in ("title", "heading")
            for roomy in (True, False)
        )
        for said, role, roomy in tries:
            set_flag(self.prompt, "role", role)
            for b in shown:
                b.set_roomy(roomy)
            height = self.height() - self.prompt.heightForWidth(prompt_width) - around
            tall = said() + sum(max(b.heightForWidth(width), b.minimumHeight()) for b in shown)
            gap = max(LEAST_GAP, min(self.look.room(CHOICE_GAP), (height - tall) // len(shown)))
            if tall + gap * len(shown) <= height:
                break
        if self.choices.content.spacing() != gap:
            self.choices.content.setSpacing(gap)

    def _cue_for(self, more: bool) -> None:
        """The cue under the choices while they go on below: not when they would all be in view
        without it (the room it takes is what they were short of). Measured from the page, not
        from the choices' view, which is a layout behind while the cue comes and goes."""
        spacing = self.layout().spacing()  # type: ignore[union-attr]
        room = self.height() - self.prompt.height() - spacing
        self.cue.show_more(more and self.choices.content_height() > room + SLACK_PX)

    def _feedback_room(self, width: int, *, longest: bool = True) -> int:
        """The room of the line under the choices, never less than `SAID_LINES` lines: for the
        longest word the question may say there (measured on a line kept hidden for it), or for
        the word it says now."""
        room = max(lines_px(self.feedback.text, SAID_LINES), self.look.px(32))
        if self.feedback.isVisible():
            room = max(room, self.feedback.heightForWidth(width))
        if not longest:
            return room
        key = (width, self.feedback.text.font().pixelSize())  # Larger text: measured again
        if key not in self._said_room:
            words = self._words
            if words is not None:
                say = partial(self._say, words=words)
                room = max(room, self._measure.tallest(width, say, self._may_say))
            self._said_room[key] = room
        return self._said_room[key]

    def settle(self) -> None:
        super().settle()
        # A new word on the answer is brought into view (when the choices scroll, it is below
        # them), once: after that the patient scrolls where they like.
        said = self.feedback.text.text() if self.feedback.isVisible() else ""
        if said and said != self._said:
            self._bring_in_view(self.feedback)
        self._said = said

    def _bring_in_view(self, line: QWidget) -> None:
        """Scroll down to show `line`, as far as every choice whole on screen stays whole: answering
        never moves a choice out of sight (the one just tapped least of all); what does not fit
        stays below, with the cue."""
        bar = self.choices.verticalScrollBar()
        view = self.choices.viewport()
        at = [QRect(b.mapTo(view, QPoint(0, 0)), b.size()) for b in self._pool if not b.isHidden()]
        # Each in the view's own pixels: scrolling down by `top` brings that top to the view's.
        whole = [r.top() for r in at if view.rect().contains(r)]
        wanted = line.mapTo(view, QPoint(0, line.height())).y() - view.height()
        down = min(wanted, min(whole, default=wanted))
        if down > 0:
            bar.setValue(bar.value() + down)

    def _choice_button(self) -> ChoiceButton:
        b = ChoiceButton()
        b.clicked.connect(partial(self._tapped, len(self._pool)))
        return b

    def _tapped(self, n: int) -> None:
        if n < len(self._ids) and self.model is not None:
            self.model.answer(self._ids[n])

    def forget(self) -> None:
        self._shown = None
        self._said = ""
        self._fitted = ()
        with self.choices.refilling(0):
            self.choices.refill(self._pool, [], self._choice_button, ChoiceButton.set_choice)
        self.feedback.set_line("", Tone.PLAIN, None, "", 1)
        self.feedback.hide()
        self.prompt.setText("")
