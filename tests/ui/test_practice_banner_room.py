"""Practice mode's PRACTICE banner is as tall as its words: each line, ink and all, inside its
border with the padding kept. A reviewer, in Arabic on a portrait screen: the third line of
Welcome's banner touched the border (a tanween under its last word reached past the line, and the
banner was only as tall as QLabel measures the lines; the border took 2 px of the padding)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QTextLayout, QTextOption
from pytestqt.qtbot import QtBot

from kiosk.session import ScreenKind
from kiosk.ui.fonts import load_fonts
from kiosk.ui.widgets.practice import PADDING, PracticeBanner
from kiosk.ui.window import KioskWindow
from tests.ui.drive import chosen_look, kind, tap
from tests.ui.seen import INK_CLOSE, settle


@pytest.fixture
def practice_banner() -> bool:
    return True


def lines_ink(banner: PracticeBanner) -> list[QRectF]:
    """Each line's ink (the bounding rect of its glyphs, where they are placed: a mark under a
    letter included), wrapped at the banner's width and centred in its room as it is drawn."""
    m = banner.margin()
    room = banner.contentsRect().adjusted(m, m, -m, -m)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    option.setTextDirection(banner.layoutDirection())
    layout = QTextLayout(banner.text(), banner.font())
    layout.setTextOption(option)
    layout.beginLayout()
    height = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(room.width())
        line.setPosition(QPointF(0, height))
        height += line.height()
    layout.endLayout()
    top = room.top() + max(0.0, (room.height() - height) / 2)  # (centred)
    found = []
    for n in range(layout.lineCount()):
        ink = QRectF()
        for run in layout.lineAt(n).glyphRuns():
            raw = run.rawFont()
            for glyph, at in zip(run.glyphIndexes(), run.positions(), strict=True):
                box = raw.boundingRect(glyph).translated(at)
                if not box.isEmpty():
                    ink = ink.united(box)
        found.append(ink.translated(0, top))
    return found


def inked_rows(banner: PracticeBanner) -> list[int]:
    """The rows of the banner as drawn that hold its words' ink."""
    image = banner.grab().toImage()
    ratio = image.devicePixelRatio()
    ink = banner.palette().color(banner.foregroundRole())
    rows = []
    for y in range(image.height()):
        for x in range(0, image.width(), 1):
            c = image.pixelColor(x, y)
            near = abs(c.red() - ink.red()) + abs(c.green() - ink.green())
            if near + abs(c.blue() - ink.blue()) < INK_CLOSE:
                rows.append(int(y / ratio))
                break
    return rows


def check(banner: PracticeBanner, where: str) -> None:
    margins, border = banner.contentsMargins(), banner.frameWidth()
    assert border > 0, "the style sheet's border"
    assert margins.top() >= border + PADDING[1] and margins.bottom() >= border + PADDING[1]
    inside = banner.contentsRect()
    assert banner.height() == banner.heightForWidth(banner.width()), where
    for n, ink in enumerate(lines_ink(banner), 1):
        assert inside.top() <= ink.top() and ink.bottom() <= inside.bottom() + 1, (
            f"{where}: line {n}'s ink at y {ink.top():.1f}-{ink.bottom():.1f}, "
            f"its room y {inside.top()}-{inside.bottom()}"
        )
    rows = inked_rows(banner)
    assert rows, where
    assert inside.top() <= min(rows) and max(rows) <= inside.bottom(), (
        f"{where}: ink drawn in rows {min(rows)}-{max(rows)}, room {inside.top()}-{inside.bottom()}"
    )


@pytest.mark.parametrize(
    ("display", "language", "larger"),
    [
        (QSize(1080, 1920), "ar", False),
        (QSize(1080, 1920), "ar", True),
        (QSize(1280, 800), "ar", False),
        (QSize(1280, 800), "es", True),
        (QSize(1920, 1080), "en", False),
    ],
    ids=["portrait-ar", "portrait-ar-larger", "1280x800-ar", "1280x800-es-larger", "1920-en"],
)
def test_no_line_of_the_practice_banner_touches_its_border(
    qtbot: QtBot, window: KioskWindow, prepared: str, display: QSize, language: str, larger: bool
) -> None:
    load_fonts()  # the kiosk's own fonts, as on a kiosk (Arabic's marks are the fonts')
    load_fonts(fallbacks=True)
    chosen_look(qtbot, window, display, language, larger=larger)
    settle()
    banner = window.practice
    assert banner is not None and banner.isVisible()
    assert banner.layoutDirection() == (
        Qt.LayoutDirection.RightToLeft if language == "ar" else Qt.LayoutDirection.LeftToRight
    )
    check(banner, "Welcome")
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    settle()
    check(banner, "the identity screen")
