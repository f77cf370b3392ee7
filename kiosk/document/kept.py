"""Paragraphs of words that are the same in every briefing (the procedure's, the catalog's), their
markup parsed once per process: reportlab parses a paragraph's markup with an HTML parser each time
one is made (a tenth of a PDF). Each paragraph gets its own copies of the parsed pieces."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from reportlab.lib.styles import ParagraphStyle  # type: ignore[import-untyped]
from reportlab.platypus import Paragraph  # type: ignore[import-untyped]
from reportlab.platypus.paragraph import (  # type: ignore[import-untyped]
    cleanBlockQuotedText,
    textTransformFrags,
)
from reportlab.platypus.paraparser import ParaParser  # type: ignore[import-untyped]


class Para(Paragraph):  # type: ignore[misc]
    """A Paragraph that lays its lines out once per width: the frame, a KeepTogether around it and
    a table measure a paragraph at the same width again and again (reportlab breaks its lines
    each time); the lines depend on the width alone."""

    _wrapped_for: float | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if avail_width == self._wrapped_for and "blPara" in self.__dict__:
            return self.width, self.height
        size: tuple[float, float] = super().wrap(avail_width, avail_height)
        self._wrapped_for = avail_width if hasattr(self, "blPara") else None
        return size


@lru_cache(maxsize=4096)
def _parsed(markup: str, style: ParagraphStyle) -> tuple[str, ParagraphStyle, tuple[Any, ...], Any]:
    """What `Paragraph.__init__` makes of the markup, as it makes it."""
    text = cleanBlockQuotedText(markup)
    parser = ParaParser()
    parser.caseSensitive = 1
    parsed_style, frags, bullet = parser.parse(text, style)
    if frags is None:
        raise ValueError(f"xml parser error ({parser.errors[0]}) in paragraph {text[:30]!r}")
    textTransformFrags(frags, parsed_style)
    return text, parsed_style, tuple(frags), bullet


def kept_paragraph(markup: str, style: ParagraphStyle) -> Para:
    """`Paragraph(markup, style)`, from the markup parsed once (never a patient's words: the
    cache keeps what it is given)."""
    text, parsed_style, frags, bullet = _parsed(markup, style)
    return Para(text, parsed_style, bulletText=bullet or None, frags=[f.clone() for f in frags])
