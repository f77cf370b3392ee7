"""A toggle in the top bar shows its words wherever the bar has room for them, and keeps them (or its
glyph alone) from screen to screen. What a reviewer walking the real app found, measured on what
is shown (a toggle's text, the widths laid out, the room left):

- Spanish, Welcome, 1280x800: Listen and Quieter as glyphs alone, about 420 px empty beside them
  (the words over the bar are empty on Welcome, yet a fifth of the width was kept for them);
- English, 1280x800: Listen a glyph alone on the identity screen, with its word on About (a glyph
  alone had been traded for a line of height, the trade judged by each screen's heading);
- Larger text, 1280x800: High contrast a glyph alone while its words had room in a row;
- Arabic, portrait, Larger text: Quieter a glyph alone (two rows had room for its words, but the
  words and the bar spanned two empty columns, two gaps more)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QSize
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from kiosk.i18n import words_for
from kiosk.session import ScreenKind
from kiosk.ui.chrome import TopBar
from kiosk.ui.top_fit import glyphs_alone, in_two_rows
from kiosk.ui.window import KioskWindow
from tests.ui.drive import acknowledge, chosen_look, kind, next_, pick, tap, type_date
from tests.ui.matrix import HEARD
from tests.ui.seen import settle

SIZES = [QSize(1280, 800), QSize(1920, 1080), QSize(1080, 1920)]


@pytest.fixture
def heard(window: KioskWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every screen has audio: Listen and Quieter show (five toggles past Welcome)."""
    monkeypatch.setattr(window.station.audio, "clips_for", lambda form, said: HEARD if said else ())
    monkeypatch.setattr(window.station.audio, "voice", lambda form: "a voice")


def words_of(top: TopBar, b: QPushButton, language: str) -> tuple[str, ...]:
    """The words a toggle shows when it shows them (Listen and Quieter: either of two)."""
    words = words_for(language)
    keys = {
        top.listen_button: ("frame.listen", "frame.listen-stop"),
        top.volume_button: ("frame.quieter", "frame.louder"),
        top.language_button: ("language.self",),
        top.larger_button: ("frame.larger-text",),
        top.contrast_button: ("frame.high-contrast",),
    }[b]
    return tuple(words(k) for k in keys)


def words_px(top: TopBar, b: QPushButton, language: str) -> int:
    return max(b.fontMetrics().horizontalAdvance(t) for t in words_of(top, b, language))


def shown(top: TopBar) -> list[QPushButton]:
    return [b for b in top.toggles if b.isVisible()]


def around_words(top: TopBar, language: str) -> int:
    """What a toggle with words takes besides them (glyph, padding, border), as laid out: the least
    over those showing words (one in a column shared with a wider one is wider); none: a glyph
    alone's width, which is more."""
    worded = [b.width() - words_px(top, b, language) for b in shown(top) if b.text()]
    return min(worded, default=max(b.sizeHint().width() for b in shown(top)))


def room_for_words(top: TopBar, b: QPushButton, language: str) -> int:
    """What is left across the bar if `b`, a glyph alone, took its words: the staff's corner, and
    each column of toggles as wide as laid out (two rows share theirs), a gap between each."""
    columns = {(t.x(), t.width()) for t in shown(top)}
    taken = top.corner.width() + sum(w for _, w in columns)
    taken += (len(columns) + 1) * top.grid.horizontalSpacing()
    wider = max(0, words_px(top, b, language) + around_words(top, language) - b.width())
    return top.width() - taken - wider


def test_words_are_kept_from_the_last_in_order_wherever_they_fit() -> None:
    in_sum = lambda widths: sum(widths) <= 550  # noqa: E731
    # Larger text (last) keeps its words, then as many before it as fit, in order.
    assert glyphs_alone([250, 200, 300], 100, [0, 1, 2], in_sum) == {0, 1}
    assert glyphs_alone([150, 150, 150], 100, [0, 1, 2], in_sum) == set()
    assert glyphs_alone([600, 600, 600], 100, [0, 1, 2], in_sum) == {0, 1, 2}
    # Two rows sharing their columns (Listen over Larger text, Quieter over High contrast): words
    # that fit in a column as wide as the toggle under them are kept; High contrast's are wider
    # than the room left for them even with every other toggle its glyph alone.
    two_rows = lambda widths: in_two_rows(widths, 820, 0, 0)  # noqa: E731
    assert glyphs_alone([300, 300, 500, 350], 100, [1, 0, 3, 2], two_rows) == {3}


