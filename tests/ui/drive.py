"""Driving the real widgets as a patient would: taps, typed dates, reading to the end, a finger
signature, and walking a briefing. The one module the UI tests share for it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QSize, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlalchemy.exc import OperationalError

from benchmarks import robot
from kiosk.i18n import Msg, words_for
from kiosk.session import ScreenKind
from kiosk.ui.widgets.keypad import DateKeypad
from kiosk.ui.widgets.signature_pad import SignaturePad
from kiosk.ui.window import KioskWindow
from tests.ui.seen import settle

if TYPE_CHECKING:
    from kiosk.station import Station


def tap(qtbot: QtBot, widget: QWidget) -> None:
    """A finger tap: the widget must be visible and enabled, as for a person."""
    assert widget.isVisible(), f"{widget!r} is not on screen"
    assert widget.isEnabled(), f"{widget!r} is disabled"
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def key(keypad: QWidget, text: str) -> QAbstractButton:
    for b in keypad.findChildren(QAbstractButton):
        if b.text() == text and b.isVisible():
            return b
    raise AssertionError(f"no key {text!r}")


def type_date(qtbot: QtBot, keypad: DateKeypad, digits: str) -> None:
    """Type a date given as MMDDYYYY (or fewer digits, month first) the way the keypad's language
    writes it: day first in Spanish and Arabic, as a patient reading those boxes would."""
    order = keypad.entry().order
    split = {"month": digits[0:2], "day": digits[2:4], "year": digits[4:]}
    for d in "".join(split[kind] for kind in order) if len(digits) == 8 else digits:
        tap(qtbot, key(keypad, d))


def _mouse(widget: QWidget, kind: QEvent.Type, x: float, y: float, buttons: Qt.MouseButton) -> None:
    local = QPointF(x, y)
    event = QMouseEvent(
        kind,
        local,
        QPointF(widget.mapToGlobal(QPoint(round(x), round(y)))),
        Qt.MouseButton.LeftButton,
        buttons,
        Qt.KeyboardModifier.NoModifier,
    )
    QApplication.sendEvent(widget, event)


def draw(pad: SignaturePad, points: list[tuple[float, float]]) -> None:
    """One stroke with the mouse (a finger's synthesized mouse events look the same)."""
    (x0, y0), rest = points[0], points[1:]
    _mouse(pad, QEvent.Type.MouseButtonPress, x0, y0, Qt.MouseButton.LeftButton)
    for x, y in rest:
        _mouse(pad, QEvent.Type.MouseMove, x, y, Qt.MouseButton.LeftButton)
    x1, y1 = points[-1]
    _mouse(pad, QEvent.Type.MouseButtonRelease, x1, y1, Qt.MouseButton.NoButton)


def scribble(pad: SignaturePad) -> None:
    """A signature: a wave and a cross stroke."""
    import math

    w, h = pad.width(), pad.height()
    draw(pad, [(w * 0.1 + i * w * 0.012, h * 0.5 + h * 0.2 * math.sin(i / 4)) for i in range(60)])
    draw(pad, [(w * 0.3 + i * w * 0.02, h * 0.7 - i * h * 0.01) for i in range(20)])


def texts(root: QWidget | None = None) -> list[str]:
    """Every piece of text any widget of the application holds, shown or not."""
    roots = [root] if root else QApplication.topLevelWidgets()
    found: list[str] = []
    for top in roots:
        for w in [top, *top.findChildren(QWidget)]:
            found += [w.windowTitle(), w.toolTip(), w.accessibleName(), w.accessibleDescription()]
            if isinstance(w, QLabel | QAbstractButton):
                found.append(w.text())
            if isinstance(w, QLineEdit):
                found += [w.text(), w.displayText(), w.placeholderText()]
    return [t for t in found if t]


def english(message: str | Msg, **args: object) -> str:
    """A message's words in English, for tests whose point is the words a patient reads."""
    return words_for("en")(message, **args)


def next_(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.bottom.primary)


def kind(window: KioskWindow) -> ScreenKind:
    return window.briefing.current.kind if window.briefing else ScreenKind.WELCOME


def message(window: KioskWindow) -> str:
    """What a tap that did nothing says, where the screen says it (`benchmarks.robot.message`)."""
    return robot.message(window)


def choose(qtbot: QtBot, window: KioskWindow, choice_id: str) -> None:
    """Tap an answer, scrolling to it first as a patient would when the list is long."""
    b = window.question.buttons[choice_id]
    window.question.choices.ensureWidgetVisible(b)
    tap(qtbot, b)


def scroll_to_end(qtbot: QtBot, area: QAbstractScrollArea) -> None:
    """Slide the text up to its end, as a finger would, and let the screen see it."""
    qtbot.waitUntil(area.isVisible)
    bar = area.verticalScrollBar()
    bar.setValue(bar.maximum())


def acknowledge(qtbot: QtBot, window: KioskWindow) -> None:
    """Read the risk to its end, then tap “I understand this risk”."""
    scroll_to_end(qtbot, window.reading.body)
    qtbot.waitUntil(window.reading.understand.isEnabled)
    tap(qtbot, window.reading.understand)


def sign_here(qtbot: QtBot, window: KioskWindow) -> None:
    """Read what signing means to its end, then sign on the pad (Sign is not tapped yet)."""
    scroll_to_end(qtbot, window.sign.statement)
    qtbot.waitUntil(window.bottom.primary.isEnabled)
    scribble(window.sign.pad)


def chosen_look(
    qtbot: QtBot, window: KioskWindow, size: QSize, language: str, *, larger: bool = True
) -> None:
    """On Welcome, as a patient sets it up: the screen at `size`, `language` tapped, Larger text
    (unless not `larger`)."""
    window.show_at(size)
    tap(qtbot, window.welcome.languages.buttons[language])
    if larger:
        tap(qtbot, window.top.larger_button)


LEAST_GAP = 24
"""Pixels at least between two targets a finger tells apart, edge to edge as drawn."""


def drawn(button: QAbstractButton, window: QWidget) -> QRect:
    """Where the button's border is drawn: inside its style's margin (2 px, 0 for the chosen)."""
    margin = 0 if button.isChecked() else 2
    top_left = button.mapTo(window, button.rect().topLeft())
    return QRect(top_left, button.size()).adjusted(margin, margin, -margin, -margin)


def begin(qtbot: QtBot, window: KioskWindow, dob_digits: str = "03141951") -> None:
    """Touch Start and confirm the date of birth: the patient is on the first reading screen."""
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    type_date(qtbot, window.identity.keypad, dob_digits)
    next_(qtbot, window)
    assert kind(window) is ScreenKind.ABOUT, message(window)


def walk_to(qtbot: QtBot, window: KioskWindow, target: ScreenKind, flag: str | None = None) -> None:
    """Go forward as a patient would, doing what each screen asks, until `target` shows."""
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        if kind(window) is target:
            return
        forward(qtbot, window, flag)
    raise AssertionError(f"{target} never came")


def reach(
    qtbot: QtBot,
    window: KioskWindow,
    size: QSize,
    language: str,
    target: ScreenKind,
    *,
    larger: bool = True,
) -> None:
    """As a patient: the look chosen on Welcome (`chosen_look`), the briefing begun, and forward
    to `target`."""
    chosen_look(qtbot, window, size, language, larger=larger)
    begin(qtbot, window)
    walk_to(qtbot, window, target)


SHORT = QSize(1280, 640)
"""A window shorter than any kiosk's screen: with Larger text, a risk's words are longer than their
room there (at 1280x800, with the page's whole height theirs, most fit)."""


def walk_to_a_long_risk(qtbot: QtBot, window: KioskWindow) -> None:
    """Go forward to the first risk whose words are longer than their room (they scroll)."""
    b = window.briefing
    assert b is not None
    for _ in range(len(b.screens) * 2):
        settle()  # the page laid out for its words (a picture placed beside them or after)
        body = window.reading.body
        if kind(window) is ScreenKind.RISK and body.content_height() > body.viewport().height():
            return
        forward(qtbot, window)
    raise AssertionError("no risk scrolls")


def forward(qtbot: QtBot, window: KioskWindow, flag: str | None = None) -> None:
    """Do what the screen asks (acknowledge, flag the risk `flag`, answer rightly) and touch Next."""
    b = window.briefing
    assert b is not None
    screen = b.current
    if screen.kind is ScreenKind.RISK and screen.id not in b.acknowledgements:
        acknowledge(qtbot, window)
        if screen.id == flag:
            tap(qtbot, window.bottom.flag)
    elif screen.kind is ScreenKind.QUESTION and not b.answers_to(screen.id):
        question = b.form.question(screen.id)
        choose(qtbot, window, question.answer)
    next_(qtbot, window)
    assert b.current != screen, f"stuck on {screen.id}: {message(window)}"


def tap_on_screen(qtbot: QtBot, widget: QWidget, pos: QPoint | None = None) -> None:
    """A tap at `pos` (default: the centre) on a widget that may lie beyond the offscreen test
    screen (800×800): inside a scroll area, QScroller holds the press back and replays it to the
    widget found at its *global* position, which is none there. The window is moved for the tap
    so that the point is on the screen, and put back."""
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen().availableGeometry()
    at = widget.rect().center() if pos is None else pos
    point = widget.mapToGlobal(at)
    window = widget.window()
    home = window.pos()
    dx = max(0, point.x() - screen.right() + 8)
    dy = max(0, point.y() - screen.bottom() + 8)
    if dx or dy:
        window.move(home - QPoint(dx, dy))
        QApplication.processEvents()
    try:
        assert widget.isVisible(), f"{widget!r} is not on screen"
        assert widget.isEnabled(), f"{widget!r} is disabled"
        qtbot.mouseClick(widget, Qt.MouseButton.LeftButton, pos=at)
    finally:
        if dx or dy:
            window.move(home)
            QApplication.processEvents()


def pick(qtbot: QtBot, window: KioskWindow, choice_id: str) -> None:
    """`choose`, for any display size: scroll to the answer and tap it (see `tap_on_screen`)."""
    b = window.question.buttons[choice_id]
    window.question.choices.ensureWidgetVisible(b)
    tap_on_screen(qtbot, b)


@contextmanager
def store_refusing(station: Station) -> Iterator[None]:
    """Within the block, every step the kiosk stores is refused, as when another program holds the
    database: the patient's tap must say so and change nothing."""

    def locked(event: object) -> None:
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(station.recorder, "record", locked)
        yield


def offer_listen(window: KioskWindow, *languages: str) -> None:
    """Listen offered, as on a kiosk whose audio is rendered (short tones, in these languages)."""
    from tests.shared import render_beeps

    render_beeps(window.station, *languages)
    window.model.offer_read_aloud(True, False)


def walk_up_with_larger_text(
    qtbot: QtBot, window: KioskWindow, name: str = "Nguyễn Thị Ánh", mmddyyyy: str = "05201948"
) -> None:
    """A walk-up patient touches Start, turns Larger text on, types their name and birth date."""
    tap(qtbot, window.welcome.start_button)
    tap(qtbot, window.top.larger_button)
    window.identity.name.setText(name)
    next_(qtbot, window)
    type_date(qtbot, window.identity.keypad, mmddyyyy)
    next_(qtbot, window)
