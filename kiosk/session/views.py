"""The `View` of each kind of screen, built from the briefing's state: pure functions, no Qt."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kiosk.i18n import Msg, Words, language_name, msg, words_for
from kiosk.session.cosign import STEPS
from kiosk.session.cosign_views import representing, step_view
from kiosk.session.entry import refusals
from kiosk.session.flow import Briefing
from kiosk.session.kinds import READING, ScreenKind, Status
from kiosk.session.question_views import question_view
from kiosk.session.review_views import from_review, review_view, seen_from_review
from kiosk.session.state import IDENTITY_ATTEMPTS
from kiosk.session.view import (
    BACK,
    NEXT,
    NOT_ME_ASKED,
    NOT_ME_SURE,
    NOT_ME_SURE_NEW,
    Action,
    Card,
    Copy,
    Figure,
    Filing,
    IdentityStep,
    LanguageChoice,
    Line,
    Offer,
    Tone,
    View,
    welcome,
)

if TYPE_CHECKING:
    from kiosk.content.schema import Picture

FLAGGABLE = READING | {ScreenKind.QUESTION}
"""The screens a patient can flag a question on: what they read, and what they are asked."""


@dataclass(frozen=True)
class Local:
    """What the screen model keeps beside the briefing: the parts of a screen the flow does not
    decide (the walk-up name typed so far, the signing mode, the PDF's state)."""

    message: Msg | None = None
    typing_name: bool = False
    typed_name: str = ""
    typed_signature: bool = False
    typed_signature_offered: bool = False
    filing: Filing | None = None
    staff_note: Msg | None = None
    copy: Copy | None = None
    still_there: int | None = None
    done_left: int | None = None
    choosing_language: bool = False
    signer: int = 0
    """How many signers were named mid-briefing (a representative): each starts on an empty pad."""
    again: bool = False
    """Start was touched on Welcome with the briefing under way: whoever touched it may be new."""
    not_me: bool = False
    """Whoever is at the screen said the prepared briefing is not theirs: its patient's name and
    the birth date's keys are not shown to them or to whoever comes next; staff find theirs."""


def view_of(b: Briefing, local: Local) -> View:
    """The whole current screen of briefing `b`."""
    kind = b.current.kind
    if kind is ScreenKind.WELCOME:
        view = welcome(local.message)
    elif kind is ScreenKind.IDENTITY:
        view = _identity(b, local)
    elif kind in READING:
        view = _reading(b)
    elif kind is ScreenKind.QUESTION:
        view = question_view(b)
    elif kind is ScreenKind.REVIEW:
        view = review_view(b)
    elif kind is ScreenKind.SIGN:
        view = _sign(b, local)
    elif kind in STEPS:
        view = step_view(b)
    else:
        view = _done(b, local)
    return _framed(b, representing(b, seen_from_review(b, view)), local)


def _framed(b: Briefing, view: View, local: Local) -> View:
    """Progress, Back, the flag and the message line: what every screen of a briefing shares."""
    from dataclasses import replace

    kind = b.current.kind
    live = b.status is Status.IN_PROGRESS
    offers = dict(view.offers)
    # A screen seen again from Review goes back there by its main action ("Back to the summary"):
    # a Back beside it, doing the same, was one button too many for a patient to choose between.
    if kind not in (ScreenKind.WELCOME, ScreenKind.DONE) and b.can_go_back() and not from_review(b):
        offers[Action.BACK] = BACK
    flaggable = live and kind in FLAGGABLE
    if flaggable:
        flagged = b.is_flagged(b.current.id)
        offers[Action.FLAG] = Offer(msg("frame.flagged" if flagged else "frame.flag"))
    progress = b.progress if kind is not ScreenKind.WELCOME else None
    message = view.message or local.message
    # The keys leave no room for a line under the page (identity); a question says it where its
    # word on the answer stands, under the choices; signing beside Clear, under the pad (the
    # frame's line would take the room the choices and the statement need).
    in_page = kind in (ScreenKind.IDENTITY, ScreenKind.QUESTION, ScreenKind.SIGN)
    # A reading screen says it right under its words, in the place of "There is more below" (the
    # frame's line, kept for them both under "I understand this risk", took two lines of the
    # words' room, and stood far from the words it spoke of).
    under_words = kind in READING or kind is ScreenKind.REVIEW  # (Review: under its rows)
    # But Next refused for a button on the page not tapped ("I understand this risk") is said by
    # that button, which does not move (said under the words as a cue is, it pushed the button
    # down, away from the finger it asked for, or left the words' last line cut with no cue).
    said_by = next(
        (a for a, o in offers.items() if message is not None and o.required == message), None
    )
    feedback = view.feedback
    if kind is ScreenKind.QUESTION and message is not None:
        feedback = Line(message, Tone.NOTICE)  # why Next did nothing, said where answers are
    return replace(
        view,
        offers=offers,
        progress=progress,
        feedback=feedback,
        flagged=flaggable and b.is_flagged(b.current.id),
        notice=(view.notice or message) if in_page else view.notice,
        message=None if in_page else message,
        message_in_page=in_page or under_words,
        said_by=said_by,
        still_there=local.still_there,
        ahead=_ahead(b) if live else None,
        # The briefing's own screens hold the top bar still; the check of who it is, before them,
        # keeps its room for the keys (the longest heading took it at 1280x800, Larger text).
        headings=()
        if kind is ScreenKind.IDENTITY
        else headings(len(b.form.steps), len(b.form.risks), len(b.form.questions)),
    )


@cache
def headings(steps: int, risks: int, questions: int) -> tuple[Msg, ...]:
    """Every heading a briefing of so many steps, risks and questions may show over a screen."""
    kiosk = ("identity.heading", "review.heading", "sign.heading", "done.heading")
    own = (*kiosk, *SECTIONS.values(), *REBRIEF_HEADINGS.values())
    counted = (("reading.step", steps), ("reading.risk", risks), ("question.heading", questions))
    return (
        *(msg(m) for m in own),
        *(msg(m, n=n, total=total) for m, total in counted for n in range(1, total + 1)),
    )


def _ahead(b: Briefing) -> Figure | None:
    """The picture of the screen after this one on the path, if that screen has one."""
    at = b.screens.index(b.current) + 1
    if at >= len(b.screens) or b.screens[at].kind not in READING:
        return None
    return _figure(b.form.screen(b.screens[at].id).picture)


def _figure(picture: Picture | None) -> Figure | None:
    return Figure(picture.svg, picture.alt, picture.sha256) if picture is not None else None


NAME_REFUSALS = ("name.type-full-name", "name.too-short", "name.emoji", "name.cannot-print")
"""What a walk-up name may be refused with (kiosk.document.printable.name_problem): the page keeps
room under the name for the longest, so the keyboard never moves when one is said."""


def not_me_question(b: Briefing | None, local: Local) -> Msg | None:
    """What the first tap on "This is not me" asks (None: it was asked; this tap answers it)."""
    if local.message in NOT_ME_ASKED:
        return None
    return NOT_ME_SURE_NEW if b is not None and b.walk_up else NOT_ME_SURE


def identity_step(b: Briefing, local: Local) -> IdentityStep:
    if b.identity_confirmed:
        return IdentityStep.CONFIRMED
    if b.identity_locked or local.not_me:
        return IdentityStep.LOCKED
    if b.patient is None and local.typing_name:
        return IdentityStep.NAME
    return IdentityStep.BIRTH_DATE


def _identity(b: Briefing, local: Local) -> View:
    step = identity_step(b, local)
    heading = msg("identity.heading")
    if step is IdentityStep.CONFIRMED:
        name = b.patient.name if b.patient else ""
        return View(
            kind=ScreenKind.IDENTITY, screen_id="identity", heading=heading,
            title=msg("identity.confirmed", name=name), paragraphs=(msg("identity.begin"),),
            primary=(Action.NEXT, NEXT), identity_step=step, person=name,
        )  # fmt: skip
    if step is IdentityStep.LOCKED:
        return View(
            kind=ScreenKind.IDENTITY, screen_id="identity", heading=heading,
            title=msg(
                "identity.locked-again" if local.again or local.not_me else "identity.locked-title"
            ),
            notice=msg("identity.not-me-said" if local.not_me else "blocker.identity-locked"),
            identity_step=step,
        )  # fmt: skip
    if step is IdentityStep.NAME:
        return View(
            kind=ScreenKind.IDENTITY, screen_id="identity", heading=heading,
            title=msg("identity.name-title"), paragraphs=(msg("identity.name-instruction"),),
            primary=(Action.CONFIRM, NEXT), identity_step=step, person=local.typed_name,
            may_say=tuple(Line(msg(m), Tone.NOTICE) for m in NAME_REFUSALS),
        )  # fmt: skip
    offers = {}
    if b.patient is not None:
        name = b.patient.name
        title: Msg = msg("identity.hello", name=name)
        if (
            b.walk_up
        ):  # asked again, back from Welcome: a name typed there is not shown to whoever came
            name, title = "", msg("identity.again")
        instruction = msg("identity.enter-birth-date")
        sure = local.message in NOT_ME_ASKED
        offers[Action.NOT_ME] = Offer(msg("identity.not-me-yes" if sure else "identity.not-me"))
    else:
        name = local.typed_name
        title = msg("identity.hello", name=name)
        instruction = msg("identity.walk-up-birth-date")
    no_match = (msg("identity.no-match", count=n) for n in range(1, IDENTITY_ATTEMPTS))
    said = (*refusals(), *no_match, msg("identity.not-me-said"), NOT_ME_SURE, NOT_ME_SURE_NEW)
    return View(
        kind=ScreenKind.IDENTITY, screen_id="identity", heading=heading, title=title,
        paragraphs=(instruction,), primary=(Action.CONFIRM, Offer(msg("frame.confirm"))),
        offers=offers, identity_step=step, person=name,
        may_say=tuple(Line(m, Tone.NOTICE) for m in said),
    )  # fmt: skip


def tries_left(b: Briefing) -> int:
    return max(0, IDENTITY_ATTEMPTS - b.identity_attempts)


def _reading(b: Briefing) -> View:
    from kiosk.content.schema import Section

    screen = b.current
    content = b.form.screen(screen.id)
    paragraphs = tuple(content.paragraphs())
    cards: tuple[Card, ...] = ()
    if not isinstance(content, Section):
        cards = tuple(Card(item.title, tuple(item.paragraphs())) for item in content.items)
    figure = _figure(content.picture)
    offers = {}
    is_risk = screen.kind is ScreenKind.RISK
    acknowledged = is_risk and screen.id in b.acknowledgements
    read = b.has_read(screen.id)
    # Read again after a wrong answer (a screen tapped on Review is as it is on the path).
    rereading = b.revisiting and not from_review(b)
    if is_risk and not rereading and not acknowledged:
        label = msg("risk.understand")
        offers[Action.ACKNOWLEDGE] = Offer(
            label, read, msg("blocker.risk-not-read"), msg("blocker.risk-not-acknowledged")
        )
    return View(
        kind=screen.kind,
        screen_id=screen.id,
        heading=_reading_heading(b),
        title=content.title,
        paragraphs=paragraphs,
        cards=cards,
        figure=figure,
        notice=msg("reading.revisit") if rereading else None,
        primary=(Action.NEXT, NEXT),
        offers=offers,
        acknowledged=acknowledged,
        must_read_to_end=is_risk and not acknowledged and not rereading,
        read_to_end=read or acknowledged,
    )


SECTIONS = {
    ScreenKind.ABOUT: "reading.about",
    ScreenKind.OPTIONS: "reading.options",
    ScreenKind.PRECAUTIONS: "reading.precautions",
}
"""The heading of a reading screen that is one of its kind."""

REBRIEF_HEADINGS = {"added": "rebrief.added", "changed": "rebrief.changed"}
"""A re-briefing's heading over a screen shown again, by what happened to it."""


def _reading_heading(b: Briefing) -> Msg:
    screen, form = b.current, b.form
    # Reread after a wrong answer: still in the questions ("Step 2 of 7" misled).
    if b.revisiting and not from_review(b):
        ids = [q.id for q in form.questions]
        return msg("question.heading", n=ids.index(b.place.id) + 1, total=len(ids))
    if screen.id in b.changes:  # a re-briefing: why the patient sees this screen again
        return msg(REBRIEF_HEADINGS[b.changes[screen.id]])
    if screen.kind is ScreenKind.STEP:
        ids = [s.id for s in form.steps]
        return msg("reading.step", n=ids.index(screen.id) + 1, total=len(ids))
    if screen.kind is ScreenKind.RISK:
        ids = [r.id for r in form.risks]
        return msg("reading.risk", n=ids.index(screen.id) + 1, total=len(ids))
    # The part of the briefing, in a few words (the screen's title says more): every reading
    # screen names where the patient is in the same way, never as a count of the whole ("Part 19
    # of 28" stood over the options between "Risk 8 of 8" and "question 1 of 5").
    return msg(SECTIONS[screen.kind])


def _sign(b: Briefing, local: Local) -> View:
    statement = tuple(p.strip() for p in b.form.signing.statement.split("\n\n") if p.strip())
    read = b.has_read("sign")
    offers: dict[Action, Offer] = {}
    if not local.typed_signature:
        offers[Action.CLEAR_SIGNATURE] = Offer(msg("sign.clear"))
    if local.typed_signature_offered:
        switch = Action.DRAW_INSTEAD if local.typed_signature else Action.TYPE_INSTEAD
        offers[switch] = Offer(
            msg("sign.draw-instead" if local.typed_signature else "sign.cannot-draw")
        )
    name = b.patient.name if b.patient else ""
    live = b.status is Status.IN_PROGRESS
    unread = None if read else msg("blocker.statement-not-read")
    # Why Sign may do nothing, said beside Clear (the room for the longest is kept): the statement
    # not read, the signature refused. (A save that failed says more, rarely: not kept for.)
    refusals = ("typed-empty", "not-attested") if local.typed_signature else ("empty", "dot")
    said = (msg("blocker.statement-not-read"), *(msg(f"signature.{r}") for r in refusals))
    may_say = tuple(Line(m, Tone.NOTICE) for m in said)
    return View(
        kind=ScreenKind.SIGN,
        screen_id="sign",
        heading=msg("sign.heading"),
        title=msg("sign.meaning"),
        paragraphs=statement,
        primary=(Action.SIGN, Offer(msg("frame.sign"), read and live, unread)),
        offers=offers,
        must_read_to_end=True,
        read_to_end=read,
        person=name,
        typed_signature=local.typed_signature,
        signer=local.signer,
        may_say=may_say,
    )


def _done(b: Briefing, local: Local) -> View:
    closing = tuple(p.strip() for p in b.form.closing.body.split("\n\n") if p.strip())
    return View(
        kind=ScreenKind.DONE,
        screen_id="done",
        heading=msg("done.heading"),  # not "Part 28 of 28": each screen says where it is in words
        title=msg("done.title"),
        paragraphs=closing,
        primary=(Action.FINISH, Offer(msg("done.finish"))),
        offers=_print_copy(local.copy),
        filing=local.filing or Filing.MAKING,
        staff_note=local.staff_note,
        copy=local.copy,
        done_left=local.done_left,
    )


def _print_copy(copy: Copy | None) -> dict[Action, Offer]:
    """“Print my copy” once the PDF is made and the clinic offers it; again after a failure."""
    if copy is None or copy is Copy.PRINTED:
        return {}
    return {Action.PRINT_COPY: Offer(msg("done.print"), enabled=copy is not Copy.PRINTING)}


def language_choices(
    offered: Sequence[str], b: Briefing | None, words: Words
) -> tuple[LanguageChoice, ...]:
    """The languages the patient may switch to now: those offered here (before a briefing), or the
    briefing's own, in the kiosk's order; none when there is only one. `words` is the one shown."""
    codes = tuple(offered)
    if b is not None:
        codes = tuple(c for c in dict.fromkeys((*offered, *b.languages)) if c in b.languages)
    if len(codes) < 2:
        return ()
    return tuple(
        LanguageChoice(c, language_name(c), c == words.language, words_for(c).right_to_left)
        for c in codes
    )
