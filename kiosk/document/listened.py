"""The PDF's part for what the patient listened to: one line per Listen, in the order heard, naming
the screen, when, and whether it was heard to its end; the audio by its SHA-256 and its voice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from babel.lists import format_list
from reportlab.platypus import Flowable, KeepTogether  # type: ignore[import-untyped]

from kiosk.content.schema import Form
from kiosk.document.record import BriefingRecord, ListenPart
from kiosk.i18n import Words

if TYPE_CHECKING:
    from kiosk.document.story import _Page


def listened_block(page: _Page, record: BriefingRecord, form: Form) -> list[Flowable]:
    """The section, or nothing when the patient listened to no screen."""
    if not record.listenings:
        return []
    w = page.words
    voices = format_list(list(dict.fromkeys(x.voice for x in record.listenings)), locale=w.locale)
    out = page.heading(w("document.listened"), w("document.listened-note", voices=voices))
    for x in record.listenings:
        out.append(KeepTogether(_line(page, x, form)))
    return out


def screen_name(form: Form, screen_id: str, words: Words) -> str:
    """A screen as the patient saw it named: the heading of the kiosk's own screen, a reading
    screen's title or a question's prompt."""
    from kiosk.document.story import KIOSK_SCREENS

    heading = KIOSK_SCREENS.get(screen_id)
    return words(heading) if heading is not None else form.title_of(screen_id)


def _line(page: _Page, x: ListenPart, form: Form) -> list[Flowable]:
    w = page.words
    screen = screen_name(form, x.screen_id, w)
    moment = page.when(x.started_at)
    if x.completed:
        said = w("document.listened-whole", screen=screen, when=moment)
    else:
        said = w(
            "document.listened-stopped",
            screen=screen,
            when=moment,
            heard=x.heard,
            sentences=x.sentences,
        )
    how = "document.listened-automatic" if x.automatic else "document.listened-tapped"
    lines = [page.p(said), page.p(w(how, sha256=x.audio_sha256), "small")]
    if x.language != page.language:  # heard after a switch: in which language, plainly
        lines.append(page.p(w("pdf.heard-in", language=w.language_named(x.language)), "small"))
    return lines
