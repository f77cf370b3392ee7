"""A reading screen's picture in the briefing PDF: the same SVG the screen showed, drawn as vectors
(svglib) at a set width, right after the same words, on the side the text starts from."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import lru_cache

from reportlab.graphics import renderPDF  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, KeepTogether, Spacer  # type: ignore[import-untyped]
from svglib.svglib import svg2rlg

from kiosk.content.schema import Form, Picture
from kiosk.document.fonts import BASE_FONT
from kiosk.document.styles import PAGE, TEXT_WIDTH

WIDTH = 70 * mm
"""A picture's width on the page: large enough to read, small beside a page of words."""
WHOLE = 130 * mm
"""A pictured screen up to this tall moves whole to the next page rather than split (half an A4
page of text; a step with its picture is about 90 to 120 mm)."""


@lru_cache(maxsize=64)
def _drawing(svg: bytes) -> Drawing:
    """The SVG as a ReportLab drawing, parsed once per process (it is only read when drawn)."""
    drawing = svg2rlg(io.BytesIO(svg))
    if drawing is None:  # the loader let through only SVG files svglib reads
        raise ValueError("the picture's SVG cannot be drawn")
    drawing.initialFontName = BASE_FONT  # a picture has no words: no Helvetica, unembedded
    return drawing


class _Figure(Flowable):  # type: ignore[misc]
    """A drawing scaled to a width, its proportions kept."""

    def __init__(self, drawing: Drawing, width: float, align: str) -> None:
        super().__init__()
        self.drawing = drawing
        self.hAlign = align
        self.full = width
        self.scale_to(width)

    def scale_to(self, width: float) -> None:
        self.scale = width / float(self.drawing.width)
        self.width = width
        self.height = float(self.drawing.height) * self.scale

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def with_figure(parts: list[Flowable], picture: Picture | None, rtl: bool) -> list[Flowable]:
    """A screen's words (`parts`: its heading, then its paragraphs) followed by its picture. A
    screen up to `WHOLE` tall is one block, moved whole to the next page when it does not fit: a
    step's heading never ends a page whose next one holds its picture. A longer one is split
    where the page ends, as any text is, its picture kept with its last paragraph (a picture
    never stands alone at the top of a page, and a long screen never leaves a page empty).
    Unchanged when it has none. (One level of KeepTogether only: ReportLab breaks the page before
    any KeepTogether that holds another.)"""
    if picture is None or not parts:
        return parts
    drawing = _Figure(_drawing(picture.svg), WIDTH, "RIGHT" if rtl else "LEFT")
    tail = [Spacer(1, 2 * mm), drawing, Spacer(1, 2 * mm)]
    if _height(parts) + drawing.height + 4 * mm <= WHOLE:
        return [_PicturedScreen([*parts, *tail], drawing)]
    return [*parts[:-1], _PicturedScreen([parts[-1], *tail], drawing)]


LEAST = 0.7
"""A picture is drawn no smaller than this part of its width to keep its screen on the page."""
ROOM_LEFT = 0.4
"""A screen that does not fit where this part of the page is left starts there all the same."""


class _PicturedScreen(KeepTogether):  # type: ignore[misc]
    """A screen's words and picture, kept together: where they miss the page's end by less than a
    third of the picture, the picture is drawn smaller to stay on it; where they miss it by more
    but much of the page is left (`ROOM_LEFT`), the words start there and the picture goes with
    the last of them; else the whole screen goes to the next page. A reviewer's Spanish PDF had
    its first page bare under the title block: its first screen, with its picture, was too tall
    for the rest of it."""

    def __init__(self, flowables: list[Flowable], figure: _Figure) -> None:
        super().__init__(flowables)
        self.figure = figure

    def led_by(self, headings: list[Flowable]) -> _PicturedScreen:
        """The same block with headings before it (kiosk.document.together)."""
        return _PicturedScreen([*headings, *self._content], self.figure)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        figure = self.figure
        figure.scale_to(figure.full)
        over = self._tall(available_width, available_height) - available_height
        smaller = figure.full * (figure.height - over) / figure.height if over > 0 else 0
        if over > 0 and smaller >= LEAST * figure.full:
            figure.scale_to(smaller - 1)
            if self._tall(available_width, available_height) <= available_height:
                return list(self._content)
            figure.scale_to(figure.full)
            self._tall(available_width, available_height)
        frame = getattr(self, "_frame", None)
        page = float(frame._height) if frame is not None else PAGE[1]
        if over > 0 and available_height >= ROOM_LEFT * page and len(self._content) > 4:
            # Much of the page left: the words start here, the picture stays with the last of them.
            return [*self._content[:-4], KeepTogether(self._content[-4:])]
        return list(super().split(available_width, available_height))

    def _tall(self, available_width: float, available_height: float) -> float:
        """How tall the block is laid out (a KeepTogether's wrap answers "too tall" to be split)."""
        self.wrap(available_width, available_height)
        return float(self._H)


def _height(flowables: list[Flowable]) -> float:
    """About how tall these words are on the page, with the space between them: each paragraph's
    characters at half its font size wide each, in lines of the text's width. An estimate, to
    choose between keeping a screen whole and splitting it; laying the words out here to measure
    them exactly cost every PDF about 5 % (an Arabic one, 7 ms)."""
    total = 0.0
    for f in flowables:
        style = getattr(f, "style", None)
        text = f.getPlainText() if hasattr(f, "getPlainText") else getattr(f, "text", None)
        if style is None or text is None:
            total += f.wrap(TEXT_WIDTH, PAGE[1])[1]
            continue
        per_line = max(1, int(TEXT_WIDTH / (style.fontSize * 0.5)))
        lines = max(1, -(-len(text) // per_line))
        total += lines * style.leading + style.spaceBefore + style.spaceAfter
    return total


def warm(forms: Iterable[Form]) -> None:
    """Parse every picture of these forms ahead (a worker thread, once the kiosk is ready), so the
    first PDF of the process does not wait for svglib (about 10 ms a picture)."""
    for form in forms:
        for _, picture in form.pictures():
            _drawing(picture.svg)
