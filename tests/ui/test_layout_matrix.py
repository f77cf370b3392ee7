"""Every screen of the patient's path as a patient sees it, at every display, text size and theme.

Run it (from a worktree, with the shared venv):

    PYTHONPATH=. /work/main/.venv/bin/python -m pytest -q tests/ui/test_layout_matrix.py

Each (display, text size, theme) is one test: 1280×800, 1920×1080 and portrait 1080×1920; normal and
larger text (the top bar's toggle); standard and high contrast. Each walks a prepared briefing once,
through the real widgets, and on every screen on the way asks `tests.ui.seen.look` what a patient
sees: welcome; identity (keypad), and after a wrong date; about, each step and risk; each risk after
Next without acknowledging it (the refusal), and acknowledged; options and precautions; each question,
answered wrongly (the screen to read again, then the question with its feedback; for the question with
the longest answer, wrongly twice: "The answer is: …"), and answered; review; sign, and sign refused
for an empty signature; done (with “Print my copy”). Then, in walk-up mode, a second patient's name
(empty and typed) and birth-date screens. A second test per combination walks a re-briefing (a
changed risk and a new one, each headed so, the review, signing) and Done's “Print my copy”
offered, refused by the printer and printed.

What is measured (see tests/ui/seen.py): each visible text's rendered extent, with its widget's own
font, against the widget's contents rect (cut, or a word too wide to wrap) and against the part of the
widget visible in the window (below the fold of a scroll area with no "more below" cue, cut by a
container, off the window); interactive widgets and texts overlapping; wrapped lines over 75
characters; text squeezed into a narrow column; the main action not wholly on screen; a scroll bar
with nothing to scroll to (no range, or no words out of view). Findings are collected over the walk
and asserted at its end, one line per different finding with the screens it was seen on. A page that
scrolls passes only with a visible "more below" cue: a widget with `role="more-below"` (or the object
name `moreBelow`) on the scroll area's page; its content below the fold is then reported as
`below_fold`, which is no failure. The whole matrix takes about 30 s on two cores.

To look at what is measured, SEEN_SHOTS=/some/folder saves a screenshot of every screen checked,
one folder per test id, numbered in walk order.

Every combination must pass: what a patient sees wrong is raised as `Unreadable`, one line per finding.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QLabel, QPushButton, QScrollArea, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.i18n import PSEUDO
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.rebriefings import prepare_rebriefing
from kiosk.ui.overlays import YES_APART
from kiosk.ui.pages.scroll import SLACK_PX
from kiosk.ui.window import KioskWindow
from tests.session.fakes import FakeClock
from tests.shared import fake_lp
from tests.ui.conftest import DOB, NAME
from tests.ui.drive import (
    acknowledge,
    kind,
    message,
    next_,
    pick,
    scribble,
    scroll_to_end,
    tap,
    type_date,
)
from tests.ui.matrix import (
    HEARD,
    RIGHT_DATE,
    WALK_UP_NAME,
    WRONG_DATE,
    Eye,
    Unreadable,
    combinations,
    longest_moment,
)
from tests.ui.seen import (
    Kind,
    look,
    problems,
    report,
    settle,
)
from tests.versions_forms import brief


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(longest_moment())


@pytest.fixture
def settings() -> dict[str, object]:
    """Walk-up mode on: the prepared briefing goes first, then a walk-up patient; Done offers
    “Print my copy”."""
    return {"walk_up_mode": True, "patient_copy": True}


@pytest.fixture(autouse=True)
def _printer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A fake `lp`: it refuses the first copy, and takes the next (never a real printer)."""
    tried = tmp_path / "tried"
    fake_lp(
        tmp_path / "bin", f'[ -e {tried} ] || {{ touch {tried}; echo "lp: no paper" >&2; exit 1; }}'
    )
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")


