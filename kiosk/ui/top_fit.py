"""How the top bar places its words and toggles: the words over the bar measured as the longest
heading the briefing may show, so the toggles keep their words and places from screen to screen
(reviewers saw Larger text lose its words on the questions, and Listen move 115 px); and every
width and height measured as with Larger text on, the widest of the toggles' states, so a tap on a
toggle leaves the bar as it was (`larger_body`, `at_px`): Larger text tapped off at 1280x800 in
Spanish had moved the language's name under the patient's finger.

Which toggles show their glyph alone is decided first, from the toggles' widths alone: whatever
heading a screen shows, the same toggles keep their words (`glyphs_alone`, `fitting_for`). Then
the way that takes least height for those widths (`mode_for`): words are not given up to save
height (but for a banner's line, `fitting_for`)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import zip_longest

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QWidget

from kiosk.ui.pages.label import Label
from kiosk.ui.theme import BASE_PX, LARGER, REFERENCE, Look, body_px
from kiosk.ui.typeset import size_for


def larger_body(look: Look, window: QSize | None) -> int:
    """The body text size with Larger text on, for a window of this size (its display's): what the
    top bar is measured at, on or off, so tapping Larger text moves none of its toggles."""
    if window is None:  # (a bar on no window of its own yet: from the look alone)
        return look.body if look.larger else round(BASE_PX * look.reach * LARGER)
    return max(body_px(window, larger=True), look.body)


def at_px(value: float, body: int) -> int:
    """A size given at 1280x800 normal text (a glyph, the room about it), at a body of `body`."""
    return round(value * body / BASE_PX)


def metrics_at(widget: QWidget, body: int) -> QFontMetrics:
    """`widget`'s words measured in its font as it is beside a body text of `body` px."""
    font = QFont(widget.font())
    font.setPixelSize(size_for(widget, body))
    return QFontMetrics(font)


def _longest_word(metrics: QFontMetrics, text: str) -> int:
    return max((metrics.horizontalAdvance(w) for w in text.split()), default=0)


MODES = ("beside", "above", "inline", "under", "rows", "column", "stacked")
"""The top bar's ways of placing its words and toggles, from the one that takes least height."""


class Where:
    """The words over the bar as the layout measures them: those shown, and the widest heading of
    the briefing's, each measured the same way (by the words' own font). Nothing shown (Welcome,
    between patients): nothing to make room for."""

    def __init__(self, shown: QLabel) -> None:
        self.shown = shown
        self._widest = self._longest = ""
        self._heads: frozenset[str] = frozenset()
        self.body = 0
        """The body text size the words are measured at (0: the words' own, as they are)."""

    def metrics(self) -> QFontMetrics:
        return metrics_at(self.shown, self.body) if self.body else self.shown.fontMetrics()

    def set_heads(self, heads: tuple[str, ...]) -> None:
        """The headings the briefing may show, in the words on screen (none: the words shown)."""
        metrics = self.metrics()
        self._heads = frozenset(heads)
        self._widest = max(heads, key=metrics.horizontalAdvance, default="")
        self._longest = max(heads, key=lambda h: _longest_word(metrics, h), default="")

    def texts(self) -> tuple[str, ...]:
        """What the bar makes room for: the words shown, unless they are one of the headings (the
        same for every screen then: the widest heading, and the one with the longest word)."""
        shown = self.shown.text()
        if not shown:
            return ()
        own = () if shown in self._heads else (shown,)
        return tuple(dict.fromkeys(t for t in (*own, self._widest, self._longest) if t))

    def need(self, width: int) -> int:
        """The height the words take at `width`: the taller of those shown and the widest heading."""
        label = self.shown
        m, pad = label.contentsMargins(), 2 * label.margin()
        inner = QRect(0, 0, max(1, width - m.left() - m.right() - pad), 100_000)
        metrics = self.metrics()
        # Lines of right-to-left words stand a leading apart (kiosk.ui.pages.label).
        leading = label.leading_px(metrics) if isinstance(label, Label) else 0
        lines = max((self._height(metrics, inner, t, leading) for t in self.texts()), default=0)
        return lines + m.top() + m.bottom() + pad

    @staticmethod
    def _height(metrics: QFontMetrics, inner: QRect, text: str, leading: int) -> int:
        box = metrics.boundingRect(inner, Qt.TextFlag.TextWordWrap, text).height()
        return box + leading * max(0, round(box / metrics.lineSpacing()) - 1) if leading else box

    def line_px(self) -> int:
        """The width the words take in one line: the widest of those shown and the heading, as
        wide as the label needs not to wrap them (Arabic's shaped words took a pixel more than
        their advance: wrapped in two lines, they pushed the toggles 37 px down)."""
        label, metrics = self.shown, self.metrics()
        m, pad = label.contentsMargins(), 2 * label.margin()
        words = max((metrics.horizontalAdvance(t) for t in self.texts()), default=0)
        px = words + m.left() + m.right() + pad + 1
        one_line = self.need(1 << 20)
        for more in range(8):  # (a few pixels at most: rounding)
            if self.need(px + more) <= one_line:
                return px + more
        return px + 8

    def longest_word(self) -> int:
        metrics = self.metrics()
        words = [w for t in self.texts() for w in t.split()]
        return max((metrics.horizontalAdvance(w) for w in words), default=0)


def half(n: int) -> int:
    """How many toggles stand in the first of two rows (the second has the others)."""
    return (n + 1) // 2


def _row_px(widths: Sequence[int], corner: int, gap: int, gaps: int = 1) -> int:
    """The staff's corner and the toggles in one row, with a gap between each and `gaps` more."""
    return corner + sum(widths) + (len(widths) + gaps) * gap


def in_a_row(widths: Sequence[int], width: int, corner: int, gap: int) -> bool:
    """The toggles fit one row beside the staff's corner (the words and the bar above them)."""
    return _row_px(widths, corner, gap) <= width


def beside_the_words(widths: Sequence[int], width: int, corner: int, gap: int) -> bool:
    """The toggles fit one row and leave the words beside them a fifth of the width: no line of
    their own (the words are in two lines there, if they fit)."""
    return _row_px(widths, corner, gap) + width // 5 <= width


def beside_a_heading(widths: Sequence[int], width: int, corner: int, gap: int) -> bool:
    """The toggles fit one row and leave the words beside them a third of the width: room for a
    long heading in two lines, whatever the screen (the identity screen knows none of the others)."""
    return _row_px(widths, corner, gap) + width // 3 <= width


def beside_the_bar(widths: Sequence[int], width: int, corner: int, gap: int) -> bool:
    """The toggles fit one row with the bar beside them (the words above): no line of their own."""
    return _row_px(widths, corner, gap, gaps=2) + width // 6 <= width


def in_two_rows(widths: Sequence[int], width: int, corner: int, gap: int) -> bool:
    """The toggles fit two rows that share their columns, each column as wide as its widest."""
    first = half(len(widths))
    pairs = zip_longest(widths[:first], widths[first:], fillvalue=0)
    return corner + sum(max(a, b) for a, b in pairs) + (first + 1) * gap <= width


def mode_for(where: Where, widths: list[int], width: int, corner: int, gap: int) -> str:
    """The way that takes least height in which the words and toggles of `widths` fit `width`."""
    room = width - _row_px(widths, corner, gap)  # for the words beside
    # (a line of Arabic, from a taller font, is more than the words' font's line high)
    two_lines = 2 * max(where.metrics().lineSpacing(), where.need(1 << 20)) + 4
    # (measured a little narrower than the room: the grid may give the words less; and a word
    # longer than that is not broken: it would overflow onto the toggles)
    narrower = room * 9 // 10
    fits = where.longest_word() <= narrower and where.need(narrower) <= two_lines
    nothing = not where.texts()  # (Welcome: the toggles may take the whole row)
    if fits and (beside_the_words(widths, width, corner, gap) or (nothing and room >= 0)):
        return "beside"
    across = width - corner - gap  # the words' line, when the toggles are under it
    one_line = where.line_px() <= across
    if one_line and beside_the_bar(widths, width, corner, gap):
        return "above"  # the words across in one line, the bar beside the toggles
    if in_a_row(widths, width, corner, gap):
        # (the bar beside the words at least an eighth of the width: a sixth, as beside the
        # toggles, left the pseudo-locale's longest heading a line of its own, 18 px taller)
        if one_line and where.line_px() + gap + width // 8 <= across:
            return "inline"  # the words in one line and the bar beside them, over the toggles
        return "under"
    if in_two_rows(widths, width, corner, gap):
        return "rows"
    if corner + max(widths) + where.longest_word() + 3 * gap <= width:
        return "column"
    return "stacked"


def words_px(mode: str, widths: Sequence[int], width: int, corner: int, gap: int) -> int:
    """How wide the words over the bar are laid out in `mode` (their height follows from it)."""
    if mode == "beside":
        return width - _row_px(widths, corner, gap)
    if mode == "column":
        return width - corner - max(widths, default=0) - 2 * gap
    return width - corner - gap  # across the top (in "inline", one line at its start)


Fitting = Callable[[Sequence[int], int, int, int], bool]
"""Whether toggles of these widths fit a bar so wide beside the staff's corner, with this gap."""


def fitting_for(bar: QWidget, words: bool = True) -> Fitting:
    """How the toggles must fit for their words: in a row (the words over them, and the bar); in two
    rows on a portrait screen, which has the height; under a banner (practice mode's, a line off
    every screen), in a row that leaves a heading room beside them: at 1280x800 with Larger text,
    the identity page's keys, a risk's text and its picture need the line the words took over them.
    Without `words` over the bar (Welcome, which has no heading), or on a screen a quarter taller
    than 1280x800 (1920x1080: a banner's line is less of its height, and it has a tenth more width
    than its type is scaled by), in a row under a banner too: the next patient's Welcome had lost
    three toggles' words that the kiosk's first Welcome showed, and Spanish at 1920x1080 kept only
    two toggles' words."""
    window = bar.window()
    if window.height() > window.width():
        return in_two_rows
    if not words or window.height() >= REFERENCE.height() * 5 // 4:
        return in_a_row
    parent = bar.parentWidget()
    layout = parent.layout() if parent is not None else None
    over = [] if layout is None else [layout.itemAt(i) for i in range(layout.indexOf(bar))]
    widgets = [w for item in over if item is not None and (w := item.widget()) is not None]
    return beside_a_heading if any(not w.isHidden() for w in widgets) else in_a_row


def row_gap(bar: QWidget) -> int:
    """Between the bar's rows: on a tall portrait screen (1080x1920), which has the height, toggles
    one over another stand 24 px apart as drawn (a reviewer measured Larger text 6 px over High
    contrast); else 4 (768x1024 needs the room for its keypad)."""
    window = bar.window()
    return 24 if window.height() >= window.width() * 3 // 2 else 4


def glyphs_alone(
    named: Sequence[int], glyph: int, order: Sequence[int], fits: Callable[[list[int]], bool]
) -> frozenset[int]:
    """Which toggles show their glyph alone (as wide as `glyph`; with their words, as `named`), the
    first in `order` first: from the last, each keeps its words if they `fit` beside those kept
    already, the others glyphs alone. (Given up in order and then given back, Quieter's words had
    come back, in a column as wide as the toggle under it, while High contrast's stayed gone.)"""
    alone = frozenset(order)
    for i in reversed(order):
        but_i = alone - {i}
        if fits([glyph if j in but_i else w for j, w in enumerate(named)]):
            alone = but_i
    return alone
