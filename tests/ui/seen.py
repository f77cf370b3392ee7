"""What a person sees on a window: every text measured against the part of its widget they can see.

Widget sizes alone pass layouts a patient cannot read (STYLE.md item 14). These helpers take a
top-level window as it is on screen and, for every visible QLabel, QAbstractButton and QLineEdit,
lay out its words with the widget's own font (`QFontMetrics(widget.font())`, word-wrapped to the
contents width where the label wraps) and compare the result with

- the widget's contents rect (a label's `contentsRect()` less its margin; a push button's
  `SE_PushButtonContents`, which under a style sheet is the rect less border and padding; a line
  edit's `SE_LineEditContents`): text larger than that is cut, a word wider than it cannot wrap;
- the part of the widget visible in the window: its rect mapped to the window, intersected with
  every ancestor's rect (a QScrollArea's viewport clips its content, the window clips everything).
  Text outside it is hidden: below the fold of a scroll area (allowed, as `BELOW_FOLD`, only while
  the page shows a "more below" cue, see `has_more_cue`; a scroll bar alone is no cue), cut by a
  container too small for it, or off the window.

It also finds interactive widgets and texts that overlap on the window, wrapped lines longer than
about 70 characters (`LONG_LINE_CHARS`), text squeezed into a narrow column, a main action not wholly
on screen, and scroll bars shown with nothing more to show (no range, or every word already in view:
a scroll bar is a promise of more to read). Each `Finding` names the screen, the
text (its first 40 characters), what is wrong and the numbers, and what a patient reads instead.

Nothing here drives the window or waits: call `settle` first, then `look`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum

from babel import Locale
from PySide6.QtCore import QCoreApplication, QEvent, QPointF, QRect, Qt, QTextBoundaryFinder
from PySide6.QtGui import QFont, QFontMetrics, QTextLayout, QTextOption
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractScrollArea,
    QApplication,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScrollBar,
    QStyle,
    QStyleOptionButton,
    QStyleOptionFrame,
    QWidget,
)

from kiosk.ui.widgets.picture import Picture

LONG_LINE_CHARS = 75
"""A wrapped line longer than this many characters (on average over its paragraph) is too long to
read comfortably; the product asks for about 70."""
NARROW_LINE_CHARS = 12
"""A text of at least `NARROW_LINES` lines averaging fewer characters than this is a narrow column."""
NARROW_LINES = 3
SLACK_PX = 1
"""Rounding between font metrics and layout: a pixel over is not a cut."""
BIG = 100_000
CUE_ROLE = "more-below"
"""A scroll area's "more below" cue is a visible widget with this `role` property (or the object
name `moreBelow`) on the scroll area's page. A scroll bar alone is not a cue."""
LEFT_ALIGNED_ROLES = frozenset({"choice"})
"""Push buttons whose style sheet says `text-align: left` (Qt does not expose it): where their text is
cut decides which characters a patient still sees."""


class Kind(StrEnum):
    CUT = "text cut by its own widget"
    WORD = "a word wider than its line"
    HIDDEN = "out of view in a scroll area with no cue"
    BELOW_FOLD = "below_fold"
    CLIPPED = "cut by its container"
    OFF_WINDOW = "partly outside the window"
    OVERLAP = "overlaps another"
    LONG_LINES = "lines too long"
    NARROW = "narrow column"
    MAIN_ACTION = "main action not fully visible"
    EMPTY_SCROLL = "scroll bar with nothing more"
    SMALL_TARGET = "smaller than a fingertip"
    SMALL_TEXT = "text smaller than the least size"
    MAIN_NOT_LARGEST = "main action not the largest button"
    NOT_FROM_CATALOG = "words not from the catalog"
    INK_AT_EDGE = "words drawn out to its edge"
    CHOICE_NOT_WHOLE = "an answer to choose not whole on screen"


ALLOWED = frozenset({Kind.BELOW_FOLD})
"""Kinds that are reported but are no problem: content below the fold of a page with a cue."""


