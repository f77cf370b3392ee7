"""A reading screen's picture: the content's SVG drawn at whatever size the page gives it, its
proportions kept, with the words that stand for it as its accessible name."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk.session.view import Figure

KEPT = 32
"""Drawings kept parsed (a procedure has a dozen pictures at most, in every language the same)."""


class Picture(QWidget):
    """Draws a `Figure`, centred in its rectangle at the largest size that keeps its proportions.

    Each drawing is parsed once (by its SHA-256) and kept: turning to a screen costs a paint.
    The drawing at the widget's size is kept as a pixmap too, so a repaint (a sentence highlighted
    while it is read aloud, the text size switched, a scroll) copies pixels instead of drawing
    the SVG again (about 1.3 ms at 1920x1080)."""

    def __init__(self) -> None:
        super().__init__()
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self._renderers: dict[str, QSvgRenderer] = {}
        self._renderer: QSvgRenderer | None = None
        self.figure: Figure | None = None
        self._drawn: tuple[tuple[str, int, int, float], QPixmap] | None = None

    def show_figure(self, figure: Figure | None) -> None:
        """Draw this picture (None: none, and the widget hides)."""
        self.figure = figure
        if figure is None:
            self._renderer = None
            self.setAccessibleName("")
            self.hide()
            return
        renderer = self._renderers.get(figure.sha256)
        if renderer is None:
            if len(self._renderers) >= KEPT:
                self._renderers.clear()
            renderer = QSvgRenderer(QByteArray(figure.svg), self)
            self._renderers[figure.sha256] = renderer
        self._renderer = renderer
        self.setAccessibleName(figure.alt)
        self.show()
        self.update()

    def aspect(self) -> float:
        """Height over width of the drawing (4:3 when there is none yet)."""
        box = self._renderer.viewBoxF() if self._renderer is not None else QRectF()
        if box.width() <= 0 or box.height() <= 0:
            return 0.75
        return box.height() / box.width()

    def fit(self, width: int, height: int) -> QSize:
        """Take the largest size within `width` × `height` with the drawing's proportions."""
        aspect = self.aspect()
        w = max(1, min(width, round(height / aspect)))
        size = QSize(w, max(1, round(w * aspect)))
        self.setFixedSize(size)
        return size

    def paintEvent(self, event: QPaintEvent) -> None:
        figure, renderer = self.figure, self._renderer
        if figure is None or renderer is None or not renderer.isValid():
            return
        ratio = self.devicePixelRatioF()
        key = (figure.sha256, self.width(), self.height(), ratio)
        if self._drawn is None or self._drawn[0] != key:
            self._drawn = key, self._draw(renderer, ratio)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._drawn[1])
        painter.end()

    def _draw(self, renderer: QSvgRenderer, ratio: float) -> QPixmap:
        """The drawing centred in a transparent pixmap of this widget's size, its proportions kept."""
        image = QPixmap(QSize(round(self.width() * ratio), round(self.height() * ratio)))
        image.setDevicePixelRatio(ratio)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        aspect = self.aspect()
        w = min(float(self.width()), self.height() / aspect)
        h = w * aspect
        renderer.render(painter, QRectF((self.width() - w) / 2, (self.height() - h) / 2, w, h))
        painter.end()
        return image
