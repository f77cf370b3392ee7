"""Values set into a right-to-left line as runs of their own: Unicode isolates around them, which
the PDF's bidi step reads (kiosk.document.shaping) and then drops, as it drops every mark.

Without them the bidi algorithm orders a value by its neighbours: "GMT+00:00" in Arabic printed
its sign after the digits ("00:00+"), a briefing id that begins with a group of digits after an
Arabic word had its groups reversed, a full stop at the end of a Latin name jumped to its other
end. Nothing is added to a left-to-right document (its lines take the fast, unmarked path)."""

from __future__ import annotations

import re
import unicodedata

from kiosk.i18n import isolated

LRI = "\u2066"
"""LEFT-TO-RIGHT ISOLATE: what follows, up to PDI, is one left-to-right run."""
RLI = "\u2067"
"""RIGHT-TO-LEFT ISOLATE: what follows, up to PDI, is one right-to-left run."""
FSI = "\u2068"
"""FIRST STRONG ISOLATE: what follows, up to PDI, is one run in the direction of its first letter."""
PDI = "\u2069"
"""POP DIRECTIONAL ISOLATE: the end of an isolate."""
_OPENS = (LRI, RLI, FSI)

_OFFSET = re.compile(r"[+\-\u2212]?\d+(?:[:.]\d+)*")
"""A time zone's offset in a GMT format ("+05:30", "-5"): its sign goes with its digits."""


def code(value: str, rtl: bool) -> str:
    """A machine's value (a briefing id, a version, a hash after Arabic words): one left-to-right
    run in a right-to-left line; as it is otherwise. Not for a value after a Latin label ("SHA-256
    {sha256}"): the two are one run already, and an isolate, neutral to its neighbours, would
    draw the value apart from its label."""
    return f"{LRI}{value}{PDI}" if rtl and value else value


def own(value: str, rtl: bool) -> str:
    """A person's words (a name, a role, an MRN, a kiosk's id): one run in its own direction, that
    of its first letter (FSI ... PDI), in a right-to-left line; as it is otherwise."""
    return isolated(value) if rtl and value else value


def zone(gmt: str, rtl: bool) -> str:
    """A time zone as Babel writes it for the locale ("غرينتش+03:00"), its offset one left-to-right
    run in a right-to-left line (the sign before the digits, as the locale's own numbers print
    their sign); as it is otherwise."""
    return _OFFSET.sub(lambda m: code(m[0], rtl), gmt) if rtl else gmt


def _resolved(text: str) -> str:
    """`text` with each FSI made the isolate it resolves to (LRI, or RLI when the first letter
    inside it, nested isolates skipped, is right to left): a value broken across lines keeps on
    the next line the direction its whole run had, whatever its first word there."""
    if FSI not in text:
        return text
    chars = list(text)
    for i, ch in enumerate(chars):
        if ch != FSI:
            continue
        chars[i], depth = LRI, 0
        for inner in chars[i + 1 :]:
            if inner in _OPENS:
                depth += 1
            elif inner == PDI:
                if depth == 0:
                    break
                depth -= 1
            elif depth == 0 and (kind := unicodedata.bidirectional(inner)) in ("L", "R", "AL"):
                chars[i] = LRI if kind == "L" else RLI
                break
    return "".join(chars)


def each_line_whole(lines: list[str]) -> list[str]:
    """The lines of a right-to-left paragraph (logical order) broken inside a value's run: each
    closes at its end the isolates still open there, and the next opens them again, so each
    line's bidi (run line by line) still reads the value's part as one run in its direction."""
    if not any(ch in _OPENS for line in lines for ch in line):
        return lines
    out: list[str] = []
    opened: list[str] = []
    for line in _resolved("\n".join(lines)).split("\n"):
        carried = "".join(opened)
        for ch in line:
            if ch in _OPENS:
                opened.append(ch)
            elif ch == PDI and opened:
                opened.pop()
        out.append(carried + line + PDI * len(opened))
    return out
