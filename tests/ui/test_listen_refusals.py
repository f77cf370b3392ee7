"""Why a tap did nothing, said aloud to a patient who listens: a reviewer listening to a risk
tapped Next before its end, saw "Please read to the end of this risk first…" and heard nothing
(nor "Please choose an answer" on a question), and felt stuck."""

from __future__ import annotations

from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.speech.render import render_form
from kiosk.speech.script import sentences
from kiosk.station import Station
from kiosk.ui.window import KioskWindow
from tests.shared import Beep
from tests.ui.drive import begin, message, next_, tap, walk_to

EN = words_for("en")


def test_a_refusal_is_said_to_a_patient_who_has_listened(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    listening = window.listening
    tap(qtbot, window.top.listen_button)  # a patient who listens
    tap(qtbot, window.top.listen_button)  # (and stops: it is their choice)
    walk_to(qtbot, window, ScreenKind.RISK)
    window.reading.body.verticalScrollBar().setValue(0)
    next_(qtbot, window)  # before the risk's end
    said = message(window)
    assert said == EN("blocker.risk-not-read") or said == EN("blocker.risk-not-acknowledged")
    assert listening.prompting and listening.playing
    assert [c.text for c in listening.speaker.clips] == sentences(said)
    # Said unasked: Listen is not lit as "Stop" (a reviewer tapped "Stop" and heard the screen)
    assert window.top.listen_button.text() == EN("frame.listen")
    assert not window.top.listen_button.isChecked()
    qtbot.waitUntil(lambda: not listening.playing, timeout=10_000)
    assert not listening.prompting


def test_a_refusal_is_not_said_to_a_patient_who_has_not_listened(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    next_(qtbot, window)
    assert message(window) and not window.listening.playing
