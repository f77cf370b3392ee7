"""What is said aloud now and what each sentence names on screen, and when a screen is read aloud
unasked, decided without Qt: Welcome's “Touch here to start” names its button, as each language's
offer names its own; a patient who turns on every screen read aloud hears the screen on show at
once (it was silent on Welcome), never Welcome as it comes back between patients."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.session import playing as p
from kiosk.session.playing import Mark, Shown, Sound, quiets_as_drawn, reads_as_drawn
from kiosk.session.view import Action, welcome
from kiosk.speech.listening import Clip
from kiosk.speech.said import controls_said, spoken


def clip(text: str) -> Clip:
    return Clip(text, Path(f"{abs(hash(text))}.wav"), 1.0, "0" * 64)


def test_welcome_names_its_start_button_and_each_language_its_own() -> None:
    en = words_for("en")
    view = welcome()
    said = spoken(view, en)
    controls = controls_said(view, en)
    assert controls == {en("welcome.start"): Action.START}
    assert said[-1] == en("welcome.start")  # its way in, last of its own words
    offers = [("es", clip("Para español, toque «Español».")), ("ar", clip("للعربية"))]
    reading = p.screen([clip(s) for s in said], controls, offers)
    assert reading.sound is Sound.SCREEN
    assert [c.text for c in reading.clips] == [*said, *(c.text for _, c in offers)]
    assert reading.mark(0) == Mark(sentence=en("welcome.title"))
    assert reading.mark(len(said) - 1) == Mark(action=Action.START)  # the button, not a text
    assert [reading.mark(len(said) + n) for n in range(2)] == [
        Mark(language="es"),
        Mark(language="ar"),
    ]
    assert reading.mark(-1) == reading.mark(len(reading.clips)) == Mark()  # nothing playing


def test_a_reading_screen_names_no_control() -> None:
    reading = p.screen([clip("Title"), clip("A sentence.")])
    assert reading.marks == (Mark(sentence="Title"), Mark(sentence="A sentence."))


def test_what_plays_says_whether_the_patient_is_there_and_what_listen_stops() -> None:
    screen = p.screen([clip("Title")])
    asking = p.prompt(Sound.STILL_THERE, [clip("Are you still there?")])
    refusal = p.prompt(Sound.REFUSAL, [clip("Please choose an answer.")])
    offers = p.languages([("es", clip("Para español, toque «Español»."))])
    assert offers.marks == (Mark(language="es"),)
    assert asking.marks == (Mark(),) and refusal.marks == (Mark(),)
    assert [x.holds_idle for x in (p.NOTHING, screen, asking, refusal, offers)] == [
        False,
        True,
        False,
        True,
        True,
    ]
    assert [x.listened for x in (screen, asking, refusal, offers)] == [True, False, False, True]
    assert [x.covers for x in (screen, asking, refusal, offers)] == [False, True, False, True]


WELCOME = Shown("welcome", "en", ("Welcome",), ScreenKind.WELCOME, read_aloud=False, offered=True)
ABOUT = Shown("about", "en", ("About",), ScreenKind.ABOUT, read_aloud=True, offered=True)
DONE = Shown("done", "en", ("Thank you",), ScreenKind.DONE, read_aloud=False, offered=True)


def test_turning_every_screen_read_aloud_on_reads_welcome_at_once() -> None:
    """It was silent: a patient who tapped it could not tell it had worked."""
    on = replace(WELCOME, read_aloud=True)
    assert reads_as_drawn(WELCOME, on)
    assert not reads_as_drawn(on, on)  # drawn again (a larger text): read once
    assert quiets_as_drawn(on, WELCOME)  # turned off: what it read stops
    assert not quiets_as_drawn(WELCOME, WELCOME)
    spanish = replace(on, language="es", said=("Bienvenido",))
    assert reads_as_drawn(on, spanish)  # another language chosen on it: heard in it
    assert not reads_as_drawn(WELCOME, replace(WELCOME, language="es"))  # unless not chosen


def test_welcome_is_never_read_as_it_comes_back_nor_as_the_kiosk_starts() -> None:
    on = replace(WELCOME, read_aloud=True)  # the clinic's choice for each patient
    assert not reads_as_drawn(None, on)
    assert not reads_as_drawn(replace(WELCOME, offered=False), on)  # offered now: nobody's tap
    assert not reads_as_drawn(DONE, on)  # the patient gone (theirs was off), the next one's on
    assert not reads_as_drawn(replace(DONE, read_aloud=True), on)


def test_every_other_screen_is_read_as_it_opens_for_a_patient_who_chose_it() -> None:
    on = replace(WELCOME, read_aloud=True)
    assert reads_as_drawn(on, ABOUT)
    assert not reads_as_drawn(ABOUT, ABOUT)  # the same screen drawn again
    assert not reads_as_drawn(on, replace(ABOUT, read_aloud=False))
    assert ABOUT.opens(on) and not ABOUT.opens(ABOUT) and ABOUT.opens(None)
    assert replace(ABOUT, said=("About", "I understand this risk")).opens(ABOUT)
