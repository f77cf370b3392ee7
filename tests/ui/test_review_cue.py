"""Review says "There is more below" as every page that scrolls does: right under its rows, with
the arrow, while there is more, and not at the end. A reviewer, under Xvfb: the frame's line said
it at the window's foot, far below the rows, with no arrow, on two lines in Arabic."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.ui.pages.parts import ScrollCue
from kiosk.ui.window import KioskWindow
from tests.ui.drive import (
    begin,
    chosen_look,
    kind,
    message,
    reach,
    scroll_to_end,
    store_refusing,
    tap,
    walk_to,
)
from tests.ui.seen import on_window, settle

NEAR_PX = 16
"""The cue's top is at most this far under the rows' bottom (the page's spacing is 12 px)."""


def _shown_cues(window: KioskWindow) -> list[QWidget]:
    """Every "more below" on screen, the page's or the frame's (both are named so)."""
    return [w for w in window.findChildren(QWidget, "moreBelow") if w.isVisible()]


@pytest.mark.parametrize("language", ["en", "ar"])
def test_more_below_stands_right_under_reviews_rows_with_its_arrow(
    qtbot: QtBot, window: KioskWindow, prepared: str, language: str
) -> None:
    chosen_look(qtbot, window, QSize(1280, 800), language)  # with Larger text
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    walk_to(qtbot, window, ScreenKind.REVIEW, flag=b.form.risks[0].id)
    settle()
    page = window.review
    body = page.body
    assert body.content_height() > body.viewport().height()  # the case: more rows than fit
    cues = _shown_cues(window)
    assert len(cues) == 1, cues
    cue = cues[0]
    assert isinstance(cue, ScrollCue) and page.isAncestorOf(cue)  # the page's, not the frame's
    assert not cue.arrow.pixmap().isNull()  # with its arrow
    more = window.words("frame.more-below")
    assert cue.text.text() == more and window.bottom.message.text() != more
    # Right under the rows as they are seen (the scroll area's viewport), over the buttons.
    rows = on_window(window, body.viewport())
    shown = on_window(window, cue)
    assert 0 <= shown.top() - rows.bottom() - 1 <= NEAR_PX, (shown, rows)
    for b_ in (window.bottom.back, window.bottom.primary):
        assert shown.bottom() < on_window(window, b_).top(), (shown, b_.objectName())
    assert window.rect().contains(shown)
    # Its words whole in the room their label has.
    text = cue.text
    room = text.contentsRect()
    need = QFontMetrics(text.font()).boundingRect(
        room, int(Qt.TextFlag.TextWordWrap) | int(text.alignment().value), text.text()
    )
    assert need.height() <= room.height() and need.width() <= room.width(), (need, room)
    assert cue.rect().contains(QRect(text.mapTo(cue, QPoint(0, 0)), text.size()))
    # Read to the end, it goes, and the rows keep their room (nothing jumps).
    height = body.height()
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(lambda: not cue.isVisible())
    assert _shown_cues(window) == [] and body.height() == height
    assert window.bottom.message.text() != more


def test_rows_that_fit_say_nothing_and_keep_no_room_for_it(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    reach(qtbot, window, QSize(1080, 1920), "en", ScreenKind.REVIEW, larger=False)
    settle()
    page = window.review
    assert page.body.content_height() <= page.body.viewport().height()  # the case: all rows fit
    assert _shown_cues(window) == [] and page.under.isHidden()
    assert window.bottom.message.text() == ""


def test_the_rows_have_the_room_down_to_the_buttons_and_a_message_stands_under_them(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    station: Station,
) -> None:
    """Review says why a tap did nothing right under its rows, as a reading screen does under its
    words: the frame keeps no empty lines for it under the page (at 1280x800 with Larger text
    they took about 120 px, and the rows showed two and a half risks)."""
    reach(qtbot, window, QSize(1280, 800), "en", ScreenKind.REVIEW)
    settle()
    page, body = window.review, window.review.body
    assert body.content_height() > body.viewport().height()  # the case: the rows scroll
    assert not window.bottom.message.isVisible()
    shown = on_window(window, page.under)
    buttons = min(on_window(window, b).top() for b in (window.bottom.back, window.bottom.primary))
    assert 0 < buttons - shown.bottom() <= NEAR_PX * 3, (shown, buttons)
    top = on_window(window, body.viewport()).top()
    height, value = body.height(), 1 + body.verticalScrollBar().value()
    body.verticalScrollBar().setValue(value)  # the patient had scrolled a little

    with store_refusing(station):  # Spanish chosen: stored first, and the store refuses
        tap(qtbot, window.top.language_button)
        tap(qtbot, window.language_chooser.buttons.buttons["es"])
        settle()
        assert kind(window) is ScreenKind.REVIEW and window.words.language == "en"
        said = page.under.message
        assert said.isVisible() and message(window) == window.words("problem.not-saved")
        assert not window.bottom.message.isVisible()
        # Under the rows (and their cue), over the buttons; the rows where the patient left them.
        assert on_window(window, body.viewport()).top() == top
        assert body.verticalScrollBar().value() == value and body.height() <= height
        assert on_window(window, body.viewport()).bottom() < on_window(window, said).top()
        assert on_window(window, said).bottom() < buttons
    tap(qtbot, window.bottom.primary)
    assert kind(window) is ScreenKind.SIGN