@dataclass(frozen=True)
class Finding:
    screen: str
    text: str
    """The first 40 characters of the widget's text (its class name if it has none)."""
    kind: Kind
    detail: str
    """The numbers, and what a patient sees instead."""

    def __str__(self) -> str:
        return f"{self.screen}: {self.kind.value}: {self.text!r}: {self.detail}"


def problems(findings: Iterable[Finding]) -> list[Finding]:
    """The findings a patient is hurt by (everything but `ALLOWED`)."""
    return [f for f in findings if f.kind not in ALLOWED]


def settle() -> None:
    """Let pending layouts and polishing run, as the event loop does before a person sees a frame."""
    for _ in range(3):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest.value)
        QApplication.processEvents()


# -- geometry ------------------------------------------------------------------------------


def on_window(window: QWidget, widget: QWidget, rect: QRect | None = None) -> QRect:
    """`rect` (default: the whole widget) of `widget`, in the window's coordinates."""
    r = widget.rect() if rect is None else rect
    return QRect(widget.mapTo(window, r.topLeft()), r.size())


@dataclass(frozen=True)
class Clip:
    """Where a widget is visible in the window, and what cut it: the innermost scroll area whose
    viewport clips it, another container, or the window itself."""

    full: QRect
    visible: QRect
    area: QAbstractScrollArea | None
    container: QWidget | None
    window: bool


def clip(window: QWidget, widget: QWidget) -> Clip:
    full = on_window(window, widget)
    r = QRect(full)
    area: QAbstractScrollArea | None = None
    container: QWidget | None = None
    ancestor = widget.parentWidget()
    while ancestor is not None and ancestor is not window:
        cut = r.intersected(on_window(window, ancestor))
        if cut != r:
            owner = ancestor.parentWidget()
            if isinstance(owner, QAbstractScrollArea) and owner.viewport() is ancestor:
                area = area or owner
            elif container is None:
                container = ancestor
            r = cut
        ancestor = ancestor.parentWidget()
    inside = r.intersected(window.rect())
    return Clip(full, inside, area, container, inside != r)


def _overlap(a: QRect, b: QRect) -> QRect:
    both = a.intersected(b)
    return both if both.width() > SLACK_PX and both.height() > SLACK_PX else QRect()


# -- text ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Line:
    start: int
    length: int
    top: float
    bottom: float


def lines(text: str, font: QFont, width: int | None) -> list[Line]:
    """How Qt lays `text` out in lines (word-wrapped at `width`, or one line per paragraph)."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(
        QTextOption.WrapMode.WordWrap if width is not None else QTextOption.WrapMode.NoWrap
    )
    layout.setTextOption(option)
    layout.beginLayout()
    y = 0.0
    found: list[Line] = []
    while True:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width if width is not None else BIG)
        line.setPosition(QPointF(0, y))
        found.append(Line(line.textStart(), line.textLength(), y, y + line.height()))
        y += line.height()
    layout.endLayout()
    return found


def _visible_chars(text: str, font: QFont, left: float, x0: float, x1: float) -> str:
    """The characters of a one-line `text` drawn from x = `left` that lie wholly within [x0, x1]."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    line = layout.createLine()
    line.setLineWidth(BIG)
    layout.endLayout()
    shown = []

    def x(i: int) -> float:
        at: object = line.cursorToX(i)  # PySide6 returns (x, cursor position)
        return left + float(at[0] if isinstance(at, tuple) else at)  # type: ignore[arg-type]

    for i, ch in enumerate(text):
        a, b = x(i), x(i + 1)
        if a >= x0 - SLACK_PX and b <= x1 + SLACK_PX:
            shown.append(ch)
        elif not shown or shown[-1] != "…":
            shown.append("…")
    return "".join(shown).strip()


