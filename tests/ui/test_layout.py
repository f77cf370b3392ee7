"""Text sizes per display, the text-size and contrast toggles, every colour pair at 7:1 or better,
and a finger scrolls long content. Each screen at every display, text size and theme is walked
and measured by test_layout_matrix (nothing cut, targets at least 64 px, text at least 24 px)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFontInfo
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui import theme
from kiosk.ui.dress import QUIET_MS
from kiosk.ui.typeset import BODY
from kiosk.ui.window import KioskWindow
from tests.ui.drive import begin, choose, forward, kind, next_, tap, type_date, walk_to


def test_larger_text_and_high_contrast_toggle_from_the_top_bar(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Every screen at each size and theme is walked by test_layout_matrix; here, the toggles."""
    tap(qtbot, window.top.larger_button)
    tap(qtbot, window.top.contrast_button)
    assert window.look.body == round(24 * theme.LARGER)
    assert window.look.palette is theme.HIGH_CONTRAST
    assert "#000000" in window.sheet and "#000000" in window.top.styleSheet()
    tap(qtbot, window.top.larger_button)
    assert window.look.body == 24
    tap(qtbot, window.top.contrast_button)
    assert window.look.palette is theme.STANDARD


def test_pages_not_on_screen_take_a_new_look_only_while_nobody_touches(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Restyling a hidden page holds the screen's thread: it must never stand in a tap's way."""

    def behind() -> list[str]:
        return [type(p).__name__ for p in window.distinct_pages if p.property(BODY) != body()]

    def body() -> int:
        return window.look.body

    tap(qtbot, window.top.larger_button)
    assert window.page.property(BODY) == body()  # what the patient sees: at once
    assert behind(), "every page restyled at once: the tap paid for pages nobody sees"
    # A touch anywhere puts the hidden pages' turn off until the screen has been quiet again.
    qtbot.waitUntil(lambda: window.restyler.due_in_ms() < QUIET_MS - 50, timeout=5_000)
    handle = window.windowHandle()
    assert handle is not None
    words = window.top.where  # the heading: nothing happens when it is touched
    QTest.mouseClick(
        handle, Qt.MouseButton.LeftButton, pos=words.mapTo(window, words.rect().center())
    )
    assert window.restyler.due_in_ms() > QUIET_MS - 50
    assert behind(), "restyled before the screen was quiet"
    qtbot.waitUntil(lambda: not behind() and not window.restyler.pending(), timeout=10_000)


def text_sizes(window: KioskWindow) -> list[str]:
    """Each text on screen whose size is not its role's at the window's body size (the keys, with
    sheets of their own, and the practice banner, in a fixed size, are left out)."""
    body = window.look.body
    share = {"title": 40, "heading": 30, "language": 30}
    wrong = []
    for part in (window.top, window.bottom, window.page):
        for w in part.findChildren(QWidget):
            text = w.text() if isinstance(w, (QLabel, QAbstractButton, QLineEdit)) else ""
            if not text or not w.isVisibleTo(window) or _own_sheet(w, part):
                continue
            role = str(w.property("role") or "")
            if isinstance(w, QLineEdit):
                want = round(32 * body / 24)
            elif role in share:
                want = round(share[role] * body / 24)
            else:
                want = body
            got = QFontInfo(w.font()).pixelSize()
            if got != want:
                wrong.append(
                    f"{type(w).__name__} {role or '-'} {text[:20]!r}: {got} px, not {want}"
                )
    return wrong


def _own_sheet(widget: QWidget, part: QWidget) -> bool:
    while widget is not part:
        if widget.styleSheet():
            return True
        parent = widget.parentWidget()
        assert parent is not None
        widget = parent
    return False


def test_every_text_is_in_its_size_as_larger_text_comes_and_goes(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """ "Larger text" sets sizes as fonts, not as a style sheet: every text drawn, on every screen of
    the walk (rows made as it goes, a title that became a heading), is in its role's size."""
    tap(qtbot, window.top.larger_button)
    assert window.look.larger and text_sizes(window) == []
    begin(qtbot, window)
    seen = set()
    while kind(window) is not ScreenKind.SIGN:
        assert text_sizes(window) == [], kind(window)
        seen.add(kind(window))
        if kind(window) is ScreenKind.RISK:
            tap(qtbot, window.top.larger_button)  # off, and on again on the next risk
            assert text_sizes(window) == [], "switched on a risk"
        forward(qtbot, window)
    assert text_sizes(window) == []
    assert {ScreenKind.ABOUT, ScreenKind.RISK, ScreenKind.QUESTION, ScreenKind.REVIEW} <= seen


def test_text_sizes_follow_the_display_and_never_shrink() -> None:
    assert theme.body_px(QSize(1280, 800)) == 24
    assert theme.body_px(QSize(1920, 1080)) == 32
    assert theme.body_px(QSize(1080, 1920)) == 32  # a portrait screen is read from nearer
    assert theme.body_px(QSize(800, 600)) == 24
    assert theme.body_px(QSize(3840, 2160)) == 65


@pytest.mark.parametrize("palette", [theme.STANDARD, theme.HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_colour_has_at_least_7_to_1_contrast(palette: theme.Palette) -> None:
    colours = theme.palette_colours(palette)
    for text, background in theme.TEXT_PAIRS:
        ratio = theme.contrast(colours[text], colours[background])
        assert ratio >= 7.0, f"{palette.name}: {text} on {background} is {ratio:.2f}:1"


def test_the_contrast_formula_matches_wcag() -> None:
    assert theme.contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def test_long_content_scrolls_with_a_finger(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    from PySide6.QtWidgets import QScroller

    tap(qtbot, window.welcome.start_button)
    type_date(qtbot, window.identity.keypad, "03141951")
    next_(qtbot, window)
    viewport = window.reading.body.viewport()
    assert QScroller.hasScroller(viewport)


@pytest.mark.parametrize("larger", [False, True])
@pytest.mark.parametrize("display", [QSize(1280, 800), QSize(1080, 1920)])
def test_the_word_on_an_answer_stands_right_under_the_choices(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize, larger: bool
) -> None:
    """Not at the foot of a tall screen, ~1,000 px from the answer the patient just tapped; and
    answering moves no choice (its room was counted before it showed)."""
    window.show_at(display)
    if larger:
        tap(qtbot, window.top.larger_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.QUESTION)
    page = window.question
    buttons = list(page.buttons.values())
    before = [b.mapTo(window, b.rect().topLeft()) for b in buttons]
    role = page.prompt.property("role")
    b = window.briefing
    assert b is not None
    choose(qtbot, window, b.form.question(b.current.id).answer)
    qtbot.waitUntil(page.feedback.isVisible)
    after = [b.mapTo(window, b.rect().topLeft()) for b in buttons]
    # The answer's thicker border may push those below it by its width (4 px), no more.
    assert all(
        0 <= (a - b).y() <= 4 and a.x() == b.x() for a, b in zip(after, before, strict=True)
    ), (before, after)
    assert page.prompt.property("role") == role
    assert not page.feedback.visibleRegion().isEmpty()
    last = buttons[-1]
    below = last.mapTo(window, last.rect().bottomLeft()).y()
    word = page.feedback.mapTo(window, page.feedback.rect().topLeft()).y()
    assert 0 <= word - below <= page.choices.content.spacing() + 4


@pytest.mark.parametrize("contrast", [False, True], ids=["standard", "high-contrast"])
def test_the_hint_in_an_empty_field_is_as_readable_as_any_text(
    qtbot: QtBot, window: KioskWindow, prepared: str, contrast: bool
) -> None:
    """Qt drew "Type your full name" in the text's colour at half strength: 3.5:1 on white."""
    from PySide6.QtGui import QColor, QPalette

    if contrast:
        tap(qtbot, window.top.contrast_button)
    begin(qtbot, window)
    walk_to(qtbot, window, ScreenKind.SIGN)
    field = window.sign.typed
    field.ensurePolished()
    hint = field.palette().color(QPalette.ColorRole.PlaceholderText)
    assert hint.alpha() == 255
    surface = QColor(window.look.palette.surface).name()
    assert theme.contrast(hint.name(), surface) >= 7.0
