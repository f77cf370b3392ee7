"""The layout matrix's eye and its combinations (tests/ui/test_layout_matrix.py has what it measures):
every display, text size, theme and language a patient's screens are checked at, and the eye that
looks at the window on each screen of a walk. Shared by the matrix and the cosign screens' walk."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, QSize
from PySide6.QtWidgets import QWidget

from kiosk.i18n import PSEUDO, languages, words_for
from kiosk.speech.listening import Clip
from kiosk.ui import theme as kiosk_theme
from kiosk.ui.widgets.signature_pad import SignaturePad
from kiosk.ui.window import KioskWindow
from tests.ui.seen import (
    Finding,
    Kind,
    look,
    main_action_of,
    not_from_catalog,
    settle,
    strings_of,
    touch_and_type,
)

DISPLAYS = {
    "1280x800": QSize(1280, 800),
    "1920x1080": QSize(1920, 1080),
    "1080x1920": QSize(1080, 1920),
}
WRONG_DATE = "01011950"
RIGHT_DATE = "03141951"
WALK_UP_NAME = "Seán O'Brien-Łukasiewicz"
HEARD = (Clip("A sentence.", Path("000.wav"), 1.0, "0" * 64),)
"""A screen's audio, as far as the layout is concerned: there is some, so Listen shows."""


def longest_moment() -> datetime:
    """The clock of a layout walk: late on the last day of the longest month, next year, so the
    date and time over the signature are as long as a patient may see them. A walk on the real
    clock passed or failed by the hour CI ran at (a two-digit hour is one digit wider)."""
    return datetime(datetime.now(UTC).year + 1, 9, 30, 22, 59, tzinfo=UTC)


class Unreadable(AssertionError):
    """What a patient sees is wrong (a walk that goes astray, a tap that does nothing or a screen
    that never comes, fails as any test does)."""


def combinations() -> Iterator[Any]:
    for display, size in DISPLAYS.items():
        for text in ("normal", "larger"):
            for theme in ("standard", "contrast"):
                test_id = f"{display}-{text}-{theme}"
                yield pytest.param(size, text == "larger", theme == "contrast", "en", id=test_id)
            # The pseudo-locale: about 40% longer than English, and every word from the catalog
            # shows bracketed and accented (high contrast changes colours only).
            test_id = f"{display}-{text}-standard-{PSEUDO}"
            yield pytest.param(size, text == "larger", False, PSEUDO, id=test_id)
            # The shipped translations, chosen on Welcome as a patient does: Spanish (longer
            # than English) and Arabic (right to left).
            for lang in ("es", "ar"):
                yield pytest.param(
                    size, text == "larger", False, lang, id=f"{display}-{text}-standard-{lang}"
                )


class Eye:
    """Looks at the window on each screen of the walk and keeps what it finds."""

    def __init__(
        self, window: KioskWindow, shots: Path | None = None, *, catalog_only: bool = False
    ) -> None:
        self.window = window
        self.catalog_only = catalog_only
        """Every word shown must come from the catalog (run in the pseudo-locale), the form's
        content, the patient's own details or Babel's formatting of a date."""
        self.allowed: set[str] = {WALK_UP_NAME}  # typed by the patient
        # Each language is offered by its own name in itself, whatever language the screen is in.
        self.allowed |= {words_for(lang)("language.self") for lang in languages()}
        self.findings: list[Finding] = []
        self.screens: list[str] = []
        self.shots = shots
        """Where to save a screenshot of each screen looked at (SEEN_SHOTS=folder), if anywhere."""

    def check(self, screen: str) -> None:
        w = self.window
        settle()
        main = main_action_of(w.bottom.primary, w.welcome.start_button, w.done.finish)
        seen: QWidget = w
        if w.still_there.isVisible():  # it covers the page: what the patient sees is on it
            seen, main = w.still_there, w.still_there.yes_button
        self.findings += look(seen, screen, main_action=main, interactive=(SignaturePad,))
        self.findings += touch_and_type(
            seen,
            screen,
            touch_px=kiosk_theme.TOUCH_PX,
            text_px=kiosk_theme.BASE_PX,
            main_action=main,
            exempt=(w.top.corner,),  # staff's hidden corner is held, not tapped
        )
        self.findings += choices_whole(w, screen)
        if self.catalog_only:
            self.findings += self._not_from_catalog(screen)
        self.screens.append(screen)
        if self.shots is not None:
            self.shots.mkdir(parents=True, exist_ok=True)
            file = re.sub(r"[^a-z0-9]+", "-", screen.lower()).strip("-")
            w.grab().save(str(self.shots / f"{len(self.screens):02d}-{file}.png"))

    def _not_from_catalog(self, screen: str) -> list[Finding]:
        b = self.window.briefing
        if b is not None:
            self.allowed |= set(strings_of(b.form.model_dump(mode="json")))
            if b.patient is not None:
                self.allowed.add(b.patient.name)
        return not_from_catalog(self.window, screen, self.allowed)


def choices_whole(window: KioskWindow, screen: str) -> list[Finding]:
    """A question's choices are each whole on screen, before and after an answer: a patient
    chooses among what they see (the eye lets text above a scroll area's top pass, as scrolled past
    by the patient; a choice the page itself scrolled out of view, to show the word on the answer,
    was not)."""
    page = window.question
    if not page.isVisible():
        return []
    view = page.choices.viewport()
    found = []
    for b in page.buttons.values():
        if b.isHidden():
            continue
        at = QRect(b.mapTo(view, QPoint(0, 0)), b.size())
        if not view.rect().contains(at):
            seen = at.intersected(view.rect())
            found.append(
                Finding(
                    screen,
                    b.words.text()[:40],
                    Kind.CHOICE_NOT_WHOLE,
                    f"{seen.height()} of its {at.height()} px on screen (at y {at.top()} in a "
                    f"{view.height()} px view)",
                )
            )
    return found
