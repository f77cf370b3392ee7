"""Staff mode in Arabic: number pads are never mirrored (the PIN pad read 3 2 1 from the left, and
five PINs typed by habit lock the account), and Back's and Next's arrows point as Arabic reads (a
written "›" pointed right)."""

from __future__ import annotations

import io

import pytest
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLineEdit, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.i18n import words_for
from kiosk.station import Station
from kiosk.ui.interaction import Interaction
from kiosk.ui.staff import prepare
from kiosk.ui.staff.keys import DigitRow
from kiosk.ui.staff.sign_in import StaffSignIn
from kiosk.ui.window import KioskWindow
from tests.ui.drive import key, tap
from tests.ui.seen import settle

STAFF, PIN = "Dana Okafor", "482913"


@pytest.fixture
def settings(request: pytest.FixtureRequest) -> dict[str, object]:
    """Arabic first, as the clinic that found it had it (staff read the first language)."""
    return {"languages": getattr(request, "param", "ar, en, es")}


@pytest.fixture
def staffed(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """`kiosk staff add` as IT runs it: the PIN typed twice."""
    monkeypatch.setattr("sys.stdin", io.StringIO(f"{PIN}\n{PIN}\n"))
    assert main(["staff", "add", STAFF]) == 0
    capsys.readouterr()
    return STAFF


def x_of(widget: QWidget) -> int:
    return widget.mapToGlobal(QPoint(0, 0)).x()


def reads_left_to_right(keys: list[QWidget]) -> bool:
    xs = [x_of(k) for k in keys]
    return xs == sorted(xs) and len(set(xs)) == len(xs)


@pytest.mark.parametrize("display", [QSize(1080, 1920), QSize(1280, 800)], ids=str)
def test_the_pin_pad_reads_1_2_3_from_the_left_in_arabic(
    qtbot: QtBot, window: KioskWindow, station: Station, staffed: str, display: QSize
) -> None:
    window.show_at(display)
    words = Interaction(station).words
    assert words.right_to_left
    dialog = StaffSignIn(window, station, words("staff.mode-reason"), words)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    tap(qtbot, key(dialog, STAFF))
    qtbot.waitUntil(dialog.pad.isVisible)
    settle()
    pad = dialog.pad
    for row in ("123", "456", "789"):
        assert reads_left_to_right([key(pad, d) for d in row]), f"{row} mirrored"
    assert key(pad, "1").mapToGlobal(QPoint(0, 0)).y() < key(pad, "7").mapToGlobal(QPoint(0, 0)).y()
    # As the patient's keypad: Clear where Arabic starts a row (the right), Delete at its end,
    # its arrow drawn (no "⌫" written) and pointing back as Arabic reads.
    clear, delete = pad.clear_key, pad.delete_key
    assert clear.text() == words("keys.clear") and delete.text() == words("keys.delete")
    assert x_of(delete) < x_of(key(pad, "0")) < x_of(clear)
    assert "⌫" not in delete.text() and not delete.icon().isNull()
    assert points(delete) == "right"
    for digit in "4829":  # the keys still type the PIN
        tap(qtbot, key(pad, digit))
    assert pad.pin == "4829"
    tap(qtbot, delete)
    assert pad.pin == "482"
    dialog.reject()


def test_the_digit_rows_read_1_to_0_from_the_left_in_arabic(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """The MRN step's row of digits (and a note's, with its punctuation) in the Arabic staff page."""
    window.open_staff()
    assert window.staff.layoutDirection() == Qt.LayoutDirection.RightToLeft
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    form.steps.setCurrentIndex(prepare.MRN)
    settle()
    assert form.digits.isVisible()
    assert [k.text() for k in form.digits.keys] == list("1234567890")
    assert reads_left_to_right(list(form.digits.keys))
    holder = QWidget()  # a note's row, its punctuation too
    holder.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.addWidget(holder)
    row = DigitRow(QLineEdit(), symbols=words_for("ar"))
    QVBoxLayout(holder).addWidget(row)
    holder.resize(1000, 100)
    holder.show()
    qtbot.waitExposed(holder)
    assert reads_left_to_right(list(row.keys))
    assert row.flip is not None and x_of(row.flip) > x_of(row.keys[-1])


def points(button: QPushButton) -> str:
    """Which way the button's arrow points: its tip is the ink furthest out on its middle line."""
    size = button.iconSize()
    image = button.icon().pixmap(size).toImage().convertToFormat(QImage.Format.Format_ARGB32)
    w, h = image.width(), image.height()

    def inked(y: int) -> list[int]:
        return [x for x in range(w) if image.pixelColor(x, y).alpha() > 128]

    middle, top = inked(h // 2), inked(round(h * 0.22))
    assert middle and top, "no arrow drawn"
    return "left" if sum(middle) / len(middle) < sum(top) / len(top) else "right"


def test_back_and_next_point_as_arabic_reads(qtbot: QtBot, window: KioskWindow) -> None:
    words = window.staff_mode.words
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    form.steps.setCurrentIndex(prepare.BIRTH)
    form.back_button.show()
    settle()
    nxt, back = form.next_button, form.back_button
    assert nxt.text() == words("staff.prepare.next") and back.text() == words("staff.prepare.back")
    assert not nxt.icon().isNull() and nxt.iconSize().width() > 0
    assert points(nxt) == "left" and points(back) == "right"
    # The arrow after the words as Arabic reads them: on their left.
    assert nxt.layoutDirection() == Qt.LayoutDirection.LeftToRight
    tap(qtbot, form.cancel_button)
    tap(qtbot, window.staff.rebrief_button)
    menu = window.staff.rebrief.menu_button
    assert menu.text() == words("staff.panel.menu") and points(menu) == "right"
    arrows = "‹›<>←→"
    written = [
        b.text() for b in window.staff.findChildren(QPushButton) if set(b.text()) & set(arrows)
    ]
    assert written == [], "arrows written in the words do not turn"


@pytest.mark.parametrize("settings", ["en, es"], indirect=True)
def test_back_and_next_point_as_english_reads(qtbot: QtBot, window: KioskWindow) -> None:
    window.open_staff()
    tap(qtbot, window.staff.prepare_button)
    form = window.staff.prepare
    assert points(form.next_button) == "right" and points(form.back_button) == "left"
