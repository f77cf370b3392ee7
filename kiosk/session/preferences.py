"""What the screen model keeps across a patient's screens besides the briefing: the language each
screen is in, which languages are offered, and reading aloud; and the one change signal."""

from __future__ import annotations

from collections.abc import Sequence

from kiosk.i18n import Words, words_for
from kiosk.session.changes import Events
from kiosk.session.view import View


class Preferences:
    """The language and reading-aloud choices of the kiosk and of the patient at it."""

    def __init__(self, language: str) -> None:
        self.events = Events()
        self._view: View | None = None
        """The current screen as data, worked out once per change."""
        self._language = language
        self._offered: tuple[str, ...] = (language,)
        self._chosen: str | None = None
        """The language the patient chose on Welcome, before their briefing was found."""
        self.words: Words = words_for(language)
        self._read_aloud = (False, False)
        """Whether reading every screen aloud is offered (some audio is rendered), and the
        clinic's default for each new patient."""
        self.read_aloud = False
        """This patient's choice: every screen read aloud as it opens."""

    def set_language(self, language: str) -> None:
        """This patient's language (the next one starts in the clinic's again)."""
        self.words = words_for(language)
        self._changed()

    def set_home_language(self, language: str) -> None:
        """The clinic's language: each patient starts in it; it shows now."""
        self._language = language
        self.set_language(language)

    def offer_read_aloud(self, offered: bool, default: bool) -> None:
        """Whether Welcome offers reading every screen aloud (only where audio is rendered), and
        whether each patient starts with it on (the `read_aloud` setting)."""
        self._read_aloud = (offered, default and offered)
        self.read_aloud = self._read_aloud[1]
        self._changed()

    def set_read_aloud(self, on: bool) -> None:
        """The patient's choice on Welcome: every screen read aloud as it opens, or not."""
        if self._read_aloud[0] and on != self.read_aloud:
            self.read_aloud = on
            self._changed()

    def stopped_reading(self) -> None:
        """The patient stopped a screen being read to them (“Stop”): they asked for quiet, so no
        screen is read aloud as it opens from here; Listen reads one when they ask. (A reviewer's
        Stop silenced one screen and the next was read aloud again: the choice was on Welcome.)"""
        self.set_read_aloud(False)

    def offer_languages(self, languages: Sequence[str]) -> None:
        """The languages this kiosk offers patients, the clinic's main one first (it shows now)."""
        self._offered = tuple(dict.fromkeys(languages)) or (self._language,)
        self.set_home_language(self._offered[0])

    def redraw(self) -> None:
        """Something the screen shows changed outside the model (staff named a representative
        while staff mode was open): worked out afresh, and every page draws it."""
        self._changed()

    def _changed(self) -> None:
        self._view = None
        self.events.changed.emit()
