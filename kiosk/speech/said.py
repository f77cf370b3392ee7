"""What the screen on show says aloud, sentence by sentence, from its view: the title, the text,
a list's items, a question's choices, the review's lines, the picture's words; Welcome's way in.

Never the small line above a title, the buttons' words (but Welcome's one way in, and a risk's
"I understand this risk", or that it was said), a refusal or feedback that comes and goes (but
"Not quite", which says why a screen is read again), nor anything personal: a text holding the patient's name is left
out (it is on the screen for them; it is not said across a waiting room, nor rendered ahead)."""

from __future__ import annotations

from kiosk.i18n import Text, Words, msg
from kiosk.session.kinds import ScreenKind
from kiosk.session.view import Action, IdentityStep, View
from kiosk.speech.script import sentences


def spoken(view: View, words: Words) -> list[str]:
    """The sentences the screen reads aloud, in reading order (empty: it says nothing)."""
    body, acknowledgement = spoken_parts(view, words)
    return [*body, *acknowledgement]


def spoken_parts(view: View, words: Words) -> tuple[list[str], list[str]]:
    """The screen's sentences, and apart from them a risk's last words, on its acknowledgement
    ("I understand this risk", or that it was said): for Listen, the same screen whether or not
    it was tapped."""
    texts: list[Text] = []
    if view.notice is not None and view.notice.id == "reading.revisit":
        texts.append(view.notice)  # why this screen again ("Not quite. ..."), before it is reread
    texts += [view.title] if view.title is not None else []
    lines = [line.text for line in view.lines]
    if view.kind is ScreenKind.REVIEW:  # what was done, then what comes next
        texts += [*lines, *view.paragraphs]
    else:
        texts += [*view.paragraphs, *(t for card in view.cards for t in (card.title, *card.body))]
    texts += [choice.text for choice in view.choices]
    if view.identity_step is IdentityStep.LOCKED and view.notice is not None:
        texts.append(view.notice)  # what to do now is the whole screen
    if view.figure is not None:
        texts.append(view.figure.alt)
    if view.kind is ScreenKind.WELCOME and view.primary is not None:
        texts.append(view.primary[1].label)
    if view.on_behalf is not None:  # "You are reading this for {patient}": it names them
        texts = [t for t in texts if t != view.on_behalf]
    acknowledge = view.offers.get(Action.ACKNOWLEDGE)
    if acknowledge is not None:  # a risk: what to tap once it is understood
        last: list[Text] = [acknowledge.label]
    else:
        last = [msg("risk.understood")] if view.acknowledged else []
    return _sentences(view, words, texts), _sentences(view, words, last)


def controls_said(view: View, words: Words) -> dict[str, Action]:
    """The sentences said that name a control, not a text on the page, each with the control's
    action: Welcome's one way in ("Touch here to start"), marked while said as a language is."""
    if view.kind is not ScreenKind.WELCOME or view.primary is None:
        return {}
    action, offer = view.primary
    return dict.fromkeys(_sentences(view, words, [offer.label]), action)


def still_there_said(words: Words) -> list[str]:
    """“Are you still there?” as said to a patient who has been listening: its title, and what its
    countdown says without the number (the seconds go on while it is said)."""
    return [s for m in ("still-there.title", "still-there.spoken") for s in sentences(words(m))]


def _sentences(view: View, words: Words, texts: list[Text]) -> list[str]:
    said = [words.text(t) for t in texts]
    if view.person:
        said = [t for t in said if view.person not in t]
    return [s for text in said for s in sentences(text)]
