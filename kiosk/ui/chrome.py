"""The frame's top: progress and the display choices (the bottom of the frame: kiosk.ui.bottom;
what covers it, and the staff corner: kiosk.ui.overlays).

The frame draws the screen model's `View` like the pages do, and says which action was tapped."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk.i18n import Msg, Words, counted
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import View
from kiosk.ui.icons import Glyph, icon, toggle_icon
from kiosk.ui.overlays import CornerHold
from kiosk.ui.pages.base import button, label
from kiosk.ui.progress import ProgressBar
from kiosk.ui.theme import Look
from kiosk.ui.top_fit import (
    Where,
    at_px,
    fitting_for,
    glyphs_alone,
    half,
    larger_body,
    metrics_at,
    mode_for,
    row_gap,
    words_px,
)

__all__ = ["ProgressBar", "TopBar"]


class TopBar(QWidget):
    """Where the patient is, over the bar of the whole, and beside it the language (when more than
    one is offered; not on Welcome, which offers them itself), Larger text and High contrast.
    When the words do not fit on one line beside these (a narrow screen, larger text, a long
    language), the words and the bar take the whole width, and the toggles a row under them."""

    larger = Signal(bool)
    contrast = Signal(bool)
    languages = Signal()
    """The language button was tapped: show (or hide) the languages to choose from."""
    listen = Signal()
    """Listen was tapped: read the screen aloud (or stop)."""
    volume = Signal(bool)
    """The volume toggle beside Listen was tapped: True, quieter; False, louder."""

    def __init__(self) -> None:
        super().__init__()
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(16)
        self._line = QHBoxLayout()
        """The words and the bar, when they share a line (`_arrange`)."""
        self._line.setContentsMargins(0, 0, 0, 0)
        self._line.setSpacing(self.grid.horizontalSpacing())
        self.corner = CornerHold()
        self.where = label(role="progress")  # wraps rather than being cut
        self._where = Where(self.where)
        self._heads: tuple[str, tuple[Msg, ...]] = ("", ())
        self.bar = ProgressBar()
        self.language_button = button("", "small", self.languages.emit)
        self.language_button.setObjectName("languages")
        self.language_button.setCheckable(True)  # checked while the languages show
        self.language_button.hide()
        self.larger_button = button("", "small")
        self.larger_button.setCheckable(True)
        self.larger_button.toggled.connect(self.larger.emit)
        self.contrast_button = button("", "small")
        self.contrast_button.setCheckable(True)
        self.contrast_button.toggled.connect(self.contrast.emit)
        self.listen_button = button("", "small", self.listen.emit)
        self.listen_button.setObjectName("listen")
        self.listen_button.setCheckable(True)  # checked while the screen is read aloud
        self.listen_button.hide()
        self.volume_button = button("", "small")
        self.volume_button.setObjectName("volume")
        self.volume_button.setCheckable(True)  # checked while the audio is quieter
        self.volume_button.toggled.connect(self.volume.emit)
        self._listen_offered = False
        self._listen_words = ("", "")
        """Listen, and Stop (while reading), in the screen's language."""
        self._volume_words = ("", "")
        """Quieter, and Louder (while quieter), in the screen's language."""
        self._compact: frozenset[QPushButton] = frozenset()
        """The toggles showing their glyphs alone (`_set_compact`)."""
        self.toggles = (
            self.listen_button,
            self.volume_button,
            self.language_button,
            self.larger_button,
            self.contrast_button,
        )
        for b in self.toggles:
            # The bar's own from the start, shown or not: a button shown before a layout took it
            # would be a window of its own for a moment (and shown only at the next turn).
            b.setParent(self)
            # Never narrower than their words: "where" gives way instead.
            b.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.language_button.hide()
        self.listen_button.hide()
        self.volume_button.hide()
        self._mode: tuple[str, int] | None = None
        self._fitted: tuple[object, ...] | None = None
        """What the bar was last fitted to by `draw` (None: fitted since for something else)."""
        self._language_offered = False
        self._language_name = ""
        self._glyph_px = 26
        self._glyphs_drawn: tuple[str, str, int] | None = None
        self._look: Look | None = None
        self._body = 24
        """The body size the bar is measured at: with Larger text on (`larger_body`), on or off."""
        self._larger_words = ""
        self._contrast_words = ""
        self._glyph_alone = button("", "small")
        """Never shown: measures a toggle with its glyph alone, as the style sizes it."""
        self._glyph_alone.setParent(self)
        self._glyph_alone.hide()
        self._arrange("beside")

    def _shown(self) -> list[QPushButton]:
        hidden = {
            b
            for b, offered in (
                (self.language_button, self._language_offered),
                (self.listen_button, self._listen_offered),
                (self.volume_button, self._listen_offered),
            )
            if not offered
        }
        return [b for b in self.toggles if b not in hidden]

    def _fit(self) -> None:
        """The toggles' words where they have room, whatever the screen's heading, so they stay
        from screen to screen (`glyphs_alone`); then the way that takes least height with them
        (`mode_for`): a glyph alone for the height it saved had dropped Listen on the identity
        screen and back on About, and High contrast with Larger text on."""
        self._fitted = None
        if self.width() <= 0:
            return
        self._measure_at()
        shown = self._shown()
        named = [self._named_px(b) for b in shown]  # with their words, shown now or not
        glyph = self._glyph_alone_px()
        fitting = fitting_for(self, bool(self._where.texts()))  # (a row; two in portrait; …)
        corner, gap = self.corner.width(), self.grid.horizontalSpacing()
        order = [shown.index(b) for b in self._iconic if b in shown]
        alone = glyphs_alone(
            named, glyph, order, lambda widths: fitting(widths, self.width(), corner, gap)
        )
        self._set_compact(frozenset(shown[i] for i in alone))
        widths = [glyph if i in alone else w for i, w in enumerate(named)]
        mode = mode_for(self._where, widths, self.width(), corner, gap)
        self.grid.setVerticalSpacing(row_gap(self))
        if (mode, len(shown)) != self._mode:
            self._arrange(mode)
        # Words over the toggles as tall as the longest heading's (at Larger text), so the toggles
        # stay put (a wrapped question heading pushed them 48 px down in portrait; a tap on High
        # contrast, 37 px). Beside them, as tall as they are: the toggles stand at the top.
        room = words_px(mode, widths, self.width(), corner, gap)
        need = self._where.need(room) if mode != "beside" else 0
        self.where.setMinimumHeight(need)
        # (No words, on Welcome: no more either. An empty label's own height was its line as of
        # some looks before: after High contrast, portrait, 11 px more than after Larger text.)
        self.where.setMaximumHeight(16_777_215 if self._where.texts() else need)
        # Beside the bar, as wide as the longest heading in one line: the bar starts at one place.
        self.where.setMinimumWidth(self._where.line_px() if mode == "inline" else 0)

    def _measure_at(self) -> None:
        """The bar measured as with Larger text on, whether it is or not (`larger_body`), on the
        display the look is for (the kiosk window's; else the window's size)."""
        window = self.window()
        size = (getattr(window, "display", None) or window.size()) if window is not self else None
        if self._look is not None:
            self._body = larger_body(self._look, size)
        self._where.body = self._body

    def _named_px(self, b: QPushButton) -> int:
        """A toggle's width with its words: the widest of its states (Listen: the longer of
        Listen and Stop; every toggle: with Larger text on), so a tap changes none."""
        metrics = metrics_at(b, self._body)
        return max(metrics.horizontalAdvance(t) for t in self._words(b)) + self._globe_only_px()

    def _glyph_alone_px(self) -> int:
        """A toggle's width with its glyph alone (the style's least width for a touch, if more),
        its glyph as large as with Larger text on."""
        probe, px = self._glyph_alone, at_px(26, self._body)
        if probe.icon().isNull():  # (without a glyph, Qt measures four letters X instead)
            probe.setIcon(icon(Glyph.GLOBE, "black", px))
        probe.setIconSize(QSize(px, px))
        probe.ensurePolished()
        return max(self._globe_only_px(), probe.sizeHint().width(), probe.minimumSizeHint().width())

    def _globe_only_px(self) -> int:
        """A toggle's room besides its words: its glyph and the padding each side (Larger text's)."""
        return at_px(26, self._body) + 8 + 2 * at_px(20, self._body) + 8

    def _set_compact(self, compact: frozenset[QPushButton]) -> None:
        """These toggles as their glyphs alone (their words stay their accessible names)."""
        self._compact = compact
        for b in self._iconic:
            words = self._words(b)
            text = "" if b in compact else words[b.isChecked() and len(words) > 1]
            if b.text() != text:
                b.setText(text)
            self._at_least_its_words(b)

    def _arrange(self, mode: str) -> None:
        shown = self._shown()
        self._mode = (mode, len(shown))
        for w in (self.corner, self.where, self.bar, *self.toggles):
            self.grid.removeWidget(w)
            self._line.removeWidget(w)
        self.grid.removeItem(self._line)
        self._line.setParent(None)  # (re-added below: a layout with a parent is not taken again)
        for column in range(2 + len(self.toggles)):
            self.grid.setColumnStretch(column, 0)
        top = Qt.AlignmentFlag.AlignTop
        n = max(1, len(shown))
        # The staff's corner at the top of a column of its own down every row: over the first two
        # only, it made them as tall as itself (the words of "under" 17 px taller than a line).
        self.grid.addWidget(self.corner, 0, 0, -1, 1, top)
        if mode == "above":
            # The words across, one line; under them the bar, and the toggles beside it.
            self.grid.addWidget(self.where, 0, 1, 1, n + 1)
            self.grid.addWidget(self.bar, 1, 1, Qt.AlignmentFlag.AlignVCenter)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, 1, 2 + i)
        elif mode == "inline":
            # The words and the bar beside them in one line, the toggles in a row under them.
            self._line.addWidget(self.where)
            self._line.addWidget(self.bar, 1, Qt.AlignmentFlag.AlignVCenter)
            self.grid.addLayout(self._line, 0, 1, 1, n + 1)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, 1, 2 + i)
        elif mode in ("under", "rows"):
            # The words and the bar across, the toggles in a row (or two) of their own under them.
            # (Across the toggles' columns and no further: a column more is a gap more, which
            # left Quieter's words 21 px short in Arabic, portrait, Larger text.)
            across = n if mode == "under" else half(n)
            self.grid.addWidget(self.where, 0, 1, 1, across + 1)
            self.grid.addWidget(self.bar, 1, 1, 1, across + 1)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, 2 + i // across, 2 + i % across)
        elif mode == "stacked":
            # Words, bar and each toggle on a row of their own (a long language, large text).
            self.grid.addWidget(self.where, 0, 1, 1, 2)
            self.grid.addWidget(self.bar, 1, 1, 1, 2)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, 2 + i, 1, 1, 2, Qt.AlignmentFlag.AlignRight)
        elif mode == "column":
            # The toggles one above the other at the side, the words and the bar beside them.
            # The words take the rows of all but the last toggle (they grow them as they need),
            # the bar the last one's.
            rows = max(1, n - 1)
            self.grid.addWidget(self.where, 0, 1, rows, 1, top)
            self.grid.addWidget(self.bar, rows, 1, top)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, i, 2)
        else:
            self.grid.addWidget(self.where, 0, 1)
            self.grid.addWidget(self.bar, 1, 1)
            for i, b in enumerate(shown):
                self.grid.addWidget(b, 0, 2 + i, 2, 1, top)
        self.grid.setColumnStretch(1, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def set_words(self, words: Words, look: Look) -> None:
        self._language_name = words("language.self")
        self.language_button.setText(self._language_name)
        self.language_button.setAccessibleName(words("frame.languages"))
        self._larger_words = words("frame.larger-text")
        self.larger_button.setAccessibleName(self._larger_words)
        self.larger_button.setText(
            "" if self.larger_button in self._compact else self._larger_words
        )
        self._contrast_words = words("frame.high-contrast")
        self.contrast_button.setAccessibleName(self._contrast_words)
        compact = self.contrast_button in self._compact
        self.contrast_button.setText("" if compact else self._contrast_words)
        self._listen_words = (words("frame.listen"), words("frame.listen-stop"))
        self.listen_button.setAccessibleName(self._listen_words[0])
        if self.listen_button not in self._compact:
            self.listen_button.setText(self._listen_words[self.listen_button.isChecked()])
        self._volume_words = (words("frame.quieter"), words("frame.louder"))
        px = self._glyph_px = look.px(26)
        self._look = look
        self._measure_at()
        drawn = (look.palette.button_text, look.palette.primary_text, px)
        for b, glyph in (
            (self.language_button, Glyph.GLOBE),
            (self.larger_button, Glyph.LARGER),
            (self.contrast_button, Glyph.CONTRAST),
            (self.listen_button, Glyph.SPEAKER),
        ):
            if drawn != self._glyphs_drawn:  # the glyphs follow the look, not the words
                b.setIcon(
                    toggle_icon(glyph, look.palette.button_text, look.palette.primary_text, px)
                )
                b.setIconSize(QSize(px, px))
            self._at_least_its_words(b)
        self._glyphs_drawn = drawn
        self.show_volume(self.volume_button.isChecked(), look)
        self._fit()

    def show_listen(self, offered: bool, playing: bool) -> None:
        """Listen where the screen has audio; Stop (checked) while it is read aloud."""
        self.listen_button.setChecked(playing)
        compact = self.listen_button in self._compact
        self.listen_button.setText("" if compact else self._listen_words[playing])
        if offered != self._listen_offered:
            self._listen_offered = offered
            self.listen_button.setVisible(offered)
            self.volume_button.setVisible(offered)
            self._fit()

    def show_volume(self, quiet: bool, look: Look | None = None) -> None:
        """Quieter (a loudspeaker and a minus), or Louder (and a plus) while the audio is quieter
        (checked: the glyph in the checked colour, not black on dark blue)."""
        b = self.volume_button
        b.blockSignals(True)
        b.setChecked(quiet)
        b.blockSignals(False)
        words = self._volume_words[quiet]
        b.setAccessibleName(words)
        b.setText("" if b in self._compact else words)
        if look is not None:
            self._look = look
        if self._look is not None:
            palette, glyph = self._look.palette, Glyph.LOUDER if quiet else Glyph.QUIETER
            b.setIcon(toggle_icon(glyph, palette.button_text, palette.primary_text, self._glyph_px))
            b.setIconSize(QSize(self._glyph_px, self._glyph_px))
            self._at_least_its_words(b)

    @property
    def _iconic(self) -> tuple[QPushButton, ...]:
        """The toggles that can give up their words for their glyph alone, the first first: the
        loudspeaker of Quieter, the globe (the screen is in its language already; the list names
        each in its own), Listen's loudspeaker, the half-filled circle of contrast, and last the A
        and plus of Larger text: on or off, the patient who needs it reads how to turn it on or
        off again (reviewers met it as a glyph alone, while High contrast kept its words)."""
        return (
            self.volume_button, self.language_button, self.listen_button, self.contrast_button,
            self.larger_button,
        )  # fmt: skip

    def _words(self, b: QPushButton) -> tuple[str, ...]:
        """A toggle's words (Listen's and the volume's: unchecked, then checked)."""
        if b is self.language_button:
            return (self._language_name,)
        if b is self.listen_button:
            return self._listen_words
        if b is self.volume_button:
            return self._volume_words
        if b is self.larger_button:
            return (self._larger_words,)
        return (self._contrast_words,)

    def _at_least_its_words(self, b: QPushButton) -> None:
        """Never narrower than the words, the glyph and the padding each side (the style's own
        measure falls short by a few pixels with a glyph): as wide in each of its states, on and
        off, Larger text's too (`_named_px`)."""
        b.ensurePolished()
        b.setMinimumWidth(self._glyph_alone_px() if b in self._compact else self._named_px(b))

    def draw(self, view: View, words: Words) -> None:
        """Where the patient is (the screen's own heading, "Risk 2 of 8", else the part of the whole
        briefing) and the bar of the whole; nothing on Welcome and between patients."""
        at, total = view.progress or (0, 0)
        if view.heading is not None and total:
            where = words.text(view.heading)
        else:
            where = words("frame.progress", at=at, total=total) if total else ""
        self.where.setText(counted(where))
        heads = (words.language, view.headings)  # put in words once per briefing and language
        if heads != self._heads:
            self._heads = heads
            self._where.set_heads(tuple(counted(words.text(h)) for h in view.headings))
        chosen = next((c for c in view.languages if c.chosen), None)
        offer = chosen is not None and view.kind is not ScreenKind.WELCOME
        if chosen is not None and self._language_name != chosen.name:
            self._language_name = chosen.name
            self.language_button.setText(chosen.name)
            self._at_least_its_words(self.language_button)
        self._language_offered = offer
        self.language_button.setVisible(offer)
        self.language_button.setChecked(view.choosing_language)
        # Fitted again only for other words, toggles or room (a tap's next screen: the same).
        fit = (self.width(), self._look, self._where.texts(), offer, self._language_name)
        if fit != self._fitted:
            self._fit()
            self._fitted = fit
        self.bar.setVisible(total > 0)
        self.bar.show_progress(at, max(total, 1))
