"""Welcome read aloud says, after its own words, how to choose each other language, in that
language and its own voice ("Para español, toque «Español»"), marking its button while it is said:
a patient who cannot read the screen, nor understand English, hears their own language offered."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.speech.script import language_offer
from kiosk.station import Station
from kiosk.ui.pages.label import Label
from kiosk.ui.window import KioskWindow
from tests.shared import render_beeps
from tests.ui.drive import tap


def said(window: KioskWindow) -> list[str]:
    return [clip.text for clip in window.listening.clips]


def marked_language(window: KioskWindow) -> list[str]:
    buttons = window.welcome.languages.buttons
    return [code for code, b in buttons.items() if b.property("said") == "true"]


def test_welcome_read_aloud_offers_each_other_language_in_itself(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    render_beeps(station, "en", "es", "ar")
    window.show_at(QSize(1920, 1080))
    en = words_for("en")
    spanish, arabic = language_offer(words_for("es")), language_offer(words_for("ar"))
    assert spanish == ["Para español, toque «Español»."]
    assert said(window)[0] == en("welcome.title")
    offered = {"es": spanish, "ar": arabic}
    order = [code for code in window.welcome.languages.buttons if code != "en"]  # as they stand
    assert said(window)[-2:] == [s for code in order for s in offered[code]]  # after Welcome's
    assert en("welcome.language-offer", language="English") not in said(window)  # on screen

    tap(qtbot, window.top.listen_button)
    clips = window.listening.clips
    qtbot.waitUntil(
        lambda: marked_language(window) == order[:1],
        timeout=int(sum(c.seconds for c in clips) * 1000) + 10_000,
    )
    speaker = window.listening.speaker
    assert speaker.clips[speaker.at].text == offered[order[0]][0]
    assert not [t for t in window.page.findChildren(Label) if t.marked]  # its button, not a text
    qtbot.waitUntil(lambda: marked_language(window) == order[1:], timeout=10_000)
    qtbot.waitUntil(lambda: not window.listening.playing, timeout=10_000)
    assert marked_language(window) == []  # nothing left marked once it has been said

    # In Spanish, English and Arabic are offered in themselves, and Spanish is not.
    tap(qtbot, window.welcome.languages.buttons["es"])
    assert said(window)[0] == words_for("es")("welcome.title")
    english = language_offer(en)
    assert english == ["For English, touch “English”."]
    offered = {"en": english, "ar": arabic}
    order = [code for code in window.welcome.languages.buttons if code != "es"]
    assert said(window)[-2:] == [s for code in order for s in offered[code]]
    assert spanish[0] not in said(window)


def test_a_language_without_its_audio_is_not_offered_aloud(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """Arabic's audio not rendered: Welcome is read, and Spanish offered, Arabic not (its button
    stays on screen as ever)."""
    render_beeps(station, "en", "es")
    window.show_at(QSize(1920, 1080))
    assert said(window)[-1:] == language_offer(words_for("es"))
    assert not set(language_offer(words_for("ar"))) & set(said(window))


def test_the_listen_record_is_unchanged_by_the_offers(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    """Past Welcome, a screen says only its own words (no other language's)."""
    from tests.ui.drive import begin

    render_beeps(station, "en", "es")
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    offer = language_offer(words_for("es"))[0]
    assert said(window) and offer not in said(window)


@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_every_language_renders_its_offer(language: str) -> None:
    """Each catalog's offer is one sentence, naming its language as its button does."""
    words = words_for(language)
    offer = language_offer(words)
    assert len(offer) == 1 and words("language.self") in offer[0]


def test_the_list_of_languages_offers_each_in_itself_to_a_patient_who_listens(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    """Opened over a briefing, the list of languages was silent, even to a patient who had been
    listening with their eyes closed. Now each other language says how to choose it, its button
    marked; nothing of it is recorded, and closing the list stops it."""
    from tests.ui.drive import begin

    render_beeps(station, "en", "es", "ar")
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    listening = window.listening
    tap(qtbot, window.top.listen_button)  # a patient who listens
    qtbot.waitUntil(lambda: not listening.playing, timeout=len(listening.clips) * 1000 + 10_000)
    tap(qtbot, window.top.language_button)
    chooser = window.language_chooser
    assert chooser.isVisible() and listening.offering
    qtbot.waitUntil(lambda: listening.playing)  # once the list is drawn
    offered = [clip.text for clip in listening.speaker.clips]
    order = [code for code in chooser.buttons.buttons if code != "en"]
    assert offered == [language_offer(words_for(code))[0] for code in order]

    def marked() -> list[str]:
        return [c for c, b in chooser.buttons.buttons.items() if b.property("said") == "true"]

    qtbot.waitUntil(lambda: marked() == order[:1], timeout=10_000)
    tap(qtbot, chooser.close_button)
    qtbot.waitUntil(lambda: not listening.playing and not listening.offering)
    assert marked() == []


def test_the_list_of_languages_is_silent_to_a_patient_who_has_not_listened(
    qtbot: QtBot, window: KioskWindow, station: Station, prepared: str
) -> None:
    from tests.ui.drive import begin

    render_beeps(station, "en", "es")
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    tap(qtbot, window.top.language_button)
    assert window.language_chooser.isVisible() and not window.listening.playing