def unbreakable(text: str) -> list[str]:
    """The pieces a line cannot be broken within (Unicode line breaking: after spaces, after a
    hyphen…), without their trailing spaces: a piece wider than the line sticks out of it."""
    finder = QTextBoundaryFinder(QTextBoundaryFinder.BoundaryType.Line, text)
    pieces: list[str] = []
    start = 0
    while (end := finder.toNextBoundary()) != -1:
        if end > start:
            piece = text[start:end].rstrip()
            if piece:
                pieces.append(piece)
        start = end
    return pieces


@dataclass(frozen=True)
class Text:
    """One text on the window: its widget, words, font, contents rect and how it is laid out."""

    widget: QWidget
    words: str
    font: QFont
    contents: QRect
    """Where the widget draws its text, in the widget's coordinates."""
    align: Qt.AlignmentFlag
    wrap: bool


def texts_of(root: QWidget) -> list[Text]:
    """Every visible text in `root` (a window, or any widget), with the rect it is drawn in."""
    found: list[Text] = []
    for w in [root, *root.findChildren(QWidget)]:
        if not w.isVisible():
            continue
        if isinstance(w, QLabel) and w.text():
            m = w.margin()
            contents = w.contentsRect().adjusted(m, m, -m, -m)
            found.append(Text(w, w.text(), w.font(), contents, w.alignment(), w.wordWrap()))
        elif isinstance(w, QAbstractButton) and w.text():
            found.append(Text(w, w.text(), w.font(), _button_contents(w), _button_align(w), False))
        elif isinstance(w, QLineEdit) and (w.displayText() or w.placeholderText()):
            words = w.displayText() or w.placeholderText()
            found.append(Text(w, words, w.font(), _line_edit_contents(w), w.alignment(), False))
    return found


def _button_contents(b: QAbstractButton) -> QRect:
    if not isinstance(b, QPushButton):
        return b.contentsRect()
    option = QStyleOptionButton()
    option.initFrom(b)
    option.text = b.text()
    option.features = (
        QStyleOptionButton.ButtonFeature.Flat
        if b.isFlat()
        else QStyleOptionButton.ButtonFeature.None_
    )
    rect = b.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, b)
    if not b.icon().isNull() and b.iconSize().width() > 0:
        # The icon and Qt's 4 px gap come out of the text's room (the icon before the text, or
        # after it in a right-to-left button).
        room = b.iconSize().width() + 4
        if b.layoutDirection() == Qt.LayoutDirection.RightToLeft:
            rect.setRight(rect.right() - room)
        else:
            rect.setLeft(rect.left() + room)
    return rect


def _button_align(b: QAbstractButton) -> Qt.AlignmentFlag:
    if b.property("role") in LEFT_ALIGNED_ROLES:
        return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
    return Qt.AlignmentFlag.AlignCenter


def _line_edit_contents(e: QLineEdit) -> QRect:
    option = QStyleOptionFrame()
    option.initFrom(e)
    option.lineWidth = e.style().pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, e)
    rect = e.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, e)
    m = e.textMargins()
    return rect.adjusted(m.left(), m.top(), -m.right(), -m.bottom())


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 40 else flat[:39] + "…"


# -- looking -------------------------------------------------------------------------------


def has_more_cue(area: QAbstractScrollArea) -> bool:
    """Whether the page of a scroll area, or the window's frame, shows a "more below" cue (see
    `CUE_ROLE`)."""
    page = area.parentWidget() or area
    window = area.window()
    for w in [page, *page.findChildren(QWidget), *window.findChildren(QWidget, "moreBelow")]:
        if (w.property("role") == CUE_ROLE or w.objectName() == "moreBelow") and w.isVisible():
            return True
    return False


