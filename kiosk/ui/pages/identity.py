"""Identity: the patient confirms the prepared briefing with their date of birth, or (walk-up mode)
types their name and date of birth. Only on-screen keys; never a physical keyboard."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QSizePolicy, QVBoxLayout, QWidget

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, IdentityStep, View
from kiosk.ui.pages.base import Page, Reading, button, centred, label
from kiosk.ui.pages.parts import Measure, ScrollCue, notice_lines, say_notice
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keypad import DateKeypad


class IdentityPage(Page):
    """Who, what to do, and the keypad beside it (below it on a portrait screen); in walk-up mode
    the name field with the keyboard right under it."""

    kinds = frozenset({ScreenKind.IDENTITY})

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        # Who, across the whole width: a long name never breaks into a column beside the keys.
        self.title = label(role="heading")
        self._top = layout
        layout.addWidget(self.title)
        self.row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.row.setSpacing(32)
        left = QVBoxLayout()
        left.setSpacing(12)
        # What to do, and why a date was refused (in place of the line under the page, which the
        # keys need): they scroll, with a cue, on a screen too short for a long language.
        self.said = Reading(hug=True)
        self.said.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.instruction = self.said.add(label())
        self.notice = self.said.add(label(role="notice"))
        self.notice.hide()
        self.cue = ScrollCue(keep_room=False)  # the keys need the room more than a steady page
        self.cue.follow(self.said)
        self.name = QLineEdit()
        self.name.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.name.setMaxLength(200)
        self.name.textEdited.connect(self._named)
        self.name.installEventFilter(self)  # its width sets the room its refusals take
        self.not_me = button("", None, self._not_me)
        # What to do, and the name field: side by side on a landscape screen (the keyboard needs
        # the height), one above the other on a portrait one.
        self.head = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self.head.setSpacing(12)
        said = self._said_column = QVBoxLayout()
        said.setSpacing(4)
        said.addWidget(self.said)
        said.addWidget(self.cue)
        self.head.addLayout(said, 1)
        # Under the name, why it was refused, in room kept for the longest refusal: the keyboard
        # under them never moves (the refusal among the words pushed it down, or onto itself).
        named = QVBoxLayout()
        named.setSpacing(8)
        named.addWidget(self.name)
        self.name_notice = label(role="notice")
        self.name_notice.setMinimumHeight(1)  # its room is the place's (a wrapped label's least
        # height, reckoned at a narrow width, asked for more and hid the keyboard's hint)
        self._name_place = QWidget()
        place = QVBoxLayout(self._name_place)
        place.setContentsMargins(0, 0, 0, 0)
        place.addWidget(self.name_notice)
        place.addStretch(1)
        named.addWidget(self._name_place)
        self.head.addLayout(named, 1)
        self._measure = Measure(self, label(role="notice"))
        self._may_say: list[str] = []
        """Every refusal the step on screen may say (the name's, or the date's), in its words."""
        left.addLayout(self.head)
        self.keyboard = OnScreenKeyboard(self.name)
        self.keyboard.reshaped.connect(self._fit)
        self._keyboard_row = centred(self.keyboard)  # its last row apart from Next (24 px)
        left.addLayout(self._keyboard_row)
        left.addStretch(1)
        left.addWidget(self.not_me, 0, Qt.AlignmentFlag.AlignLeading)
        self._left = left
        self.row.addLayout(left, 1)
        self.keypad = DateKeypad(keep_clear=True)  # Confirm, under it, well apart from Delete
        self.keypad.typed.connect(self._typed)
        self.keypad_box = QWidget()
        box = self._keys_box = QVBoxLayout(self.keypad_box)
        box.setContentsMargins(0, 0, 0, 0)
        # On a portrait screen a date's refusal stands right over the keys (among the words at
        # the top it was 600 px from where the patient looks), in room kept for it there, so the
        # keys stay where they are when it comes.
        self.date_notice = label(role="notice")
        self.date_notice.hide()
        self._date_place = QWidget()
        place = QVBoxLayout(self._date_place)
        place.setContentsMargins(0, 0, 0, 0)
        place.addWidget(self.date_notice, 0, Qt.AlignmentFlag.AlignBottom)  # (over the keys)
        box.addWidget(self._date_place)
        box.addWidget(self.keypad, 0, Qt.AlignmentFlag.AlignHCenter)
        box.addStretch(1)
        self.row.addWidget(self.keypad_box, 0)
        layout.addLayout(self.row, 1)
        self._language: tuple[str, tuple[str, ...]] | None = None
        self._step: IdentityStep | None = None
        self._portrait = False

    def set_portrait(self, portrait: bool) -> None:
        """On a portrait screen the keypad goes under the words, where the finger already is."""
        self._portrait = portrait
        self.row.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self._arrange()

    def _arrange(self) -> None:
        typing = self._step is IdentityStep.NAME
        beside = typing and not self._portrait
        self.head.setDirection(
            QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        )
        # Typing a name on a landscape screen, the question stands beside the field too (the
        # keyboard needs the height); else across the top.
        holder = self._said_column if beside else self._top
        if holder.indexOf(self.title) < 0:
            (self._top if beside else self._said_column).removeWidget(self.title)
            holder.insertWidget(0, self.title)
        # A portrait screen has height to spare: the date right under the words that ask for it
        # (with the words at the top and the keys at the bottom, 700 px of nothing stood between
        # them), and "This is not me" at the foot of the page, away from the keys.
        dating = self._dating
        self.row.setStretch(0, 0 if dating else 1)
        self.row.setStretch(1, 1 if dating else 0)
        self._date_place.setVisible(dating)  # (else the keys stand a spacing lower for nothing)
        if self.said.least_fits != self._portrait:  # (not 164 px under a line, with room)
            self.said.least_fits = self._portrait
            self.said.updateGeometry()
        foot = self._top if self._portrait else self._left
        if foot.indexOf(self.not_me) < 0:
            (self._left if self._portrait else self._top).removeWidget(self.not_me)
            foot.addWidget(self.not_me, 0, Qt.AlignmentFlag.AlignLeading)
        self._fit()

    @property
    def _dating(self) -> bool:
        """The birth date asked for on a portrait screen: right under its words (`_arrange`)."""
        return self._portrait and self._step is IdentityStep.BIRTH_DATE

    def _fit(self) -> None:
        """Everything in the room the page has: under the name, room for its longest refusal, then
        the keyboard's hint on accents, each only while there is room for it (two lines for a
        refusal at least); the keypad's keys a little lower when the screen is short of room."""
        layout = self.layout()
        if layout is None or self.height() <= 0:
            return
        self._name_notice_room(longest=True)
        self._date_notice_room()
        if self.keyboard.isVisibleTo(self):
            self._fit_keyboard()
        # Only on screen: hidden, at the size of a new widget (480 px tall), the keys had given
        # 756 px, took as many turns to take them back, and the page was left measured on
        # shortened rows, the last one cut (portrait, Arabic, Larger text, under load).
        on_screen = self.keypad_box.isVisibleTo(self) and self.isVisible()
        if on_screen and self.keypad.give_way(self._short_by()):
            for _ in range(3):  # the keys changed: measured again, still short, they give more
                short = self._short_by()
                if short <= 0 or not self.keypad.give_way(short):
                    break
        gap = self._keys_box.contentsMargins().bottom()
        if on_screen and gap and (short := self._short_by()) > 0:  # the keys whole, before the gap
            self._keys_box.setContentsMargins(0, 0, 0, max(0, gap - short))

    def _fit_keyboard(self) -> None:
        """The name's keyboard in the room left: its rows closer, then, if still short, its hint
        on accents gone (the accents key says it too). Its pages stand one over another, as tall
        as the tallest: with the accents in four rows, the hint had gone at Larger text for
        nothing, leaving 70 px empty, while the accents' last row was cut (KeyPages.set_width)."""
        keyboard = self.keyboard
        keyboard.narrow_to(self.contentsRect().width())  # (its bottom row as wide as the page)
        keyboard.give_way(0)
        keyboard.show_hint(True)
        # Under its last row (Delete), room before Next: with the frame's own spacing, 24 px at
        # least (Delete stood 14 px over Next, Arabic at 1280x800 with Larger text); given last.
        gap = self.look.room(12)
        self._keyboard_row.setContentsMargins(0, 0, 0, gap)
        if self._overfull():
            self._name_notice_room(longest=False)
        short = self._short_by()
        if short > 0:
            keyboard.give_way(short)
            short = self._short_by()
        if short > 0:
            keyboard.show_hint(False)
            keyboard.give_way(0)  # the hint's room back: the rows as far apart as they fit
            if (again := self._short_by()) > 0:
                keyboard.give_way(again)
        if (short := self._short_by()) > 0:
            self._keyboard_row.setContentsMargins(0, 0, 0, max(0, gap - short))

    def _overfull(self) -> bool:
        return self._short_by() > 0

    def _short_by(self) -> int:
        """How much more height the page needs than it has (negative: to spare), measured afresh:
        nested layouts keep the sizes they worked out until their pending requests are handled
        (just shown, the page had measured itself as it was before, and the keys' last row was
        cut by 2 px at 1280x800 with Larger text)."""
        layout = self.layout()
        assert layout is not None
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout.invalidate()
        need = layout.totalMinimumSize().height()
        if layout.hasHeightForWidth():
            # The words above the keys take more lines at the page's width than at its least
            # (the minimum counts those): the keys were given 22 px less than they need, the
            # hint on accents cut, while the minimum said 16 to spare.
            need = max(need, layout.totalHeightForWidth(self.width()))
        return need - self.height()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.name and event.type() == QEvent.Type.Resize:
            self._fit()
        return super().eventFilter(watched, event)

    def _name_notice_room(self, *, longest: bool) -> None:
        """Under the name, room for its refusal: for the longest it may get (`longest`), else two
        lines; and for the one it has, whatever it takes."""
        if self._step is not IdentityStep.NAME or not self._may_say:
            self._name_place.setMinimumHeight(0)
            return
        room = notice_lines(self.name_notice, self.look)
        width = self.name.width()
        if width > 0:
            said = [self.name_notice.text()] if self.name_notice.isVisibleTo(self) else []
            room = max(room, self._measure.tallest(width, say_notice, said))
            if longest:
                room = max(room, self._measure.tallest(width, say_notice, self._may_say))
        self._name_place.setMinimumHeight(room)

    def _date_notice_room(self) -> None:
        """On a portrait screen, room over the date for the longest refusal it may get, and under
        the keys a gap before "This is not me", apart from Clear and Delete; on a screen short of
        room the refusal's is given up first, the gap last (`_fit`)."""
        dating = self._dating
        self._keys_box.setContentsMargins(0, 0, 0, self.look.room(32) if dating else 0)
        if not dating:
            self._date_place.setMinimumHeight(0)
            return
        room = notice_lines(self.date_notice, self.look)
        width = self._date_place.width()
        if width > 0:
            room = max(room, self._measure.tallest(width, say_notice, self._may_say))
        self._date_place.setMinimumHeight(room)
        short = self._short_by()
        if short > 0:  # a small screen: the keys whole first (a refusal then moves them down)
            self._date_place.setMinimumHeight(max(0, room - short))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def _model_changed(self) -> None:
        model = self.model
        if model is not None and model.kind is ScreenKind.WELCOME and self._step is not None:
            self.forget()  # back on Welcome: the name typed and the date go with the patient
        super()._model_changed()
        if model is not None and model.kind is ScreenKind.IDENTITY:
            self._fit()  # in the words' sizes now (the page is typeset after it is drawn)

    def draw(self, view: View, words: Words) -> None:
        # The name's keys in the screen's letters, and those of each other language offered (a
        # patient whose name is written in Arabic, on a kiosk in English, types it in Arabic).
        also = tuple(choice.code for choice in view.languages)
        if (words.language, also) != self._language:
            self.keypad.set_words(words)
            self.keyboard.set_words(words, also=also)
            self.name.setPlaceholderText(words("identity.name-placeholder"))
            self._language = (words.language, also)
        step = view.identity_step
        if step is not self._step:
            if step is not IdentityStep.BIRTH_DATE:
                self.keypad.reset()
            self._step = step
        self.title.setText(words.text(view.title or ""))
        self.instruction.setText("\n".join(words.text(p) for p in view.paragraphs))
        self.instruction.setVisible(bool(view.paragraphs))
        typing = step is IdentityStep.NAME
        said = words(view.notice) if view.notice else ""
        over_keys = self._dating
        self.notice.setText("" if typing or over_keys else said)
        self.notice.setVisible(bool(said) and not (typing or over_keys))
        self.date_notice.setText(said if over_keys else "")
        self.date_notice.setVisible(bool(said) and over_keys)
        self.name_notice.setText(said if typing else "")
        self.name_notice.setVisible(bool(said) and typing)
        self._may_say = [words(line.text) for line in view.may_say]
        self.cue.set_words(words("frame.more-below"), self.look.palette.text, self.look.px(28))
        self.said.fit_content()
        self.said.check_soon()
        self.name.setVisible(typing)
        self._name_place.setVisible(typing)
        self.keyboard.setVisible(typing)
        self.keypad_box.setVisible(step is IdentityStep.BIRTH_DATE)
        self._arrange()
        not_me = view.offers.get(Action.NOT_ME)
        self.not_me.setVisible(not_me is not None)
        if not_me is not None:
            self.not_me.setText(words(not_me.label))

    def submit(self, action: Action) -> None:
        model = self.model
        if model is None:
            return
        if action is not Action.CONFIRM:
            model.do(action)
        elif self._step is IdentityStep.NAME:
            model.enter_name(self.name.text())
        elif model.confirm_birth_date(self.keypad.entry()):
            self.keypad.reset()

    def _typed(self) -> None:
        """A key tapped: what was said of the date typed before is said no more."""
        model = self.model
        if model is not None and model.view.refusal is not None:
            model.do(Action.DATE_TYPED)

    def _named(self) -> None:
        """The name changed: what was said of the name typed before is said no more."""
        model = self.model
        if model is not None and self._step is IdentityStep.NAME and model.view.refusal:
            model.do(Action.NAME_TYPED)

    def _not_me(self) -> None:
        if self.model is not None:
            self.model.do(Action.NOT_ME)

    def forget(self) -> None:
        self._step = None
        self.name.setText("")  # not clear(): that can be undone, bringing the name back
        self.keypad.reset()
        self.title.setText("")
        self.instruction.setText("")
