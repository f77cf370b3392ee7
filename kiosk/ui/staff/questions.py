"""Staff answer the questions patients flagged: tap one, write a note (or tap a quick one), mark it
answered. The list is read on the worker thread; `forget()` empties every field."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import Text, Words, msg
from kiosk.services.staff import NOTE_MAX, OpenQuestion, StaffDesk, StaffError, StaleError
from kiosk.ui.jobs import Jobs
from kiosk.ui.pages.base import Reading, WrapButton, button, centred, label, wrap_button
from kiosk.ui.staff.describe import own, when
from kiosk.ui.staff.fit import Stack, keys_give_way
from kiosk.ui.staff.keys import DigitRow, text_field, wipe
from kiosk.ui.staff.panel import Panel
from kiosk.ui.staff.rows import across_or_down, gone_on_typing, one_line
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keys import set_flag
from kiosk.ui.widgets.letters import SENTENCES

log = logging.getLogger(__name__)

NO_QUESTIONS = "staff.questions.none"
QUICK_NOTES = ("staff.questions.in-person", "staff.questions.by-phone", "staff.questions.surgeon")


def in_two_lines(reply: WrapButton) -> int:
    """How wide `reply` is with its words in two lines (three fifths of them on one line: a
    line breaks between words, not in the middle of one)."""
    room = reply.layout()
    margins = room.contentsMargins() if room is not None else None
    inside = margins.left() + margins.right() if margins is not None else 0
    return -(-3 * one_line(reply.words) // 5) + inside + 4


class QuestionList(Panel):
    """The questions patients flagged and nobody has answered: tap one, write a note, mark it answered."""

    def __init__(
        self, desk: StaffDesk, staff: Callable[[], str | None], jobs: Jobs, words: Words
    ) -> None:
        super().__init__(desk, jobs, words, msg("staff.menu.questions"))
        self._staff = staff
        self.question: OpenQuestion | None = None
        self.pages = Stack()
        self.body.addWidget(self.pages, 1)

        self.rows = Reading()
        self.pages.addWidget(self.rows)
        self.buttons: dict[int, WrapButton] = {}

        answer = QWidget()
        column = QVBoxLayout(answer)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        # Answering, whose question it is stands in the title's place where it fits there (under
        # the title, it took a line the keys needed at 1280x800 with Larger text): `_headed`.
        self.asked = label(role="heading")
        self._asked_below = QVBoxLayout()
        self._asked_below.setContentsMargins(0, 0, 0, 0)
        self._asked_below.addWidget(self.asked)
        column.addLayout(self._asked_below)
        # The note as wide as the page (beside "Mark answered", a portrait screen cut its hint),
        # its keys right under it; then the quick replies, and "Mark answered" after them.
        self.note = text_field(words("staff.questions.note"), NOTE_MAX)
        self.note.setProperty(SENTENCES, True)  # a capital where a sentence starts, not each word
        gone_on_typing(self.note, self.unsay)  # why "Mark answered" did nothing, once they write
        column.addWidget(self.note)
        self.digits = DigitRow(self.note, symbols=words)  # and a note's punctuation: . , : / % ?
        self.keys = OnScreenKeyboard(self.note)
        self.keys.set_words(words)
        column.addLayout(centred(self.digits))
        column.addLayout(centred(self.keys))
        quick = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.replies: list[WrapButton] = []
        for message_id in QUICK_NOTES:
            text = words(message_id)
            self.replies.append(wrap_button(text, "small", partial(self.note.setText, text)))
            quick.addWidget(self.replies[-1])
        self.answer_button = button(words("staff.questions.mark"), "primary", self.mark_answered)
        # "Mark answered" after the replies, on their row when it has the room for each on one
        # line (a landscape screen), else on a row of its own under them (`resizeEvent`).
        self._quick = quick
        self.answering = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.answering.setSpacing(16)
        self.answering.addLayout(quick, 1)
        self.answering.addWidget(self.answer_button, 0, Qt.AlignmentFlag.AlignTrailing)
        column.addLayout(self.answering)
        column.addStretch(1)
        self.pages.addWidget(answer)
        self.pages.currentChanged.connect(self._headed)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.reflow()

    def reflow(self) -> None:
        """The replies and "Mark answered" across or down, for the width and type it has now."""
        # The replies side by side on a landscape screen (short of height: one under another,
        # they took the keys' room); on a portrait one where each has the room for its words in
        # two lines at most ("Surgeon will discuss before surgery" stood in five, with Larger text).
        quick, width, n = self._quick, self.width(), len(self.replies)
        window = self.window()
        widest = 0 if window.width() > window.height() else max(map(in_two_lines, self.replies))
        across_or_down(quick, n * widest + quick.spacing() * (n - 1), width)
        one_row = quick.sizeHint().width() + 16 + self.answer_button.sizeHint().width()
        down = quick.direction() is QBoxLayout.Direction.TopToBottom
        across_or_down(self.answering, width + 1 if down else one_row, width)
        self._headed()

    def _headed(self) -> None:
        """The list under its title; a question under whose it is: in the title's place where it
        fits there on one line beside the way back, else under the title as a heading (in the
        title's place on a portrait screen it stood in three lines of ten letters)."""
        answering = self.pages.currentIndex() == 1
        words = QFontMetrics(self.title.font()).horizontalAdvance(self.asked.text())
        way_back = self.top.spacing() + self.menu_button.sizeHint().width()
        beside = answering and words + way_back <= self.width()
        holder, other = (self.top, self._asked_below) if beside else (self._asked_below, self.top)
        if holder.indexOf(self.asked) < 0:
            other.removeWidget(self.asked)
            holder.insertWidget(1 if beside else 0, self.asked, 1 if beside else 0)
        set_flag(self.asked, "role", "title" if beside else "heading")
        self.title.setVisible(not beside)
        self.asked.setVisible(answering)
        keys_give_way(self)

    def refresh(self, told: Text = "", role: str = "done") -> None:
        """The list afresh, read off the screen's thread; then `told` said over it."""
        self.question = None
        wipe(self.note)
        self.menu_button.setText(self.words("staff.panel.menu"))
        self.pages.setCurrentWidget(self.rows)
        if not self.buttons:
            self.say(msg("staff.reading"), "muted")
        self.read(self.desk.open_questions, partial(self._show, told, role), self._failed)

    def _failed(self, told: Text) -> None:
        self.buttons.clear()
        self.rows.clear()
        self.say(told)

    def _show(self, told: Text, role: str, questions: list[OpenQuestion]) -> None:
        words = self.words
        self.buttons.clear()
        self.rows.clear()
        self.say(told, role)
        now = self.desk.now()
        for q in questions:
            name = q.patient_name or words("staff.questions.walk-up")
            flagged = when(words, q.flagged_at, now)
            text = words(
                "staff.questions.row-mrn" if q.mrn else "staff.questions.row",
                name=own(words, name),
                mrn=q.mrn,
                title=own(words, q.screen_title),
                when=flagged,
            )
            b = wrap_button(text, "choice", partial(self.open_question, q), leading=True)
            self.buttons[q.flag_id] = b
            self.rows.add(b)
        if not questions:
            self.rows.add(label(words(NO_QUESTIONS), "muted"))
        self.rows.finish()
        self.title.setText(words("staff.questions.title", count=len(questions)))

    def open_question(self, question: OpenQuestion) -> None:
        self.question = question
        self.asked.setText(
            self.words(
                "staff.questions.asked",
                name=own(
                    self.words, question.patient_name or self.words("staff.questions.walk-up")
                ),
                title=own(self.words, question.screen_title),
            )
        )
        wipe(self.note)
        self.keys.show_letters()
        self.digits.show_symbols(False)
        self.say("")
        self.menu_button.setText(self.words("staff.questions.back"))
        self.pages.setCurrentIndex(1)

    def go_back(self) -> None:
        """From a question back to the list; from the list back to the staff menu."""
        if self.question is None:
            self.closed.emit()
        else:
            self.refresh()

    def mark_answered(self) -> None:
        staff = self._staff()
        if staff is None or self.question is None:
            return
        try:
            self.desk.answer(staff, self.question.flag_id, self.note.text())
        except StaleError as exc:
            self.refresh(exc.text, "notice")  # answered meanwhile elsewhere: the list as it is now
            return
        except StaffError as exc:
            self.say(exc.text)
            return
        log.info("briefing %s: flagged question answered", self.question.briefing_id)
        self.refresh(msg("staff.questions.answered"))

    def forget(self) -> None:
        self.drop_reads()
        self.question = None
        wipe(self.note)
        self.asked.setText("")
        self.buttons.clear()
        self.rows.clear()
        self.say("")
        self.pages.setCurrentWidget(self.rows)
