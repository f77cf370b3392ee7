"""What is said aloud now, and what on screen each of its sentences names: one value, replaced as a
sound starts and cleared as it ends, that the screens draw their marks from (a sentence on the page,
a language's button, Welcome's “Touch here to start”). And when a screen is read aloud unasked, as
it is drawn. No Qt: the touchscreen plays the clips and draws the marks.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action

if TYPE_CHECKING:
    from kiosk.speech.listening import Clip


class Sound(Enum):
    """What is said."""

    NOTHING = "nothing"
    SCREEN = "screen"
    """The screen on show (Listen, or every screen read as it opens): recorded, and the patient is
    there while it plays."""
    STILL_THERE = "still-there"
    """“Are you still there?”, to a patient who has listened: not the screen, no sign of them."""
    LANGUAGES = "languages"
    """Each other language offered in itself, over the list of languages: not the screen."""
    REFUSAL = "refusal"
    """Why a tap did nothing, to a patient who listens: not the screen."""


@dataclass(frozen=True)
class Mark:
    """What on screen a sentence names while it is said: a text on the page (`sentence`), or a
    control: a language's button (`language`), or the one an action is tapped on (`action`).
    Empty: nothing is marked."""

    sentence: str = ""
    language: str = ""
    action: Action | None = None


@dataclass(frozen=True)
class Playing:
    """What is said (or about to be: the languages wait for their list to be drawn), its clips in
    order and, clip by clip, what it names on screen."""

    sound: Sound = Sound.NOTHING
    clips: tuple[Clip, ...] = ()
    marks: tuple[Mark, ...] = ()

    def mark(self, at: int) -> Mark:
        """What clip `at` names (-1, or past the end: nothing)."""
        return self.marks[at] if 0 <= at < len(self.marks) else Mark()

    @property
    def holds_idle(self) -> bool:
        """Heard, it is a sign the patient is there (“Are you still there?” is the kiosk's doing)."""
        return self.sound not in (Sound.NOTHING, Sound.STILL_THERE)

    @property
    def listened(self) -> bool:
        """The patient's own Listen (or their choice of every screen read): a second tap stops it.
        What the kiosk says to them unasked (a question, a refusal) a tap on Listen does not."""
        return self.sound in (Sound.SCREEN, Sound.LANGUAGES)

    @property
    def covers(self) -> bool:
        """Said over the screen (“Are you still there?”, the list of languages): the screen drawn
        again underneath does not stop it."""
        return self.sound in (Sound.STILL_THERE, Sound.LANGUAGES)


NOTHING = Playing()


def screen(
    clips: Sequence[Clip],
    controls: Mapping[str, Action] | None = None,
    offers: Sequence[tuple[str, Clip]] = (),
) -> Playing:
    """The screen read aloud: each sentence marks itself on the page, but one that names a control
    (`controls`: Welcome's “Touch here to start”) marks that control; then each other language's
    offer (Welcome: “Para español, toque «Español»”), by its code, marks that language's button."""
    named = controls or {}
    marks = [
        Mark(action=named[c.text]) if c.text in named else Mark(sentence=c.text) for c in clips
    ]
    marks += [Mark(language=code) for code, _ in offers]
    return Playing(Sound.SCREEN, (*clips, *(clip for _, clip in offers)), tuple(marks))


def languages(offers: Sequence[tuple[str, Clip]]) -> Playing:
    """Each other language offered in itself over the list of languages, its button marked."""
    clips = tuple(clip for _, clip in offers)
    return Playing(Sound.LANGUAGES, clips, tuple(Mark(language=code) for code, _ in offers))


def prompt(sound: Sound, clips: Sequence[Clip]) -> Playing:
    """“Are you still there?” or a refusal: said, nothing on screen marked."""
    return Playing(sound, tuple(clips), tuple(Mark() for _ in clips))


@dataclass(frozen=True)
class Shown:
    """The screen as it was last drawn, for Listen: which, in what language, what it reads aloud
    (a risk's last words apart: acknowledging it is the same screen), and whether the patient
    has every screen read aloud (and may choose it)."""

    screen_id: str
    language: str
    said: tuple[str, ...]
    kind: ScreenKind
    read_aloud: bool
    offered: bool

    def opens(self, before: Shown | None) -> bool:
        """Another screen than `before`, or the same in other words: what was read stops."""
        if before is None:
            return True
        return (self.screen_id, self.language, self.said) != (
            before.screen_id,
            before.language,
            before.said,
        )


def reads_as_drawn(before: Shown | None, now: Shown) -> bool:
    """Whether the screen is read aloud, unasked, as it is drawn: for a patient who has every
    screen read, each as it opens; and the screen on show as they turn it on, or as they choose
    another language on it (they are there, and silence would tell them nothing happened). Never
    Welcome as it comes back between patients, nor the first screen drawn: nobody may be there."""
    if not now.read_aloud or before is None:
        return False
    if _turned(before, now):
        return True  # just turned on, here
    if now.kind is ScreenKind.WELCOME:  # only its language chosen, on it
        return before.screen_id == now.screen_id and before.language != now.language
    return now.opens(before)


def quiets_as_drawn(before: Shown | None, now: Shown) -> bool:
    """The patient turned every screen read aloud off, here: the screen's reading stops (a tap
    that would go on reading is not what they asked)."""
    return before is not None and before.read_aloud and not now.read_aloud and _turned(before, now)


def _turned(before: Shown, now: Shown) -> bool:
    """Every screen read aloud turned on or off on this screen by the patient: where it was
    offered already (the kiosk offering it as it starts, say, is nobody's tap)."""
    chosen = before.offered and now.offered and before.read_aloud != now.read_aloud
    return chosen and not now.opens(before)
