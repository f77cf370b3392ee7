"""HarfBuzz shaping in the PDF for the scripts that need it (Indic, Sinhala, Thai, Lao, Khmer,
Myanmar): conjuncts, vowel signs drawn before their consonant, marks stacked above and below.

reportlab shapes a paragraph's words with HarfBuzz (its `shaping` extra, uharfbuzz) when the
paragraph style says `shaping=1` (kiosk.document.styles does). It shapes a whole word in the font of
the word's first run, though, and reads the glyphs back font by font: a word that mixes two fonts
("Dr.श्री") would come out as the wrong glyphs. And the right-to-left scripts are already in visual
order and joined forms (kiosk.document.shaping): shaping them again would turn them round.

So `install` puts `shape_word` in reportlab's place: it hands reportlab's own `shapeFragWord` only
the runs of a word that are in a shaped face (kiosk.document.fontlist, `shaped=True`) or carry a
combining mark, each run on its own, and leaves every other run as it was (so English text is drawn
exactly as before, without HarfBuzz).
"""

from __future__ import annotations

import unicodedata
from typing import Any, Final

from kiosk.document.fontlist import SHAPED_FACES

MISSING: Final = (
    "uharfbuzz is not installed, so PDFs cannot print names in Indic scripts, Sinhala, Thai, Lao, "
    "Khmer or Myanmar (such names are refused); reinstall the kiosk with its dependencies."
)


def available() -> bool:
    """Whether reportlab can shape with HarfBuzz here."""
    from reportlab.pdfbase import ttfonts  # type: ignore[import-untyped]

    return getattr(ttfonts, "uharfbuzz", None) is not None


def install() -> None:
    """Make reportlab's paragraphs shape words through `shape_word`; once per process."""
    from reportlab.platypus import paragraph  # type: ignore[import-untyped]

    if paragraph.shapeFragWord is not shape_word:
        paragraph.shapeFragWord = shape_word


def _font(fragment: Any) -> str | None:
    return None if hasattr(fragment, "cbDefn") else str(fragment.fontName)


def _needs_shaping(run: list[tuple[Any, str]]) -> bool:
    """A run in a shaped face, or any run with a combining mark that has no precomposed letter
    (Yoruba Ọ̀): unshaped, the mark would sit where the font put it for a small letter."""
    if _font(run[0][0]) in SHAPED_FACES:
        return True
    return any(_has_mark(text) for _, text in run)


_unmarked: set[str] = set()
"""Characters seen that are not combining marks: most words are made of them only."""


def _has_mark(text: str) -> bool:
    chars = set(text)
    if chars <= _unmarked:
        return False
    for ch in chars - _unmarked:
        if unicodedata.category(ch) == "Mn":
            return True
        _unmarked.add(ch)
    return False


def shape_word(word: Any) -> Any:
    """A reportlab frag word ([width, (frag, text), ...]) with its shaped-face runs shaped."""
    if len(word) == 2 and not _needs_shaping([word[1]]):  # one run, nothing to shape: most words
        return word
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import (  # type: ignore[import-untyped]
        ShapedFragWord,
        makeShapedFragWord,
        shapeFragWord,
    )

    if isinstance(word, ShapedFragWord):
        return word
    runs: list[list[tuple[Any, str]]] = []
    for fragment, text in word[1:]:
        name = _font(fragment)
        if runs and (name is None or _font(runs[-1][-1][0]) in (None, name)):
            runs[-1].append((fragment, text))
        else:
            runs.append([(fragment, text)])
    if not any(_needs_shaping(run) for run in runs):
        return word
    if len(runs) == 1:
        return shapeFragWord(word)
    width = 0.0
    pieces: list[Any] = []
    changed = False
    for run in runs:
        plain_width = sum(
            pdfmetrics.stringWidth(text, f.fontName, f.fontSize)
            for f, text in run
            if _font(f) is not None
        )
        shaped = shapeFragWord([plain_width, *run]) if _needs_shaping(run) else None
        if shaped is None or shaped[1:] == run:
            width += plain_width
            pieces.extend(run)
        else:
            changed = True
            width += shaped[0]
            pieces.extend(shaped[1:])
    if not changed:
        return word
    return makeShapedFragWord(word)([width, *pieces])
