"""The date keypad: big keys that fill Month / Day / Year, the date in words, and a reset that wipes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.ui.widgets.keypad import DateKeypad
from tests.ui.widgets.room import CLEAR_PX, fits, room_left

ENGLISH = words_for("en")
PSEUDO = words_for("en-XA")
DELETE = "Delete"

# The offscreen platform cannot resize a window to its layout's minimum and says so as a warning.


def key(pad: DateKeypad, text: str) -> QPushButton:
    found = [b for b in pad.findChildren(QPushButton) if b.text() == text]
    assert len(found) == 1, f"no single key {text!r}"
    return found[0]


def tap(qtbot: QtBot, pad: DateKeypad, *texts: str) -> None:
    for text in texts:
        qtbot.mouseClick(key(pad, text), Qt.MouseButton.LeftButton)


def centre_of_ink(image: QImage) -> float:
    """The mean x of the drawn pixels, weighted by how opaque they are."""
    weights = [
        (x, image.pixelColor(x, y).alpha())
        for y in range(image.height())
        for x in range(image.width())
    ]
    return sum(x * a for x, a in weights) / sum(a for _, a in weights)


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
    assert pad.spelled_text() == "March 14, 1951"
    assert pad.accessibleDescription() == "March 14, 1951"


def test_the_labels_month_day_year_are_shown(pad: DateKeypad) -> None:
    names = [label.text() for label in pad.findChildren(QLabel, "dateFieldName")]
    assert names == ["Month", "Day", "Year"]
    assert all(label.isVisible() for label in pad.findChildren(QLabel, "dateFieldName"))


def test_back_and_clear(qtbot: QtBot, pad: DateKeypad) -> None:
    tap(qtbot, pad, "0", "3", "1", "4")
    tap(qtbot, pad, DELETE)
    assert pad.display_text() == "03 / 1_ / YYYY"
    tap(qtbot, pad, DELETE, DELETE)
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
    assert key(pad, DELETE).isEnabled()
    tap(qtbot, pad, DELETE, "2")
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
    problem = pad.entry().problem
    assert problem is not None
    assert ENGLISH(problem) == "There is no February 30. Please check the day."


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


def test_every_word_comes_from_the_catalog(qtbot: QtBot, pad: DateKeypad) -> None:
    assert key(pad, "Clear").accessibleName() == "Clear the whole date"
    assert key(pad, DELETE).accessibleName() == "Remove the last digit"
    pad.set_words(PSEUDO)
    names = [label.text() for label in pad.findChildren(QLabel, "dateFieldName")]
    assert names == [PSEUDO("date.month"), PSEUDO("date.day"), PSEUDO("date.year")]
    assert pad.display_text() == " / ".join(
        PSEUDO(f"date.{f}-placeholder") for f in ("month", "day", "year")
    )
    clear, delete = key(pad, PSEUDO("keys.clear")), key(pad, PSEUDO("keys.delete"))
    assert clear.accessibleName() == PSEUDO("keys.clear-date")
    assert delete.accessibleName() == PSEUDO("keys.delete-digit")
    words = [k.text() for k in pad.findChildren(QPushButton) if not k.text().isdigit()]
    words += [k.accessibleName() for k in pad.findChildren(QPushButton) if k.accessibleName()]
    words += [t for label in pad.findChildren(QLabel) if (t := label.text()) not in ("/", "")]
    assert all(w.startswith("[") and w.endswith("]") for w in words), words
    tap(qtbot, pad, "0", "3", "1", "4")
    assert pad.display_text() == f"03 / 14 / {PSEUDO('date.year-placeholder')}"


def test_the_delete_key_draws_its_arrow_as_a_glyph_not_a_character(pad: DateKeypad) -> None:
    delete = key(pad, DELETE)
    assert "⌫" not in delete.text() and not delete.icon().isNull()
    assert not delete.icon().pixmap(delete.iconSize()).toImage().isNull()


def test_right_to_left_swaps_clear_and_delete_and_mirrors_the_arrow(
    qtbot: QtBot, pad: DateKeypad
) -> None:
    clear, delete = key(pad, "Clear"), key(pad, DELETE)
    assert clear.x() < delete.x()
    ltr = delete.icon().pixmap(delete.iconSize()).toImage()
    pad.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    qtbot.waitUntil(lambda: delete.x() < clear.x())
    rtl = delete.icon().pixmap(delete.iconSize()).toImage()
    assert centre_of_ink(ltr) > ltr.width() / 2 > centre_of_ink(rtl)  # the point leads backwards
    flipped = ltr.flipped(Qt.Orientation.Horizontal)
    assert abs(centre_of_ink(flipped) - centre_of_ink(rtl)) < 0.5
    # The digits keep a phone's order, in every language.
    assert key(pad, "1").x() < key(pad, "2").x() < key(pad, "3").x()


@pytest.mark.parametrize("words", [ENGLISH, PSEUDO], ids=["en", "en-XA"])
@pytest.mark.parametrize("scale", [1.0, 1.3, 1.6, 1.8])
def test_no_key_text_is_cut_or_touches_the_border(
    qtbot: QtBot, words: object, scale: float
) -> None:
    pad = DateKeypad(scale=scale)
    pad.set_words(words)  # type: ignore[arg-type]
    qtbot.addWidget(pad)
    pad.show()
    qtbot.waitExposed(pad)
    for k in pad.findChildren(QPushButton):
        assert fits(k), f"{k.text()!r}: {room_left(k)} px each side (needs {CLEAR_PX})"
        assert room_left(k) >= 10 * scale or k.text().isdigit(), k.text()


def test_keys_keep_their_size_when_a_notice_shows(qtbot: QtBot) -> None:
    window = QWidget()
    layout = QVBoxLayout(window)
    notice = QLabel("That date of birth does not match our records.\nPlease check it.")
    notice.setStyleSheet("font-size: 60px; padding: 40px;")
    notice.hide()
    pad = DateKeypad()
    layout.addWidget(notice)
    layout.addWidget(pad)
    qtbot.addWidget(window)
    window.resize(900, 700)
    window.show()
    qtbot.waitExposed(window)
    before = {k.text(): k.size() for k in pad.findChildren(QPushButton)}
    notice.show()
    qtbot.waitUntil(lambda: notice.isVisible() and notice.height() > 100)
    window.resize(900, 640)  # less room than before
    qtbot.waitUntil(lambda: window.height() == 640 or window.height() > 640)
    after = {k.text(): k.size() for k in pad.findChildren(QPushButton)}
    assert {t: s.height() for t, s in after.items()} == {t: s.height() for t, s in before.items()}
    assert all(after[t].width() >= before[t].width() for t in before)


def test_a_key_press_restyles_only_the_boxes(
    qtbot: QtBot, pad: DateKeypad, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kiosk.ui.widgets.keypad as keypad

    styled: list[QWidget] = []
    real = keypad.set_flag

    def recording(widget: QWidget, name: str, value: bool | str) -> None:
        styled.append(widget)
        real(widget, name, value)

    monkeypatch.setattr(keypad, "set_flag", recording)
    sheets = {k: k.styleSheet() for k in pad.findChildren(QPushButton)}
    tap(qtbot, pad, "0", "3", "1")
    assert {k: k.styleSheet() for k in sheets} == sheets  # no key styled again
    assert set(styled) <= set(pad.findChildren(QLabel, "dateField"))


@pytest.mark.parametrize("ink", ["#111111", "#FFFFFF"])
def test_the_glyph_is_drawn_in_the_key_text_colour(qtbot: QtBot, ink: str) -> None:
    window = QWidget()
    window.setStyleSheet(f"QPushButton {{ color: {ink}; background: #808080; }}")
    pad = DateKeypad(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    tap(qtbot, pad, "1")  # Delete is enabled once there is something to delete
    delete = key(pad, DELETE)
    image = delete.icon().pixmap(delete.iconSize()).toImage()
    colours = {
        image.pixelColor(x, y).name().upper()
        for y in range(image.height())
        for x in range(image.width())
        if image.pixelColor(x, y).alpha() == 255
    }
    assert ink in colours
