"""An on-screen keyboard for typing a name: QWERTY, a page of accented letters, every other Latin
letter by holding its base letter, and capitals by themselves."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from PySide6.QtCore import QEvent, QSize, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from kiosk.i18n import Words, isolated, words_for
from kiosk.ui.widgets import key_words as ids
from kiosk.ui.widgets.key_pages import (
    ACCENTS,
    LEAST_GAP,
    LETTERS,
    MIN_KEY,
    SCRIPT,
    SPACING,
    VARIANTS,
    KeyPages,
    key_button,
)
from kiosk.ui.widgets.keypad import (
    KEY_PADDING,
    backspace_glyph,
    give_glyph,
    glyph_size,
    key_height_for,
    key_width_for,
    set_flag,
    set_font_px,
    shift_glyph,
)
from kiosk.ui.widgets.keys import sizes_changed, words_or_glyphs
from kiosk.ui.widgets.letters import ACCENT_ROWS, SENTENCES, capital, capital_next, variants

UNIT = 112
"""Width of one letter key, in px; it does not grow with scale, so the keyboard stays within 1280 px."""
KEY_HEIGHT = 64
WORD_FONT = 26
HOLD_MS = 500
"""How long a letter is held before the page of its other forms opens."""

WIDTH = 10 * UNIT + 9 * SPACING
"""The whole keyboard's widest at scale 1: 1192 px."""

__all__ = ["HOLD_MS", "MIN_KEY", "OnScreenKeyboard", "variants"]  # (the tests import them here)


