"""A reading screen's picture: the content's SVG drawn at whatever size the page gives it, its
proportions kept, with the words that stand for it as its accessible name."""

from __future__ import annotations

from collections import OrderedDict

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.session.view import Figure

KEPT = 32
"""Drawings kept parsed (a procedure has a dozen pictures at most, in every language the same)."""
DRAWN = 3
"""Drawings kept as pixels: the one on screen, the next screen's made ahead, the one before."""

STEP = 16
"""A picture's height, when the room's height limits it, in steps of this many pixels."""

Key = tuple[str, int, int, float]
"""A drawing's SHA-256, the width and height it was drawn at, and the screen's pixel ratio."""


class Picture(QWidget):
    """Draws a `Figure`, centred in its rectangle at the largest size that keeps its proportions.

    Each drawing is parsed once (by its SHA-256) and kept: turning to a screen costs a paint.
    The drawing at the widget's size is kept as a pixmap too, so a repaint (a sentence highlighted
    while it is read aloud, the text size switched, a scroll) copies pixels instead of drawing
    the SVG again (0.5 to 1.9 ms at 1920x1080). The next screen's drawing is made ahead, at this
    size, while the patient reads (`prepare`), and the last few are kept for Back."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._renderers: dict[str, QSvgRenderer] = {}
        self._renderer: QSvgRenderer | None = None
        self.figure: Figure | None = None
        self._drawn: OrderedDict[Key, QPixmap] = OrderedDict()
        self._sizes: dict[str, tuple[int, int]] = {}
        """The size each drawing was last painted at (by SHA-256)."""
        self._last_size: tuple[int, int] | None = None
        """The size the last drawing of any was painted at (None: none painted yet)."""

    def show_figure(self, figure: Figure | None) -> None:
        """Draw this picture (None: none, and the widget hides)."""
        self.figure = figure
        if figure is None:
            self._renderer = None
            self.setAccessibleName("")
            self.hide()
            return
        self._renderer = self._parsed(figure)
        self.setAccessibleName(figure.alt)
        self.show()
        self.update()

    def prepare(self, figure: Figure) -> None:
        """Draw `figure` now, kept for when its screen shows: at the size it was last painted at
        (a screen's picture takes the same size for each patient), or else at the size of the
        last picture painted; before any picture was painted, its size is not known: nothing."""
        size = self._sizes.get(figure.sha256, self._last_size)
        renderer = self._parsed(figure)
        if size is not None and renderer.isValid():
            self._pixels(figure.sha256, renderer, *size)

    def _parsed(self, figure: Figure) -> QSvgRenderer:
        renderer = self._renderers.get(figure.sha256)
        if renderer is None:
            if len(self._renderers) >= KEPT:
                self._renderers.clear()
            renderer = QSvgRenderer(QByteArray(figure.svg), self)
            self._renderers[figure.sha256] = renderer
        return renderer

    def aspect(self) -> float:
        """Height over width of the drawing (4:3 when there is none yet)."""
        return _aspect(self._renderer)

    def fit(self, width: int, height: int) -> QSize:
        """Take the largest size within `width` × `height` with the drawing's proportions, its
        height a whole number of STEP px when the height is what limits it: a few pixels more or
        less room (a button's row, a line's leading) leave the picture as it was, not drawn again."""
        aspect = self.aspect()
        if height > STEP:
            height -= height % STEP
        w = max(1, min(width, round(height / aspect)))
        size = QSize(w, max(1, round(w * aspect)))
        self.setFixedSize(size)
        return size

    def paintEvent(self, event: QPaintEvent) -> None:
        figure, renderer = self.figure, self._renderer
        if figure is None or renderer is None or not renderer.isValid():
            return
        size = self._sizes[figure.sha256] = self._last_size = (self.width(), self.height())
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._pixels(figure.sha256, renderer, *size))
        painter.end()

    def _pixels(self, sha256: str, renderer: QSvgRenderer, width: int, height: int) -> QPixmap:
        """The drawing at `width` × `height`, made once and kept among the last DRAWN."""
        ratio = self.devicePixelRatioF()
        key = (sha256, width, height, ratio)
        pixmap = self._drawn.get(key)
        if pixmap is None:
            pixmap = self._drawn[key] = _draw(renderer, width, height, ratio)
            while len(self._drawn) > DRAWN:
                self._drawn.popitem(last=False)
        self._drawn.move_to_end(key)
        return pixmap


def _draw(renderer: QSvgRenderer, width: int, height: int, ratio: float) -> QPixmap:
    """The drawing centred in a transparent pixmap of `width` × `height`, its proportions kept."""
    image = QPixmap(QSize(round(width * ratio), round(height * ratio)))
    image.setDevicePixelRatio(ratio)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    aspect = _aspect(renderer)
    w = min(float(width), height / aspect)
    h = w * aspect
    renderer.render(painter, QRectF((width - w) / 2, (height - h) / 2, w, h))
    painter.end()
    return image


def _aspect(renderer: QSvgRenderer | None) -> float:
    """Height over width of a drawing (4:3 when there is none)."""
    box = renderer.viewBoxF() if renderer is not None else QRectF()
    if box.width() <= 0 or box.height() <= 0:
        return 0.75
    return box.height() / box.width()