def walk(
    qtbot: QtBot, window: KioskWindow, eye: Eye, language: str = "en", larger: bool = False
) -> None:
    """The whole patient path of the prepared briefing, then walk-up's identity screens."""
    eye.check("welcome")
    choice = window.welcome.listen_button  # every screen read aloud: chosen, then not again
    tap(qtbot, choice)
    assert choice.isChecked()
    eye.check("welcome, every screen read aloud")
    tap(qtbot, choice)
    tap(qtbot, window.welcome.start_button)
    eye.check("identity")
    type_date(qtbot, window.identity.keypad, WRONG_DATE)
    next_(qtbot, window)
    assert message(window)
    eye.check("identity, wrong date")
    type_date(qtbot, window.identity.keypad, RIGHT_DATE)
    eye.check("identity, date typed")  # the date in words shows under the boxes
    next_(qtbot, window)
    b = window.briefing
    assert b is not None and kind(window) is ScreenKind.ABOUT
    form = b.form
    slowest = max(form.questions, key=lambda q: len(q.choice(q.answer).text)).id
    for _ in range(len(b.screens) * 2):
        screen = b.current
        name = screen.id
        if screen.kind is ScreenKind.SIGN:
            break
        eye.check(name)
        scrolls = window.reading.body.verticalScrollBar().maximum() > SLACK_PX  # a pixel: rounding
        if screen.kind is ScreenKind.RISK and scrolls:
            # Part of the risk is below the fold: it cannot be acknowledged before it was read.
            assert not window.reading.understand.isEnabled(), f"{name}: acknowledgeable unread"
        if screen.kind is ScreenKind.RISK:
            next_(qtbot, window)  # not yet acknowledged: refused
            assert b.current == screen and message(window)
            eye.check(f"{name}, Next refused")
            acknowledge(qtbot, window)
            eye.check(f"{name}, acknowledged")
        elif screen.kind is ScreenKind.QUESTION:
            question = form.question(name)
            wrong = next(c.id for c in question.choices if c.id != question.answer)
            pick(qtbot, window, wrong)
            assert b.revisiting
            eye.check(f"{name}, wrong: read {b.current.id} again")
            next_(qtbot, window)
            eye.check(f"{name}, wrong: feedback")
            if name == slowest:
                pick(qtbot, window, wrong)
                eye.check(f"{name}, wrong twice: the answer is")
            else:
                pick(qtbot, window, question.answer)
                eye.check(f"{name}, answered")
        next_(qtbot, window)
        assert b.current != screen, f"stuck on {name}: {message(window)}"
    assert kind(window) is ScreenKind.SIGN
    eye.check("sign")
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    eye.check("sign, read to the end")
    clock = window.station.clock
    assert isinstance(clock, FakeClock)
    clock.advance(float(window.station.config["idle_warning_seconds"]))  # no touch for so long
    window.tick()
    assert window.still_there.isVisible()
    eye.check("are you still there?")
    cover = window.still_there  # its answer apart from the words, as a screen's main action is
    words = cover.countdown.geometry()
    assert cover.yes_button.geometry().top() - words.bottom() > YES_APART, (words, cover)
    tap(qtbot, window.still_there.yes_button)
    assert not window.still_there.isVisible()
    assert window.sign.switch.isVisible()  # typed signatures are offered (the default)
    tap(qtbot, window.sign.switch)
    window.sign.typed.setText(WALK_UP_NAME)
    eye.check("sign, typing the name instead")
    window.sign.typed.setText("")
    tap(qtbot, window.sign.switch)
    next_(qtbot, window)  # nothing drawn yet
    assert message(window)
    eye.check("sign, empty signature refused")
    scribble(window.sign.pad)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    eye.check("done")

    tap(qtbot, window.done.finish)
    if language in window.welcome.languages.buttons:  # the next patient chooses theirs again
        tap(qtbot, window.welcome.languages.buttons[language])
    if larger:  # and their text size (a reviewer found the accents' last row cut with it)
        tap(qtbot, window.top.larger_button)
    tap(qtbot, window.welcome.start_button)
    keyboard = window.identity.keyboard
    assert keyboard.isVisible()
    eye.check("walk-up name")
    window.identity.name.setText(WALK_UP_NAME)
    eye.check("walk-up name, typed")
    if not keyboard.script_showing():  # (Arabic's own letters first: no accents key there)
        tap(qtbot, keyboard.accents_key)
        assert keyboard.accents_showing()
        eye.check("walk-up name, accents")
        tap(qtbot, keyboard.accents_key)
        assert not keyboard.accents_showing()
    next_(qtbot, window)
    assert window.identity.keypad.isVisible()
    eye.check("walk-up birth date")


