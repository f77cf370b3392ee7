"""Where the patient is on the path: its screens in order, the one shown, a detour to reread one,
and the time spent on each. The briefing (kiosk.session.flow) decides when it may move."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.session.clock import Clock
from kiosk.session.events import ScreenShown, ScreenTime
from kiosk.session.kinds import ScreenKind
from kiosk.session.state import Screen
from kiosk.session.timing import ScreenTimes

if TYPE_CHECKING:  # the content's models (pydantic) load with the store, after the first screen
    from kiosk.content.schema import Form


def patient_path(form: Form) -> tuple[Screen, ...]:
    """The ordered screens of the patient's path for this form."""
    screens = [Screen(ScreenKind.WELCOME, "welcome"), Screen(ScreenKind.IDENTITY, "identity")]
    screens += [
        Screen(ScreenKind(kind.value), content.id) for kind, content in form.content_screens()
    ]
    screens += [Screen(ScreenKind.QUESTION, q.id) for q in form.questions]
    screens += [
        Screen(ScreenKind.REVIEW, "review"),
        Screen(ScreenKind.SIGN, "sign"),
        Screen(ScreenKind.DONE, "done"),
    ]
    return tuple(screens)


@dataclass(frozen=True)
class Revisit:
    """A detour off the path: `screen` reread after a wrong answer to the question at `question_index`."""

    question_index: int
    screen: Screen


class Walk:
    """The patient's place on the path of a form, and the time spent on each screen.

    It moves where it is told and keeps the time; it decides nothing (Briefing does)."""

    def __init__(self, form: Form, clock: Clock) -> None:
        self.screens: tuple[Screen, ...] = patient_path(form)
        self.form = form
        """The procedure in the language of the screens now."""
        self._index = 0
        self._revisit: Revisit | None = None
        self._times = ScreenTimes(clock)
        self._seen: dict[str, list[str]] = {}
        """The languages each screen was shown in, by screen id, in the order shown."""
        self.changes: dict[str, str] = {}
        """On a re-briefing (kiosk.session.rebrief): each shown screen, "added" or "changed"."""
        self._arrive()

    @property
    def current(self) -> Screen:
        return self._revisit.screen if self._revisit else self.screens[self._index]

    @property
    def place(self) -> Screen:
        """The screen on the path the patient is at: while rereading, the question they return to."""
        return self.screens[self._index]

    @property
    def revisiting(self) -> bool:
        """True while the patient rereads a screen after a wrong answer; next and back both return."""
        return self._revisit is not None

    @property
    def progress(self) -> tuple[int, int]:
        """Where the patient is on the path: (screen number from 1, number of screens)."""
        return self._index + 1, len(self.screens)

    def on_path(self, screen_id: str) -> bool:
        """Whether the screen is on this briefing's path (a re-briefing leaves the unchanged out)."""
        return any(screen.id == screen_id for screen in self.screens)

    def seconds_on(self, screen_id: str) -> float:
        """Total seconds the screen has been shown, the current visit included."""
        return self._times.seconds_on(screen_id, showing=self.current.id == screen_id)

    def screen_times(self) -> tuple[ScreenTime, ...]:
        """Visits and seconds for every screen shown so far, in path order."""
        return self._times.shown([s.id for s in self.screens], self.current.id)

    def screens_shown(self, languages: Mapping[str, Form]) -> tuple[ScreenShown, ...]:
        """Each screen of the form's words shown so far, once per language it was shown in, with
        that screen's own hash there (`languages`: the procedure in each language offered)."""
        from kiosk.content.versions import screen_sha256

        shown = []
        for screen_id, seen_in in self._seen.items():
            for language in seen_in:
                form = languages[language]
                sha = screen_sha256(form, screen_id)
                if sha is not None:
                    shown.append(ScreenShown(screen_id, language, sha, form.content_sha256))
        return tuple(shown)

    def _see(self) -> None:
        """The current screen is now shown in the current language."""
        seen_in = self._seen.setdefault(self.current.id, [])
        if self.form.language not in seen_in:
            seen_in.append(self.form.language)

    def _move_to(self, index: int) -> Screen:
        self._leave()
        self._index = index
        self._arrive()
        return self.current

    def _start_revisit(self, revisit: Revisit) -> None:
        self._leave()
        self._revisit = revisit
        self._arrive()

    def _end_revisit(self) -> Screen:
        assert self._revisit is not None
        self._leave()
        self._index = self._revisit.question_index
        self._revisit = None
        self._arrive()
        return self.current

    def _leave(self) -> None:
        self._times.leave(self.current.id)

    def _arrive(self) -> None:
        self._times.arrive(self.current.id)
        self._see()
