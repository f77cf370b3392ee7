"""The date keypad: big keys that fill Month / Day / Year, the date in words, and a reset that wipes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.ui.widgets import DateKeypad

# The offscreen platform cannot resize a window to its layout's minimum and says so as a warning.


def key(pad: DateKeypad, text: str) -> QPushButton:
    found = [b for b in pad.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, f"no single key {text!r}"
    return found[0]


def tap(qtbot: QtBot, pad: DateKeypad, *texts: str) -> None:
    for text in texts:
        qtbot.mouseClick(key(pad, text), Qt.MouseButton.LeftButton)


@pytest.fixture
def pad(qtbot: QtBot) -> DateKeypad:
    widget = DateKeypad()
    qtbot.addWidget(widget)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_it_starts_empty_with_placeholders(pad: DateKeypad) -> None:
    assert pad.display_text() == "MM / DD / YYYY"
    assert pad.spelled_text() == ""
    assert pad.entry().empty


def test_tapping_keys_fills_the_display_and_spells_the_date(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "3")
    assert pad.display_text() == "03 / DD / YYYY"
    tap(qtbot, pad, "1", "4", "1", "9")
    assert pad.display_text() == "03 / 14 / 19__"
    assert pad.spelled_text() == ""
    with qtbot.waitSignal(pad.changed):
        tap(qtbot, pad, "5")
    tap(qtbot, pad, "1")
    assert pad.display_text() == "03 / 14 / 1951"
    assert pad.entry().text == pad.display_text()
    assert pad.spelled_text() == "March 14, 1951"


def test_the_labels_month_day_year_are_shown(pad: DateKeypad) -> None:
    names = [label.text() for label in pad.findChildren(QLabel, "dateFieldName")]
    assert names == ["Month", "Day", "Year"]
    assert all(label.isVisible() for label in pad.findChildren(QLabel, "dateFieldName"))


def test_back_and_clear(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "0", "3", "1", "4")
    tap(qtbot, pad, "⌫ Delete")
    assert pad.display_text() == "03 / 1_ / YYYY"
    tap(qtbot, pad, "⌫ Delete", "⌫ Delete")
    assert pad.display_text() == "0_ / DD / YYYY"
    tap(qtbot, pad, "3", "1", "4", "1", "9", "5", "1")
    assert pad.spelled_text() == "March 14, 1951"
    with qtbot.waitSignal(pad.changed):
        tap(qtbot, pad, "Clear")
    assert pad.display_text() == "MM / DD / YYYY"
    assert pad.spelled_text() == ""


def test_digits_rest_once_the_date_is_complete(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "3", "1", "4", "1", "9", "5", "1")
    assert not key(pad, "7").isEnabled()
    tap(qtbot, pad, "7")
    assert pad.display_text() == "03 / 14 / 1951"
    assert key(pad, "⌫ Delete").isEnabled()
    tap(qtbot, pad, "⌫ Delete", "2")
    assert pad.spelled_text() == "March 14, 1952"


def test_reset_wipes_the_date_from_state_and_screen(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "0", "3", "1", "4", "1", "9", "5", "1")
    with qtbot.waitSignal(pad.changed):
        pad.reset()
    assert pad.entry().empty
    assert pad.display_text() == "MM / DD / YYYY"
    assert pad.spelled_text() == ""
    shown = " ".join(label.text() for label in pad.findChildren(QLabel))
    assert "1951" not in shown and "March" not in shown


def test_an_impossible_date_is_shown_not_judged(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "0", "2", "3", "0", "1", "9", "5", "1")
    assert pad.display_text() == "02 / 30 / 1951"
    assert pad.spelled_text() == ""
    assert pad.entry().problem == "There is no February 30. Please check the day."


@pytest.mark.parametrize("scale", [1.0, 1.3])
def test_keys_are_big_and_never_take_focus(qtbot: QtBot, scale: float) -> None:
    pad = DateKeypad(scale=scale)
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    keys = pad.findChildren(QPushButton)
    assert len(keys) == 12
    for k in keys:
        assert k.width() >= 72 * scale and k.height() >= 72 * scale, (
            k.text()
        )  # above the 64 px minimum
        assert k.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert k.font().pixelSize() >= 24 * scale


def test_larger_text_grows_keys_and_display(qtbot: QtBot, pad: DateKeypad) -> None:
    before = key(pad, "5").minimumSize()
    font = key(pad, "5").font().pixelSize()
    pad.set_scale(1.3)
    assert pad.scale() == 1.3
    assert key(pad, "5").minimumSize().height() > before.height()
    assert key(pad, "5").font().pixelSize() > font
