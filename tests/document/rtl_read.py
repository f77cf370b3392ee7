"""Reading an Arabic PDF's lines as a reader of Arabic does, for the right-to-left tests: each
line's glyphs in the order they are drawn (PDFium, by their position, not by any extractor's idea
of the order), then from the right, a stretch of Latin letters and digits (with the punctuation
touching them, and the spaces between such words) read from its left; and the briefing's values
that must read whole."""

from __future__ import annotations

import ctypes
import re
import unicodedata
from datetime import timedelta, timezone

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]

from kiosk.content import load_form
from tests.conftest import MILD

EN = load_form(MILD)
AR = load_form(MILD.with_name("ar.toml"))
ZONE = timezone(timedelta(hours=-5))
"""A zone west of Greenwich: its offset has a sign that must stay before its digits."""
BRIEFING = "12345678-1234-4abc-8def-0123456789ab"
"""A briefing id that begins with groups of digits (a digit group after an Arabic word reads as an
Arabic number: its groups were reversed)."""
NAME = "John Smith Jr."
"""A Latin name that ends in a full stop (it jumped to the name's other end)."""
WORD = r"[^\s()\[\]«»\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]*[0-9A-Za-z\u00c0-\u024f][^\s()\[\]«»\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]*"
LATIN = re.compile(rf"{WORD}(?: +{WORD})*|.", re.S)


def drawn_lines(pdf: bytes) -> list[list[str]]:
    """Each page's lines, top to bottom, each the glyphs as drawn from left to right."""
    document = pdfium.PdfDocument(pdf)
    pages = []
    for page in document:
        text = page.get_textpage()
        lines: dict[float, list[tuple[float, str]]] = {}
        x, y = ctypes.c_double(), ctypes.c_double()
        for i in range(text.count_chars()):
            if pdfium_c.FPDFText_IsGenerated(text.raw, i) == 1:
                continue  # a space or line end PDFium made up
            pdfium_c.FPDFText_GetCharOrigin(text.raw, i, x, y)
            lines.setdefault(round(y.value, 1), []).append(
                (x.value, chr(pdfium_c.FPDFText_GetUnicode(text.raw, i)))
            )
        pages.append(["".join(c for _, c in sorted(lines[y])) for y in sorted(lines, reverse=True)])
    document.close()
    return pages


def read(line: str) -> str:
    """A drawn line of a right-to-left paragraph as a reader of Arabic reads it (Arabic
    presentation forms as their letters)."""
    return unicodedata.normalize("NFKC", "".join(reversed(LATIN.findall(line))))


def latin(text: str) -> set[str]:
    """The stretches of Latin letters and digits of `text` (as read), each whole."""
    return {t for t in LATIN.findall(text) if len(t) > 1}
