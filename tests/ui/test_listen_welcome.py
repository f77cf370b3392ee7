"""Welcome heard by a patient who asks: “Read each screen aloud to me” reads Welcome at once (it was
silent when tapped: a patient could not tell it had worked), and “Touch here to start” is marked
while its words are said, as each language's button is while its own are."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QSize
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.session.playing import Mark
from kiosk.session.view import Action
from kiosk.station import Station
from kiosk.ui.pages.label import Label
from kiosk.ui.window import KioskWindow
from tests.shared import render_beeps
from tests.ui.drive import begin, kind, tap

EN = words_for("en")


def now_said(window: KioskWindow) -> str:
    speaker = window.listening.speaker
    return speaker.clips[speaker.at].text if speaker.playing else ""


def marked(window: KioskWindow) -> list[str]:
    """Every control and text on Welcome marked as said now."""
    welcome = window.welcome
    buttons = [welcome.start_button, *welcome.languages.buttons.values()]
    texts = [t.marked for t in window.page.findChildren(Label) if t.marked]
    return [b.text() for b in buttons if b.property("said") == "true"] + texts


def test_choosing_every_screen_read_aloud_reads_welcome_at_once(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    render_beeps(station, "en", "es")
    window.model.offer_read_aloud(True, False)
    window.show_at(QSize(1280, 800))
    listening, choice = window.listening, window.welcome.listen_button
    assert not listening.playing  # Welcome between patients: nobody may be there
    tap(qtbot, choice)
    assert choice.isChecked() and listening.playing  # heard at once
    assert now_said(window) == EN("welcome.title") and marked(window) == [EN("welcome.title")]
    assert window.top.listen_button.isChecked()  # as if Listen had been tapped: it stops it
    tap(qtbot, choice)  # turned off: what it read stops
    assert not choice.isChecked() and not listening.playing and marked(window) == []
    tap(qtbot, choice)
    assert listening.playing
    tap(qtbot, window.welcome.languages.buttons["es"])  # heard again, in the language chosen
    assert listening.playing and now_said(window) == words_for("es")("welcome.title")
    begin(qtbot, window)  # and from then on, each screen as it opens
    assert kind(window) is ScreenKind.ABOUT and listening.playing
    assert now_said(window) == window.reading.title.text()


def test_welcome_is_not_read_as_it_comes_back_for_the_next_patient(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    render_beeps(station, "en")
    window.model.offer_read_aloud(True, True)  # the clinic has every screen read to each patient
    window.show_at(QSize(1280, 800))
    assert window.welcome.listen_button.isChecked() and not window.listening.playing
    begin(qtbot, window)
    assert window.listening.playing
    window.end_session()
    assert kind(window) is ScreenKind.WELCOME and not window.listening.playing


def test_touch_here_to_start_is_marked_while_its_words_are_said(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    render_beeps(station, "en", "es")
    window.show_at(QSize(1280, 800))
    start = window.welcome.start_button
    words = EN("welcome.start")
    clips = window.listening.clips
    assert words in [c.text for c in clips]
    tap(qtbot, window.top.listen_button)
    timeout = int(sum(c.seconds for c in clips) * 1000) + 10_000
    qtbot.waitUntil(lambda: now_said(window) == words, timeout=timeout)
    assert marked(window) == [start.text()]  # the button, alone
    # Then the next control named, and nothing once all is said.
    qtbot.waitUntil(lambda: marked(window) == ["Español"], timeout=10_000)
    qtbot.waitUntil(lambda: not window.listening.playing, timeout=10_000)
    assert marked(window) == []


def colour(b: QPushButton) -> QColor:
    """The button's fill, beside its words."""
    return b.grab().toImage().pixelColor(QPoint(12, b.height() // 2))


def test_a_marked_start_button_is_seen_in_either_contrast(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """High contrast fills Start in the colour a sentence is marked with: marked, it is dark."""
    window.show_at(QSize(1280, 800))
    start = window.welcome.start_button
    for contrast in (False, True):
        if contrast:
            tap(qtbot, window.top.contrast_button)
        plain = colour(start)
        window.welcome.mark(window.listening.now.mark(0))  # (nothing plays: nothing marked)
        assert colour(start) == plain
        window.welcome.mark(Mark(action=Action.START))
        assert colour(start) != plain
        window.welcome.mark(None)
        assert colour(start) == plain
