"""The steps after the signature: the interpreter attests (a tap, and a signature if they wish),
then a staff member witnesses with their name and PIN. Each page draws the model's view and hands
what was drawn or typed to the model (kiosk.session.cosign_model), which decides and stores."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, View
from kiosk.ui.overlays import EACH_TAP
from kiosk.ui.pages.base import Page, Reading, button, label
from kiosk.ui.pages.parts import ScrollCue
from kiosk.ui.pages.scroll import kinetic
from kiosk.ui.staff.keys import pin_field
from kiosk.ui.theme import BASE_PX, Look
from kiosk.ui.widgets.keys import backspace_glyph, give_glyph, glyph_size
from kiosk.ui.widgets.signature_pad import SignaturePad


class _Split(Page):
    """Words on one side (above, on a portrait screen), what is given on the other."""

    def __init__(self) -> None:
        super().__init__()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.split = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.split.setSpacing(32)
        layout.addLayout(self.split, 1)
        left = QVBoxLayout()
        left.setSpacing(8)
        # (Its heading, "Interpreter", "Witness", stands in the top bar, where every screen's does:
        # the page said it a second time over its title.)
        self.title = label(role="heading")
        self.body = Reading()
        self.body.finish()
        self.body.more.connect(self._set_more)
        self._points: list[QLabel] = []
        left.addWidget(self.title)
        left.addWidget(self.body, 1)
        self.left = left
        self.split.addLayout(left, 1)
        self.right = QVBoxLayout()
        self.right.setSpacing(8)
        self.split.addLayout(self.right, 1)

    def set_portrait(self, portrait: bool) -> None:
        self.split.setDirection(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )

    def draw_words(self, view: View, words: Words) -> None:
        self.title.setText(words.text(view.title or ""))
        self.body.limit_width(self.line_px())
        points = [words.text(p) for p in view.paragraphs]
        with self.body.refilling(len(points)):
            self.body.refill(self._points, points, label, QLabel.setText)
        self.body.check_soon()

    def forget(self) -> None:
        with self.body.refilling(0):
            self.body.refill(self._points, [], label, QLabel.setText)
        self.title.setText("")


class NameList(QScrollArea):
    """The staff who may witness, one button each, whole; the list scrolls with a finger when they
    are many (a tap on a name still chooses it)."""

    more = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        kinetic(self)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        holder = QWidget()
        self.column = QVBoxLayout(holder)
        self.column.setContentsMargins(0, 0, 0, 0)
        self.column.setSpacing(12)
        self.column.addStretch(1)
        self.setWidget(holder)

        self.verticalScrollBar().rangeChanged.connect(self.check)
        self.verticalScrollBar().valueChanged.connect(self.check)

    def fill(self, buttons: list[QPushButton]) -> None:
        while self.column.count() > 1:
            item = self.column.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None:
                widget.deleteLater()
        for n, b in enumerate(buttons):
            self.column.insertWidget(n, b)

    def check(self) -> None:
        bar = self.verticalScrollBar()
        self.more.emit(bar.value() < bar.maximum())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.check()


class InterpreterPage(_Split):
    """The interpreter's statement and their name; I confirm, with a signature if they wish."""

    kinds = frozenset({ScreenKind.INTERPRETER})

    def __init__(self) -> None:
        super().__init__()
        self.who = label(role="heading")
        self.right.addWidget(self.who)
        self.pad = SignaturePad()
        self.right.addWidget(self.pad, 100)
        row = QHBoxLayout()
        self.clear = button("", None, self.pad.clear)
        row.addWidget(self.clear)
        row.addStretch(1)
        self.right.addLayout(row)
        self._language: str | None = None

    def draw(self, view: View, words: Words) -> None:
        if words.language != self._language:
            self.pad.set_words(words)
            self._language = words.language
        self.draw_words(view, words)
        self.who.setText(view.person or "")
        clear = view.offers.get(Action.CLEAR_SIGNATURE)
        self.clear.setText(words(clear.label) if clear else "")
        # By phone or video no one is here to draw: no box, and no name over the room it left
        # (the name stood alone mid-screen; the title says whom the page asks).
        for part in (self.clear, self.pad, self.who):
            part.setVisible(clear is not None)

    def submit(self, action: Action) -> None:
        if self.model is not None and action is Action.ATTEST:
            drawn = self.pad.signature() if self.pad.isVisibleTo(self) else None
            self.model.cosign.attest_interpreter(drawn)

    def forget(self) -> None:
        super().forget()
        self.pad.clear()
        self.who.setText("")


