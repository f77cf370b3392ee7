"""The keyboard's three pages of letter keys: QWERTY (with the apostrophe, the hyphen and the hint
on finding accents), the accented letters, and every form of one held letter. They show letters
and report taps; what a tap types is the keyboard's business (`OnScreenKeyboard`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QSizePolicy, QStackedWidget, QWidget

from kiosk.ui.widgets.hint import AccentHint
from kiosk.ui.widgets.keys import set_font_px
from kiosk.ui.widgets.letters import (
    ACCENT_ROWS,
    HOME_ROW_MORE,
    LETTER_ROWS,
    SCRIPTS,
    capital,
)

SPACING = 8
LEAST_GAP = 4
"""The least room between two rows of keys, when a short screen draws them closer."""
MIN_KEY = 64
"""The smallest key, in both directions."""
LETTER_FONT = 34
ACCENT_FONT = 32
HALF_COLUMNS = 20
"""The letter page sits on a grid of half keys, so rows can be offset like a real keyboard."""
VARIANT_COLUMNS = 12
VARIANT_ROWS = 4
MIN_WIDTH = 12 * MIN_KEY + 11 * SPACING
"""The narrowest the keyboard gets (portrait screens): 856 px, every key still at least 64 px wide."""
WIDE_COLUMNS = 16
WIDE_AT = WIDE_COLUMNS * MIN_KEY + (WIDE_COLUMNS - 1) * SPACING
"""Where the keys are at least this wide (1,144 px), the accents and a letter's forms stand in
three rows of 16, not four of 12. The pages stand one over another, as tall as the tallest: a
fourth row cost every page its height, and at Larger text on 1280x800 (under practice mode's
banner) the accents' last row was cut while the letters' hint had gone to make room."""

LETTERS, ACCENTS, VARIANTS, SCRIPT = range(4)
"""The pages, by index."""


def key_button(text: str, name: str) -> QPushButton:
    """A key: never takes focus from the field it types into, as wide as its row gives it."""
    key = QPushButton(text)
    key.setObjectName(name)
    key.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    key.setAutoDefault(False)
    key.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return key


def _grid(page: QWidget, columns: int) -> QGridLayout:
    grid = QGridLayout(page)
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setSpacing(SPACING)
    _set_columns(grid, columns)
    return grid


def _set_columns(grid: QGridLayout, columns: int, *, before: int = 0) -> None:
    """`columns` equal columns, each wide enough that together they make MIN_WIDTH; of the
    `before` it had, those past them take no room."""
    width = -(-(MIN_WIDTH - (columns - 1) * SPACING) // columns)
    for c in range(max(columns, before)):
        used = c < columns
        grid.setColumnStretch(c, 1 if used else 0)
        grid.setColumnMinimumWidth(c, width if used else 0)


class KeyPages(QStackedWidget):
    """The letters (LETTERS), the accented letters (ACCENTS) and one letter's forms (VARIANTS).

    `tapped(key)` when a letter key is tapped, `pressed(key)`/`released()` around it (the letters
    and accents pages: a long press shows the forms), `char_tapped(text)` for the apostrophe and
    hyphen. Each key's text is what it types.
    """

    tapped = Signal(QPushButton)
    pressed = Signal(QPushButton)
    released = Signal()
    char_tapped = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.letter_keys: list[tuple[QPushButton, str]] = []
        self.accent_keys: list[tuple[QPushButton, str]] = []
        self.variant_keys: list[tuple[QPushButton, str]] = []
        self.script_keys: list[tuple[QPushButton, str]] = []
        self.script = ""
        """The language whose letters the SCRIPT page holds ("" before `set_script`)."""
        self.char_keys: list[QPushButton] = []
        self.variants_of = ""

        letters = QWidget()
        letter_grid = _grid(letters, HALF_COLUMNS)
        self._letter_grid = letter_grid
        for row, keys in enumerate(LETTER_ROWS):
            start = (0, 1, 2)[row]  # offset by 0, ½ and 1 key, as on a real keyboard
            for i, letter in enumerate(keys):
                key = self._letter_key(letter, self.letter_keys)
                letter_grid.addWidget(key, row, start + 2 * i, 1, 2)
        self.home_row_more: list[QPushButton] = []
        """The keys of HOME_ROW_MORE for the language shown (none in most)."""
        self._home_more = ""
        """Their letters."""
        # A name's apostrophe and hyphen after m, where they leave the bottom row room for words.
        self.apostrophe_key = self._char_key("'")
        self.hyphen_key = self._char_key("-")
        after_m = 2 + 2 * len(LETTER_ROWS[2])
        letter_grid.addWidget(self.apostrophe_key, 2, after_m, 1, 2)
        letter_grid.addWidget(self.hyphen_key, 2, after_m + 2, 1, 2)
        self.hint_row = AccentHint()
        letter_grid.addWidget(self.hint_row, len(LETTER_ROWS), 0, 1, HALF_COLUMNS)

        accents = QWidget()
        accent_grid = self._accent_grid = _grid(accents, len(ACCENT_ROWS[0]))
        for row, keys in enumerate(ACCENT_ROWS):
            for i, letter in enumerate(keys):
                accent_grid.addWidget(self._letter_key(letter, self.accent_keys), row, i)

        self.variants_page = QWidget()
        self.variants_page.setObjectName("keyboardVariants")
        variant_grid = self._variant_grid = _grid(self.variants_page, VARIANT_COLUMNS)
        for i in range(VARIANT_COLUMNS * VARIANT_ROWS):
            key = self._letter_key("", self.variant_keys, hold=False)
            policy = key.sizePolicy()
            policy.setRetainSizeWhenHidden(True)  # the page keeps its grid, whatever the letter
            key.setSizePolicy(policy)
            variant_grid.addWidget(key, *divmod(i, VARIANT_COLUMNS))

        self.script_page = QWidget()
        self.script_page.setObjectName("keyboardScript")
        self._script_grid = _grid(self.script_page, len(ACCENT_ROWS[0]))

        self._grids = (letter_grid, accent_grid, variant_grid, self._script_grid)
        self._columns = VARIANT_COLUMNS
        """How many keys a row the accents and a letter's forms have now (`set_width`)."""
        for page in (letters, accents, self.variants_page, self.script_page):
            # Latin letters in QWERTY's order, in every language (a keyboard is not mirrored).
            page.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
            self.addWidget(page)

    def _letter_key(
        self, letter: str, keys: list[tuple[QPushButton, str]], *, hold: bool = True
    ) -> QPushButton:
        key = key_button(letter, "keyboardKey")
        key.clicked.connect(lambda _=False, k=key: self.tapped.emit(k))
        if hold:
            key.pressed.connect(lambda k=key: self.pressed.emit(k))
            key.released.connect(self.released)
        keys.append((key, letter))
        return key

    def _char_key(self, char: str) -> QPushButton:
        key = key_button(char, "keyboardKey")
        key.clicked.connect(lambda: self.char_tapped.emit(char))
        self.char_keys.append(key)
        return key

    def set_script(self, language: str) -> bool:
        """Fill the SCRIPT page with the letters of `language` (whether it has letters of its own)."""
        rows = SCRIPTS.get(language)
        if rows is None or language == self.script:
            return rows is not None
        for key, _ in self.script_keys:
            self._script_grid.removeWidget(key)
            key.deleteLater()
        self.script_keys = []
        self.script = language
        columns = len(ACCENT_ROWS[0])
        for row, keys in enumerate(rows):
            start = (columns - len(keys)) // 2  # a short row in the middle
            for i, letter in enumerate(keys):
                key = self._letter_key(letter, self.script_keys, hold=False)
                self._script_grid.addWidget(key, row, start + i)
        return True

    def set_home_row(self, language: str, *, capitals: bool) -> None:
        """The home row as `language`'s keyboard has it: QWERTY's a to l, half a key in, or with
        that language's letters after l (HOME_ROW_MORE: ñ in Spanish), from under q. A key
        added shows its capital if the others do."""
        more = HOME_ROW_MORE.get(language, "")
        if more == self._home_more:
            return
        self._home_more = more
        for key in self.home_row_more:
            self._letter_grid.removeWidget(key)
            self.letter_keys = [(k, letter) for k, letter in self.letter_keys if k is not key]
            key.hide()
            key.deleteLater()
        self.home_row_more = []
        home = [k for k, letter in self.letter_keys if letter in LETTER_ROWS[1]]
        for letter in more:
            key = self._letter_key(letter, self.letter_keys)
            key.setText(capital(letter) if capitals else letter)
            home.append(key)
            self.home_row_more.append(key)
        start = 1 if not more else 0  # ten keys fill the row as QWERTY's top one does
        for i, key in enumerate(home):
            self._letter_grid.addWidget(key, 1, start + 2 * i, 1, 2)
        for key in self.home_row_more:
            key.show()  # (added to a page that may be on screen already)

    def set_width(self, width: int) -> bool:
        """The accents and a letter's forms in rows of 16 where `width` has room for them, else
        of 12; whether that changed."""
        columns = WIDE_COLUMNS if width >= WIDE_AT else VARIANT_COLUMNS
        if columns == self._columns:
            return False
        before, self._columns = self._columns, columns
        for grid, keys in (
            (self._accent_grid, self.accent_keys),
            (self._variant_grid, self.variant_keys),
        ):
            for key, _ in keys:
                grid.removeWidget(key)
            _set_columns(grid, columns, before=before)
            for i, (key, _) in enumerate(keys):
                grid.addWidget(key, *divmod(i, columns))
        return True

    def letter_of(self, key: QPushButton) -> str | None:
        """The letter a key of the letters or accents page stands for (None: not one of them)."""
        return next(
            (letter for k, letter in (*self.letter_keys, *self.accent_keys) if k is key), None
        )

    def show_forms(self, forms: tuple[str, ...] | list[str], *, capitals: bool) -> None:
        """Fill the VARIANTS page with these forms of one letter and show it."""
        self.variants_of = forms[0]
        for i, (key, _) in enumerate(self.variant_keys):
            form = forms[i] if i < len(forms) else ""
            self.variant_keys[i] = (key, form)
            key.setText(capital(form) if capitals else form)
            key.setVisible(bool(form))
        self.setCurrentIndex(VARIANTS)

    def set_capitals(self, on: bool) -> None:
        """Every letter key shows (and types) its capital, or its small letter."""
        for key, letter in (*self.letter_keys, *self.accent_keys, *self.variant_keys):
            key.setText(capital(letter) if on else letter)

    def set_row_gap(self, gap: int) -> None:
        """The room between two rows of keys on every page."""
        for grid in self._grids:
            grid.setVerticalSpacing(gap)

    def set_key_size(self, scale: float, height: int) -> None:
        """Fonts grown by scale; every key at least MIN_KEY wide and `height` tall."""
        for key in (
            *(k for k, _ in (*self.letter_keys, *self.variant_keys, *self.script_keys)),
            *self.char_keys,
        ):
            set_font_px(key, LETTER_FONT * scale, bold=True)
        for key, _ in self.accent_keys:
            set_font_px(key, ACCENT_FONT * scale, bold=True)
        for key in (
            *(
                k
                for k, _ in (
                    *self.letter_keys,
                    *self.accent_keys,
                    *self.variant_keys,
                    *self.script_keys,
                )
            ),
            *self.char_keys,
        ):
            key.setMinimumWidth(MIN_KEY)
            key.setFixedHeight(height)
