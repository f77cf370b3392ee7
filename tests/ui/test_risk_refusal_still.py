"""Next on a risk read but not acknowledged: "Please tap “I understand this risk” before going on."
never moves that button, never leaves a line of the words cut, and never hides "There is more
below" while there is more. A reviewer, in a real window: Spanish at 1920x1080 with Larger text,
the message under the words took their room (the last line half shown, no cue: the message stood
in its place) and pushed the button down 60 px; Arabic in portrait, down 140 px. The message now
stands under the button where the page has room there, else right over it, the words giving it
their room by whole lines (held at their end: the patient has read them)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.pages.scroll import Reading
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, chosen_look, english, message, next_, scroll_to_end, tap
from tests.ui.seen import SLACK_PX, has_more_cue, lines, settle

NEAR_PX = 16
"""The message stands at most this far from the button it speaks of (the page's spacing is 12)."""


def _on_window(widget: QWidget, window: KioskWindow) -> QRect:
    return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())


def cut_lines(area: Reading) -> list[str]:
    """The lines of the words that the area's view shows only in part (a line out of view, or in
    it whole, is not cut)."""
    view = area.viewport()
    seen = view.rect()
    cut = []
    for text in area.widget().findChildren(QLabel):
        if not text.isVisible() or not text.text():
            continue
        box = text.contentsRect()
        top = text.mapTo(view, box.topLeft()).y()
        for line in lines(text.text(), text.font(), box.width() if text.wordWrap() else None):
            y0, y1 = top + round(line.top), top + round(line.bottom)
            shown = min(y1, seen.bottom() + 1) - max(y0, seen.top())
            if SLACK_PX < shown < y1 - y0 - SLACK_PX:
                words = text.text()[line.start : line.start + line.length]
                cut.append(f"{words[:30]!r}: {shown} of {y1 - y0} px at y {y0} in {seen.height()}")
    return cut


@pytest.mark.parametrize(
    ("size", "language"),
    [
        pytest.param(QSize(1920, 1080), "es", id="1920x1080-larger-es"),
        pytest.param(QSize(1080, 1920), "ar", id="1080x1920-larger-ar"),
        pytest.param(QSize(1280, 800), "en", id="1280x800-larger-en"),  # said over the button
    ],
)
def test_tap_i_understand_first_moves_nothing_and_cuts_no_line(
    qtbot: QtBot, window: KioskWindow, prepared: str, size: QSize, language: str
) -> None:
    chosen_look(qtbot, window, size, language)  # Larger text
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    page = window.reading
    body, understand = page.body, page.understand
    refused = window.words("blocker.risk-not-acknowledged")
    places = set()
    while b.current.kind is not ScreenKind.QUESTION:
        if b.current.kind is not ScreenKind.RISK:
            next_(qtbot, window)
            continue
        risk = b.current.id
        scroll_to_end(qtbot, body)
        qtbot.waitUntil(understand.isEnabled)
        settle()
        before = _on_window(understand, window)
        whole = body.verticalScrollBar().maximum() <= SLACK_PX
        next_(qtbot, window)  # read, not acknowledged: refused
        settle()
        assert b.current.id == risk and message(window) == refused, risk
        assert _on_window(understand, window) == before, f"{risk}: the button moved"
        bar = body.verticalScrollBar()
        if bar.value() < bar.maximum() - SLACK_PX:  # more below: the cue says so
            assert has_more_cue(body) and page.under.cue.isVisible(), risk
        else:  # the words' end in view, and no line of them cut over it
            assert cut_lines(body) == [], f"{risk}: {cut_lines(body)}"
        said = next(w for w in (page.refused, page.under.message) if w.isVisible())
        at = _on_window(said, window)
        if said is page.refused:  # under the button
            assert 0 <= at.top() - before.bottom() <= NEAR_PX, (risk, at, before)
            places.add("under")
        else:  # over it, right under the words
            assert 0 <= before.top() - at.bottom() <= NEAR_PX, (risk, at, before)
            assert at.top() >= _on_window(body, window).bottom(), risk
            places.add("over")
        assert at.bottom() <= _on_window(window.bottom, window).top(), risk
        tap(qtbot, understand)
        assert message(window) == ""
        settle()  # the words take their room back: whole again if they were whole before
        assert (bar.maximum() <= SLACK_PX) == whole, f"{risk}: {bar.maximum()} px more below"
        assert cut_lines(body) == [] if whole else True, f"{risk}: {cut_lines(body)}"
        next_(qtbot, window)
        assert b.current.id != risk
    assert "under" in places
    if size == QSize(1280, 800):  # with Larger text, some risks leave too little room under it
        assert "over" in places


@pytest.mark.parametrize("practice_banner", [True])
def test_tapped_at_last_the_words_take_their_room_back(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """A reviewer, in Arabic with Larger text at 1280x800 under the PRACTICE banner: "Infection",
    whole on screen, gave its room to "Please tap…" over the button, and after the tap kept it
    cut short (a line half shown, "There is more below", empty room under the tick)."""
    chosen_look(qtbot, window, QSize(1280, 800), "ar")
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    page = window.reading
    body, bar = page.body, page.body.verticalScrollBar()
    for _ in range(len(b.screens)):  # the case seen: a risk whole on screen, with no room to spare
        while b.current.kind is not ScreenKind.RISK:
            next_(qtbot, window)
        settle()
        height = body.height()
        whole = bar.maximum() == 0
        next_(qtbot, window)
        settle()
        assert message(window) == window.words("blocker.risk-not-acknowledged")
        if whole and body.height() < height:  # it gave its room to what was said, over the button
            break
        tap(qtbot, page.understand)
        next_(qtbot, window)
    else:
        raise AssertionError("no risk whole on screen gave its room to what was said")
    tap(qtbot, page.understand)
    settle()
    assert message(window) == "" and bar.maximum() == 0 and body.height() >= height
    assert cut_lines(body) == [] and not page.under.cue.isVisible()


def test_read_to_the_end_first_still_stands_for_the_cue(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Why a risk waits to be read ("Please read to the end… Slide the text up") is about the
    words: it stays under them, in the cue's place, and not under the button."""
    from tests.ui.drive import SHORT, walk_to_a_long_risk

    chosen_look(qtbot, window, SHORT, "en")
    begin(qtbot, window)
    walk_to_a_long_risk(qtbot, window)
    page = window.reading
    before = _on_window(page.understand, window)
    next_(qtbot, window)
    settle()
    assert message(window) == english("blocker.risk-not-read")
    assert page.under.message.isVisible() and not page.refused.isVisible()
    assert page.under.message.objectName() == "moreBelow"  # it says there is more
    assert _on_window(page.understand, window) == before
