"""A toggle of the top bar stays where it was when it is tapped, and keeps saying what it is; so
does every other control of the bar. A reviewer, at 1280x800 in Spanish with Larger text on,
tapped Larger text: every toggle moved and changed width (Listen and the language took their
words back), and a second tap on Larger text's glyph landed on "Español". Tapped on the identity
screen in Arabic, High contrast pushed every toggle 37 px down (the heading wrapped, a pixel short
of one line); in portrait on Welcome, 11 px. Each toggle is tapped in turn, and back, and after
each tap every control of the bar is where it was, as wide, with words or its glyph alone as
before, and no words cut (measured as the layout tests measure)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.speech.render import render_form
from kiosk.station import Station
from kiosk.ui.theme import STANDARD, Look, body_px
from kiosk.ui.top_fit import larger_body, words_px
from kiosk.ui.window import KioskWindow
from tests.shared import Beep
from tests.ui.drive import begin, chosen_look, tap
from tests.ui.seen import Kind, look, on_window, settle


@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1080, 1920), QSize(3840, 2160)], ids=str)
def test_the_bar_is_measured_at_larger_text_whether_it_is_on_or_not(size: QSize) -> None:
    normal, larger = body_px(size), body_px(size, larger=True)
    on, off = (
        Look(STANDARD, larger, True, False, normal),
        Look(STANDARD, normal, False, False, normal),
    )
    assert larger_body(on, size) == larger_body(off, size) == larger > normal
    assert larger_body(on, None) == larger


def test_the_words_are_as_wide_as_each_way_lays_them_out() -> None:
    widths, corner, gap = [100, 200], 72, 16  # a corner, two toggles: three gaps in a row
    assert words_px("beside", widths, 1000, corner, gap) == 1000 - 72 - 300 - 3 * 16
    assert words_px("column", widths, 1000, corner, gap) == 1000 - 72 - 200 - 2 * 16
    for across in ("above", "inline", "under", "rows", "stacked"):
        assert words_px(across, widths, 1000, corner, gap) == 1000 - 72 - 16


def bar_as_seen(window: KioskWindow) -> dict[str, tuple[QRect, bool]]:
    """Each control of the top bar (the staff's corner too) by what it is: where it stands on the
    window, and whether it shows words (or its glyph alone)."""
    top = window.top
    controls = {
        "the staff's corner": top.corner,
        "Listen": top.listen_button,
        "Quieter": top.volume_button,
        "the language": top.language_button,
        "Larger text": top.larger_button,
        "High contrast": top.contrast_button,
    }
    return {
        name: (on_window(window, c), isinstance(c, QPushButton) and bool(c.text()))
        for name, c in controls.items()
        if c.isVisible()
    }


def words_cut(window: KioskWindow, screen: str) -> list[str]:
    """The top bar's words cut by their own button (measured as the layout tests measure)."""
    shown = {b.text() for b in window.top.toggles if b.isVisible() and b.text()}
    return [str(f) for f in look(window, screen) if f.kind is Kind.CUT and f.text in shown]


def tap_toggle(qtbot: QtBot, window: KioskWindow, b: QPushButton) -> None:
    """A tap on `b`; the languages it opens are closed again (they cover the whole window)."""
    tap(qtbot, b)
    if window.language_chooser.isVisible():
        tap(qtbot, window.language_chooser.close_button)
    settle()


LOOKS = [
    (QSize(1280, 800), "es"),
    (QSize(1280, 800), "en"),
    (QSize(1280, 800), "ar"),
    (QSize(1920, 1080), "es"),
    (QSize(1080, 1920), "es"),
]
"""The reviewer's screen and language, the others there, and Spanish on the other screens."""


@pytest.mark.parametrize(
    ("size", "language"), LOOKS, ids=lambda v: str(v.toTuple() if isinstance(v, QSize) else v)
)
@pytest.mark.parametrize("screen", ["welcome", "identity", "about"])
def test_each_toggle_tapped_leaves_the_bar_as_it_was(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
    size: QSize,
    language: str,
    screen: str,
) -> None:
    for form in (station.forms["mild"], *station.translations.get("mild", {}).values()):
        render_form(form, station.config.data_dir, Beep())  # Listen and Quieter show
    chosen_look(qtbot, window, size, language)  # Larger text on
    if screen == "identity":
        tap(qtbot, window.welcome.start_button)
    elif screen == "about":
        begin(qtbot, window)
    settle()
    top = window.top
    first = bar_as_seen(window)
    assert not words_cut(window, screen)
    for b in [t for t in top.toggles if t.isVisible()]:
        name = b.accessibleName()
        for turn in ("tapped", "tapped back"):
            tap_toggle(qtbot, window, b)
            now = bar_as_seen(window)
            moved = {k: (first.get(k), v) for k, v in now.items() if first.get(k) != v}
            assert not moved, f"{name} {turn}: {moved}"
            assert not words_cut(window, screen), f"{name} {turn}"