@pytest.mark.parametrize("language", ["es", "en", "ar"])
@pytest.mark.parametrize("size", [QSize(1280, 800), QSize(1920, 1080)], ids=str)
def test_on_welcome_the_toggles_take_the_empty_row(
    qtbot: QtBot, window: KioskWindow, heard: None, language: str, size: QSize
) -> None:
    window.show_at(size)
    tap(qtbot, window.welcome.languages.buttons[language])
    settle()
    top = window.top
    assert not top.where.text() and not top.bar.isVisible()  # nothing over the bar on Welcome
    toggles = shown(top)
    assert len(toggles) == 4
    # The row's empty run: from the staff's corner to the nearest toggle (right to left in Arabic).
    corner = top.corner.geometry()
    gap = top.grid.horizontalSpacing()
    if top.isRightToLeft():
        empty = corner.left() - max(b.geometry().right() for b in toggles) - 1 - 2 * gap
    else:
        empty = min(b.x() for b in toggles) - corner.right() - 1 - 2 * gap
    for b in toggles:
        if not b.text():
            need = words_px(top, b, language)
            assert empty < need, f"{b.accessibleName()}: its glyph alone, {empty} px empty beside"


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("language", ["en", "es", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_a_glyph_alone_only_where_the_bar_has_no_room_for_its_words(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    heard: None,
    size: QSize,
    language: str,
    larger: bool,
) -> None:
    chosen_look(qtbot, window, size, language, larger=larger)
    tap(qtbot, window.welcome.start_button)
    for screen in ("identity", "about"):
        settle()
        top = window.top
        assert len(shown(top)) == 5
        for b in shown(top):
            if not b.text():
                room = room_for_words(top, b, language)
                assert room < 0, f"{screen}: {b.accessibleName()} a glyph alone, {room} px to spare"
        if screen == "identity":
            type_date(qtbot, window.identity.keypad, "03141951")
            next_(qtbot, window)


def walk_to_signing(qtbot: QtBot, window: KioskWindow) -> dict[tuple[object, ...], str]:
    """From Start to signing: each different state of the toggles (words shown or not, and where
    each stands across), with the first screen it was seen on. On each, the toggles are checked
    whole and apart: within the bar, on no other toggle nor on the staff's corner, and at least as
    wide as the words they show."""
    tap(qtbot, window.welcome.start_button)
    top = window.top
    seen: dict[tuple[object, ...], str] = {}
    while True:
        settle()
        toggles = shown(top)
        assert len(toggles) == 5
        screen = window.briefing.current.id if window.briefing else "?"
        boxes = [top.corner.geometry(), *(b.geometry() for b in toggles)]
        for i, box in enumerate(boxes):
            assert top.rect().contains(box), f"{screen}: out of the bar"
            assert not any(box.intersects(other) for other in boxes[i + 1 :]), f"{screen}: overlap"
        for b in toggles:
            assert b.width() >= b.fontMetrics().horizontalAdvance(b.text()), f"{screen}: cut"
        state = tuple((bool(b.text()), b.mapTo(window, QPoint(0, 0)).x()) for b in toggles)
        seen.setdefault(state, screen)
        if kind(window) is ScreenKind.SIGN:
            return seen
        if kind(window) is ScreenKind.IDENTITY:
            type_date(qtbot, window.identity.keypad, "03141951")
        elif kind(window) is ScreenKind.RISK:
            acknowledge(qtbot, window)
        elif kind(window) is ScreenKind.QUESTION:
            b = window.briefing
            assert b is not None
            pick(qtbot, window, b.form.question(b.current.id).answer)
        next_(qtbot, window)


@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("language", ["en", "es", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=str)
def test_the_toggles_keep_their_words_and_places_from_identity_to_signing(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    heard: None,
    size: QSize,
    language: str,
    larger: bool,
) -> None:
    chosen_look(qtbot, window, size, language, larger=larger)
    seen = walk_to_signing(qtbot, window)
    assert len(seen) == 1, f"the toggles' words or places changed: {sorted(seen.values())}"


@pytest.mark.parametrize("practice_banner", [True], ids=["practice"])
@pytest.mark.parametrize("larger", [False, True], ids=["normal", "larger"])
@pytest.mark.parametrize("language", ["en", "es", "ar"])
def test_under_the_practice_banner_too(
    qtbot: QtBot,
    window: KioskWindow,
    prepared: str,
    heard: None,
    practice_banner: bool,
    language: str,
    larger: bool,
) -> None:
    # Under the banner at 1280x800 the toggles leave a heading room beside them (the identity
    # page's keys need the line): the same words on every screen all the same.
    assert window.practice is not None and window.practice.isVisible()
    tap(qtbot, window.welcome.languages.buttons[language])
    if larger:
        tap(qtbot, window.top.larger_button)
    seen = walk_to_signing(qtbot, window)
    assert len(seen) == 1, f"the toggles' words or places changed: {sorted(seen.values())}"
