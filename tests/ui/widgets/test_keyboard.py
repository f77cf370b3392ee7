"""The on-screen keyboard types names with accents and capitals into a line edit, by taps alone."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import Words, words_for
from kiosk.ui.widgets.keyboard import HOLD_MS, MIN_KEY, OnScreenKeyboard, variants
from kiosk.ui.widgets.letters import SENTENCES, capital_next
from tests.ui.widgets.room import CLEAR_PX, fits, room_left

# The offscreen platform cannot resize a window to its layout's minimum and says so as a warning.

SHIFT = "Shift"
BACK = "Delete"
ACCENTS = "àé…"
LETTERS = "abc"
PSEUDO = words_for("en-XA")


class Rig:
    def __init__(self, qtbot: QtBot, scale: float = 1.0) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        self.line = QLineEdit()
        self.keyboard = OnScreenKeyboard(self.line, scale=scale)
        layout = self.layout = QVBoxLayout(self.window)
        layout.addWidget(self.line)
        layout.addWidget(self.keyboard)
        qtbot.addWidget(self.window)
        self.window.show()
        qtbot.waitExposed(self.window)

    def keys(self, text: str) -> list[QPushButton]:
        return [
            b
            for b in self.keyboard.findChildren(QPushButton)
            if b.text() == text and b.isVisibleTo(self.keyboard)
        ]

    def hold(self, text: str) -> None:
        """Hold a key down until its forms show (the keyboard's own hold, ended now), then let go."""
        (found,) = self.keys(text)
        self.qtbot.mousePress(found, Qt.MouseButton.LeftButton)
        assert self.keyboard.finish_hold(), f"holding {text!r} showed nothing"
        self.qtbot.mouseRelease(found, Qt.MouseButton.LeftButton)

    def tap(self, *texts: str) -> None:
        """Tap keys by the text they show now; a key that is not on screen fails the test."""
        for text in texts:
            found = self.keys(text)
            assert len(found) == 1, f"no key {text!r} on screen"
            self.qtbot.mouseClick(found[0], Qt.MouseButton.LeftButton)

    def type(self, text: str) -> None:
        """Type as a patient would: find the letter, on the accents page if need be, Shift for a capital."""
        for char in text:
            if char == " ":
                self.tap("Space")
                continue
            if self.keys(char):
                self.tap(char)
                continue
            lower = char.lower()
            if self.keyboard.accents_showing() != (lower not in "abcdefghijklmnopqrstuvwxyz'-"):
                self.tap(LETTERS if self.keyboard.accents_showing() else ACCENTS)
            if not self.keys(char) and not self.keys(char.swapcase()):
                self.type_by_holding(char)
                continue
            if not self.keys(char):
                self.tap(SHIFT)
            self.tap(char)

    def type_by_holding(self, char: str) -> None:
        """A letter on neither page: hold its base letter on the letters page, pick it from its forms."""
        if self.keyboard.accents_showing():
            self.tap(LETTERS)
        base = next(b for b in "abcdefghijklmnopqrstuvwxyz" if char.lower() in variants(b))
        if self.keyboard.shift_active() != char.isupper():
            self.tap(SHIFT)
        self.hold(base.upper() if char.isupper() else base)
        assert self.keyboard.variants_showing() == base
        self.tap(char)
        assert not self.keyboard.accents_showing()


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    return Rig(qtbot)


@pytest.mark.parametrize(
    "name",
    [
        "Zoë Ångström",
        "Seán O'Brien",
        "Łukasz Wałęsa",
        "Anne-Marie Müller-Lüdenscheidt",
        "Nguyễn Thị Minh Khai",
        "Đặng",
        "Trần Văn Ơn",
        "Phạm Ngọc Ưng",
        "Łukasz Żółć",
        "Ærø",
        "Øyvind",
        "Şükrü",
        "Dvořák",
        "Jiří Ťoupalík",
        "Ðorđe",
        "Þórður",
        "Mammadov Əli",
    ],
)
def test_names_with_accents_are_typed_exactly(rig: Rig, name: str) -> None:
    rig.type(name)
    assert rig.line.text() == name
    assert unicodedata.is_normalized("NFC", rig.line.text())


def test_sean_obrien_key_by_key(rig: Rig) -> None:
    rig.tap("S", "e", ACCENTS, "á")
    assert not rig.keyboard.accents_showing()  # one accented letter, then the letters return
    rig.tap("n", "Space", "O", "'")
    assert not rig.keyboard.shift_active()  # no capital offered after an apostrophe
    rig.tap(SHIFT, "B", "r", "i", "e", "n")
    assert rig.line.text() == "Seán O'Brien"


def test_capitals_are_offered_at_the_start_and_after_space_or_hyphen(rig: Rig) -> None:
    assert rig.keyboard.shift_active()
    assert rig.keys("Q") and not rig.keys("q")
    rig.tap("A")
    assert not rig.keyboard.shift_active()
    assert rig.keys("q") and not rig.keys("Q")
    rig.tap("n", "n", "-")
    assert rig.keyboard.shift_active()
    rig.tap("M", "a", "e", "Space")
    assert rig.keyboard.shift_active()
    rig.tap(ACCENTS)
    assert rig.keys("Ø") and not rig.keys("ø")
    rig.tap("Ø")
    assert rig.line.text() == "Ann-Mae Ø"


def test_a_line_written_in_sentences_offers_a_capital_only_where_one_starts(rig: Rig) -> None:
    """A staff note read "Answered in person Aa A": each word began with a capital, as in a name."""
    rig.line.setProperty(SENTENCES, True)
    rig.keyboard.set_target(rig.line)
    assert rig.keyboard.shift_active()
    rig.tap("A", "t", "Space")
    assert not rig.keyboard.shift_active()
    rig.tap("h", "o", "m", "e", "-", "o", "k")
    assert not rig.keyboard.shift_active()
    rig.line.insert(".")
    rig.tap("Space")
    assert rig.keyboard.shift_active()
    rig.tap("S")
    assert rig.line.text() == "At home-ok. S"


@pytest.mark.parametrize(
    ("before", "sentences", "capital"),
    [
        ("", False, True), ("Ann", False, False), ("Ann ", False, True), ("Ann-", False, True),
        ("", True, True), ("Seen", True, False), ("Seen ", True, False), ("Seen-", True, False),
        ("Seen.", True, False), ("Seen. ", True, True), ("Seen? ", True, True), ("  ", True, True),
    ],
)  # fmt: skip
def test_where_a_capital_is_offered(before: str, sentences: bool, capital: bool) -> None:
    assert capital_next(before, sentences=sentences) is capital


def test_shift_is_one_shot_and_can_turn_off_the_offered_capital(rig: Rig) -> None:
    rig.tap(SHIFT, "v", "a", "n", "Space", SHIFT, "d", "e", "r", "Space", "B")
    assert rig.line.text() == "van der B"
    rig.tap(SHIFT, "E", "r", "g")
    assert rig.line.text() == "van der BErg"


def test_letters_without_a_single_capital_keep_their_form(rig: Rig) -> None:
    rig.tap(ACCENTS)
    assert rig.keys("ß")
    assert rig.keys("I")  # dotless ı offers plain I
    rig.tap("ß")
    assert rig.line.text() == "ß"


def test_backspace_removes_one_letter_and_offers_the_capital_again(rig: Rig) -> None:
    rig.type("Jo Ann")
    rig.tap(BACK)
    assert rig.line.text() == "Jo An"
    rig.tap(BACK, BACK)
    assert rig.line.text() == "Jo "
    assert rig.keyboard.shift_active()
    rig.tap(BACK, BACK, BACK)
    assert rig.line.text() == ""
    assert rig.keyboard.shift_active()
    rig.tap(BACK)
    assert rig.line.text() == ""


def test_typing_goes_in_at_the_cursor(rig: Rig) -> None:
    rig.type("Mary Smith")
    rig.line.setCursorPosition(4)
    rig.tap("Space", "J", "o")
    assert rig.line.text() == "Mary Jo Smith"


def test_every_tap_reports_typed(rig: Rig, qtbot: QtBot) -> None:
    with qtbot.waitSignal(rig.keyboard.typed):
        rig.tap("A")
    with qtbot.waitSignal(rig.keyboard.typed):
        rig.tap(BACK)


def test_the_line_edit_keeps_focus(rig: Rig) -> None:
    for key in rig.keyboard.findChildren(QPushButton):
        assert key.focusPolicy() == Qt.FocusPolicy.NoFocus


def test_set_target_moves_typing_to_another_field(rig: Rig) -> None:
    rig.type("Ana")
    other = QLineEdit("Ruiz")
    rig.keyboard.set_target(other)
    assert not rig.keyboard.shift_active()  # the cursor is after "Ruiz"
    rig.tap("a")
    assert (rig.line.text(), other.text()) == ("Ana", "Ruiza")
    rig.keyboard.set_target(None)
    rig.tap("a")
    assert other.text() == "Ruiza"


def test_a_destroyed_target_is_let_go(rig: Rig) -> None:
    rig.line.deleteLater()
    rig.qtbot.waitUntil(lambda: rig.keyboard.target() is None)
    rig.tap("a")


def test_holding_a_letter_shows_its_forms_and_types_nothing(rig: Rig, qtbot: QtBot) -> None:
    rig.type("Nguy")
    (e,) = rig.keys("e")
    with qtbot.waitSignal(rig.keyboard.variants_shown, timeout=HOLD_MS * 10) as shown:
        qtbot.mousePress(e, Qt.MouseButton.LeftButton)  # the keyboard's own timer ends the hold
    assert shown.args == ["e"]
    qtbot.mouseRelease(e, Qt.MouseButton.LeftButton)
    assert rig.line.text() == "Nguy"  # letting go of a held letter types nothing
    assert rig.keyboard.variants_showing() == "e"
    assert rig.keyboard.accents_showing()
    for form in "eèéêëẽẹẻềếễệể":
        assert rig.keys(form), form
    rig.tap("ễ")
    assert rig.line.text() == "Nguyễ"
    assert not rig.keyboard.accents_showing()  # one letter, then the letters return


def test_a_quick_tap_types_the_letter_and_a_held_one_can_be_put_back(rig: Rig) -> None:
    rig.tap("A", "n")
    assert rig.keyboard.finish_hold() is False  # nothing held
    rig.hold("o")
    rig.tap(LETTERS)  # changed my mind: back to the letters, nothing typed
    assert rig.line.text() == "An" and not rig.keyboard.accents_showing()
    rig.hold("o")
    rig.tap("o")  # the plain letter is the first of its forms
    assert rig.line.text() == "Ano"


def test_held_capitals_show_capital_forms(rig: Rig) -> None:
    assert rig.keyboard.shift_active()
    rig.hold("D")
    assert rig.keys("Đ") and rig.keys("Ď") and not rig.keys("đ")
    rig.tap("Đ")
    assert rig.line.text() == "Đ" and not rig.keyboard.shift_active()


def test_accented_letters_can_be_held_too(rig: Rig) -> None:
    rig.tap(SHIFT, ACCENTS)
    rig.hold("ê")
    assert rig.keyboard.variants_showing() == "ê"
    assert {k.text() for k in rig.keyboard.findChildren(QPushButton) if k.isVisible()} >= set(
        "êềếễệể"
    )
    rig.tap("ệ")
    assert rig.line.text() == "ệ"


VIETNAMESE_VOWELS = "aăâeêioôơuưy"
TONES = ("", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323")


def test_every_vietnamese_letter_is_a_form_of_its_base_letter() -> None:
    for vowel in VIETNAMESE_VOWELS:
        base = unicodedata.normalize("NFD", vowel)[0]
        for tone in TONES:
            letter = unicodedata.normalize("NFC", vowel + tone)
            assert len(letter) == 1, letter
            assert letter in variants(base), (letter, base)
    assert "đ" in variants("d")


def test_the_forms_of_a_letter_are_single_latin_letters_in_nfc() -> None:
    for base in "abcdefghijklmnopqrstuvwxyz":
        forms = variants(base)
        assert forms[0] == base
        assert len(forms) == len(set(forms)) <= 48  # one page of 12 × 4
        for form in forms:
            assert len(form) == 1 and unicodedata.is_normalized("NFC", form)
            assert unicodedata.name(form).startswith("LATIN SMALL "), form
    assert set("èéêëęěẽẹẻềếễệểēė") <= set(variants("e"))
    assert set("ơờớỡợởôồốỗộổøœ") <= set(variants("o"))
    assert {"ł"} <= set(variants("l")) and {"ß"} <= set(variants("s"))
    assert variants("ø") == ("ø", "ǿ") and variants("ß") == ("ß",)


def test_every_word_comes_from_the_catalog(rig: Rig) -> None:
    english = words_for("en")
    (back,) = rig.keys(BACK)
    assert back.accessibleName() == english("keys.delete-letter")
    rig.keyboard.set_words(PSEUDO)
    assert rig.keys(PSEUDO("keys.shift"))[0].accessibleName() == PSEUDO("keys.capital")
    assert rig.keys(PSEUDO("keys.space"))[0].accessibleName() == PSEUDO("keys.space")
    assert rig.keys(PSEUDO("keys.delete"))[0].accessibleName() == PSEUDO("keys.delete-letter")
    (accents,) = rig.keys(PSEUDO("keys.accents-key"))
    assert accents.accessibleName() == PSEUDO("keys.accents")
    rig.tap(PSEUDO("keys.accents-key"))
    (letters,) = rig.keys(PSEUDO("keys.letters-key"))
    assert letters.accessibleName() == PSEUDO("keys.letters")
    rig.tap(PSEUDO("keys.letters-key"))
    shown = [
        k.text()
        for k in rig.keyboard.findChildren(QPushButton)
        if k.isVisible() and len(k.text()) > 1
    ]
    shown += [label.text() for label in rig.keyboard.findChildren(QLabel) if label.isVisible()]
    assert shown and all(t.startswith("[") and t.endswith("]") for t in shown), shown
    spoken = [k.accessibleName() for k in rig.keyboard.findChildren(QPushButton)]
    assert all(t.startswith("[") for t in spoken if t)
    assert {"-", "'"} <= {k.text() for k in rig.keyboard.findChildren(QPushButton)}


def test_delete_and_shift_are_drawn_glyphs_and_delete_mirrors(rig: Rig, qtbot: QtBot) -> None:
    (back,) = rig.keys(BACK)
    (shift,) = rig.keys(SHIFT)
    assert not back.icon().isNull() and not shift.icon().isNull()
    assert "⌫" not in back.text() and "⇧" not in shift.text()
    (q,) = rig.keys("Q")
    (p,) = rig.keys("P")
    assert shift.x() < back.x()
    rig.window.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.waitUntil(lambda: back.x() < shift.x())  # the bottom row reads the other way
    assert q.x() < p.x()  # QWERTY stays QWERTY
    rig.tap(BACK)


def measure(rig: Rig) -> list[QPushButton]:
    return [b for b in rig.keyboard.findChildren(QPushButton) if b.isVisibleTo(rig.keyboard)]


@pytest.mark.parametrize("language", ["en", "en-XA"])
@pytest.mark.parametrize(
    ("display", "scale"),
    [((1280, 800), 1.0), ((1920, 1080), 1.35), ((1080, 1920), 1.35)],
    ids=["1280x800", "1920x1080", "portrait-1080x1920"],
)
def test_keys_stay_big_whole_and_within_the_window(
    qtbot: QtBot, display: tuple[int, int], scale: float, language: str
) -> None:
    rig = Rig(qtbot, scale)
    margin = round(20 * scale)  # the window's own margins, as the kiosk's
    rig.layout.setContentsMargins(margin, margin, margin, margin)
    words: Words = words_for(language)
    rig.keyboard.set_words(words)
    rig.window.resize(*display)
    qtbot.waitUntil(lambda: rig.window.width() == display[0])
    window = rig.window.rect()
    accents, letters = words("keys.accents-key"), words("keys.letters-key")
    for page in ("letters", "accents", "o"):
        if page == "accents":
            rig.tap(accents)
        elif page == "o":
            rig.tap(letters)
            rig.hold("O")
        shown = measure(rig)
        assert len(shown) >= 32
        for key in shown:
            assert key.width() >= MIN_KEY and key.height() >= round(64 * scale), key.text()
            assert key.font().pixelSize() >= 24 * scale, key.text()
            where = QRect(key.mapTo(rig.window, key.rect().topLeft()), key.size())
            assert window.contains(where), f"{key.text()!r} at {where} outside {window}"
            assert fits(key), f"{key.text()!r}: {room_left(key)} px each side (needs {CLEAR_PX})"


def test_in_arabic_the_keys_start_on_the_arabic_letters_and_a_key_switches_to_latin(
    qtbot: QtBot,
) -> None:
    rig = Rig(qtbot)
    arabic = words_for("ar")
    rig.keyboard.set_words(arabic)
    assert rig.keyboard.script_showing() and not rig.keys(ACCENTS)  # no Latin accents over it
    assert not rig.keys(arabic("keys.shift"))  # nor capitals: Arabic has none
    rig.tap("م", "ح", "م", "د", arabic("keys.space"), "ع", "ل", "ي")
    assert rig.line.text() == "محمد علي"
    rig.tap(LETTERS)  # a name in Latin letters too (a second name, an address abroad)
    assert not rig.keyboard.script_showing() and rig.keys("q") and rig.keys(ACCENTS)
    rig.tap(arabic("keys.arabic-key"))
    assert rig.keyboard.script_showing()
    for hamza in "أإآ":
        assert rig.keys(hamza), f"{hamza} has no key"
    rig.keyboard.set_words(words_for("es"))  # Spanish: no Arabic page, ñ among the accents
    assert not rig.keyboard.script_showing() and not rig.keys(arabic("keys.arabic-key"))
    rig.tap(ACCENTS)
    assert rig.keys("ñ")


def test_in_spanish_n_tilde_has_its_own_key_after_l_in_the_home_row(qtbot: QtBot) -> None:
    """A reviewer typing "Muñoz" in Spanish looked for ñ after l, where a Spanish keyboard has
    it; it was only on the accents page."""
    rig = Rig(qtbot)
    rig.keyboard.set_words(words_for("es"))
    rig.window.resize(1280, 500)
    qtbot.waitUntil(lambda: rig.window.width() == 1280)
    (l_key,), (n_key,), (p_key,) = (rig.keys(c) for c in ("L", "Ñ", "P"))  # a capital first
    assert n_key.y() == l_key.y() and n_key.x() > l_key.x()
    assert n_key.geometry().right() <= p_key.geometry().right()  # within the keyboard's rows
    assert n_key.size() == l_key.size()
    rig.tap("M", "u", "ñ", "o", "z")  # on the letters page throughout
    assert rig.line.text() == "Muñoz" and not rig.keyboard.accents_showing()
    rig.keyboard.set_words(words_for("en"))  # English: QWERTY's home row alone
    assert not rig.keys("ñ") and not rig.keys("Ñ")
    rig.keyboard.set_words(words_for("es"))
    assert len(rig.keys("ñ")) == 1


def test_a_letter_s_forms_in_the_patient_s_language_come_first_then_one_mark_before_two() -> None:
    """A reviewer's Spanish patient held E for é and met 27 forms, Vietnamese's ề ế ễ before ë."""
    assert variants("e", "es")[:2] == ("e", "é") and variants("n", "es")[:2] == ("n", "ñ")
    assert variants("u", "es")[:3] == ("u", "ú", "ü")
    forms = variants("e")
    one, two = [f for f in forms if f in "èéêëẽēėęě"], [f for f in forms if f in "ềếễệể"]
    assert max(map(forms.index, one)) < min(map(forms.index, two))
    assert set(variants("e", "es")) == set(forms)  # every form still there
