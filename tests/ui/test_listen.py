"""Listen through the real widgets and the real player: the screen read aloud from its rendered
audio (eSpeak NG, as CI installs it), the sentence being read highlighted and moving on, the idle
timer held while the patient listens, and the audio stopped by a second tap or by leaving."""

from __future__ import annotations

import shutil

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.speech.engines import Espeak
from kiosk.speech.render import render_form
from kiosk.station import Station
from kiosk.ui.pages.label import Label
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.ui.drive import begin, kind, next_, tap


def marked(window: KioskWindow) -> list[str]:
    return [t.marked for t in window.page.findChildren(Label) if t.marked]


@pytest.fixture
def rendered(station: Station) -> None:
    """The procedure's audio, as `kiosk speech render` makes it (the English only: enough)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
    form = station.forms["mild"]
    render_form(form, station.config.data_dir, Espeak.find())


def test_listen_reads_the_screen_highlighting_each_sentence_and_holds_the_idle_timer(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None, clock: FakeClock
) -> None:
    words = words_for("en")
    window.show_at(QSize(1920, 1080))  # room for Listen's word beside the loudspeaker
    top = window.top
    assert not top.listen_button.isVisible()  # Welcome: nothing to read aloud
    begin(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT
    assert top.listen_button.isVisible() and top.listen_button.text() == words("frame.listen")
    assert top.listen_button.accessibleName() == words("frame.listen")
    clips = window.listening.clips
    assert clips[0].text == window.reading.title.text()

    tap(qtbot, top.listen_button)
    assert top.listen_button.isChecked() and top.listen_button.text() == words("frame.listen-stop")
    assert marked(window) == [clips[0].text]  # the title, highlighted while it is read
    # The patient listens past the idle warning: no "Are you still there?".
    b = window.briefing
    assert b is not None
    clock.advance(b.idle.warning_after + 5)
    window.tick()
    assert not window.still_there.isVisible()
    # The next sentence, when the title's audio has played to its end (real time).
    qtbot.waitUntil(
        lambda: marked(window) == [clips[1].text], timeout=clips[0].seconds * 1000 + 5000
    )
    assert window.reading.body.isAncestorOf(
        next(t for t in window.page.findChildren(Label) if t.marked)
    )

    tap(qtbot, top.listen_button)  # again: stops
    assert not window.listening.playing and marked(window) == []
    assert top.listen_button.text() == words("frame.listen") and not top.listen_button.isChecked()

    tap(qtbot, top.listen_button)  # and leaving the screen stops it too
    assert window.listening.playing
    next_(qtbot, window)
    assert not window.listening.playing and marked(window) == []
