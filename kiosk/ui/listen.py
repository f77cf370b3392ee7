"""Listen: the screen on show read aloud from its rendered audio, one sentence after another, the
sentence being read highlighted; tapping Listen again, or leaving the screen, stops it. A patient
who has listened in this briefing also hears “Are you still there?” when it comes up.

QtMultimedia (PySide6-Addons) is imported at the first Listen, never before Welcome is painted.
While a screen is read aloud the patient is there: the window holds the idle timer (`playing`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from kiosk.i18n import words_for
from kiosk.session import playing
from kiosk.session.kinds import ScreenKind
from kiosk.session.playing import NOTHING, Playing, Shown, Sound, quiets_as_drawn, reads_as_drawn
from kiosk.speech.listening import Clip
from kiosk.speech.said import controls_said, spoken_parts, still_there_said
from kiosk.speech.script import language_offer, sentences

if TYPE_CHECKING:
    from kiosk.content.schema import Form
    from kiosk.i18n import Words
    from kiosk.session.view import View
    from kiosk.ui.window import KioskWindow


log = logging.getLogger(__name__)


class Speaker(QObject):
    """Plays clips one after another. `sentence(i)` as clip i starts; `stopped(completed)` at the
    end (True: the last clip played to its end)."""

    sentence = Signal(int)
    stopped = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._player: Any = None
        self._clips: tuple[Clip, ...] = ()
        self._at = -1
        self._volume = 1.0

    @property
    def playing(self) -> bool:
        return self._at >= 0

    @property
    def clips(self) -> tuple[Clip, ...]:
        """What plays now (none: nothing)."""
        return self._clips if self._at >= 0 else ()

    @property
    def at(self) -> int:
        """The clip playing now (-1: none)."""
        return self._at

    def play(self, clips: tuple[Clip, ...]) -> None:
        self.stop()
        if not clips:
            return
        self._clips = clips
        self._start(0)

    def set_volume(self, volume: float) -> None:
        """The volume, of the system's (1.0: as loud as the system's own)."""
        self._volume = volume
        if self._player is not None:
            self._player.audioOutput().setVolume(volume)

    def stop(self) -> None:
        if self._at < 0:
            return
        self._at = -1
        # Paused, not stopped: QMediaPlayer.stop() just as the sound starts can wait forever on
        # FFmpeg's thread (seen with no sound card); the next Listen gives it its file anew.
        self._player.pause()
        self.stopped.emit(False)

    def _ensure(self) -> Any:
        if self._player is None:
            from PySide6.QtCore import QLoggingCategory

            # Which of FFmpeg's and the system's optional libraries it found: noise in the log.
            QLoggingCategory.setFilterRules(
                "qt.multimedia.symbolsresolver=false\nqt.multimedia.ffmpeg.info=false"
            )
            from PySide6.QtMultimedia import QAudioOutput, QMediaDevices, QMediaPlayer

            if not QMediaDevices.audioOutputs():
                log.warning("no audio output device: Listen plays, but nobody hears it")

            player = QMediaPlayer(self)
            output = QAudioOutput(player)  # the system's volume (at most), its default device
            output.setVolume(self._volume)
            player.setAudioOutput(output)
            player.mediaStatusChanged.connect(self._status)
            player.errorOccurred.connect(lambda *_: self._ended(False))
            self._player = player
        return self._player

    def _start(self, n: int) -> None:
        player = self._ensure()
        self._at = n
        player.setSource(QUrl.fromLocalFile(str(self._clips[n].path)))
        player.play()
        self.sentence.emit(n)

    def _status(self, status: Any) -> None:
        from PySide6.QtMultimedia import QMediaPlayer

        if self._at < 0:
            return
        if status == QMediaPlayer.MediaStatus.EndOfMedia:
            if self._at + 1 < len(self._clips):
                self._start(self._at + 1)
            else:
                self._ended(True)
        elif status == QMediaPlayer.MediaStatus.InvalidMedia:
            self._ended(False)

    def _ended(self, completed: bool) -> None:
        if self._at < 0:
            return
        self._at = -1
        self.stopped.emit(completed)


class Listening(QObject):
    """Ties the top bar's Listen to the screen on show: which audio it has, and what plays now
    (`now`, kiosk.session.playing), from which every mark is drawn."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window
        self.speaker = Speaker(self)
        self.now = NOTHING
        """What plays now (or, the languages, is about to): what each of its clips names."""
        self._reading = NOTHING
        """The screen read aloud, when Listen is tapped (or it is read as it opens)."""
        self._shown: Shown | None = None
        self._said: list[str] = []
        self._form: Form | None = None
        self._listener = False
        """The patient has listened in this briefing: “Are you still there?” is said to them too."""
        self._asked = False
        """“Are you still there?” is on screen (said once as it comes up)."""
        self._refused = ""
        """The words of the refusal on screen (said once as it comes)."""
        window.top.listen.connect(self.toggle)
        window.top.volume.connect(self._set_quiet)
        assert window.model is not None
        window.model.events.ended.connect(self._session_ended)
        self.speaker.sentence.connect(self._sentence)
        self.speaker.stopped.connect(self._stopped)

    @property
    def clips(self) -> tuple[Clip, ...]:
        """The screen's audio, as Listen reads it (none: Listen does not show)."""
        return self._reading.clips if self._window.station.sound else ()

    @property
    def playing(self) -> bool:
        return self.speaker.playing

    @property
    def asking(self) -> bool:
        """What plays is “Are you still there?”."""
        return self.now.sound is Sound.STILL_THERE

    @property
    def offering(self) -> bool:
        """What plays (or is about to) is each language offered in itself, over their list."""
        return self.now.sound is Sound.LANGUAGES

    @property
    def prompting(self) -> bool:
        """What plays is why a tap did nothing."""
        return self.now.sound is Sound.REFUSAL

    @property
    def holds_idle(self) -> bool:
        """The patient is listening (a prompt said to them is not their doing)."""
        return self.speaker.playing and self.now.holds_idle

    def draw(self, view: View, words: Words) -> None:
        """The screen drawn: a new one (or new words on it) stops what was read; Listen shows
        where every sentence the screen says has its audio."""
        self._still_there(view, words)
        self._choosing(view)
        self._refusal(view, words)
        body, last = spoken_parts(view, words)
        said = [*body, *last]
        # The same screen whether or not its risk was just acknowledged: the tap on "I understand
        # this risk" had stopped the audio and read the risk again from its title.
        before = self._shown
        shown = Shown(
            view.screen_id,
            words.language,
            tuple(body),
            view.kind,
            view.read_aloud,
            view.read_aloud_offered,
        )
        self._shown = shown
        opened = shown.opens(before)
        quiet = quiets_as_drawn(before, shown) and self.now.sound is Sound.SCREEN
        if (opened or view.choosing_language or quiet) and not self.now.covers:
            self.speaker.stop()  # (the languages cover it)
        if opened or not self.clips or said != self._said:  # (audio rendered meanwhile too)
            self._said = said
            self._form = self._form_for(words.language)
            self._reading = self._screen_audio(view, words)
            if not opened and self.now.sound is self._reading.sound is Sound.SCREEN:
                self.now = self._reading  # read on, marking its words as they now stand
        # Read as it opens, or at once, if the patient asked for it (never Welcome as it comes
        # back between patients), unless it is being read already.
        if reads_as_drawn(before, shown) and not (self.playing and self.now.sound is Sound.SCREEN):
            self._play(automatic=True)
        # Lit ("Stop") only while the patient's own Listen plays: a tap then stops it. Lit while
        # a refusal was said to them, a tap on "Stop" read the screen from its start instead.
        self._window.top.show_listen(bool(self.clips), self.playing and self.now.listened)

    def _screen_audio(self, view: View, words: Words) -> Playing:
        """The screen's clips, each with what it names; Welcome's followed by each other language
        offered in itself."""
        if self._form is None:
            return NOTHING
        clips = self._window.station.audio.clips_for(self._form, self._said)
        if not clips:
            return NOTHING
        offers = self._language_offers(view) if view.kind is ScreenKind.WELCOME else []
        return playing.screen(clips, controls_said(view, words), offers)

    def _still_there(self, view: View, words: Words) -> None:
        """“Are you still there?” said as it comes up to a patient who has listened (or asked for
        every screen read), who may not see it; stopped once they answer."""
        self._listener = self._listener or view.read_aloud
        if view.still_there is None:
            self._asked = False
            if self.asking:
                self.speaker.stop()
            return
        if self._asked:
            return
        self._asked = True
        if not self._listener or self._form is None:
            return
        clips = self._window.station.audio.clips_for(self._form, still_there_said(words))
        if clips:  # (the screen's reading had held the idle time: it is not playing)
            self._start(playing.prompt(Sound.STILL_THERE, clips))

    def _language_offers(self, view: View) -> list[tuple[str, Clip]]:
        """Each other language offered saying in itself how to choose it ("Para español, toque
        «Español»"), in its own voice, where its audio is rendered: a patient who cannot read the
        screen, nor understand its language, hears their own. Each clip with its language."""
        offers: list[tuple[str, Clip]] = []
        for choice in view.languages:
            form = None if choice.chosen else self._form_in(choice.code)
            if form is not None:
                said = language_offer(words_for(choice.code))
                clips = self._window.station.audio.clips_for(form, said)
                offers += [(choice.code, clip) for clip in clips]
        return offers

    def _choosing(self, view: View) -> None:
        """The list of languages opened over a briefing, for a patient who has listened: each
        other language says in itself how to choose it, as on Welcome (the list was silent);
        closed, that stops. Not the screen: nothing is recorded for it."""
        if not view.choosing_language:
            if self.offering:
                if self.speaker.playing:
                    self.speaker.stop()  # (and `_stopped` unmarks its buttons)
                self.now = NOTHING
            return
        if self.offering or not self._listener or self.asking:
            return
        offers = self._language_offers(view)
        if offers:
            self.speaker.stop()
            offered = self.now = playing.languages(offers)
            # Once the list is drawn (its buttons are made as it first opens): the first
            # language's button is marked as its words start.
            QTimer.singleShot(0, self, lambda: self._offer(offered))

    def _form_for(self, language: str) -> Form | None:
        """The content whose audio the screen is read from: the briefing's, else (Welcome) the
        first procedure here with audio in the language shown."""
        if not self._window.station.sound:  # no sound output here: nothing is read (kiosk.ui.app)
            return None
        b = self._window.briefing
        if b is not None:
            return b.form
        return self._form_in(language)

    def _form_in(self, language: str) -> Form | None:
        """The first procedure here with audio in `language`."""
        station = self._window.station
        for source in station.forms.values():
            form = station.languages_of(source).get(language.split("-")[0])
            if form is not None and station.audio.voice(form) is not None:
                return form
        return None

    def stop(self) -> None:
        self.speaker.stop()

    def toggle(self) -> None:
        if self.speaker.playing and self.now.listened:
            self.speaker.stop()
            if (model := self._window.model) is not None:
                model.stopped_reading()
        else:
            self._play(automatic=False)

    def _play(self, automatic: bool) -> None:
        """Read the screen's clips, telling the model (which keeps the record) what is heard."""
        model, form = self._window.model, self._form
        if model is None or form is None or not self.clips:
            return
        self.speaker.stop()  # what played before is reported first
        self._listener = True
        voice = self._window.station.audio.voice(form) or ""
        screen_id = self._shown.screen_id if self._shown is not None else ""
        model.listening.started(screen_id, self.clips, voice, automatic)
        self._start(self._reading)

    def _start(self, sound: Playing) -> None:
        """Play `sound`, after what played before has stopped (and was reported)."""
        self.speaker.stop()
        self.now = sound
        self.speaker.play(sound.clips)
        if not self.speaker.playing:  # (nothing to play)
            self.now = NOTHING

    def _offer(self, offered: Playing) -> None:
        if self.now is offered and not self.speaker.playing:  # (the list not closed meanwhile)
            self._start(offered)

    def _set_quiet(self, quiet: bool) -> None:
        """The volume toggle: the model keeps the patient's choice; the player follows it."""
        model = self._window.model
        assert model is not None
        model.listening.set_quiet(quiet)
        self._show_volume()

    def _session_ended(self) -> None:
        self._listener = self._asked = False
        self._show_volume()  # the next patient starts at the system's volume

    def _show_volume(self) -> None:
        model = self._window.model
        assert model is not None
        self.speaker.set_volume(model.listening.volume)
        self._window.top.show_volume(model.listening.quiet)

    def _refusal(self, view: View, words: Words) -> None:
        """Why a tap did nothing ("Please read to the end of this risk first…"), said as it comes
        to a patient who has listened: on screen only, they heard nothing and felt stuck."""
        refusal = view.refusal
        said = words(refusal) if refusal is not None else ""
        if said == self._refused:
            return
        self._refused = said
        if not said or not self._listener or self._form is None or self.now.covers:
            return
        clips = self._window.station.audio.clips_for(self._form, sentences(said))
        if clips:
            self._start(playing.prompt(Sound.REFUSAL, clips))

    def _sentence(self, n: int) -> None:
        sound, mark = self.now.sound, self.now.mark(n)
        if sound is Sound.LANGUAGES:  # the language's button in the list, as Welcome marks its own
            self._window.language_chooser.buttons.mark(mark.language or None)
            return
        if sound is not Sound.SCREEN:
            return
        if self._window.model is not None:
            self._window.model.listening.sentence(n)
        self._window.page.highlight(mark.sentence or None)  # a control's words: the control
        self._window.welcome.mark(mark)
        self._window.top.show_listen(True, True)

    def _stopped(self, completed: bool) -> None:
        stopped, self.now = self.now, NOTHING
        if stopped.sound is Sound.LANGUAGES:
            self._window.language_chooser.buttons.mark(None)
            return
        if stopped.sound is not Sound.SCREEN:  # not the screen: nothing to record, no sign of them
            return
        if self._window.model is not None:
            self._window.model.listening.ended(completed)
        self._window.page.highlight(None)
        self._window.welcome.mark(None)
        self._window.top.show_listen(bool(self.clips), False)
        self._window.listened()  # the idle timer starts again from the end of the audio