def look(
    window: QWidget,
    screen: str,
    *,
    main_action: QWidget | None = None,
    interactive: Sequence[type[QWidget]] = (),
    cue: Callable[[QAbstractScrollArea], bool] = has_more_cue,
) -> list[Finding]:
    """Every finding on the window as it is now (call `settle` first). `main_action` is the button
    that must be wholly on screen; `interactive` adds widget classes (a signature pad, say) to those
    that must not overlap anything; `cue` tells whether a scroll area's page shows "more below"."""
    findings: list[Finding] = []
    texts = texts_of(window)
    unseen: dict[QAbstractScrollArea, list[str]] = {}
    for t in texts:
        found, area = _look_at_text(window, screen, t, cue)
        findings += found
        findings += _ink_at_edges(screen, t)
        if area is not None:
            unseen.setdefault(area, []).append(t.words)
    for area, words in unseen.items():
        findings.append(_wholly_unseen(screen, area, words, cue(area)))
    findings = _long_lines_together(findings)
    findings += _overlaps(window, screen, texts, interactive)
    findings += _scroll_bars(window, screen)
    if main_action is not None and main_action.isVisible():
        c = clip(window, main_action)
        if c.visible != c.full:
            findings.append(
                Finding(
                    screen,
                    _name(main_action),
                    Kind.MAIN_ACTION,
                    f"{_size(c.visible)} of {_size(c.full)} visible at {_at(c.full)}",
                )
            )
    elif main_action is not None:
        findings.append(Finding(screen, _name(main_action), Kind.MAIN_ACTION, "not shown"))
    return findings


def _long_lines_together(findings: list[Finding]) -> list[Finding]:
    """The screen's texts with lines too long as one finding: the longest, and how many more."""
    long = [f for f in findings if f.kind is Kind.LONG_LINES]
    if len(long) <= 1:
        return findings
    worst = max(long, key=lambda f: float(f.detail.split()[0]))
    rest = [f for f in findings if f.kind is not Kind.LONG_LINES]
    detail = f"{worst.detail}, and {len(long) - 1} more text{'s' if len(long) > 2 else ''} over"
    return [*rest, Finding(worst.screen, worst.text, Kind.LONG_LINES, detail)]


def _wholly_unseen(screen: str, area: QAbstractScrollArea, words: list[str], cued: bool) -> Finding:
    """One finding for all the texts of a scroll area that are wholly out of its view."""
    bar = area.verticalScrollBar()
    content = area.widget() if isinstance(area, QScrollArea) else None
    names = [repr(_short(w)[:24]) for w in words]
    shown = ", ".join(names if len(names) <= 3 else [*names[:2], "…", names[-1]])
    # Scrolled to its end, what is out of view is above the top: the patient scrolled past it
    # themselves, and the scroll bar shows it.
    above = bar.isVisible() and bar.value() == bar.maximum() > 0
    return Finding(
        screen,
        _short(words[0]),
        Kind.BELOW_FOLD if cued or above else Kind.HIDDEN,
        f"{len(words)} text{'s' if len(words) > 1 else ''} wholly out of view ({shown}); "
        f"content {content.height() if content else '?'} px in a {area.viewport().height()} px "
        f"view, scrolled to {bar.value()}, "
        + (
            "a cue shows"
            if cued
            else "no cue but " + ("a scroll bar" if bar.isVisible() else "none")
        ),
    )


def _name(w: QWidget) -> str:
    text = w.text() if isinstance(w, QLabel | QAbstractButton | QLineEdit) else ""
    return _short(text) if text else type(w).__name__


def _size(r: QRect) -> str:
    return f"{r.width()}×{r.height()}" if not r.isEmpty() else "nothing"


def _at(r: QRect) -> str:
    return f"({r.x()},{r.y()})"