def print_my_copy(qtbot: QtBot, window: KioskWindow, eye: Eye) -> None:
    """Done's “Print my copy”: offered, refused by the printer (the first time), then printed."""
    done = window.done
    qtbot.waitUntil(done.print_button.isVisible)
    eye.check("done, print my copy")
    tap(qtbot, done.print_button)
    qtbot.waitUntil(lambda: done.print_button.isEnabled() and done.copy.isVisible())
    eye.check("done, copy not printed")
    tap(qtbot, done.print_button)
    qtbot.waitUntil(lambda: not done.print_button.isVisible())
    eye.check("done, copy printed")


def rebriefing(qtbot: QtBot, window: KioskWindow, eye: Eye, language: str) -> None:
    """A re-briefing (a changed risk and a new one, then review and signing) to Done."""
    form = window.station.forms["mild"]
    if language in window.welcome.languages.buttons:
        tap(qtbot, window.welcome.languages.buttons[language])
    eye.check("welcome")
    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, RIGHT_DATE)
    next_(qtbot, window)
    assert window.briefing is not None and window.briefing.current.id == form.risks[0].id
    eye.check("re-briefing: a changed risk")
    acknowledge(qtbot, window)
    next_(qtbot, window)
    eye.check("re-briefing: a new risk")
    acknowledge(qtbot, window)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.REVIEW
    eye.check("re-briefing: review")
    next_(qtbot, window)
    scroll_to_end(qtbot, window.sign.statement)
    scribble(window.sign.pad)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)


def earlier_version(station: Station) -> str:
    """A briefing signed on an earlier version of mild (its first risk worded otherwise, its last
    not there yet), for the patient of the prepared briefing; a re-briefing prepared for it."""
    form = station.forms["mild"]
    first = form.risks[0].model_copy(update={"body": "The words this risk had before."})
    older = form.model_copy(update={"version": "0.9.0", "risks": [first, *form.risks[1:-1]]})
    now = station.clock.now()
    earlier = brief(
        station.store, older, NAME, DOB, planned=(now + timedelta(days=3)).date(), when=now
    )
    return prepare_rebriefing(station.store, earlier, form, staff="Sam Carter", now=now)


@pytest.mark.parametrize(("display", "larger", "contrast", "language"), list(combinations()))
def test_a_rebriefing_and_print_my_copy_can_be_read_whole(
    qtbot: QtBot,
    window: KioskWindow,
    station: Station,
    display: QSize,
    larger: bool,
    contrast: bool,
    language: str,
) -> None:
    """The re-briefing's screens (headed “Changed …”, “New …”) and Done's “Print my copy” (offered,
    refused by the printer, printed), at every display, text size, theme and language."""
    earlier_version(station)
    window.show_at(display)
    if language == PSEUDO:
        assert window.model is not None
        window.model.set_home_language(language)
    if larger:
        tap(qtbot, window.top.larger_button)
    if contrast:
        tap(qtbot, window.top.contrast_button)
    eye = Eye(window, catalog_only=language == PSEUDO)
    rebriefing(qtbot, window, eye, language)
    print_my_copy(qtbot, window, eye)
    bad = problems(eye.findings)
    if bad:
        raise Unreadable(f"{len(bad)} findings on {len(eye.screens)} screens:\n{report(bad)}")


PRACTICE = [
    pytest.param(
        QSize(1280, 800), larger, False, language, True, id=f"practice-1280x800-{text}-{language}"
    )
    for larger, text in ((False, "normal"), (True, "larger"))
    for language in ("en", "es", "ar", PSEUDO)
    if not (larger and language == PSEUDO)
] + [pytest.param(QSize(1920, 1080), True, False, "es", True, id="practice-1920x1080-larger-es")]
"""Under practice mode's PRACTICE banner (a line off every screen's height): on the shortest
display, in each shipped language at both text sizes (a reviewer found Spanish's keypad cut by
Confirm, and Clear over the signature pad, there), and at 1920x1080 in Spanish with Larger text
(the toggles keep their words there, as without the banner), and the pseudo-locale at normal
text (its refusals' lines, drawn partly from other fonts, are taller than two lines kept for them:
Next was cut by 6 px). Not the pseudo-locale with larger text: 40% longer than English on top of the banner
and larger words, a question's last choices and the signing page do not fit 1280x800."""


