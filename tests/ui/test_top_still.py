"""The top bar holds still from screen to screen: its toggles keep their words (or glyphs) and
their places from About to signing. Reviewers saw Larger text and High contrast lose their words
on the questions and get them back on Review, and Listen move 115 px: the layout followed each
screen's heading. It now allows for the longest heading the briefing may show."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.speech.render import render_form
from kiosk.station import Station
from kiosk.ui.window import KioskWindow
from tests.shared import Beep
from tests.ui.drive import acknowledge, begin, kind, next_, pick, tap, walk_to


@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1920, 1080), QSize(1080, 1920)], ids=str)
@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_the_top_bar_holds_still_from_screen_to_screen(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station, size: QSize, language: str
) -> None:
    for form in (station.forms["mild"], *station.translations.get("mild", {}).values()):
        render_form(form, station.config.data_dir, Beep())  # Listen and Quieter: five toggles
    window.show_at(size)
    tap(qtbot, window.welcome.languages.buttons[language])
    begin(qtbot, window)
    tap(qtbot, window.top.larger_button)
    top, b = window.top, window.briefing
    assert b is not None
    toggles = (
        top.volume_button, top.listen_button, top.language_button, top.larger_button,
        top.contrast_button,
    )  # fmt: skip
    seen: dict[tuple[object, ...], str] = {}
    while True:
        shown = [t for t in toggles if t.isVisible()]
        assert len(shown) == 5, b.current.id
        state = tuple((t.text(), t.mapTo(window, QPoint(0, 0))) for t in shown)
        seen.setdefault(state, b.current.id)
        if kind(window) is ScreenKind.SIGN:
            break
        if kind(window) is ScreenKind.RISK:
            acknowledge(qtbot, window)
        elif kind(window) is ScreenKind.QUESTION:
            pick(qtbot, window, b.form.question(b.current.id).answer)
        next_(qtbot, window)
    assert len(seen) == 1, f"the toggles changed on {sorted(seen.values())}"


def test_the_top_bar_is_fitted_once_for_the_briefings_screens(
    qtbot: QtBot, window: KioskWindow, prepared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Its room is worked out for every heading the briefing may show: a Next that changes only
    the heading ("Step 2 of 7" to "Step 3 of 7") leaves the bar as it is, with no measuring (it
    was fitted again at each one, a third of a millisecond of each tap)."""
    window.show_at(QSize(1280, 800))
    begin(qtbot, window)
    next_(qtbot, window)  # (the first screen's frame is fitted as the keys' page gives way)
    fits: list[str] = []
    fit = window.top._fit

    def counted() -> None:
        fits.append(window.briefing.current.id if window.briefing else "")
        fit()

    monkeypatch.setattr(window.top, "_fit", counted)
    walk_to(qtbot, window, ScreenKind.SIGN)
    assert fits == []
    tap(qtbot, window.top.larger_button)  # the room changed: fitted again, once
    assert len(fits) >= 1