def _look_at_text(
    window: QWidget, screen: str, t: Text, cue: Callable[[QAbstractScrollArea], bool]
) -> tuple[list[Finding], QAbstractScrollArea | None]:
    """What is wrong with one text, and the scroll area it is wholly hidden in (if it is)."""
    found: list[Finding] = []
    fm = QFontMetrics(t.font)
    name = _short(t.words)
    width = t.contents.width()
    flags = int(t.align) | int(Qt.TextFlag.TextShowMnemonic)

    def say(kind: Kind, detail: str) -> None:
        found.append(Finding(screen, name, kind, detail))

    if t.wrap:
        need = fm.boundingRect(
            QRect(0, 0, max(width, 1), BIG), flags | int(Qt.TextFlag.TextWordWrap), t.words
        )
        laid = lines(t.words, t.font, max(width, 1))
        wide = [w for w in unbreakable(t.words) if fm.horizontalAdvance(w) > width + SLACK_PX]
        for word in wide[:3]:
            say(Kind.WORD, f"{word!r} needs {fm.horizontalAdvance(word)} px, the line has {width}")
    else:
        widest = max(fm.horizontalAdvance(line) for line in t.words.split("\n"))
        need = QRect(0, 0, widest, fm.height())  # a button's lines, each on its own
        laid = lines(t.words, t.font, None)
        need.setHeight(max(fm.height(), round(laid[-1].bottom) if laid else 0))
    # Where the text is drawn: placed in the contents rect by its alignment, clipped by it.
    drawn = QStyle.alignedRect(Qt.LayoutDirection.LeftToRight, t.align, need.size(), t.contents)
    shown_own = drawn.intersected(t.contents)
    c = clip(window, t.widget)
    drawn_w = on_window(window, t.widget, drawn)
    seen = on_window(window, t.widget, shown_own).intersected(c.visible)

    over_w = need.width() - width
    over_h = need.height() - t.contents.height()
    if (over_w > SLACK_PX and not (t.wrap and wide)) or over_h > SLACK_PX:
        say(
            Kind.CUT,
            f"needs {need.width()}×{need.height()} px, has {width}×{t.contents.height()}; "
            + _what_shows(t, laid, drawn, shown_own),
        )

    # Hidden by an ancestor: a scroll area's viewport, a container, the window.
    mine = on_window(window, t.widget, shown_own)
    unseen_in = c.area if seen.isEmpty() and c.area is not None and not c.window else None
    if unseen_in is not None:
        pass  # counted with the others wholly out of view in that area
    elif not mine.isEmpty() and (
        mine.height() - seen.height() > SLACK_PX or mine.width() - seen.width() > SLACK_PX
    ):
        hidden = 1 - (seen.width() * seen.height()) / (mine.width() * mine.height())
        local = QRect(seen.topLeft() - drawn_w.topLeft(), seen.size())
        what = _what_shows(t, laid, drawn, local.translated(drawn.topLeft()))
        detail = (
            f"{hidden:.0%} of it hidden (text at y {drawn_w.top()}–{drawn_w.bottom()}, "
            f"visible {_span(seen)}); {what}"
        )
        if c.window and not c.area:
            say(Kind.OFF_WINDOW, detail + f"; window is {window.width()}×{window.height()}")
        elif c.area is not None:
            side = "below the fold" if drawn_w.bottom() > seen.bottom() else "above the top"
            # Above the top, the patient scrolled past it themselves, and the scroll bar shows it.
            shown = cue(c.area) or (
                side == "above the top" and c.area.verticalScrollBar().isVisible()
            )
            say(Kind.BELOW_FOLD if shown else Kind.HIDDEN, f"{side}: {detail}")
        else:
            holder = type(c.container).__name__ if c.container else "?"
            say(Kind.CLIPPED, f"{detail} by a {holder}")
    elif c.window and not c.area and c.visible != c.full:
        say(
            Kind.OFF_WINDOW,
            f"widget {_size(c.full)} at {_at(c.full)}, window {_size(window.rect())}",
        )

    # Line lengths, on wrapped text only where it is readable at all.
    if t.wrap and laid:
        per_paragraph = _chars_per_line(t.words, laid)
        longest = max(per_paragraph, default=0.0)
        if longest > LONG_LINE_CHARS:
            say(
                Kind.LONG_LINES,
                f"{longest:.0f} characters a line (over {LONG_LINE_CHARS}), {width} px wide",
            )
        if len(laid) >= NARROW_LINES and len(t.words) / len(laid) < NARROW_LINE_CHARS:
            say(
                Kind.NARROW,
                f"{len(laid)} lines of {len(t.words) / len(laid):.0f} characters, {width} px wide",
            )
    elif not t.wrap and isinstance(t.widget, QLabel) and len(t.words) > LONG_LINE_CHARS:
        say(Kind.LONG_LINES, f"{len(t.words)} characters on one line, not wrapped")
    return found, unseen_in


