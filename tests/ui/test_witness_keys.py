"""The witness's PIN keys keep a phone's order in every language: in Arabic they read 3 2 1 from
the left (a PIN typed by habit goes wrong, and wrong PINs lock the account), and Delete was a
written "⌫" where every other key of the kiosk draws its arrow."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.session import ScreenKind
from kiosk.session.cosign import Plan
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.staff import add_staff
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.ui.drive import kind, message, next_, sign_here, tap, type_date, walk_to


@pytest.fixture
def witnessed(station: Station) -> str:
    now = station.clock.now()
    add_staff(station.store, "Nurse Lee", "482913", now)
    return prepare_briefing(
        station.store, load_form(MILD), name="Ana Ruiz", date_of_birth=datetime(1951, 3, 14).date(),
        mrn=None, staff="Sam Carter", now=now, plan=Plan(witness=True),
    )  # fmt: skip


def _to_the_witness(qtbot: QtBot, window: KioskWindow, language: str) -> None:
    window.show_at(QSize(1280, 800))
    tap(qtbot, window.welcome.languages.buttons[language])
    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "03141951")  # (typed in the keypad's own order)
    next_(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.WITNESS, message(window)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_witness_pin_keys_read_one_two_three_from_the_left(
    qtbot: QtBot, window: KioskWindow, witnessed: str, language: str
) -> None:
    _to_the_witness(qtbot, window, language)
    keys = window.witness.keys

    def x(name: str) -> int:
        return keys[name].mapTo(window, QPoint(0, 0)).x()

    assert x("1") < x("2") < x("3") < x("4") < x("5") < x("6")
    assert x("7") < x("8") < x("9") < x("0")
    delete = keys["delete"]
    assert delete.text() == "" and not delete.icon().isNull()
    assert delete.accessibleName()


def test_a_digit_tapped_twice_quickly_is_typed_twice(
    qtbot: QtBot, window: KioskWindow, witnessed: str
) -> None:
    """A reviewer's witness typed 1 four times, a third of a second apart: two dots showed (the
    second tap of each pair was taken for a trembling finger's), and the PIN was refused."""
    _to_the_witness(qtbot, window, "en")
    one = window.witness.keys["1"]
    handle = window.windowHandle()
    assert handle is not None
    at = one.mapTo(window, one.rect().center())
    QTest.mouseDClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, at)
    assert window.witness.pin_typed == "11"
