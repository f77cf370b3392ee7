"""Sign: what signing means, in short points read to the end; the printed name, date and time; and a
pad for a finger. A patient who cannot draw may type their name instead, which a staff member
confirms with their PIN (said before: `TYPED_NOTE`); what signing means stays under the keys."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.signature import TYPED_NOTE, TYPING_NOTE, StaffCall, TypedSignature, call_staff
from kiosk.session.view import Action, View
from kiosk.ui.pages import sign_typed
from kiosk.ui.pages.base import Page, Reading, WrapButton, button, centred, label
from kiosk.ui.pages.parts import Measure, ScrollCue, notice_lines, say_notice
from kiosk.ui.pages.sign_typed import FEW_LINES, LEAST_LINES, TYPING_STEPS, UnderKeys
from kiosk.ui.pages.sign_who import Who, say_who, who_room
from kiosk.ui.widgets.keyboard import OnScreenKeyboard
from kiosk.ui.widgets.keys import set_flag
from kiosk.ui.widgets.letters import written_in
from kiosk.ui.widgets.signature_pad import SignaturePad


class SignPage(Page):
    """The statement on one side (above, on a portrait screen), the signature on the other; typing
    a name, the statement under the keys."""

    kinds = frozenset({ScreenKind.SIGN})

    def __init__(self, attest: Callable[[StaffCall], str | None] | None) -> None:
        """`attest(call)` asks a staff member to confirm a typed signature (`StaffCall`: staff's
        words and the patient's), and gives their name or None; None: typed ones not offered."""
        super().__init__()
        self._attest = attest
        self._who: Who | None = None
        """Who signs and when, for the line over the box (None: nothing to say, or forgotten)."""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(32)
        layout.addLayout(self.split, 1)

        self.statement_box = QWidget()
        left = QVBoxLayout(self.statement_box)
        left.setContentsMargins(0, 0, 0, 0)
        left.setSpacing(8)
        self.title = label(role="heading")
        self.statement = Reading(hold_end=True)
        self.statement.finish()
        self._points: list[QLabel] = []
        self._shown: list[str] = []
        """The statement's points as drawn (a representative named mid-way puts theirs first)."""
        left.addWidget(self.title)
        self.behalf = label(role="muted")  # a representative signs: for whom
        self.behalf.hide()
        left.addWidget(self.behalf)
        left.addWidget(self.statement, 1)
        # "More below" right under the statement, taking room only while there is more: the
        # frame's line, under the whole page, stood under the pad, far from the words it meant.
        self.cue = ScrollCue(keep_room=False)
        left.addWidget(self.cue)
        self.cue.follow(self.statement)
        self.switch = WrapButton(None, self._switch)
        left.addWidget(self.switch)  # as wide as the statement: a long language wraps in it
        self.switch_note = label(role="muted")  # staff confirm a typed name: said under its way
        left.addWidget(self.switch_note)  # in (beside Clear, it had read as Clear's: a reviewer)
        self._left = left
        self.split.addWidget(self.statement_box, 1)

        right = QVBoxLayout()
        right.setSpacing(8)
        self.who = label(role="heading")
        right.addWidget(self.who)
        self.pad = SignaturePad()
        right.addWidget(self.pad, 100)
        self.typed = QLineEdit()
        self.typed.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.keyboard = OnScreenKeyboard(self.typed)
        field_row = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        field_row.setSpacing(16)
        field_row.addWidget(self.typed, 3)
        self.typed_switch_row = field_row  # while typing, the switch stands beside the name
        right.addLayout(field_row)
        right.addLayout(centred(self.keyboard))
        # Typing a name, the statement stands under the keys (or a button shows it there).
        self.under = UnderKeys(self.statement_box, self.statement, self.cue, self.title, self.split)
        self.under.stand(right, self._keys_or_words)
        (row := QHBoxLayout()).setSpacing(16)
        self.clear = button("", None, self._clear)
        row.addWidget(self.clear, 0, Qt.AlignmentFlag.AlignTop)
        start = Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeading
        row.addWidget(self.under.read, 0, start)  # typing: in Clear's place, as wide as its words
        # Why Sign did nothing (nothing drawn, the statement not read, a name not typed), beside
        # Clear, at the top of its place: kept (`_notice_room`) whether or not something is said.
        self.notice, self.typing_note = label(), label(role="muted")  # note: staff confirm it
        self._notice_place = sign_typed.at_top(self.typing_note, self.notice)
        row.addWidget(self._notice_place, 1, Qt.AlignmentFlag.AlignTop)
        self._measure = Measure(self, label())
        """Each word the page may say beside Clear, measured before it is said: its room is the
        longest's (a third line took it from the pad, about 40 px at larger text)."""
        self._may_say: list[str] = []
        right.addLayout(row)
        right.addStretch(1)  # the room the pad leaves while the name is typed: below, not in a row
        self.split.addLayout(right, 1)

        self.pad.changed.connect(self._drawn)
        self.statement.at_end.connect(self._read_to_end)
        self.statement.more.connect(self._set_more)
        self.statement.more.connect(lambda _more: self._notice_room())  # the cue takes room too
        self._language: str | None = None
        self._typed_mode = False
        self._switch_action: Action | None = None
        self._keys_language: tuple[str, tuple[str, ...]] | None = None
        self._was_typed = False
        self._signer = 0
        self._tight = False  # typing on a short page: the notice's room only while it says any
        self._note = False  # staff confirm a typed name: to be said where there is room

    def set_portrait(self, portrait: bool) -> None:
        # The switch under the typed name on a portrait screen: the name needs the width.
        self.typed_switch_row.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        self.split.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        # Above the pad (portrait), "There is more below" keeps its room once the statement is
        # read: going, it moved the pad 60 px up under the finger about to sign.
        self.under.portrait = portrait
        self.under.keep_cue_room()

    def draw(self, view: View, words: Words) -> None:
        also = written_in(view.person or "", [c.code for c in view.languages])  # (Arabic, in es)
        if (words.language, also) != self._keys_language:
            self.keyboard.set_words(words, also=also)
            self.pad.set_words(words)
            self.typed.setPlaceholderText(words("sign.type-placeholder"))
            self.under.set_words(words("sign.read-meaning"), words("sign.back-to-keys"))
            self._keys_language = (words.language, also)
        if view.signer != self._signer:  # someone else signs now: nothing of the ink before
            self._signer = view.signer
            self.pad.clear()
            self.typed.setText("")
        points = [words.text(p) for p in view.paragraphs]
        if words.language != self._language or points != self._shown:
            self.statement.start_over()  # before the new words come in
            self.under.line_px = self.line_px()
            self.statement.limit_width(self.under.line_px)
            self._shown = points
            with self.statement.refilling(len(points)):
                self.statement.refill(self._points, points, _point, QLabel.setText)
            self._language = words.language
        self.statement.check_soon()
        self.title.setText(words.text(view.title or ""))
        self.cue.set_words(words("frame.more-below"), self.look.palette.text, self.look.px(28))
        said = words(view.notice) if view.notice is not None else ""
        self.notice.setText(said)
        set_flag(self.notice, "role", "notice" if said else "")
        typed = view.typed_signature
        offered = typed or Action.TYPE_INSTEAD in view.offers  # staff confirm a typed name: said
        self.typing_note.setText(words(TYPING_NOTE) if typed else "")
        self._note = typed and not said  # (a refusal says more, where it stands)
        self.switch_note.setText(words(TYPED_NOTE) if offered and not typed else "")
        sign_typed.show_note(self.typing_note, self.notice, self._note)
        self._may_say = [words.text(line.text) for line in view.may_say]
        self._who = (words, view.person or "", view.moment)
        self._set_who()
        self.behalf.setText(words(view.on_behalf) if view.on_behalf else "")
        self.behalf.setVisible(view.on_behalf is not None)
        self._typed_mode = typed
        self.under.place(typed, self.line_px())  # (a line under the keys: in the type of now)
        self.pad.setVisible(not typed)
        self.typed.setVisible(typed)
        self.keyboard.setVisible(self.under.keys_shown())
        # The switch stands under the statement; while typing, beside Clear's place.
        holder = self.typed_switch_row if typed else self._left
        if holder.indexOf(self.switch) < 0:
            (self._left if typed else self.typed_switch_row).removeWidget(self.switch)
            at = -1 if typed else holder.indexOf(self.switch_note)  # over its note
            holder.insertWidget(at, self.switch, 2 if typed else 0)
        if typed != self._was_typed:
            self._was_typed = typed
            if typed:  # from its start again: what the name typed signs
                self.statement.start_over()
            self.statement.recheck()
        clear = view.offers.get(Action.CLEAR_SIGNATURE)
        self.clear.setVisible(clear is not None)
        if clear is not None:
            self.clear.setText(words(clear.label))
        self._switch_action = next(
            (a for a in (Action.TYPE_INSTEAD, Action.DRAW_INSTEAD) if a in view.offers), None
        )
        self.switch.setVisible(self._switch_action is not None)
        if self._switch_action is not None:
            self.switch.set_words(words(view.offers[self._switch_action].label))
        self._fit()  # with what is shown now (Clear, gone while a name is typed, had been counted)

    def _keys_or_words(self) -> None:
        """The button under the keys tapped: the statement in their place, or the keys back."""
        self.keyboard.setVisible(self.under.keys_shown())
        self._fit()

    def _fit(self) -> None:
        """Typing a name, the keyboard's hint on accents only when the page has the room for it;
        shorter still (a long date, larger text), the name and time over the field in the body's
        size, the notice's place only while it says something, the statement's title smaller, its
        words in less room, the page's lines closer, "There is more below" beside the title, the
        rows of keys closer together (`TYPING_STEPS`); where even then the statement has no room
        under the keys, a button shows it in their place, and the page is as it was without it."""
        layout = self.layout()
        if layout is None or self.height() <= 0:
            return
        typing = self.under.keys_shown()
        self._reset(typing)
        self._notice_room()  # from the same start each time: a refusal said moves nothing
        if not typing:  # (the note last: the pseudo-locale's, 1280x800, Larger text, cosigned)
            self._steps(
                layout, ("title", "said") if self.under.reading else ("who", "title", "said")
            )
        elif not self._steps(layout, TYPING_STEPS):
            self._reset(typing)
            self._notice_room()
            self.under.give_way(True)  # (1280x800, Larger text; Arabic's taller keys at 1920x1080)
            self._steps(layout, ("hint", "who", "notice", "keys", "note"))

    def _reset(self, typing: bool) -> None:
        """Everything as large as it is made, before the page gives way (`_steps`)."""
        self.switch_note.setVisible(bool(self.switch_note.text()))
        if typing:
            sign_typed.show_note(self.typing_note, self.notice, self._note)
            self.keyboard.show_hint(True)
            self.keyboard.give_way(0)
            self.under.give_way(False)
        self.under.cue_beside(False)
        self.under.close_up(False)
        self._tight = self.under.reading  # (the statement in the keys' place; room: `_fit`)
        self.under.least(FEW_LINES)
        if not self.under.reading:  # (the statement in the keys' place: the look it had over them;
            set_flag(self.who, "role", "heading")  # it turned bold and larger, Arabic at 1280x800)
        self._set_who()  # in its type now
        set_flag(self.title, "role", "heading")

    def _steps(self, layout: QLayout, steps: tuple[str, ...]) -> bool:
        """Give way a step at a time until the page has the room it needs (whether it has)."""
        for step in steps:
            short = self._short(layout)
            if short <= 0:
                return True
            if step == "hint":
                self.keyboard.show_hint(False)
            elif step == "who":
                self._plain_who()
            elif step == "title":  # (1280x800, Larger text, a representative: the cue was cut)
                set_flag(self.title, "role", "strong")
                self.title.updateGeometry()
            elif step == "notice":
                self._tight = True
                self._notice_room()
            elif step == "lines":
                self.under.least(LEAST_LINES)
            elif step == "cue":
                self.under.cue_beside(True)
            elif step == "close":
                self.under.close_up(True)
            elif step == "keys":  # (1280x800, Larger text: the accents' last row was cut)
                self.keyboard.give_way(short)
            elif step == "said":
                self.switch_note.hide()
            elif step == "note":  # (the pseudo-locale's, at 1280x800 with Larger text)
                sign_typed.show_note(self.typing_note, self.notice, False)
                self._notice_room()
        return self._short(layout) <= 0

    def _short(self, layout: QLayout) -> int:
        """How many px the page is short of (0 or less: none). Beside the pad, the statement's
        column at its width, "There is more below" counted whether or not it shows now: its
        wrapped lines are what a layout's least size leaves out (it was cut by 17 px under a
        representative's line at Larger text), and the title given way for it only once it
        came would change size under a patient reading."""
        if self._typed_mode:  # one column
            return self.under.short(layout, self)
        layout.invalidate()
        need = layout.totalMinimumSize().height()
        if self.statement_box.isVisibleTo(self):
            beside = self.split.direction() is QBoxLayout.Direction.LeftToRight
            column = (self._left, self.statement_box.width(), self.cue)
            need = sign_typed.column_need(need, *column, beside, (layout, self.height()))
        return need - self.height()

    def _plain_who(self) -> None:
        set_flag(self.who, "role", "")
        self._set_who()  # its type is smaller now: the date and time may fit on one line again
        self.who.updateGeometry()

    def _set_who(self) -> None:
        """Who signs and when (`say_who`), over the box or the typed name."""
        room = self._who_room()
        # (typing a name, the statement is under the keys: the line has the page's whole width)
        whole = room if not self._typed_mode else self.width()
        beside = self.split.direction() is not QBoxLayout.Direction.TopToBottom
        say_who(self.who, self._who, room, whole, beside=beside)

    def _who_room(self) -> int:
        """How wide the line of who signs and when may be (0: not laid out yet)."""
        return who_room(self.who, self.split, self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()  # (who signs and when, set again for the new width)

    def _notice_room(self) -> None:
        """Beside Clear, room for the longest word the page may say there (while the pad shows),
        as much of it as the page has with the pad no smaller than it may be, two lines at least;
        typing a name on a short page (`_tight`), room only while there is something to say."""
        place = self._notice_place
        lines = notice_lines(self.notice, self.look)
        if self._tight and self._typed_mode and not self.notice.text():
            lines = 0
        place.setVisible(lines > 0 or not self.typing_note.isHidden())
        width = self._notice_place.width()  # (the notice's: hidden under the note, it keeps none)
        drawn = width > 0 and not self._typed_mode
        longest = self._measure.tallest(width, say_notice, self._may_say) if drawn else 0
        place.setMinimumHeight(max(lines, longest))
        if note := self._note and drawn:  # measured without it: said only in the room kept
            sign_typed.show_note(self.typing_note, self.notice, False)
        layout = self.layout()
        if layout is not None and longest > lines:
            layout.invalidate()
            over = layout.totalMinimumSize().height() - self.height()
            if over > 0:  # as much of the longest's room as the page has, two lines at least
                place.setMinimumHeight(max(lines, longest - over))
        if note:
            fits = self.typing_note.heightForWidth(width) <= place.minimumHeight()
            sign_typed.show_note(self.typing_note, self.notice, fits)

    def submit(self, action: Action) -> None:
        model = self.model
        if model is None:
            return
        if action is not Action.SIGN:
            model.do(action)
        elif not self._typed_mode:
            model.sign(self.pad.signature())
        else:
            typed = self.typed.text().strip()
            call = call_staff(model.view.person or "", typed) if self._attest else None
            staff = self._attest(call) if self._attest and call else ""
            if staff is not None:  # None: not confirmed, and back as it was (the name kept)
                model.sign(TypedSignature(typed_name=typed, attested_by=staff))

    def _read_to_end(self) -> None:
        if self.model and not self.drawing and self.isVisible() and self.statement_box.isVisible():
            self.model.read_to_end()

    def _drawn(self) -> None:
        """A stroke drawn: what was said about the box ("please sign in it") is said no more."""
        model = self.model
        if model is not None and not self.pad.is_empty() and model.view.refusal is not None:
            model.do(Action.SIGNATURE_DRAWN)

    def _clear(self) -> None:
        self.pad.clear()
        if self.model is not None:
            self.model.do(Action.CLEAR_SIGNATURE)

    def _switch(self) -> None:
        if self.model is not None and self._switch_action is not None:
            self.model.do(self._switch_action)

    def forget(self) -> None:
        self.pad.clear()
        self.typed.setText("")  # not clear(): that can be undone
        self._language = None
        self._signer = 0
        self._shown = []
        with self.statement.refilling(0):
            self.statement.refill(self._points, [], _point, QLabel.setText)
        self._who = None
        self.who.setText("")
        self.notice.setText("")
        self.behalf.setText("")
        self.title.setText("")


def _point() -> QLabel:
    return label(role="point")
