"""A reading screen's words take the page's height, and "There is more below" stands right under
them. A reviewer, as a poor-sighted patient at 1920x1080 with Larger text in Spanish: about 7 lines
of a risk in a box 385 px tall, the frame's line kept for a message under "I understand this risk"
(the cue in it, far below the words it speaks of, under the box), and much to scroll."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import load_form
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.window import KioskWindow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.ui.conftest import DOB, NAME
from tests.ui.drive import begin, chosen_look, english, message, next_, scroll_to_end, tap, walk_to
from tests.ui.seen import settle

LONG = "risk-infection"
"""The risk made long (its words three times over): longer than any page's room."""

NEAR_PX = 16
"""The cue's top is at most this far under the words' bottom (the column's spacing is 12 px)."""


@pytest.fixture
def forms(tmp_path: Path) -> Path:
    """The shipped mild folder with one risk three times as long, in English and Spanish."""
    folder = tmp_path / "forms" / "mild"
    shutil.copytree(MILD.parent, folder)
    (folder / "ar.toml").unlink()
    for name in ("en.toml", "es.toml"):
        path = folder / name
        text = path.read_text(encoding="utf-8")
        start = text.index(f'id = "{LONG}"')
        opening = text.index('body = """\n', start) + len('body = """\n')
        closing = text.index('"""', opening)
        body = text[opening:closing].strip()
        text = text[:opening] + "\n\n".join([body] * 3) + "\n" + text[closing:]
        path.write_text(text, encoding="utf-8")
    return folder.parent


@pytest.fixture
def settings(forms: Path) -> dict[str, object]:
    return {"forms_dir": str(forms), "languages": "en, es"}


@pytest.fixture
def long_risk(station: Station, clock: FakeClock, forms: Path) -> str:
    return prepare_briefing(
        station.store,
        load_form(forms / "mild" / "en.toml"),
        name=NAME,
        date_of_birth=DOB,
        mrn="MRN-0042",
        staff="Sam Carter",
        now=clock.now(),
    )


def _top(widget: QWidget, window: KioskWindow) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def _bottom(widget: QWidget, window: KioskWindow) -> int:
    return _top(widget, window) + widget.height()


@pytest.mark.parametrize("language", ["es", "en"])
def test_a_long_risk_fills_the_page_and_says_more_below_right_under_its_words(
    qtbot: QtBot, window: KioskWindow, long_risk: str, language: str
) -> None:
    chosen_look(qtbot, window, QSize(1920, 1080), language)
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    walk_to(qtbot, window, ScreenKind.RISK)
    assert b.current.id == LONG
    settle()
    page = window.reading
    body, understand = page.body, page.understand
    assert body.content_height() > body.viewport().height()  # the case: it scrolls
    assert window.page is page and page.has_more
    # The cue stands right under the words it speaks of, over "I understand this risk".
    cues = [w for w in window.findChildren(QWidget, "moreBelow") if w.isVisible()]
    assert len(cues) == 1, cues
    cue = cues[0]
    assert 0 <= _top(cue, window) - _bottom(body, window) <= NEAR_PX
    assert _bottom(cue, window) <= _top(understand, window)
    # The words' box takes the room between the title and "I understand this risk": all of it but
    # the cue's line (two in English) and the spacing around it.
    room = _top(understand, window) - _bottom(page.title, window)
    seen = body.viewport().height()
    assert seen >= 0.75 * room, (seen, room)
    assert room - seen - cue.height() <= 3 * NEAR_PX, (seen, cue.height(), room)
    # No room kept empty under "I understand this risk": Back and Next come right after it.
    bar_top = _top(window.bottom.primary, window)
    assert bar_top - _bottom(understand, window) <= 2 * NEAR_PX, bar_top
    # Read to the end, the cue goes and its line is kept: the words do not grow and jump.
    height = body.height()
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(lambda: not page.has_more)
    assert not cue.isVisible() and body.height() == height


def test_why_a_tap_did_nothing_is_said_in_the_cues_place(
    qtbot: QtBot, window: KioskWindow, long_risk: str
) -> None:
    """Next tapped on a long risk not read: why, said right under the words, in the cue's place
    (the frame keeps no line for it under the page); read to the end, it goes."""
    chosen_look(qtbot, window, QSize(1920, 1080), "en")
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    page = window.reading
    body = page.body
    next_(qtbot, window)
    assert message(window) == english("blocker.risk-not-read")
    assert not window.bottom.message.isVisible()  # (it stood there, under the page)
    under = page.under
    assert under.message.isVisible() and not under.cue.isVisible()
    assert 0 <= _top(under.message, window) - _bottom(body, window) <= NEAR_PX
    assert _bottom(under.message, window) <= _top(page.understand, window)
    height = body.height()
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(page.understand.isEnabled)
    assert message(window) == "" and body.height() == height  # its room kept: nothing jumps
    tap(qtbot, page.understand)
    next_(qtbot, window)
    assert window.briefing is not None and window.briefing.current.id != LONG


def test_tap_i_understand_first_keeps_the_cue_while_there_is_more(
    qtbot: QtBot, window: KioskWindow, long_risk: str
) -> None:
    """A long risk read to its end, then slid back up: Next says to tap "I understand this risk"
    right over it, and "There is more below" stays over that (the message is not about reading);
    the button stays where it is, and nothing moves as the words are slid to their end again."""
    chosen_look(qtbot, window, QSize(1920, 1080), "es")
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    page = window.reading
    body, under = page.body, page.under
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(page.understand.isEnabled)
    body.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: page.has_more)
    settle()
    button = _top(page.understand, window)
    next_(qtbot, window)
    settle()
    assert message(window) == window.words("blocker.risk-not-acknowledged")
    assert under.cue.isVisible() and under.message.isVisible()
    assert under.message.objectName() != "moreBelow"  # it is no cue: the cue is there
    assert _bottom(under.cue, window) <= _top(under.message, window)
    assert _top(page.understand, window) == button
    height, said = body.height(), _top(under.message, window)
    scroll_to_end(qtbot, body)
    qtbot.waitUntil(lambda: not under.cue.isVisible())
    settle()
    assert body.height() == height and _top(under.message, window) == said
    assert _top(page.understand, window) == button