class OnScreenKeyboard(QWidget):
    """Types into a QLineEdit without a physical keyboard; never takes focus from it.

    Shift is one-shot; the next letter is offered as a capital by itself at the start of the
    text and after a space or hyphen (pressing Shift then turns that off for one letter). The
    accents key shows a page of accented letters; holding any letter (HOLD_MS) shows a page of
    every form of it (`variants`: e → é ê ễ ệ …). After one of them is typed, the letters return.
    Every word from the catalog (`set_words`); the letters keep QWERTY's order in every language,
    the bottom row follows the direction and Delete's arrow points back as the language reads.

    Object names for the theme: `onScreenKeyboard`; keys `keyboardKey` (letters, hyphen,
    apostrophe), `keyboardShift` (checkable; `:checked` while capitals are offered),
    `keyboardAccents` (property `accents` true while a page of accents shows), `keyboardSpace`,
    `keyboardBack`; `keyboardHint` (how to find accents).
    """

    typed = Signal()
    reshaped = Signal()
    """Its pages took another number of rows (`KeyPages.set_width`): its height changed."""
    variants_shown = Signal(str)
    """The page of a letter's other forms opened (by a long press, or `show_variants`)."""

    def __init__(
        self, target: QLineEdit | None = None, parent: QWidget | None = None, *, scale: float = 1.0
    ) -> None:
        super().__init__(parent)
        self.setObjectName("onScreenKeyboard")
        self._target: QLineEdit | None = None
        self._shift = False
        self._scale = scale
        self._words = words_for("en")
        self._word_keys: list[QPushButton] = []
        self._hold = QTimer(self)
        self._hold.setSingleShot(True)
        self._hold.setInterval(HOLD_MS)
        self._hold.timeout.connect(self.finish_hold)
        self._held: QPushButton | None = None
        self._pages = KeyPages(self)
        self._pages.tapped.connect(self._type_letter)
        self._pages.pressed.connect(self._start_hold)
        self._pages.released.connect(self._hold.stop)
        self._pages.char_tapped.connect(self.insert)
        self._hint_row = self._pages.hint_row
        self._hint = self._hint_row.label
        bottom = QWidget(self)
        bottom_row = QHBoxLayout(bottom)
        bottom_row.setContentsMargins(0, 0, 0, 0)
        bottom_row.setSpacing(SPACING)
        self._shift_key = self._word_key("keyboardShift")
        self._shift_key.setCheckable(True)
        self._shift_key.clicked.connect(self._toggle_shift)
        give_glyph(self._shift_key, shift_glyph, mirrors=False, filled_when_on=True)
        self._accents_key = self._word_key("keyboardAccents")
        self._accents_key.clicked.connect(self._toggle_accents)
        self._script_key = self._word_key("keyboardScriptKey")
        self._script_key.clicked.connect(self._toggle_script)
        self._script_key.hide()
        self._home = LETTERS
        """The page a name starts on: the Latin letters, or the patient's own (Arabic)."""
        self._space_key = self._word_key("keyboardSpace")
        self._space_key.clicked.connect(lambda: self.insert(" "))
        self._back_key = self._word_key("keyboardBack")
        self._back_key.clicked.connect(self.backspace)
        give_glyph(self._back_key, backspace_glyph)
        halves = ((self._shift_key, 3), (self._script_key, 3), (self._accents_key, 3))
        for key, half in (*halves, (self._space_key, 11), (self._back_key, 3)):
            bottom_row.addWidget(key, half)

        layout = self._column = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SPACING)
        layout.addWidget(self._pages)
        layout.addWidget(bottom)

        self._set_texts()
        self.set_scale(scale)
        self.set_target(target)

    def _word_key(self, name: str) -> QPushButton:
        key = key_button("", name)
        self._word_keys.append(key)
        return key

    def target(self) -> QLineEdit | None:
        return self._target

    def set_target(self, target: QLineEdit | None) -> None:
        """Type into this line edit from now on (None: the keys do nothing)."""
        if self._target is not None:
            self._target.cursorPositionChanged.disconnect(self._sync_shift)
            self._target.textChanged.disconnect(self._sync_shift)
            self._target.destroyed.disconnect(self._target_gone)
        self._target = target
        if target is not None:
            target.cursorPositionChanged.connect(self._sync_shift)
            target.textChanged.connect(self._sync_shift)
            target.destroyed.connect(self._target_gone)
        self._sync_shift()

    def insert(self, text: str) -> None:
        """Insert text at the target's cursor (replacing a selection), in NFC."""
        if self._target is None:
            return
        self._target.insert(unicodedata.normalize("NFC", text))
        self.typed.emit()

    def backspace(self) -> None:
        """Remove the selection, or the character before the cursor."""
        if self._target is None:
            return
        self._target.backspace()
        self.typed.emit()

    @property
    def accents_key(self) -> QPushButton:
        """The key that shows the accented letters (and the letters again)."""
        return self._accents_key

    def shift_active(self) -> bool:
        """True while the next letter will be a capital."""
        return self._shift

    def accents_showing(self) -> bool:
        """True while the page of accented letters (or of one letter's forms) shows."""
        return self._pages.currentIndex() in (ACCENTS, VARIANTS)

    def script_showing(self) -> bool:
        """True while the page of the patient's own letters (Arabic) shows."""
        return self._pages.currentIndex() == SCRIPT

    def variants_showing(self) -> str:
        """The letter whose forms show (lowercase), or "" when that page is not showing."""
        return self._pages.variants_of if self._pages.currentIndex() == VARIANTS else ""

    def show_letters(self) -> None:
        """Back to the page a name starts on (e.g. when the screen is shown again): the plain
        letters, or the patient's own in a language written in them."""
        self._set_page(self._home)

    def show_variants(self, letter: str) -> bool:
        """Show the page of every form of `letter` (what holding its key does); False if it has
        no other form."""
        forms = variants(letter, self._words.language)
        if len(forms) < 2:
            return False
        self._pages.show_forms(forms, capitals=self._shift)
        self._pages.variants_page.setAccessibleName(
            self._words(ids.VARIANTS_SPOKEN, letter=capital(forms[0]) if self._shift else forms[0])
        )
        self._set_page(VARIANTS)
        self.variants_shown.emit(forms[0])
        return True

    def finish_hold(self) -> bool:
        """End the long press now, as HOLD_MS after it began would: the held letter's forms show
        and its key will not type when let go. False if no letter is held (or it has no forms)."""
        self._hold.stop()
        key, self._held = self._held, None
        if key is None or not key.isDown():
            return False
        letter = self._pages.letter_of(key)
        if letter is None or not self.show_variants(letter):
            return False
        key.setDown(False)  # let go, it types nothing: the finger picks from the forms now
        return True

    def words(self) -> Words:
        return self._words

    def set_words(self, words: Words, *, also: Sequence[str] = ()) -> None:
        """Every word on the keys and spoken for them, in this language; keys sized for them.
        `also`: languages whose letters the keys offer too, on their page, though their words are
        another's (staff typing an Arabic name with the keys in English); the first with letters of
        its own is offered."""
        self._words = words
        own = self._pages.set_script(words.language)
        self._pages.set_home_row(words.language, capitals=self._shift)
        extra = not own and any(self._pages.set_script(language) for language in also)
        self._home = SCRIPT if own else LETTERS
        self._script_key.setVisible(own or extra)
        self._set_texts()
        self.set_scale(self._scale)
        self._set_page(self._home)

    def scale(self) -> float:
        return self._scale

    def set_scale(self, scale: float) -> None:
        """1.0 normal, larger on larger screens: fonts and key heights grow; each key at least as
        wide as its words need and 64 px; the width stays within WIDTH × scale (unless the words
        of the bottom row need more)."""
        self._scale = scale
        height = round(KEY_HEIGHT * scale)
        for key in self._word_keys:
            set_font_px(key, WORD_FONT * scale, bold=True, padding=KEY_PADDING * scale)
        icon = glyph_size(WORD_FONT * scale, 1.4)
        self._back_key.setIconSize(icon)
        self._shift_key.setIconSize(glyph_size(WORD_FONT * scale, 0.9))
        for key in self._word_keys:
            height = max(height, key_height_for(key, scale))
        self._pages.set_key_size(scale, height)
        for key in self._word_keys:
            key.setMinimumWidth(self._width(key))
            key.setFixedHeight(height)
        self._hint_row.set_scale(scale)
        self._fit_hint()
        bottom = sum(k.minimumWidth() for k in self._word_keys)
        bottom += SPACING * (len(self._word_keys) - 1)
        self.setMaximumWidth(max(round(WIDTH * max(scale, 1.0)), bottom))

    def _fit_hint(self) -> None:
        """The hint's row as tall as its words wrapped at the width it will have."""
        # Until it is laid out on screen, a widget's width is Qt's default, not its own.
        # (In a resize, the keyboard's own new width: its children are resized after it.)
        room = self.width() if self.isVisible() else self.maximumWidth()
        letters = self._hint_row.parentWidget()
        holders = (letters, self._pages, self) if letters is not None else (self._pages, self)
        if self._hint_row.fit(room, holders):  # its page is measured again once it has its room
            QTimer.singleShot(0, self, self.reshaped.emit)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        reshaped = self._pages.set_width(event.size().width())  # fewer rows of accents, or more
        if reshaped or event.oldSize().width() != event.size().width():
            sizes_changed(self._hint_row)  # up to the keyboard: each box kept the hint's old lines
        if reshaped:
            self.reshaped.emit()
        self._fit_hint()

    def sizeHint(self) -> QSize:
        # Never less than it needs: the hint's wrapped lines raise the minimum after the hint
        # for its old width was worked out.
        return super().sizeHint().expandedTo(self.minimumSizeHint())

    def give_way(self, short: int) -> None:
        """The screen is `short` px short of room for everything on it: the rows of keys closer
        together (never nearer than LEAST_GAP); 0 or less, as far apart as they were made."""
        gaps = len(ACCENT_ROWS)  # the tallest page's gaps, and the one above the bottom row
        gap = max(LEAST_GAP, SPACING - -(-max(0, short) // gaps))
        if gap != self._column.spacing():  # (each set lays every page out again)
            self._pages.set_row_gap(gap)
            self._column.setSpacing(gap)
            for i in range(self._pages.count()):
                page = self._pages.widget(i)
                if page is not None:
                    sizes_changed(page)  # measured at once, not at the next look

    def narrow_to(self, room: int) -> None:
        """The bottom row within `room` px: Shift and Delete as their glyphs alone while it is wider
        with their words (with the Arabic page's key, in a long language, Delete was cut)."""
        row = [k for k in self._word_keys if k is not self._script_key or not k.isHidden()]
        words = {self._shift_key: self._words(ids.SHIFT), self._back_key: self._words(ids.DELETE)}
        words_or_glyphs(row, words, room, SPACING, self._width)

    def _width(self, key: QPushButton) -> int:
        """A key's least width: for the widest words it shows as its page turns, if it does."""
        turns = {self._script_key: ids.SCRIPT, self._accents_key: ids.ACCENTS}
        texts = [self._words(ids.LETTERS), self._words(turns[key])] if key in turns else []
        return key_width_for(key, self._scale, least=MIN_KEY, texts=texts)

    def show_hint(self, shown: bool) -> None:
        """Show how to find accents above the bottom row, or not (when the screen is short of room:
        the accents key says it too)."""
        self._hint.setVisible(shown)

    def hint_shown(self) -> bool:
        return not self._hint.isHidden()

    # -- keys --

    def _start_hold(self, key: QPushButton) -> None:
        self._held = key
        self._hold.start()

    def _type_letter(self, key: QPushButton) -> None:
        self._hold.stop()
        self._held = None
        accent = self.accents_showing()
        self.insert(key.text())
        if accent:
            self._set_page(LETTERS)

    def _toggle_shift(self) -> None:
        self._set_shift(not self._shift)

    def _toggle_accents(self) -> None:
        self._set_page(LETTERS if self.accents_showing() else ACCENTS)

    def _toggle_script(self) -> None:
        self._set_page(LETTERS if self.script_showing() else SCRIPT)

    def _set_page(self, index: int) -> None:
        self._pages.setCurrentIndex(index)
        self._set_accents_key_words()
        set_flag(self._accents_key, "accents", index in (ACCENTS, VARIANTS))
        # Accents and capitals are Latin letters' own: not offered over the patient's letters.
        self._accents_key.setVisible(index != SCRIPT)
        self._shift_key.setVisible(index != SCRIPT)

    def _set_accents_key_words(self) -> None:
        words, own = self._words, self.script_showing()
        self._script_key.setText(words(ids.LETTERS if own else ids.SCRIPT))
        self._script_key.setAccessibleName(words(ids.LATIN_SPOKEN if own else ids.SCRIPT_SPOKEN))
        letters = self.accents_showing()
        self._accents_key.setText(words(ids.LETTERS if letters else ids.ACCENTS))
        self._accents_key.setAccessibleName(
            words(ids.LETTERS_SPOKEN if letters else ids.ACCENTS_SPOKEN)
        )

    def _set_texts(self) -> None:
        words = self._words
        self._shift_key.setText(words(ids.SHIFT))
        self._shift_key.setAccessibleName(words(ids.SHIFT_SPOKEN))
        self._space_key.setText(words(ids.SPACE))
        self._space_key.setAccessibleName(words(ids.SPACE))
        self._pages.hyphen_key.setAccessibleName(words(ids.HYPHEN_SPOKEN))
        self._pages.apostrophe_key.setAccessibleName(words(ids.APOSTROPHE_SPOKEN))
        self._back_key.setText(words(ids.DELETE))
        self._back_key.setAccessibleName(words(ids.DELETE_SPOKEN))
        # The key named as it reads ("àé…", not "…àé" in an Arabic sentence).
        self._hint.setText(words(ids.HOLD_HINT, accents=isolated(words(ids.ACCENTS))))
        self._fit_hint()
        self._set_accents_key_words()

    def _sync_shift(self) -> None:
        """Offer a capital at the start of the text and after a space or hyphen; else small letters."""
        target = self._target
        if target is None:
            self._set_shift(False)
            return
        before = target.text()[: target.cursorPosition()]
        self._set_shift(capital_next(before, sentences=bool(target.property(SENTENCES))))

    def _set_shift(self, on: bool) -> None:
        self._shift_key.setChecked(on)
        if on == self._shift:
            return  # relabelling the keys costs a layout pass: only when capitals come or go
        self._shift = on
        self._pages.set_capitals(on)

    def _target_gone(self) -> None:
        self._target = None
        self._set_shift(False)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._back_key.update()
        super().changeEvent(event)
