"""A column of words that scrolls with a finger, says when there is more below, and when it has
all been on screen (a risk, the signing statement): the pages' scroll area."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TypeVar

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.typeset import refit

Row = TypeVar("Row", bound=QWidget)
Entry = TypeVar("Entry")
W = TypeVar("W", bound=QWidget)


def _blank(widget: QWidget) -> None:
    """Empty the words a widget on its way out holds: it is deleted only at the next turn of the
    event loop, and until then a patient's name must not be found in it."""
    for w in [widget, *widget.findChildren(QWidget)]:
        if isinstance(w, QLabel | QAbstractButton):
            w.setText("")
        w.setAccessibleName("")


def kinetic(area: QScrollArea) -> QScrollArea:
    """Let a finger (or a held mouse button) drag the content and fling it, like a phone."""
    QScroller.grabGesture(area.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.VerticalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    props.setScrollMetric(
        QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy,
        QScrollerProperties.OvershootPolicy.OvershootAlwaysOff,
    )
    scroller.setScrollerProperties(props)
    return area


SLACK_PX = 1
"""How much of the content may lie below the room and it still count as all on screen."""


BAR_GAP = 16
"""Pixels between the words and the scroll bar beside them."""


class Reading(QScrollArea):
    """A column of content that scrolls with a finger when it is longer than the screen.

    The column is centred and, once `limit_width` is given, no wider than a comfortable line.
    `more` says whether there is more below than is on screen (for the cue under it); `at_end`
    fires whenever the whole content has been on screen: scrolled to its end, or it fits.
    `scrolls` says whether the content is longer than its room would be with `spare` given back
    (the room a page keeps under it for a cue while it scrolls, `UnderWords`).
    """

    at_end = Signal()
    more = Signal(bool)
    scrolls = Signal(bool)

    def __init__(self, *, hug: bool = False, hold_end: bool = False) -> None:
        super().__init__()
        self.hug = hug
        """Ask for the content's height (`sizeHint`), not for all the room there is."""
        self.hold_end = hold_end
        """Scrolled to the end, stay there when the room changes (a risk read to its end, whose
        room grew as "I understand this risk" became a line: the scroll bar kept a value from a
        moment's layout, the text stood cut at both ends and "more below" came back)."""
        self._at_end = False
        self.least_fits = False
        """Ask for no more least height than its words take (by default its scroll bar's, 164 px at
        a touch screen's size, stood empty under one line of words where a page had room)."""
        self.spare = 0
        """Room kept under the area while its content scrolls, given back to it once it fits."""
        self._scrolls: bool | None = None
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.column = QWidget()
        self.column.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.content = QVBoxLayout(self.column)
        self.content.setContentsMargins(0, 0, 0, 0)
        self.content.setSpacing(16)
        outer = QWidget()
        # Ignored: its height comes from its width (the wrapped lines), never from a minimum size
        # worked out for its narrowest width, which made it taller than its words.
        outer.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        row = self._row = QHBoxLayout(outer)
        row.setContentsMargins(0, 0, 0, 0)
        # As wide as it may be (the room past its widest stays empty at the end of its lines: with
        # a share of its own, that room took 2 px of it, and the words wrapped a line longer than
        # measured), and as tall as its rows for that width, at the top: a taller room would spread
        # them apart. Its lines start where the page's title does (centred in the room, they stood
        # 15 to 25 px in from it).
        row.addWidget(self.column, 1, Qt.AlignmentFlag.AlignTop)
        row.addStretch(0)
        self.setWidget(outer)
        kinetic(self)
        self._had_more: bool | None = None
        bar = self.verticalScrollBar()
        bar.valueChanged.connect(self._note_end)
        bar.rangeChanged.connect(self._keep_end)  # before the others look at where it is
        bar.valueChanged.connect(self._check)
        bar.rangeChanged.connect(self._check)
        bar.rangeChanged.connect(self._regrow)

    def start_over(self) -> None:
        """New words: at their top, and no longer held at the end of the last ones (held, the new
        words' range would scroll them to their end as they came, and count them read)."""
        self._at_end = False
        self.verticalScrollBar().setValue(0)

    def _note_end(self, value: int) -> None:
        end = self.verticalScrollBar().maximum()
        self._at_end = self.hold_end and end > SLACK_PX and value >= end - SLACK_PX

    def _keep_end(self, _least: int, end: int) -> None:
        bar = self.verticalScrollBar()
        if self._at_end and bar.value() != end:
            bar.setValue(end)

    def fit_content(self) -> None:
        """New content is in: ask the page for its height again (`hug`)."""
        if self.hug:
            self.updateGeometry()

    def _regrow(self) -> None:
        """The content outgrew the room (its words were laid out after the page was): ask for its
        height again. A layout outside the scroll area never hears of its content's changes."""
        if self.hug:
            self.updateGeometry()

    def sizeHint(self) -> QSize:
        """As tall as its content at its width (the page may give it less: it scrolls), so what
        comes after it on the page (a risk's "I understand") stands right under the words."""
        hint = super().sizeHint()
        if not self.hug:
            return hint
        # At the width the words have with no scroll bar: given that height, they need none. At
        # the narrower width beside a bar shown a moment ago, a line more than the bar-less room
        # held, the bar stayed, and the last line stood below the fold with the page empty under it.
        bare = self._bare_width() if self.width() > 0 else None
        return QSize(hint.width(), self.content_height(bare) + 2 * self.frameWidth())

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        if not self.least_fits:
            return hint
        return QSize(hint.width(), min(hint.height(), self.sizeHint().height()))

    def _bare_width(self) -> int:
        """The words' width with no scroll bar beside them."""
        return self.width() - 2 * self.frameWidth()

    def content_height(self, width: int | None = None) -> int:
        """The column's height at the width it has (or at `width`), from its rows themselves (a
        layout's own answer is kept from the last screen's words until it is next laid out)."""
        if width is None:
            width = self.viewport().width() if self.viewport().width() > 0 else self.width()
        width = min(width, self.column.maximumWidth())
        rows = []
        for n in range(self.content.count()):
            item = self.content.itemAt(n)
            widget = item.widget() if item is not None else None
            if item is None or widget is None or widget.isHidden():
                continue
            if widget.hasHeightForWidth():
                rows.append(widget.heightForWidth(width))
            else:  # the item's hint, within the widget's own least and most (a fixed-size picture)
                rows.append(item.sizeHint().height())
        if not rows:
            return 0
        m = self.content.contentsMargins()
        return sum(rows) + self.content.spacing() * (len(rows) - 1) + m.top() + m.bottom()

    def limit_width(self, px: int) -> None:
        """No line of the column wider than `px` (it is centred in the room it has)."""
        self.column.setMaximumWidth(px)

    def recheck(self) -> None:
        """Say again whether there is more below (the page said otherwise meanwhile)."""
        self._had_more = None
        self.check_soon()

    def check_now(self) -> None:
        """Lay out now what is waiting to be (the page around a hugging area, then the area), and
        look: until then the scroll bar's range and the viewport's height are the last screen's,
        and a cue said from them would be said again, the other way, after the first paint."""
        scrolls = self._scrolls
        for _ in range(2):  # room kept or given back under the area (`scrolls`): a pass more
            for _ in range(3):  # the area's new height can ask the page for one more pass
                QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            # A widget that pass showed (the scroll bar, when the new words outgrow the room) asks
            # to be painted by an UpdateLater posted behind the window's pending UpdateRequest:
            # delivered after the first paint, it painted the scroll bar's strip a second time.
            # Marked dirty now, it is painted with the rest of the screen, once.
            QCoreApplication.sendPostedEvents(None, QEvent.Type.UpdateLater)
            self._check()
            if self._scrolls == scrolls:
                break
            scrolls = self._scrolls

    def check_soon(self) -> None:
        """Look again once the new content is laid out (at the next turn of the event loop)."""
        QTimer.singleShot(0, self, self._check)

    def _check(self) -> None:
        if not self.isVisible() or not self.column.isVisible() or self.viewport().height() <= 0:
            return
        bar = self.verticalScrollBar()
        # From the content itself, not only the scroll bar's range: that is worked out when the
        # content is next laid out, and until then says 0 (all of it in view) for a text that
        # goes on below the fold.
        unseen = self.content_height() - (bar.value() + self.viewport().height())
        # Whole without a scroll bar, at the width the bar would leave: once shown, a bar takes
        # that width, the words wrap a line longer and it stays (the last line below the fold,
        # the page empty under it, "more below" said).
        bare = self.content_height(self._bare_width())
        fits = bare <= self.viewport().height() + SLACK_PX
        # Said first: a page that keeps room for a cue while the words scroll gives it back (or
        # keeps it) before the cue is shown or hidden.
        scrolls = bare > self.viewport().height() + self.spare + SLACK_PX
        if scrolls != self._scrolls:
            self._scrolls = scrolls
            self.scrolls.emit(scrolls)
        # A pixel over is rounding between the font's metrics and the layout, not a cut: the room
        # the page gives the words is at times that pixel short of them, and it is no reason to
        # ask a patient to scroll (nor to keep "I understand this risk" waiting).
        more = not fits and (bar.maximum() - bar.value() > SLACK_PX or unseen > SLACK_PX)
        # Nor is a pixel's range a reason for a scroll bar: it would promise more, and there is none.
        policy = (
            Qt.ScrollBarPolicy.ScrollBarAlwaysOff
            if fits or (bar.maximum() <= SLACK_PX and unseen <= SLACK_PX)
            else Qt.ScrollBarPolicy.ScrollBarAsNeeded
        )
        if self.verticalScrollBarPolicy() != policy:
            self.setVerticalScrollBarPolicy(policy)
        self._bar_room()
        if more != self._had_more:
            self._had_more = more
            self.more.emit(more)
        if not more:
            self.at_end.emit()

    def _bar_room(self) -> None:
        """Room between the words and the bar while it shows, on the bar's side (Qt mirrors no
        margin in Arabic): a line's last word had run 1 px from it (a reviewer, Spanish, Larger
        text)."""
        shows = self.verticalScrollBarPolicy() is Qt.ScrollBarPolicy.ScrollBarAsNeeded
        gap = BAR_GAP if shows else 0
        rtl = self.layoutDirection() == Qt.LayoutDirection.RightToLeft
        self._row.setContentsMargins(gap if rtl else 0, 0, 0 if rtl else gap, 0)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.LayoutDirectionChange:
            self._bar_room()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.check_soon()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.hug and event.size().width() != event.oldSize().width():
            # Its height is its words' at its width (`sizeHint`): asked at the last screen's width
            # (narrower beside a picture), it stayed taller than the words once they were wider,
            # and held "I understand this risk" a gap below them.
            self.updateGeometry()

    def clear(self) -> None:
        while self.content.count():
            item = self.content.takeAt(0)
            if item is None:
                break
            widget = item.widget()
            if widget is not None:
                widget.hide()
                _blank(widget)
                widget.deleteLater()
            # takeAt hands the item over and nobody else frees it (about 90 bytes a row, every
            # screen); deleting it leaves its widget alone, as in C++.
            shiboken6.delete(item)
        self.start_over()

    def add(self, widget: W) -> W:
        self.content.addWidget(widget)
        widget.show()  # at once, not at the next turn of the event loop: the page is drawn in one go
        return widget

    def finish(self) -> None:
        """Nothing to add: the column stands at the top of the room it has, as tall as its rows
        (a stretch after them would count as one more row, with the spacing before it)."""

    # -- rows kept from screen to screen (the patient's pages: a new row costs its making, its
    # styling and its deletion on every Next, where a kept one costs only its words) --

    @contextmanager
    def refilling(self, rows: int) -> Iterator[None]:
        """Around giving kept rows (`refill`) the next screen's words, when `rows` will show.

        Each widget shown into a visible window has Qt lay out its parents there and then, and ask
        the display server where the pointer is (a round trip, which waits for the server to finish
        drawing the last frame). When more than one row appears, the column is hidden meanwhile and
        laid out once when shown again, painted at the next turn of the event loop as before. A
        column not on screen (its page is not the current one) costs nothing yet either way."""
        self._at_end = False  # new rows are not the end read before
        items = (self.content.itemAt(n) for n in range(self.content.count()))
        showing = sum(1 for i in items if i is not None and (w := i.widget()) and not w.isHidden())
        hide = rows - showing > 1 and self.column.isVisible()
        if hide:
            self.column.hide()
        try:
            yield
        finally:
            if hide:
                self.column.show()

    def refill(
        self,
        kept: list[Row],
        items: Sequence[Entry],
        make: Callable[[], Row],
        fill: Callable[[Row, Entry], None],
        at: int = 0,
    ) -> None:
        """One kept row per item, given its words by `fill` and shown; rows are made (and placed from
        position `at` of the column) when `kept` has too few, and those left over are emptied
        (`_blank`) and hidden."""
        while len(kept) < len(items):
            row = make()
            self.content.insertWidget(at + len(kept), row)
            refit(row)  # in the page's text size before it is measured
            kept.append(row)
        for row, item in zip(kept, items, strict=False):
            fill(row, item)
            row.show()
        for row in kept[len(items) :]:
            _blank(row)
            row.hide()
