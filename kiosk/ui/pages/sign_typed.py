"""Typing a name instead of drawing it, what the signature means stays on screen: under the keys,
in the room they leave, or (where that room cannot hold its heading and a few lines) behind a
button that shows it in the keys' place."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.ui.pages.base import LINE_CHARACTERS, Reading, button
from kiosk.ui.pages.label import lines_px
from kiosk.ui.pages.parts import ScrollCue

FEW_LINES = 4
"""Typing a name, the statement keeps room for this many lines where the page has it,"""
LEAST_LINES = 3
"""and for this many at least, its heading and "There is more below" with them (in two lines, a
reviewer found them sliced where a drag stopped: with less room, the button shows it instead)."""
TYPING_CHARACTERS = 72
"""Under the keys, a line of the statement holds about this many characters, not the usual
LINE_CHARACTERS, still within what reads comfortably (about 70): in the little room there is, a
point in a line fewer (1920x1080, Larger text: the first point whole, not cut after two lines)."""
CUE_CHARACTERS = 75
""""There is more below" stands on one line under the keys when it is no longer than this (Larger
text at 1920x1080: on two lines, its room was the first point's last line)."""
CLOSE_PX = 4
"""On a short page, the room between the statement's heading, words and cue, and between the
lines of the page under the keys (8 px otherwise)."""
BESIDE_PX = 16
"""The room between the statement's title and "There is more below" beside it."""
UNLIMITED = (1 << 24) - 1
"""Qt's largest widget size (QWIDGETSIZE_MAX): no limit."""
TYPING_STEPS = ("hint", "who", "notice", "note", "title", "lines", "close", "cue", "keys")
"""What gives way, in turn, while a name is typed on a page short of room (`SignPage._steps`): the
note that staff confirm a typed name (said under the pad before) before the statement's room."""
LAYOUT_DEPTH = 6
"""How many boxes deep a change of size may be from the page (the keys' hint: its row, the keys'
page, their pages, the keyboard, its row, the page's column)."""


class UnderKeys:
    """Where the statement (`box`: its heading, the reading area, "There is more below") stands.

    Drawing, it is the first of `split` (beside the pad, or above it). Typing, it stands under
    the keys, in the room they leave, from where a line starts (under the name): its words no
    wider than a line, "There is more below" on one line if that is not too long a line, its
    room kept there, shown or not (and on a short page beside the heading, `cue_beside`). Where
    not even its least room is left (`give_way`), `read` says "Read what your signature means"
    instead; tapped, the statement takes the keys' place until it is tapped again ("Back to the
    keys")."""

    def __init__(
        self, box: QWidget, area: Reading, cue: ScrollCue, title: QLabel, split: QBoxLayout
    ) -> None:
        """`split`: the page's row (or column) that holds the statement beside the pad."""
        self.box, self.area, self.cue, self.title, self.split = box, area, cue, title, split
        inside = box.layout()
        assert isinstance(inside, QVBoxLayout)
        self._inside = inside
        self._at = (inside.indexOf(title), inside.indexOf(area), inside.indexOf(cue))
        """Where the title, the words and "There is more below" stand in `box`."""
        self._line: QHBoxLayout | None = None
        """Typing, the words in a row, from where it starts (no wider than a line)."""
        self.heading: QHBoxLayout | None = None
        """The title and "There is more below" in one row (`cue_beside`)."""
        self._policy = area.sizePolicy()
        # Under the keys, the words ask for no height of their own (`least`, then what is left):
        # a column gives a box of wrapped words the height it asks for, and the whole statement's
        # took the keys' room and drew their rows over each other.
        self._typing_policy = QSizePolicy(self._policy)
        self._typing_policy.setVerticalPolicy(QSizePolicy.Policy.Ignored)
        self.room = QHBoxLayout()  # the statement from where a line starts, no wider than a line
        self.room.addStretch(0)
        self.read = button("", None, self._toggle)
        """The way to the statement where it has no room: the page places it (Clear's place)."""
        self.read.hide()
        self._changed: Callable[[], None] = lambda: None
        self._column: QVBoxLayout | None = None
        self._gaps = (0, 0)
        """The room between the statement's parts, and between the page's, when not closed up."""
        self._words = ("", "")
        self._box_px = UNLIMITED
        self.line_px = UNLIMITED
        """How wide a line of the words is beside the pad (the page says, with new words)."""
        """How wide the statement may be under the keys (its words' line, or its cue's)."""
        self.typing = False
        self.portrait = False
        self.reading = False
        """The statement in the keys' place (`read` tapped)."""
        self.gone = False
        """No room for the statement under the keys: `read` instead."""

    def stand(self, column: QVBoxLayout, changed: Callable[[], None]) -> None:
        """Typing, the statement stands in `column`, where it is now (under the keys). `changed`:
        the keys are to be shown or hidden (`keys_shown`) and the page fitted."""
        self._changed = changed
        self._column = column
        self._gaps = (self._inside.spacing(), column.spacing())
        column.addLayout(self.room)  # its share of the room only while it holds the statement

    def set_words(self, read: str, back: str) -> None:
        self._words = (read, back)
        self._show()

    def place(self, typing: bool, line_px: int) -> None:
        """Under the keys while a name is typed, a line of its words a little wider than
        `line_px`; else beside (above) the pad, its lines as wide as the page made them
        (`line_px` of the attribute)."""
        box, area = self.box, self.area
        if typing != self.typing:
            self.typing = typing
            self.reading = self.gone = False
            self.cue_beside(False)
            self._in_line(typing)
            (self.split if typing else self.room).removeWidget(box)
            if typing:
                self.room.insertWidget(0, box, 1)
            else:
                self.split.insertWidget(0, box, 1)
            if self._column is not None:  # (empty, it had still taken a share: the pad's)
                self._column.setStretchFactor(self.room, 100 if typing else 0)
            self.keep_cue_room()
            area.setSizePolicy(self._typing_policy if typing else self._policy)
        self._show()
        line_px = round(line_px * TYPING_CHARACTERS / LINE_CHARACTERS) if typing else self.line_px
        area.limit_width(line_px)
        bar = area.verticalScrollBar().sizeHint().width()
        area.setMaximumWidth(line_px + bar if typing else UNLIMITED)
        self._box_px = max(line_px + bar, self._cue_px()) if typing else UNLIMITED
        box.setMaximumWidth(self._box_px)

    def _cue_px(self) -> int:
        """How wide "There is more below" is on one line (0: too long a line to read in one)."""
        cue = self.cue
        said = cue.text.text()
        if len(said) > CUE_CHARACTERS:
            return 0
        row = cue.layout()
        gap = row.spacing() if row is not None else 0
        return cue.arrow.sizeHint().width() + gap + _one_line(cue.text)

    def keep_cue_room(self) -> None:
        """Above the pad (portrait), or under the keys, "There is more below" keeps its room."""
        self.cue.keep_room(self.portrait or self.typing)

    def keys_shown(self) -> bool:
        return self.typing and not self.reading

    def give_way(self, gone: bool) -> None:
        """No room under the keys (or room again): `read` in the statement's place."""
        if gone != self.gone:
            self.gone = gone
            self._show()

    def cue_beside(self, beside: bool) -> None:
        """Put "There is more below" beside the statement's title, where one row has room for
        both, each on one line: a line more of the words in the least room (Spanish, Larger text,
        1920x1080); else (and `beside` False) under the words. Only then in a row: a title in a
        row was measured a line short beside the pad, and the cue under it cut."""
        cue, title, inside = self.cue, self.title, self._inside
        one_line = self._cue_px() if beside else 0
        need, page = 0, self.box.parentWidget()
        if one_line > 0 and page is not None:
            need = _one_line(title) + BESIDE_PX + one_line
            if need > page.width():
                need = 0
        self.box.setMaximumWidth(max(self._box_px, need))
        if (need > 0) == (self.heading is not None):
            return
        if self.heading is None:
            self.heading = QHBoxLayout()
            self.heading.setSpacing(BESIDE_PX)
            inside.removeWidget(title)
            inside.removeWidget(cue)
            self.heading.addWidget(title, 1)
            self.heading.addWidget(cue)
            cue.setMinimumWidth(one_line)
            inside.insertLayout(self._at[0], self.heading)
        else:
            inside.removeItem(self.heading)
            self.heading.removeWidget(title)
            self.heading.removeWidget(cue)
            self.heading.setParent(None)  # (Python's now, let go of with this reference)
            self.heading = None
            cue.setMinimumWidth(0)
            inside.insertWidget(self._at[0], title)
            inside.insertWidget(self._at[2], cue)

    def _in_line(self, typing: bool) -> None:
        """Typing, the words in a row of their own, from where it starts; else, as they were.
        Only then: in a row beside the pad or above it, they were given less room (77 px less
        above the pad on a portrait screen)."""
        inside, area = self._inside, self.area
        if typing and self._line is None:
            self._line = QHBoxLayout()
            inside.removeWidget(area)
            self._line.addWidget(area, 1)
            self._line.addStretch(0)
            inside.insertLayout(self._at[1], self._line, 1)
        elif not typing and self._line is not None:
            inside.removeItem(self._line)
            self._line.removeWidget(area)
            self._line.setParent(None)  # (Python's now, let go of with this reference)
            self._line = None
            inside.insertWidget(self._at[1], area, 1)

    def close_up(self, close: bool) -> None:
        """The statement's lines, and the page's under the keys, nearer each other (or not)."""
        column = self._column
        if column is None:
            return
        inside, page = (CLOSE_PX, CLOSE_PX) if close else self._gaps
        if self._inside.spacing() != inside:
            self._inside.setSpacing(inside)
            column.setSpacing(page)

    def least(self, lines: int) -> None:
        """Typing, room for at least `lines` lines of the words (all of them, if fewer); drawing,
        the room a reading area keeps by itself."""
        area = self.area
        least = 0
        line = area.column.findChild(QLabel)
        if self.typing and line is not None:
            line.ensurePolished()
            least = min(area.content_height(), lines_px(line, lines))
        if area.minimumHeight() != least:
            area.setMinimumHeight(least)

    @staticmethod
    def short(layout: QLayout, page: QWidget) -> int:
        """How many px the page (one column, a name being typed) is short of: each box measured
        again now (a box measures what is in it when next laid out: the hint on accents hidden
        was counted a step late), each wrapped text at the page's width."""
        for _ in range(LAYOUT_DEPTH):  # each box's change asks the one around it at the next
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
        layout.invalidate()
        return layout.totalMinimumHeightForWidth(page.width()) - page.height()

    def _show(self) -> None:
        """The statement, or the button to it (only what changes is shown or hidden: a reading
        area is measured once, when first laid out, and shown before its words it measured none
        and gave them no room above the pad)."""
        box = not self.typing or self.reading or not self.gone
        if self.box.isHidden() == box:
            self.box.setVisible(box)
        read = self.typing and (self.gone or self.reading)
        if self.read.isHidden() == read:
            self.read.setVisible(read)
        self.read.setText(self._words[1] if self.reading else self._words[0])

    def _toggle(self) -> None:
        self.reading = not self.reading
        self._show()
        self._changed()


def at_top(*widgets: QWidget) -> QWidget:
    """The widgets in a column of their own, at its top (its room below them, empty)."""
    holder = QWidget()
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        column.addWidget(widget)
    column.addStretch(1)
    return holder


def show_note(note: QLabel, notice: QLabel, shown: bool) -> None:
    """The page's note where its notice stands (nothing refused), or the notice."""
    note.setVisible(shown)
    notice.setVisible(not shown)


def _one_line(words: QLabel) -> int:
    """How wide a label is with its words on one line (and a letter to spare: a right-to-left
    title measured to the pixel wrapped its last word)."""
    words.ensurePolished()
    metrics = words.fontMetrics()
    said = metrics.horizontalAdvance(words.text()) + metrics.averageCharWidth()
    return said + 2 * words.margin()


def column_need(
    need: int, column: QLayout, width: int, cue: ScrollCue, beside: bool, page: tuple[QLayout, int]
) -> int:
    """The height the sign page needs (`need`, its layout's least) with the statement's `column`
    at its `width`: its wrapped words are what a layout's least size leaves out. Beside the pad,
    "There is more below" counted whether or not it shows now (it was cut by 17 px under a
    representative's line at Larger text; the title given way for it only once it came would
    change size under a patient reading); over the pad, what the column is given short of its
    words, laid out now (the note under the switch was cut: `page`, the page's layout and height)."""
    words = column.minimumHeightForWidth(width)
    if not beside:
        layout, height = page
        layout.activate()
        return max(need, height + words - column.geometry().height())
    if cue.isHidden():
        cue.ensurePolished()
        cue.text.ensurePolished()
        words += cue.heightForWidth(width) + column.spacing()
    return max(need, words)
