"""The model drawn again with nothing changed draws nothing again; a change still draws.

A page's own change (its words read to their end, on a risk or the signing screen) makes the
model tell every listener again: the frame and the pages that show the same view as before are
not drawn a second time, while the page whose view changed is."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.chrome import TopBar
from kiosk.ui.pages.reading import ReadingPage
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, kind, next_, tap


@contextmanager
def counted(monkeypatch: pytest.MonkeyPatch) -> Iterator[dict[str, int]]:
    """How often the top bar and the reading page draw while inside."""
    calls = {"top": 0, "reading": 0}
    top_draw, reading_draw = TopBar.draw, ReadingPage.draw

    def top(self: TopBar, *args: object) -> None:
        calls["top"] += 1
        top_draw(self, *args)  # type: ignore[arg-type]

    def reading(self: ReadingPage, *args: object) -> None:
        calls["reading"] += 1
        reading_draw(self, *args)  # type: ignore[arg-type]

    with monkeypatch.context() as patch:
        patch.setattr(TopBar, "draw", top)
        patch.setattr(ReadingPage, "draw", reading)
        yield calls


def test_the_same_view_again_draws_nothing(
    qtbot: QtBot, window: KioskWindow, prepared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    begin(qtbot, window)
    next_(qtbot, window)  # (the first screen drawn in the room the frame gave the one before)
    assert kind(window) is ScreenKind.STEP
    model = window.model
    assert model is not None
    with counted(monkeypatch) as calls:
        model.redraw()
    assert calls == {"top": 0, "reading": 0}


def test_a_change_is_drawn(
    qtbot: QtBot, window: KioskWindow, prepared: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    begin(qtbot, window)
    with counted(monkeypatch) as calls:
        next_(qtbot, window)  # onto the first step: a new view for the frame and the page
    assert calls["top"] >= 1
    assert calls["reading"] >= 1
    with counted(monkeypatch) as calls:
        tap(qtbot, window.top.larger_button)  # the same view in a new look: drawn in it
    assert calls["top"] >= 1
    assert calls["reading"] >= 1


def test_after_staff_mode_the_patients_page_is_back(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Staff mode's page on top, then closed: the same view as before it opened is drawn again
    (the page on top is staff mode's, not the patient's)."""
    begin(qtbot, window)
    page = window.stack.currentWidget()
    window.open_staff()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is window.staff)
    window.staff_mode.close()
    qtbot.waitUntil(lambda: window.stack.currentWidget() is page)
    assert window.reading.title.text()
