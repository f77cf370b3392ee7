"""How the top bar places its words and toggles: the words over the bar measured as the longest
heading the briefing may show, so the toggles keep their words and places from screen to screen
(reviewers saw Larger text lose its words on the questions, and Listen move 115 px)."""

from __future__ import annotations

from itertools import zip_longest

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QLabel

MODES = ("beside", "above", "under", "rows", "column", "stacked")
"""The top bar's ways of placing its words and toggles, from the one that takes least height."""


class Where:
    """The words over the bar as the layout measures them: those shown, and the widest heading of
    the briefing's, each measured the same way (by the words' own font)."""

    def __init__(self, shown: QLabel) -> None:
        self.shown = shown
        self._widest = ""

    def set_heads(self, heads: tuple[str, ...]) -> None:
        """The headings the briefing may show, in the words on screen (none: the words shown)."""
        metrics = self.shown.fontMetrics()
        self._widest = max(heads, key=metrics.horizontalAdvance, default="")

    def _texts(self) -> tuple[str, ...]:
        return tuple(t for t in (self.shown.text(), self._widest) if t)

    def need(self, width: int) -> int:
        """The height the words take at `width`: the taller of those shown and the widest heading."""
        label = self.shown
        m, pad = label.contentsMargins(), 2 * label.margin()
        inner = QRect(0, 0, max(1, width - m.left() - m.right() - pad), 100_000)
        metrics, wrap = label.fontMetrics(), Qt.TextFlag.TextWordWrap
        lines = max(
            (metrics.boundingRect(inner, wrap, t).height() for t in self._texts()), default=0
        )
        return lines + m.top() + m.bottom() + pad

    def longest_word(self) -> int:
        metrics = self.shown.fontMetrics()
        words = [w for t in self._texts() for w in t.split()]
        return max((metrics.horizontalAdvance(w) for w in words), default=0)


def mode_for(where: Where, widths: list[int], width: int, corner: int, gap: int) -> str:
    """The way that takes least height in which the words and toggles of `widths` fit `width`."""
    room = width - corner - sum(widths) - (len(widths) + 1) * gap
    two_lines = 2 * where.shown.fontMetrics().lineSpacing() + 4
    # (measured a little narrower than the room: the grid may give the words less; and a word
    # longer than that is not broken: it would overflow onto the toggles)
    narrower = room * 9 // 10
    fits = where.longest_word() <= narrower and where.need(narrower) <= two_lines
    if room >= width // 5 and fits:
        return "beside"
    one_line = where.need(width - corner - gap)
    beside_bar = corner + sum(widths) + (len(widths) + 2) * gap + width // 6
    if one_line <= two_lines // 2 + 4 and beside_bar <= width:
        return "above"  # the words across in one line, the bar beside the toggles
    if corner + sum(widths) + (len(widths) + 1) * gap <= width:
        return "under"
    half = (len(widths) + 1) // 2  # two rows share their columns: each as wide as its widest
    columns = [max(a, b) for a, b in zip_longest(widths[:half], widths[half:], fillvalue=0)]
    # (with a little to spare: a toggle with a glyph lays out a few pixels wider than measured)
    if corner + sum(columns) + (half + 3) * gap <= width:
        return "rows"
    if corner + max(widths) + where.longest_word() + 3 * gap <= width:
        return "column"
    return "stacked"