@pytest.mark.parametrize(
    ("display", "larger", "contrast", "language", "practice_banner"),
    [*(pytest.param(*c.values, False, id=c.id) for c in combinations()), *PRACTICE],
)
def test_every_screen_can_be_read_whole(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    display: QSize,
    larger: bool,
    contrast: bool,
    language: str,
    practice_banner: bool,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Every screen with its audio rendered, so Listen stands in the top bar as on a kiosk that ran
    # `kiosk speech render` (its sound is test_listen's; here only the room it takes).
    monkeypatch.setattr(
        window.station.audio,
        "clips_for",
        lambda form, said: HEARD if said else (),
    )
    monkeypatch.setattr(window.station.audio, "voice", lambda form: "a voice")
    # Nothing plays: what a patient who chose it on Welcome hears (a refusal said, say) is
    # test_listen's; these clips are no files.
    monkeypatch.setattr(window.listening.speaker, "play", lambda clips: None)
    assert window.model is not None
    window.model.offer_read_aloud(True, False)  # and Welcome offers every screen read aloud
    window.show_at(display)
    if language == PSEUDO:
        window.model.set_home_language(language)
    else:
        tap(qtbot, window.welcome.languages.buttons[language])
        assert window.words.language == language
    if larger:
        tap(qtbot, window.top.larger_button)
    if contrast:
        tap(qtbot, window.top.contrast_button)
    assert window.size() == display
    assert (window.practice is not None and window.practice.isVisible()) is practice_banner
    shots = os.environ.get("SEEN_SHOTS")
    test_id = os.environ.get("PYTEST_CURRENT_TEST", "").split("[")[-1].split("]")[0]
    eye = Eye(window, Path(shots) / test_id if shots else None, catalog_only=language == PSEUDO)
    walk(qtbot, window, eye, language, larger)
    bad = problems(eye.findings)
    if bad:
        raise Unreadable(f"{len(bad)} findings on {len(eye.screens)} screens:\n{report(bad)}")


def test_the_eye_sees_a_cut_word_a_hidden_answer_a_cue_and_an_empty_scroll_bar(
    qtbot: QtBot,
) -> None:
    """`seen` itself, on widgets made here: what it reports is what is on the window."""
    window = QWidget()
    qtbot.addWidget(window)
    window.resize(400, 300)
    back = QPushButton("‹  Back", window)
    back.setGeometry(0, 0, 40, 40)
    area = QScrollArea(window)
    area.setGeometry(0, 50, 400, 100)
    area.setWidgetResizable(True)
    column = QWidget()
    rows = QVBoxLayout(column)
    for n in range(6):
        rows.addWidget(QLabel(f"Answer {n + 1}"))
    area.setWidget(column)
    empty = QScrollArea(window)
    empty.setGeometry(0, 160, 400, 100)
    empty.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    empty.setWidgetResizable(True)
    empty.setWidget(QLabel("All of it"))
    window.show()
    qtbot.waitExposed(window)
    settle()

    found = look(window, "made", main_action=back)
    kinds = {(f.kind, f.text) for f in found}
    assert (Kind.CUT, "‹ Back") in kinds
    assert (Kind.MAIN_ACTION, "‹ Back") not in kinds  # cut, but wholly on the window
    assert any(f.kind is Kind.HIDDEN and "below the fold" in f.detail for f in found)
    assert (Kind.EMPTY_SCROLL, "All of it") in kinds
    cut = next(f for f in found if f.kind is Kind.CUT)
    assert "reads '…" in cut.detail and "Back" not in cut.detail.split("reads")[1]

    cue = QLabel("More below ↓", window)
    cue.setProperty("role", "more-below")
    cue.setGeometry(200, 0, 200, 40)
    cue.show()
    settle()
    below = look(window, "made")
    assert not [f for f in problems(below) if f.kind is Kind.HIDDEN]
    assert any(f.kind is Kind.BELOW_FOLD for f in below)


def test_the_eye_sees_a_word_not_from_the_catalog(qtbot: QtBot, window: KioskWindow) -> None:
    """In the pseudo-locale every word from the catalog shows bracketed: a literal does not."""
    window.show_at(QSize(1280, 800))
    assert window.model is not None
    window.model.set_home_language(PSEUDO)
    eye = Eye(window, catalog_only=True)
    eye.check("welcome")
    assert not [f for f in eye.findings if f.kind is Kind.NOT_FROM_CATALOG]
    stray = QLabel("Please wait", window.welcome)
    stray.show()
    eye.check("welcome, with a literal")
    found = [f for f in eye.findings if f.kind is Kind.NOT_FROM_CATALOG]
    assert [f.text for f in found] == ["Please wait"]
