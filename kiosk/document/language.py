"""The PDF's language: the procedure's content in the briefing's language, and right-to-left
paragraphs broken into lines in reading order.

kiosk.document.shaping orders a whole string as one line (bidi, Arabic joined). A right-to-left
paragraph longer than a line would then wrap its visual string left to right, and its lines would
read bottom to top. So a right-to-left paragraph is broken here, in logical order, at the width it
is given; each line then goes through `paragraph_markup` on its own (the Unicode bidi algorithm
orders each line by itself too) and the lines are joined with line breaks, right-aligned.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Mapping
from functools import cache, lru_cache, partial
from typing import Any

from reportlab.lib.enums import TA_RIGHT  # type: ignore[import-untyped]
from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.platypus import Flowable, Paragraph  # type: ignore[import-untyped]

from kiosk.content.schema import Form
from kiosk.document.fonts import paragraph_markup
from kiosk.document.kept import Para, kept_paragraph
from kiosk.document.record import BriefingRecord

Translations = Mapping[str, Mapping[str, Form]]
"""Each procedure's translations, by procedure id and language (kiosk.content.Catalog.translations)."""

_RUN = re.compile(r'<font name="([^"]+)">(.*?)</font>|([^<]+)', re.S)


def content_in(
    record: BriefingRecord, form: Form, translations: Translations | None
) -> Form | None:
    """The procedure `form` (its source language) in the briefing's language: the translation made
    from this version, with the content hash the patient's screens in that language carried. None
    when this kiosk does not have it."""
    if record.language == form.language:
        return form
    found = (translations or {}).get(form.id, {}).get(record.language)
    if found is None or found.version != form.version:
        return None
    if found.translation is not None and found.translation.source_version != form.version:
        return None
    shown = {part.content_sha256 for part in record.parts() if part.language == record.language}
    if shown and found.content_sha256 not in shown:
        return None
    return found


@cache
def right_to_left(style: ParagraphStyle) -> ParagraphStyle:
    """The style, right-aligned."""
    return ParagraphStyle(f"{style.name}-rtl", parent=style, alignment=TA_RIGHT)


def _markup_width(markup: str, font: str, size: float) -> float:
    """The width of `paragraph_markup`'s output, each run in its face (`font` for bare text)."""
    total = 0.0
    for m in _RUN.finditer(markup):
        face, text = (m[1], m[2]) if m[1] else (font, m[3])
        total += float(stringWidth(html.unescape(text), face, size))
    return total


def _width(word: str, font: str, size: float, bold: bool) -> float:
    return _markup_width(paragraph_markup(word, bold=bold), font, size)


_content_width = lru_cache(maxsize=8192)(_width)
"""Widths of the procedure's own words, the same in every briefing, kept (never a patient's)."""

Widths = dict[tuple[str, str, float, bool], float]
"""Widths of words measured for one PDF (its labels, dates and the patient's words repeat from
risk to risk): made with the story and dropped with it, never kept for the next briefing."""


def _kept_width(widths: Widths, word: str, font: str, size: float, bold: bool) -> float:
    key = (word, font, size, bold)
    found = widths.get(key)
    if found is None:
        found = widths[key] = _width(word, font, size, bold)
    return found


_BREAKING = " \t\r\n\f\v"
"""Where a line may break: not at a no-break space (a count and its word, "·" and what it heads), as
str.split() would."""
_BREAKS = re.compile(f"[{re.escape(_BREAKING)}]+")


def break_lines(
    text: str,
    style: ParagraphStyle,
    bold: bool,
    width: float,
    content: bool = False,
    widths: Widths | None = None,
) -> list[str]:
    """`text` in logical order, broken at spaces into lines no wider than `width` (a word wider than
    a line has a line of its own). `content`: the procedure's words, whose widths are kept;
    `widths`: this PDF's widths, shared by its paragraphs."""
    if content:
        measure: Callable[[str, str, float, bool], float] = _content_width
    elif widths is not None:
        measure = partial(_kept_width, widths)
    else:
        measure = _width
    space = measure(" ", style.fontName, style.fontSize, bold)
    lines: list[str] = []
    for chunk in text.splitlines() or [""]:
        line: list[str] = []
        used = 0.0
        for word in _BREAKS.split(chunk.strip(_BREAKING)):
            w = measure(word, style.fontName, style.fontSize, bold)
            if line and used + space + w > width:
                lines.append(" ".join(line))
                line, used = [], 0.0
            used += (space if line else 0.0) + w
            line.append(word)
        lines.append(" ".join(line))
    return lines


def _one_line(text: str, style: ParagraphStyle, bold: bool, width: float) -> str | None:
    """The markup of `text` when it is one line that fits in `width` with a point to spare (most
    labels and headings), measured whole; None when it must be broken word by word. Joining and
    reordering keep each word's glyphs (a space joins nothing), so the sum is the words' widths."""
    if " ".join(text.split()) != text:
        return None
    markup = paragraph_markup(text, bold=bold, right_to_left=True)
    if _markup_width(markup, style.fontName, style.fontSize) > width - 1:
        return None
    return markup


def _lines(
    text: str, style: ParagraphStyle, bold: bool, width: float, widths: Widths | None = None
) -> str:
    """The paragraph's markup: its lines for `width`, each in visual order, joined by breaks."""
    one = _one_line(text, style, bold, width)
    if one is not None:
        return one
    lines = break_lines(text, style, bold, width, content=False, widths=widths)
    return "<br/>".join(paragraph_markup(line, bold=bold, right_to_left=True) for line in lines)


@lru_cache(maxsize=1024)
def _content_lines(text: str, style: ParagraphStyle, bold: bool, width: float) -> str:
    one = _one_line(text, style, bold, width)
    if one is not None:
        return one
    lines = break_lines(text, style, bold, width, content=True)
    return "<br/>".join(paragraph_markup(line, bold=bold, right_to_left=True) for line in lines)


class RightToLeft(Flowable):  # type: ignore[misc]
    """A right-to-left paragraph: broken into lines for the width it is laid out in, each line in
    visual order, right-aligned. Splits across pages as a Paragraph does."""

    def __init__(
        self,
        text: str,
        style: ParagraphStyle,
        bold: bool = False,
        content: bool = False,
        widths: Widths | None = None,
    ) -> None:
        super().__init__()
        self.text = text
        self.style = right_to_left(style)
        self.bold = bold
        self.content = content
        """The procedure's own words: their lines, the same in every briefing, are kept."""
        self.widths = widths
        self._para: Paragraph | None = None
        self._for_width: float | None = None

    def _paragraph(self, width: float) -> Paragraph:
        if self._para is None or self._for_width != width:
            inner = width - self.style.leftIndent - self.style.rightIndent - 1
            if self.content:
                markup = _content_lines(self.text, self.style, self.bold, inner)
                self._para = kept_paragraph(markup, self.style)
            else:
                markup = _lines(self.text, self.style, self.bold, inner, self.widths)
                self._para = Para(markup, self.style)
            self._for_width = width
        return self._para

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        para = self._paragraph(avail_width)
        size: tuple[float, float] = para.wrap(avail_width, avail_height)
        self.width, self.height = size
        return size

    def split(self, avail_width: float, avail_height: float) -> list[Any]:
        parts: list[Any] = self._paragraph(avail_width).split(avail_width, avail_height)
        return parts

    def draw(self) -> None:
        assert self._para is not None
        self._para.drawOn(self.canv, 0, 0)

    def getSpaceBefore(self) -> float:
        return float(self.style.spaceBefore)

    def getSpaceAfter(self) -> float:
        return float(self.style.spaceAfter)
