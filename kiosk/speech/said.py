"""What the screen on show says aloud, sentence by sentence, from its view: the title, the text,
a list's items, a question's choices, the review's lines, the picture's words; Welcome's way in.

Never the small line above a title, the buttons' words (but Welcome's one way in), a refusal or
feedback that comes and goes, nor anything personal: a text holding the patient's name is left
out (it is on the screen for them; it is not said across a waiting room, nor rendered ahead)."""

from __future__ import annotations

from kiosk.i18n import Text, Words
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import IdentityStep, View
from kiosk.speech.script import sentences


def spoken(view: View, words: Words) -> list[str]:
    """The sentences the screen reads aloud, in reading order (empty: it says nothing)."""
    texts: list[Text] = [view.title] if view.title is not None else []
    lines = [line.text for line in view.lines]
    if view.kind is ScreenKind.REVIEW:  # what was done, then what comes next
        texts += [*lines, *view.paragraphs]
    else:
        texts += [*view.paragraphs, *(t for card in view.cards for t in (card.title, card.body))]
    texts += [choice.text for choice in view.choices]
    if view.identity_step is IdentityStep.LOCKED and view.notice is not None:
        texts.append(view.notice)  # what to do now is the whole screen
    if view.figure is not None:
        texts.append(view.figure.alt)
    if view.kind is ScreenKind.WELCOME and view.primary is not None:
        texts.append(view.primary[1].label)
    if view.on_behalf is not None:  # "You are reading this for {patient}": it names them
        texts = [t for t in texts if t != view.on_behalf]
    said = [words.text(t) for t in texts]
    if view.person:
        said = [t for t in said if view.person not in t]
    return [s for text in said for s in sentences(text)]