class WitnessPage(_Split):
    """The witness's statement; their name tapped from the staff list, then their PIN (dots only)."""

    kinds = frozenset({ScreenKind.WITNESS})

    def __init__(self) -> None:
        super().__init__()
        # The names above the PIN's keys, beside the words (below them on a portrait screen).
        self.names = NameList()
        self.right.addWidget(self.names, 1)
        self.cue = ScrollCue()  # more names below
        self.names.more.connect(self.cue.show_more)
        self.cue.scrolls(self.names)
        self.right.addWidget(self.cue)
        self.pin = pin_field()
        self.right.addWidget(self.pin)
        # Two rows of digits under the names (the height is short), 1 at the left in every
        # language as on a phone: mirrored in Arabic, a PIN typed by habit went wrong. Delete's
        # arrow is drawn, pointing back as the page reads.
        self.keys_box = QWidget()
        self.keys_box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.keys_box.setProperty(EACH_TAP, True)  # 1124: both 1s, however quick
        keys = QGridLayout(self.keys_box)
        keys.setContentsMargins(0, 0, 0, 0)
        keys.setSpacing(8)
        self.keys: dict[str, QPushButton] = {}
        for digit in "1234567890":
            self.keys[digit] = button(digit, None, partial(self._digit, digit))
        self.keys["delete"] = button("", None, self.pin.backspace)
        give_glyph(self.keys["delete"], backspace_glyph, self)
        for n, key in enumerate(self.keys.values()):
            keys.addWidget(key, n // 6, n % 6)
        self.right.addWidget(self.keys_box)
        self._name = ""
        self._choices: dict[str, QPushButton] = {}
        self._drawn: tuple[tuple[str, ...], str, Look] | None = None

    @property
    def pin_typed(self) -> str:
        return self.pin.text()

    def _digit(self, digit: str) -> None:
        self._typing()
        if len(self.pin.text()) < self.pin.maxLength():
            self.pin.setText(self.pin.text() + digit)

    def _typing(self) -> None:
        if self.model is not None:
            self.model.cosign.typing()

    def draw(self, view: View, words: Words) -> None:
        self.draw_words(view, words)
        self.keys["delete"].setAccessibleName(words("keys.delete"))
        self.keys["delete"].setIconSize(glyph_size(self.look.px(BASE_PX), 1.4))
        self.pin.setAccessibleName(words("staff.sign-in.enter-pin"))
        names = tuple(c.id for c in view.choices)
        if self._drawn != (names, words.language, self.look):
            self._drawn = (names, words.language, self.look)
            self.cue.set_words(
                words("cosign.witness.more-names"), self.look.palette.text, self.look.px(28)
            )
            self._choices = {}
            for name in names:
                choice = button(name, "choice", partial(self._choose, name))
                choice.setCheckable(True)
                self._choices[name] = choice
            self.names.fill(list(self._choices.values()))
            widest = max((c.sizeHint().width() for c in self._choices.values()), default=0)
            self.names.setMinimumWidth(widest + self.look.px(40))  # each name whole
        if len(self._choices) == 1 and not self._name:  # the one name there is: chosen already
            self._name = next(iter(self._choices))
        self._show_choice()
        self.names.check()

    def _choose(self, name: str) -> None:
        self._typing()
        if self._name and name != self._name:  # another person: their own PIN, typed afresh
            self.pin.setText("")
        self._name = name
        self._show_choice()

    def _show_choice(self) -> None:
        for name, choice in self._choices.items():
            choice.setChecked(name == self._name)

    def submit(self, action: Action) -> None:
        if self.model is None or action is not Action.CONFIRM:
            return
        pin = self.pin.text()
        if self._name:  # a refused PIN is typed afresh; one typed before the name is kept
            self.pin.setText("")
        self.model.cosign.witness(self._name, pin)

    def forget(self) -> None:
        super().forget()
        self._name = ""
        self.pin.setText("")
        self._show_choice()
