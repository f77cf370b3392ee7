"""A name in every script the PDF prints shows on screen in real glyphs, from the kiosk's own fonts
(this machine has only DejaVu Sans of its own, like a fresh Debian install), shaped as HarfBuzz
shapes it."""

from __future__ import annotations

import pytest
from fontTools.ttLib import TTFont
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.ui.fonts import BASE_FAMILY, load_fonts
from tests.shared import SCRIPT_NAMES, SHAPED_SCRIPTS, font_file, harfbuzz_glyphs

pytestmark = pytest.mark.gui


@pytest.fixture(scope="module")
def families(qapp: QApplication) -> set[str]:
    base = load_fonts()
    return {*base, *load_fonts(fallbacks=True)}


def _runs(text: str) -> list[tuple[str, list[int]]]:
    layout = QTextLayout(text, QFont(BASE_FAMILY, 32))
    layout.beginLayout()
    layout.createLine()
    layout.endLayout()
    return [(run.rawFont().familyName(), list(run.glyphIndexes())) for run in layout.glyphRuns()]


def test_the_script_fonts_are_registered(families: set[str]) -> None:
    assert {
        BASE_FAMILY,
        "Noto Sans Devanagari",
        "Noto Sans Thai",
        "Kiosk Hangul Gothic",
    } <= families
    assert "Droid Sans Fallback" in families and "Noto Sans Ethiopic" in families


@pytest.mark.parametrize("script", list(SCRIPT_NAMES))
def test_a_name_shows_in_real_glyphs(families: set[str], script: str) -> None:
    runs = _runs(SCRIPT_NAMES[script])
    assert runs
    for family, glyphs in runs:
        assert family in families, f"{family} is not a kiosk font"
        assert 0 not in glyphs, f"a box in {family}"


@pytest.mark.parametrize("script", sorted(SHAPED_SCRIPTS))
def test_qt_shapes_a_name_as_harfbuzz_does(families: set[str], script: str) -> None:
    path = font_file(script)
    with TTFont(path, lazy=True) as file:
        order = file.getGlyphOrder()
        family = file["name"].getDebugName(1)
    for word in SCRIPT_NAMES[script].split():
        runs = _runs(word)
        if {f for f, _ in runs} != {family}:
            continue  # drawn from DejaVu Sans, which has the script too (Lao)
        drawn = [order[g] for _, glyphs in runs for g in glyphs]
        assert drawn == harfbuzz_glyphs(path, word)


def test_a_label_with_a_hindi_name_draws(qtbot: QtBot, families: set[str]) -> None:
    label = QLabel(SCRIPT_NAMES["devanagari"])
    qtbot.addWidget(label)
    label.show()
    qtbot.waitExposed(label)
    assert not label.grab().toImage().isNull()


def test_before_the_first_screen_only_dejavu_sans_is_loaded(qapp: QApplication) -> None:
    """The script fonts wait until Welcome is painted (kiosk.ui.app), so cold start does not grow."""
    assert set(load_fonts()) == {BASE_FAMILY}