INK_CLOSE = 80
"""How near (summed over red, green and blue) a pixel's colour is to a text's own to be its ink."""


def _ink_at_edges(screen: str, t: Text) -> list[Finding]:
    """A wrapped right-to-left label drawn as a person sees it: its ink in its first or last
    column of pixels means its words run on past it and are cut there.

    Measured, not laid out: Qt draws a wrapped right-to-left plain text (QPainter's own line
    breaking) one space's width left of where `QTextLayout` places it, so only the pixels tell.
    Left-to-right text is drawn where `lines` says, and is not grabbed (it would cost a paint of
    every label on every screen)."""
    w = t.widget
    if not (
        isinstance(w, QLabel)
        and t.wrap
        and w.layoutDirection() == Qt.LayoutDirection.RightToLeft
        and w.width() > 2
    ):
        return []
    image = w.grab().toImage()
    ratio = image.devicePixelRatio()
    ink = w.palette().color(w.foregroundRole())
    found: list[Finding] = []
    for side, px in (("left", 0), ("right", image.width() - 1)):
        touching = 0
        for y in range(image.height()):
            c = image.pixelColor(px, y)
            near = (
                abs(c.red() - ink.red()) + abs(c.green() - ink.green()) + abs(c.blue() - ink.blue())
            )
            touching += c.alpha() > 128 and near < INK_CLOSE
        if touching:
            found.append(
                Finding(
                    screen,
                    _short(t.words),
                    Kind.INK_AT_EDGE,
                    f"{touching} px of ink in its {side}most column (x {px / ratio:.0f}): cut there",
                )
            )
    return found


def _span(r: QRect) -> str:
    return f"y {r.top()}–{r.bottom()}" if not r.isEmpty() else "nothing"


def _chars_per_line(text: str, laid: list[Line]) -> list[float]:
    """Characters per line for each paragraph (`\\n`-separated) of a laid-out text."""
    result: list[float] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        n = sum(1 for ln in laid if start <= ln.start < max(end, start + 1))
        if paragraph.strip() and n:
            # A reader counts letters, not the marks written on them (Arabic vowels, a shadda).
            letters = sum(1 for ch in paragraph if unicodedata.category(ch) != "Mn")
            result.append(letters / n)
        start = end + 1
    return result


def _what_shows(t: Text, laid: list[Line], drawn: QRect, shown: QRect) -> str:
    """What a patient reads of a text drawn in `drawn` of which only `shown` (widget coordinates)
    is visible: the characters of a one-line text, or which lines of a wrapped one."""
    if shown.isEmpty():
        return "none of it visible"
    if len(laid) <= 1:
        visible = _visible_chars(t.words, t.font, drawn.left(), shown.left(), shown.right() + 1)
        top, bottom = shown.top() - drawn.top(), shown.bottom() + 1 - drawn.top()
        if laid and (laid[0].top < top - SLACK_PX or laid[0].bottom > bottom + SLACK_PX):
            cut = laid[0].bottom - laid[0].top
            seen = max(0.0, min(bottom, laid[0].bottom) - max(top, laid[0].top))
            return f"reads {visible!r}, {seen / max(cut, 1.0):.0%} of its height showing"
        return f"reads {visible!r}"
    top, bottom = shown.top() - drawn.top(), shown.bottom() + 1 - drawn.top()
    whole = [ln for ln in laid if ln.top >= top - SLACK_PX and ln.bottom <= bottom + SLACK_PX]
    halves = [ln for ln in laid if ln not in whole and ln.bottom > top and ln.top < bottom]
    parts = [f"{len(whole)} of {len(laid)} lines whole"]
    for ln in halves[:2]:
        words = t.words[ln.start : ln.start + ln.length].strip()
        part = (min(bottom, ln.bottom) - max(top, ln.top)) / (ln.bottom - ln.top)
        parts.append(f"line {laid.index(ln) + 1} {part:.0%} showing ({_short(words)!r})")
    filled = [ln for ln in whole if t.words[ln.start : ln.start + ln.length].strip()]
    if filled:
        last = filled[-1]
        parts.append(f"last whole line {_short(t.words[last.start : last.start + last.length])!r}")
    return ", ".join(parts)


