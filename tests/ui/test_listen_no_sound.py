"""A kiosk with no sound output offers neither Listen nor reading every screen aloud: a reviewer
watched each sentence marked in turn in silence (`kiosk doctor` warned IT; the patient was not
spared). The touchscreen asks Qt Multimedia once Welcome is painted, and says so in one line."""

from __future__ import annotations

import logging

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.speech.render import render_form
from kiosk.station import Station
from kiosk.ui import app
from kiosk.ui.window import KioskWindow
from tests.shared import Beep
from tests.ui.drive import begin


def test_without_sound_listen_and_reading_aloud_are_not_offered(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    prepared: str,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    window.show_at(QSize(1280, 800))
    assert window.model is not None
    window.model.offer_read_aloud(station.read_aloud_offered, False)  # as a kiosk started with it
    qtbot.waitUntil(window.top.listen_button.isVisible)
    assert window.welcome.listen_button.isVisible()  # every screen read aloud: offered
    monkeypatch.setattr(app, "sound_output", lambda: False)
    monkeypatch.setattr(station.pdfs, "start_drawing", lambda: None)  # (not this test's matter)
    monkeypatch.setattr(app, "settle_start", lambda: None)  # (nor the test process's heap)
    with caplog.at_level(logging.WARNING):
        app._after_first_screen(window)
    qtbot.waitUntil(lambda: not window.top.listen_button.isVisible())
    assert not window.welcome.listen_button.isVisible()
    said = [r.getMessage() for r in caplog.records if "sound" in r.getMessage()]
    assert len(said) == 1 and "connect speakers or headphones" in said[0]
    assert station.problems[-1] == said[0]  # staff mode lists it among the problems at start
    begin(qtbot, window)  # the next patient's briefing: no Listen either
    assert not window.top.listen_button.isVisible()
    assert window.model is not None and not window.model.view.read_aloud_offered


def test_with_sound_nothing_changes(
    qtbot: QtBot, window: KioskWindow, station: Station, monkeypatch: pytest.MonkeyPatch
) -> None:
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    monkeypatch.setattr(app, "sound_output", lambda: True)
    monkeypatch.setattr(station.pdfs, "start_drawing", lambda: None)
    monkeypatch.setattr(app, "settle_start", lambda: None)
    app._after_first_screen(window)
    assert station.sound and station.read_aloud_offered
