"""The pseudo-locale: every English message accented, about 40% longer and in brackets.

A screen run in it shows at once a word that did not come from the catalog (it is plain English),
a text cut at its end (the closing bracket is missing) and a layout that only holds for short
English (translations run longer). Placeholders (`{name}`) are kept as they are.
"""

from __future__ import annotations

import re

_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
_PLACEHOLDER = re.compile(r"(\{[^{}]*\})")
_PADDING = "·ẋẏẑ"
GROWTH = 0.4


def pseudo(text: str) -> str:
    """`Next` → `[Ñéẋţ·ẋẏ]`: accented outside placeholders, padded by GROWTH, bracketed."""
    if not text:
        return text
    parts = _PLACEHOLDER.split(text)
    shown = "".join(p if _PLACEHOLDER.fullmatch(p) else p.translate(_ACCENTED) for p in parts)
    visible = sum(len(p) for p in parts if not _PLACEHOLDER.fullmatch(p))
    extra = max(1, round(visible * GROWTH))
    words = shown.split("\n")
    pad = (_PADDING * (extra // len(_PADDING) + 1))[:extra]
    # Long messages grow by words, as translations do, so a line can still wrap between them.
    if visible > 24:
        chunks = [pad[i : i + 6] for i in range(0, len(pad), 6)]
        words[-1] = words[-1] + " " + " ".join(chunks)
    else:
        words[-1] = words[-1] + pad
    return "[" + "\n".join(words) + "]"