def _overlaps(
    window: QWidget, screen: str, texts: list[Text], interactive: Sequence[type[QWidget]]
) -> list[Finding]:
    widgets: list[QWidget] = [t.widget for t in texts]
    kinds: tuple[type[QWidget], ...] = (QAbstractButton, QLineEdit, QScrollBar, *interactive)
    widgets += [
        w
        for w in window.findChildren(QWidget)
        if isinstance(w, kinds) and w.isVisible() and w not in widgets
    ]
    boxes = [(w, clip(window, w).visible) for w in widgets]
    boxes = [(w, r) for w, r in boxes if not r.isEmpty()]
    found: list[Finding] = []
    for i, (a, ra) in enumerate(boxes):
        for b, rb in boxes[i + 1 :]:
            if a.isAncestorOf(b) or b.isAncestorOf(a):
                continue
            both = _overlap(ra, rb)
            if not both.isEmpty():
                found.append(
                    Finding(
                        screen,
                        _name(a),
                        Kind.OVERLAP,
                        f"{_name(b)!r}: {_size(both)} px in common at {_at(both)}",
                    )
                )
    return found


def _scroll_bars(window: QWidget, screen: str) -> list[Finding]:
    """A scroll bar must promise something: more to scroll to, and more words there to read."""
    found: list[Finding] = []
    for area in window.findChildren(QScrollArea):
        bar = area.verticalScrollBar()
        content = area.widget()
        if not (area.isVisible() and bar.isVisible()) or content is None:
            continue
        inside = texts_of(content)
        view = on_window(window, area.viewport())
        unseen = [t for t in inside if not view.contains(on_window(window, t.widget, t.contents))]
        # A picture after the words (no room beside them) is more to scroll to as well.
        pictures = [p for p in content.findChildren(Picture) if p.isVisible()]
        hidden = [p for p in pictures if not view.contains(on_window(window, p))]
        if bar.maximum() > 0 and (unseen or hidden):
            continue
        first = inside[0].words if inside else type(area).__name__
        why = (
            "nothing to scroll to"
            if bar.maximum() <= 0
            else f"scrolling {bar.maximum()} px shows no more words (all {len(inside)} in view)"
        )
        found.append(
            Finding(
                screen,
                _short(first),
                Kind.EMPTY_SCROLL,
                f"{why}: content {content.height()} px in a {area.viewport().height()} px view",
            )
        )
    return found


def report(findings: Iterable[Finding], most: int = 4) -> str:
    """One line for each different finding, naming the screens it was found on, for a failure
    message: the same cut "Back" on thirty screens is one line, not thirty."""
    seen: dict[tuple[Kind, str, str], list[str]] = {}
    for f in findings:
        seen.setdefault((f.kind, f.text, f.detail), []).append(f.screen)
    lines = []
    for (kind, text, detail), screens in seen.items():
        where = "; ".join(screens[:most])
        if len(screens) > most:
            where += f" and {len(screens) - most} more"
        lines.append(f"  [{where}] {kind.value}: {text!r}: {detail}")
    return "\n".join(lines)


def main_action_of(*candidates: QWidget) -> QWidget | None:
    """The first visible candidate (the window's primary button, or a page's own)."""
    return next((c for c in candidates if c.isVisible()), None)


