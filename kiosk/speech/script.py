"""What each screen says aloud: its title and text, a question with its choices, the signing
statement, split into sentences (the unit that is rendered, played and highlighted)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.content.schema import Form, ItemList, Section

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|(?<=[.!?؟…][»”\"')\]])\s+")
"""A sentence ends at a full stop, question or exclamation mark (Arabic's too) or an ellipsis,
with any closing quotes or brackets, before a space. The procedure's words are written plainly, for
patients: no abbreviations with a full stop inside a sentence."""


@dataclass(frozen=True)
class Spoken:
    """One sentence of one screen, in reading order: what is rendered, played and highlighted."""

    screen_id: str
    index: int
    """Its place among the screen's sentences (0 is the title)."""
    text: str


def sentences(text: str) -> list[str]:
    """A text's sentences, each on one line, in order; a title without a full stop is one."""
    flat = " ".join(text.split())
    return [s for s in (part.strip() for part in _SENTENCE_END.split(flat)) if s]


def _screen(screen_id: str, *texts: str) -> list[Spoken]:
    said = [s for text in texts for s in sentences(text)]
    return [Spoken(screen_id, n, s) for n, s in enumerate(said)]


def _reading(screen: Section | ItemList) -> list[Spoken]:
    if isinstance(screen, Section):
        return _screen(screen.id, screen.title, *screen.paragraphs())
    items = [text for item in screen.items for text in (item.title, item.body)]
    return _screen(screen.id, screen.title, screen.intro, *items)


def script(form: Form) -> list[Spoken]:
    """Every sentence the kiosk can read aloud from a form, screen by screen, in the patient's order:
    the reading screens, each question with its choices, then what the signature means."""
    said: list[Spoken] = []
    for _, screen in form.content_screens():
        said += _reading(screen)
    for question in form.questions:
        said += _screen(question.id, question.prompt, *(c.text for c in question.choices))
    said += _screen(form.signing.id, form.signing.statement)
    return said
