"""What each screen says aloud: its title and text (and its picture's words), a question with its
choices, the kiosk's own screens (Welcome, identity, review, signing, done) in the catalog's words,
split into sentences (the unit that is rendered, played and highlighted).

A screen on show is read from what it shows (`spoken`, kiosk.speech.said); `script` lists every
sentence any screen of the form can show, so that all of them are rendered ahead of time. Nothing
personal is ever in it: a sentence holding the patient's name is not read aloud."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kiosk.content.schema import Form, ItemList, Section
from kiosk.i18n import Words, languages, words_for

_SENTENCE_END = re.compile(r"(?<=[.!?؟…])\s+|(?<=[.!?؟…][»”\"')\]])\s+")
"""A sentence ends at a full stop, question or exclamation mark (Arabic's too) or an ellipsis,
with any closing quotes or brackets, before a space. The procedure's words are written plainly, for
patients: no abbreviations with a full stop inside a sentence."""

KIOSK_WORDS = {
    "welcome": ("welcome.title", "welcome.intro", "welcome.start"),
    "identity": (
        "identity.name-title",
        "identity.name-instruction",
        "identity.enter-birth-date",
        "identity.walk-up-birth-date",
        "identity.begin",
        "identity.again",
        "cosign.patient-birth-date",
        "identity.locked-title",
        "identity.locked-again",
        "blocker.identity-locked",
    ),
    "reading": ("reading.revisit", "risk.understand", "risk.understood"),  # every reading screen's
    "review": (
        "review.title",
        "review.risks",
        "review.questions",
        "review.questions-follow-up",
        "review.no-questions",
        "review.ready",
    ),
    "sign": ("sign.meaning", "signer.meaning.representative"),
    "done": ("done.title",),
    "still-there": ("still-there.title", "still-there.spoken"),  # over any screen, for a listener
    # Why a tap did nothing, said to a patient who listens (they heard nothing, and felt stuck).
    "refusals": (
        "blocker.risk-not-acknowledged",
        "blocker.risk-not-read",
        "blocker.risks-outstanding",
        "blocker.question-not-answered",
        "blocker.statement-not-read",
        "blocker.not-signed",
        "question.again",
    ),
}
"""The catalog's words each of the kiosk's own screens can read aloud (kiosk.session.views)."""


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
    alt = (screen.picture.alt,) if screen.picture is not None else ()
    if isinstance(screen, Section):
        return _screen(screen.id, screen.title, *screen.paragraphs(), *alt)
    items = [text for item in screen.items for text in (item.title, item.body)]
    return _screen(screen.id, screen.title, screen.intro, *items, *alt)


def _kiosk_screens(form: Form) -> list[Spoken]:
    """The kiosk's own screens in the form's language (none if the kiosk has no words in it)."""
    if form.language not in languages():
        return []
    words = words_for(form.language)
    said = {screen: [words(m) for m in ids] for screen, ids in KIOSK_WORDS.items()}
    said["review"] += [words("review.risk-missing", title=risk.title) for risk in form.risks]
    said["welcome"] += language_offer(words)
    said["sign"] += paragraphs(form.signing.statement)
    said["done"] += paragraphs(form.closing.body)
    return [s for screen, texts in said.items() for s in _screen(screen, *texts)]


def language_offer(words: Words) -> list[str]:
    """How to choose this language, said in it on Welcome after the welcome in another: "Para
    español, toque «Español»" (a patient who cannot read the screen's language hears their own)."""
    return sentences(words("welcome.language-offer", language=words("language.self")))


def paragraphs(text: str) -> list[str]:
    """A text's paragraphs (blank-line separated), as the signing and done screens show them."""
    return [p.strip() for p in text.split("\n\n") if p.strip()]


def script(form: Form) -> list[Spoken]:
    """Every sentence the kiosk can read aloud from a form, screen by screen, in the patient's order:
    the reading screens (each with its picture's words), each question with its choices, then the
    kiosk's own screens (Welcome, identity, review, signing, done)."""
    said: list[Spoken] = []
    for _, screen in form.content_screens():
        said += _reading(screen)
    for question in form.questions:
        said += _screen(question.id, question.prompt, *(c.text for c in question.choices))
    return said + _kiosk_screens(form)
