"""Listen through the real widgets and the real player: the screen read aloud from its rendered
audio (eSpeak NG, as CI installs it), the sentence being read highlighted and moving on, the idle
timer held while the patient listens, and the audio stopped by a second tap or by leaving."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon, QImage
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.session.listening import audio_sha256
from kiosk.speech.engines import Espeak
from kiosk.speech.render import render_form, speech_folder
from kiosk.station import Station
from kiosk.store import agreement
from kiosk.store.models import ListeningRow
from kiosk.ui.pages.label import Label
from kiosk.ui.theme import palette_for
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.shared import Beep
from tests.ui.conftest import NAME
from tests.ui.drive import begin, kind, next_, sign_here, tap, type_date, walk_to


def marked(window: KioskWindow) -> list[str]:
    return [t.marked for t in window.page.findChildren(Label) if t.marked]


@pytest.fixture(scope="session")
def espeak_audio(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder of this worker's own where the English audio is rendered once (eSpeak NG
    takes seconds for the whole procedure); each test's folder gets a copy."""
    return tmp_path_factory.mktemp("espeak-audio")


@pytest.fixture
def rendered(station: Station, espeak_audio: Path) -> None:
    """The procedure's audio, as `kiosk speech render` makes it (the English only: enough)."""
    if shutil.which("espeak-ng") is None:
        pytest.fail("espeak-ng is not installed (Debian: apt-get install espeak-ng)")
    form = station.forms["mild"]
    made = speech_folder(espeak_audio, form)
    if not made.exists():
        render_form(form, espeak_audio, Espeak.find())
    shutil.copytree(made, speech_folder(station.config.data_dir, form), copy_function=os.link)


def test_listen_reads_the_screen_highlighting_each_sentence_and_holds_the_idle_timer(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None, clock: FakeClock
) -> None:
    words = words_for("en")
    window.show_at(QSize(1920, 1080))  # room for Listen's word beside the loudspeaker
    top = window.top
    assert top.listen_button.isVisible()  # Welcome too: its words, and how to start
    assert window.listening.clips[0].text == words("welcome.title")
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


def test_a_patient_who_chooses_it_on_welcome_hears_every_screen_as_it_opens(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None
) -> None:
    window.model.offer_read_aloud(window.station.read_aloud_offered, False)  # as at start
    choice = window.welcome.listen_button
    assert window.station.read_aloud_offered and choice.isVisible() and not choice.isChecked()
    assert choice.words.text() == words_for("en")("welcome.read-aloud")
    tap(qtbot, choice)
    assert choice.isChecked()
    begin(qtbot, window)
    assert window.listening.playing  # the first reading screen, read as it opens
    assert marked(window) == [window.listening.clips[0].text]
    next_(qtbot, window)
    assert window.listening.playing and marked(window) == [window.listening.clips[0].text]
    # "Stop": the patient wants quiet, on this screen and the next ones (Listen reads one).
    tap(qtbot, window.top.listen_button)
    assert not window.listening.playing and not window.model.read_aloud
    next_(qtbot, window)
    assert not window.listening.playing
    tap(qtbot, window.top.listen_button)
    assert window.listening.playing
    next_(qtbot, window)
    assert not window.listening.playing


def listenings(station: Station, briefing: str) -> list[tuple[int, str, bool, int, int, bool]]:
    with station.store.reading() as session:
        rows = session.execute(
            select(ListeningRow)
            .where(ListeningRow.briefing_id == briefing)
            .order_by(ListeningRow.number)
        ).scalars()
        return [
            (r.number, r.screen_id, r.completed, r.heard, r.sentences, r.automatic) for r in rows
        ]


