"""The on-screen keyboard types names with accents and capitals into a line edit, by taps alone."""

from __future__ import annotations

import unicodedata

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import OnScreenKeyboard

# The offscreen platform cannot resize a window to its layout's minimum and says so as a warning.

SHIFT = "⇧ Shift"
BACK = "⌫ Delete"
ACCENTS = "àé…"
LETTERS = "abc"


class Rig:
    def __init__(self, qtbot: QtBot, scale: float = 1.0) -> None:
        self.qtbot = qtbot
        self.window = QWidget()
        self.line = QLineEdit()
        self.keyboard = OnScreenKeyboard(self.line, scale=scale)
        layout = QVBoxLayout(self.window)
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
            if not self.keys(char):
                self.tap(SHIFT)
            self.tap(char)


@pytest.fixture
def rig(qtbot: QtBot) -> Rig:
    return Rig(qtbot)


@pytest.mark.parametrize(
    "name", ["Zoë Ångström", "Seán O'Brien", "Łukasz Wałęsa", "Anne-Marie Müller-Lüdenscheidt"]
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


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_keys_are_big_and_the_keyboard_fits_1280(qtbot: QtBot, scale: float) -> None:
    rig = Rig(qtbot, scale)
    assert rig.keyboard.minimumSizeHint().width() <= 1280
    assert rig.keyboard.width() <= 1280
    for page in (LETTERS, ACCENTS):
        rig.tap(ACCENTS if page == LETTERS else LETTERS)
        shown = [b for b in rig.keyboard.findChildren(QPushButton) if b.isVisibleTo(rig.keyboard)]
        assert len(shown) >= 32
        for key in shown:
            assert key.width() >= 64 and key.height() >= round(64 * scale), key.text()
            assert key.font().pixelSize() >= 24 * scale, key.text()
            assert key.geometry().right() < rig.keyboard.width()