def touch_and_type(
    window: QWidget,
    screen: str,
    *,
    touch_px: int,
    text_px: int,
    main_action: QWidget | None = None,
    exempt: Sequence[QWidget] = (),
) -> list[Finding]:
    """Every visible button at least `touch_px` each way (but those in `exempt`), every visible
    text's font at least `text_px`, and the main action taller than any other button (but the
    answers to a question, as tall as their words)."""
    findings: list[Finding] = []
    buttons = [b for b in window.findChildren(QAbstractButton) if b.isVisible()]
    for b in buttons:
        if any(b is e or e.isAncestorOf(b) for e in exempt):
            continue
        if b.width() < touch_px or b.height() < touch_px:
            findings.append(Finding(screen, _name(b), Kind.SMALL_TARGET, _size(b.rect())))
        c = clip(window, b)
        if c.area is None and c.visible != c.full:
            # A button cut by its container or the window (below the fold of a scroll area is
            # `look`'s to judge, with its cue): its words may show whole while its frame does not.
            findings.append(
                Finding(
                    screen,
                    _name(b),
                    Kind.CLIPPED,
                    f"button {_size(c.visible)} of {_size(c.full)} visible at {_at(c.full)}",
                )
            )
    for w in [*window.findChildren(QLabel), *buttons, *window.findChildren(QLineEdit)]:
        if not w.isVisible() or any(w is e or e.isAncestorOf(w) for e in exempt):
            continue
        text = w.text() if isinstance(w, (QLabel, QAbstractButton, QLineEdit)) else ""
        px = w.font().pixelSize()
        if text and 0 < px < text_px:
            findings.append(Finding(screen, _name(w), Kind.SMALL_TEXT, f"{px} px"))
    if main_action is not None and main_action.isVisible():
        # A choice is as tall as its words (an answer may take two lines): it is content.
        others = [
            b
            for b in buttons
            if b is not main_action and b.property("role") not in ("primary", "choice")
        ]
        tallest = max((b.height() for b in others), default=0)
        if main_action.height() <= tallest:
            findings.append(
                Finding(
                    screen,
                    _name(main_action),
                    Kind.MAIN_NOT_LARGEST,
                    f"{main_action.height()} px tall, another button {tallest} px",
                )
            )
    return findings


# -- words not from the catalog (run in the pseudo-locale) ---------------------------------

PSEUDO_SEGMENT = re.compile(r"\[[^\[\]]*\]")
"""A message from the catalog in the pseudo-locale: bracketed (its inner placeholders filled)."""
ENGLISH_WORD = re.compile(r"[A-Za-z]{3,}")
BABEL_WORDS = frozenset(
    w.lower()
    for w in (
        *Locale.parse("en").months["format"]["wide"].values(),
        *Locale.parse("en").months["format"]["abbreviated"].values(),
        *Locale.parse("en").days["format"]["wide"].values(),
    )
)
"""Month and day names: dates are Babel's to write, per locale, not the catalog's."""


def strings_of(value: object) -> Iterator[str]:
    """Every string in a form's content (its JSON form), and each of its paragraphs."""
    if isinstance(value, str):
        yield value.strip()
        yield from (p.strip() for p in value.split("\n\n"))
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings_of(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings_of(v)


def not_from_catalog(root: QWidget, screen: str, allowed: set[str]) -> list[Finding]:
    """Every visible text of `root` whose words (run in the pseudo-locale) are neither bracketed
    catalog messages nor in `allowed` (the form's content, a person's own details) nor Babel's
    month and day names."""
    found = []
    for t in texts_of(root):
        rest = PSEUDO_SEGMENT.sub(" ", t.words)
        for words in sorted(allowed, key=len, reverse=True):
            if words:
                rest = rest.replace(words, " ")
        stray = [w for w in ENGLISH_WORD.findall(rest) if w.lower() not in BABEL_WORDS]
        if stray:
            found.append(Finding(screen, _short(t.words), Kind.NOT_FROM_CATALOG, f"{stray[:4]}"))
    return found


def readable(window: QWidget, where: str) -> None:
    """Nothing on the window cut, clipped or overlapping, as a person sees it (`where`: the screen,
    for the failure's message)."""
    found = problems(look(window, where))
    assert not found, report(found)