def test_what_the_patient_listened_to_is_recorded_per_screen(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    form = station.forms["mild"]
    render_form(form, station.config.data_dir, Beep())
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    top, clips = window.top, window.listening.clips
    n = len(clips)
    assert n > 2

    tap(qtbot, top.listen_button)  # played to its end
    qtbot.waitUntil(lambda: not window.listening.playing, timeout=n * 1000 + 10_000)
    tap(qtbot, top.listen_button)  # stopped by a second tap, during its second sentence
    qtbot.waitUntil(lambda: window.listening.speaker.at >= 1, timeout=10_000)
    heard = window.listening.speaker.at + 1
    tap(qtbot, top.listen_button)
    tap(qtbot, top.listen_button)  # stopped by leaving the screen
    next_(qtbot, window)
    assert listenings(station, prepared) == [
        (1, "about", True, n, n, False),
        (2, "about", False, heard, n, False),
        (3, "about", False, 1, n, False),
    ]
    with station.store.reading() as session:
        row = session.execute(select(ListeningRow)).scalars().first()
        assert row is not None
        assert row.voice == "beep 1 beep-en"
        assert row.audio_sha256 == audio_sha256(clips)
        assert agreement.disagreements(session) == []


def test_every_screen_has_listen_and_the_briefings_own_screens_are_recorded(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    # Tones of a twentieth of a second: some sixty sentences are played to their ends.
    render_form(station.forms["mild"], station.config.data_dir, Beep(seconds=0.05))
    window.show_at(QSize(1920, 1080))
    top = window.top

    def listen_to_the_end() -> None:
        assert top.listen_button.isVisible(), kind(window)
        tap(qtbot, top.listen_button)
        assert window.listening.playing
        qtbot.waitUntil(lambda: not window.listening.playing, timeout=30_000)

    listen_to_the_end()  # Welcome: its words, and how to start (no briefing: nothing recorded)
    tap(qtbot, window.welcome.start_button)
    listen_to_the_end()  # identity: the instruction (never the name)
    assert not any(NAME in c.text for c in window.listening.clips)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    for target in (ScreenKind.OPTIONS, ScreenKind.REVIEW, ScreenKind.SIGN):
        walk_to(qtbot, window, target)
        listen_to_the_end()
    sign_here(qtbot, window)
    tap(qtbot, top.listen_button)  # signed while it reads: recorded as stopped, then signed
    next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE
    listen_to_the_end()  # done: thanked and told what next (the record is closed by then)
    rows = listenings(station, prepared)
    assert [(r[1], r[2]) for r in rows] == [
        ("identity", True),
        ("options", True),
        ("review", True),
        ("sign", True),
        ("sign", False),
    ]


def test_quieter_or_louder_beside_listen_for_this_patient_only(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    words = words_for("en")
    window.show_at(QSize(1920, 1080))
    top = window.top
    begin(qtbot, window)
    volume = top.volume_button
    # Its words, or (when the top bar has no room for them: the loudspeakers give theirs up first)
    # its loudspeaker alone, named for a screen reader.
    assert volume.isVisible() and volume.text() in ("", words("frame.quieter"))
    assert volume.accessibleName() == words("frame.quieter")
    assert volume.height() >= top.listen_button.height()  # as large a target as Listen
    tap(qtbot, top.listen_button)  # the player is made at the first Listen, at the system's volume
    output = window.listening.speaker._player.audioOutput()
    assert output.volume() == pytest.approx(1.0)
    tap(qtbot, volume)
    assert volume.isChecked() and volume.text() in ("", words("frame.louder"))
    assert volume.accessibleName() == words("frame.louder")
    assert output.volume() == pytest.approx(0.4)
    next_(qtbot, window)  # kept from screen to screen
    assert volume.isChecked() and output.volume() == pytest.approx(0.4)
    window.end_session()  # the next patient starts at the system's volume
    assert not volume.isChecked() and output.volume() == pytest.approx(1.0)
    assert volume.accessibleName() == words("frame.quieter")


def test_quieter_and_louder_look_unlike_listen_and_are_seen_when_on(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station
) -> None:
    """A reviewer: the Quieter toggle, once on, was black on dark blue (white on yellow in high
    contrast), and it then showed Listen's own loudspeaker and waves. Now a loudspeaker and a
    minus (Quieter) or a plus (Louder), drawn in the colour of a checked toggle's words."""
    render_form(station.forms["mild"], station.config.data_dir, Beep())
    begin(qtbot, window)
    top, volume = window.top, window.top.volume_button

    def image(b: QPushButton, state: QIcon.State) -> QImage:
        return b.icon().pixmap(b.iconSize(), QIcon.Mode.Normal, state).toImage()

    def colours(picture: QImage) -> set[str]:
        return {
            picture.pixelColor(x, y).name().upper()
            for x in range(picture.width())
            for y in range(picture.height())
            if picture.pixelColor(x, y).alpha() == 255
        }

    listen = image(top.listen_button, QIcon.State.Off)
    quieter = image(volume, QIcon.State.Off)
    assert quieter != listen
    for contrast in (False, True):
        if contrast:
            tap(qtbot, top.contrast_button)
        tap(qtbot, volume)
        assert volume.isChecked()
        louder = image(volume, QIcon.State.On)
        assert louder not in (listen, image(top.listen_button, QIcon.State.On))
        palette = palette_for(window.high_contrast)
        assert palette.primary_text.upper() in colours(louder)
        assert palette.button_text.upper() not in colours(louder)
        tap(qtbot, volume)


def test_listen_stops_when_the_languages_open_or_staff_sign_in(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None
) -> None:
    """Reviewers heard About read on under the list of languages, and on into staff mode."""
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    top = window.top
    tap(qtbot, top.listen_button)
    assert window.listening.playing
    tap(qtbot, top.language_button)
    assert window.language_chooser.isVisible()
    assert not window.listening.playing
    tap(qtbot, window.language_chooser.close_button)
    tap(qtbot, top.listen_button)
    assert window.listening.playing
    window.open_staff()
    assert window.staff_mode.is_open
    assert not window.listening.playing


def test_acknowledging_a_risk_does_not_stop_or_restart_its_reading(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None
) -> None:
    """Its last words changed ("I understand this risk" became "You have said you understand
    this risk"), and the tap had stopped the audio and read the risk again from its title."""
    from tests.ui.drive import acknowledge

    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.RISK)
    tap(qtbot, window.top.listen_button)
    clips = window.listening.clips
    assert clips[-1].text == words_for("en")("risk.understand")
    qtbot.waitUntil(
        lambda: marked(window) == [clips[1].text], timeout=clips[0].seconds * 1000 + 5000
    )
    acknowledge(qtbot, window)
    assert window.listening.playing
    assert marked(window) == [clips[1].text]  # where it was, not back at the title
    assert window.listening.clips[-1].text == words_for("en")("risk.understood")


def test_are_you_still_there_is_said_to_a_patient_who_has_listened(
    qtbot: QtBot, window: KioskWindow, prepared: str, station: Station, clock: FakeClock
) -> None:
    """A reviewer listening with their eyes closed never heard "Are you still there?": the
    briefing closed under them without a word."""
    from kiosk.speech.said import still_there_said

    render_form(station.forms["mild"], station.config.data_dir, Beep(seconds=0.05))
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    listening = window.listening
    tap(qtbot, window.top.listen_button)  # About, heard to its end
    qtbot.waitUntil(lambda: not listening.playing, timeout=len(listening.clips) * 1000 + 10_000)
    b = window.briefing
    assert b is not None
    clock.advance(b.idle.warning_after + 1)
    window.tick()
    assert window.still_there.isVisible()
    said = [c.text for c in listening.speaker.clips]
    assert said == still_there_said(words_for("en")) and said[0] == "Are you still there?"
    assert listening.asking and not window.top.listen_button.isChecked()
    shown = window.still_there.countdown.text()
    clock.advance(1)
    window.tick()  # what is said is no sign the patient is there: the seconds go on
    assert window.still_there.isVisible() and window.still_there.countdown.text() != shown
    tap(qtbot, window.still_there.yes_button)
    qtbot.waitUntil(lambda: not window.still_there.isVisible())
    assert not listening.playing and not listening.asking
    assert [row[1] for row in listenings(station, prepared)] == ["about"]  # the screen's alone


def test_are_you_still_there_is_not_said_to_a_patient_who_has_not_listened(
    qtbot: QtBot, window: KioskWindow, prepared: str, rendered: None, clock: FakeClock
) -> None:
    window.show_at(QSize(1920, 1080))
    begin(qtbot, window)
    b = window.briefing
    assert b is not None
    clock.advance(b.idle.warning_after + 1)
    window.tick()
    assert window.still_there.isVisible() and not window.listening.playing
