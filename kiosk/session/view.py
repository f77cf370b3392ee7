"""What the current screen shows and allows, as plain data: a page draws a `View` and nothing else.

Every word is a message of the catalog (`Msg`) or the procedure's own words (`str`, already in the
patient's language); every decision (which actions show, which are enabled, what the message slot
says) is made here, from the briefing's state, and tested without Qt.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from kiosk.i18n import Msg, Text, msg
from kiosk.session.kinds import READING, ScreenKind


class Action(StrEnum):
    """Everything a patient can tap on a screen, by what it does (never by its words)."""

    START = "start"
    NEXT = "next"
    CONFIRM = "confirm"
    """Identity: check the date of birth typed (or the name, in walk-up mode)."""
    BACK = "back"
    FLAG = "flag"
    ACKNOWLEDGE = "acknowledge"
    NOT_ME = "not_me"
    SIGN = "sign"
    CLEAR_SIGNATURE = "clear_signature"
    SIGNATURE_DRAWN = "signature_drawn"
    """A stroke drawn in the signing box: a refusal said before ("sign in the box") is gone."""
    DATE_TYPED = "date_typed"
    """A key of the birth date's keypad tapped: a refusal of the date typed before is gone."""
    NAME_TYPED = "name_typed"
    """Walk-up: the name typed changed: a refusal of the name typed before is gone."""
    TYPE_INSTEAD = "type_instead"
    DRAW_INSTEAD = "draw_instead"
    FINISH = "finish"
    STILL_HERE = "still_here"
    LANGUAGES = "languages"
    """Open (or close) the list of languages to choose from, on any screen."""
    PRINT_COPY = "print_copy"
    """Done: print the signed briefing's PDF for the patient to take (when the clinic offers it)."""
    ATTEST = "attest"
    """After signing: the interpreter confirms they interpreted (kiosk.session.cosign)."""


class Tone(StrEnum):
    """How a line reads: plain, done (a tick), a notice that asks for something, a flagged question."""

    PLAIN = "plain"
    DONE = "done"
    NOTICE = "notice"
    FLAG = "flag"


class Mark(StrEnum):
    """A sign before a line, drawn as an icon: the question mark faces the reading direction (Arabic's
    ؟), a tick and a cross never turn."""

    TICK = "tick"
    CROSS = "cross"
    QUESTION = "question"


class IdentityStep(StrEnum):
    """Where the patient is on the identity screen."""

    BIRTH_DATE = "birth_date"
    """Enter the date of birth (a prepared briefing, or after the name in walk-up mode)."""
    NAME = "name"
    """Walk-up mode: type the full name first."""
    CONFIRMED = "confirmed"
    LOCKED = "locked"
    """Too many wrong dates: a staff member must help."""


class Copy(StrEnum):
    """“Print my copy” on the done screen: offered (the PDF is made and a printer is set), being
    printed, printed, or failed (the patient is told to ask staff)."""

    OFFERED = "offered"
    PRINTING = "printing"
    PRINTED = "printed"
    FAILED = "failed"


class Filing(StrEnum):
    """The signed briefing's PDF, as the done screen says it."""

    MAKING = "making"
    MADE = "made"
    PENDING = "pending"
    """Saved, but the PDF could not be made now: staff are told why."""


@dataclass(frozen=True)
class Offer:
    """An action on screen: its words, and whether it can be tapped now."""

    label: Msg
    enabled: bool = True
    waiting: Msg | None = None
    """Why it cannot be tapped yet, said if it is tapped anyway (Sign before its statement was
    read to the end): a greyed button that says nothing leaves a patient tapping it again."""
    required: Msg | None = None
    """Why the main action does nothing while this one is not tapped (“Please tap “I understand
    this risk” before going on.”): a message about this button, said by it (`View.said_by`)."""


NEXT = Offer(msg("frame.next"))
BACK = Offer(msg("frame.back"))
NOT_ME_SURE = msg("identity.not-me-sure")
"""Said at the first tap on "This is not me": the second sends them to staff."""
NOT_ME_SURE_NEW = msg("identity.not-me-sure-new")
"""Said so on a walk-up's briefing asked again: the second starts afresh for whoever is there."""
NOT_ME_ASKED = (NOT_ME_SURE, NOT_ME_SURE_NEW)


@dataclass(frozen=True)
class Line:
    text: Text
    tone: Tone = Tone.PLAIN
    mark: Mark | None = None


@dataclass(frozen=True)
class Card:
    """An item of a list screen (an option, a precaution): a heading and its words."""

    title: str
    body: tuple[str, ...]
    """Its paragraphs."""


@dataclass(frozen=True)
class Figure:
    """A reading screen's picture: its SVG's bytes (from the content, never read from disk by a
    page), the words that stand for it (in the patient's language), and its SHA-256 (so a page
    parses each drawing once)."""

    svg: bytes = field(repr=False)
    alt: str
    sha256: str


@dataclass(frozen=True)
class Choice:
    id: str
    text: str
    picked: bool
    """Shown as chosen: the answer just given, if it was right (a wrong one never is)."""
    answer: bool = False
    """Marked as the right answer: once two wrong answers settled the question (the feedback
    line says which it is); the wrong one is then not shown as chosen."""
    missed: bool = False
    """The last answer given, once two wrong answers settled the question: marked as the
    patient's own, not as right (beside the right one), so they see which they chose."""


@dataclass(frozen=True)
class LanguageChoice:
    """A language the patient may choose: its code, its name written in itself (so a patient finds
    their own whatever language the screen is in), and whether the screen is in it now."""

    code: str
    name: str
    chosen: bool
    right_to_left: bool = False


@dataclass(frozen=True)
class View:
    """The current screen, whole. Fields a kind of screen does not use stay empty."""

    kind: ScreenKind
    screen_id: str
    heading: Text | None = None
    """The small line above the title ("Risk 2 of 8")."""
    title: Text | None = None
    paragraphs: tuple[Text, ...] = ()
    cards: tuple[Card, ...] = ()
    figure: Figure | None = None
    """A reading screen's picture, beside (landscape) or above (portrait) its words."""
    ahead: Figure | None = None
    """The next screen's picture, drawn while this screen is read so that Next does not wait
    for it (None when the next screen has none)."""
    lines: tuple[Line, ...] = ()
    """Review: each risk and each flagged question, with its mark."""
    choices: tuple[Choice, ...] = ()
    feedback: Line | None = None
    """A question's word on the answer given."""
    may_say: tuple[Line, ...] = ()
    """Every word the page may say in its own place: a question under its choices (on an answer,
    or why Next waits), signing beside Clear (why Sign did nothing), identity under the name or over
    the date (why it was refused). The page keeps room for the
    longest, so that what comes there never moves what is around it."""
    notice: Msg | None = None
    """A standing word on the screen (the reread screen's "let's look at this again")."""
    message: Msg | None = None
    """The reserved message line: why a tap did nothing (a blocker, a refused date or signature)."""
    message_in_page: bool = False
    """The page says why a tap did nothing in its own place, beside what it is about (identity:
    under the instruction, by the keys; a question: under its choices, where the word on the answer
    stands), in `notice`; a reading screen right under its words, where "There is more below"
    stands, or by the button it is about (`said_by`), in `message` (its `notice` is the reread
    screen's word). The frame then keeps no line for it."""
    said_by: Action | None = None
    """The action whose button `message` is about (it asks for that button to be tapped first: a
    risk's “I understand this risk”, before Next), said by that button and never moving it: the
    button the patient is told to tap stays under their eyes. None: the message is said in the
    page's own place for it (a reading screen's under its words, where a word about reading them
    stands for "There is more below")."""
    primary: tuple[Action, Offer] | None = None
    """The main action, bottom right."""
    offers: Mapping[Action, Offer] = field(default_factory=dict)
    """Every other action on screen (Back, the flag, "I understand this risk", …)."""
    progress: tuple[int, int] | None = None
    flagged: bool = False
    acknowledged: bool = False
    must_read_to_end: bool = False
    """The whole text must have been on screen before the main step (acknowledge, sign)."""
    read_to_end: bool = False
    identity_step: IdentityStep | None = None
    person: str | None = None
    """The name the screen addresses (identity, signing): personal, wiped with the session."""
    on_behalf: Msg | None = None
    """A representative reads and signs: "You are reading this for {patient}"."""
    headings: tuple[Msg, ...] = ()
    """Every heading the briefing's screens may show: the top bar lays itself out for the longest,
    so its buttons keep their words and places from screen to screen."""
    typed_signature: bool = False
    """Signing: the patient types their name (a staff member confirms) instead of drawing."""
    signer: int = 0
    """Signing: who signs, as a number that changes when a representative is named mid-way; the
    pad and the typed name hold nothing of the one before."""
    moment: datetime | None = None
    """Signing: the date and time the signature will carry (now)."""
    filing: Filing | None = None
    staff_note: Msg | None = None
    """Done: a word for staff when the PDF is pending."""
    copy: Copy | None = None
    """Done: “Print my copy” and how it went; None when it is not offered."""
    still_there: int | None = None
    """Seconds left while “Are you still there?” shows; None when it does not."""
    done_left: int | None = None
    """The done screen's last seconds before it goes back to Welcome on its own (None: not yet)."""
    languages: tuple[LanguageChoice, ...] = ()
    """The languages the patient may switch to, in the kiosk's order (empty: only one is offered)."""
    choosing_language: bool = False
    """The list of languages covers the screen (opened from the top of any screen but Welcome)."""
    read_aloud_offered: bool = False
    """Welcome offers reading every screen aloud (some audio is rendered on this kiosk)."""
    read_aloud: bool = False
    """The patient chose it: each screen is read aloud as it opens (where it has audio)."""

    @property
    def refusal(self) -> Msg | None:
        """Why the last tap did nothing, wherever the screen says it (the line under the page, or
        the page's own place for it)."""
        if self.message_in_page and self.kind not in READING:
            return self.notice
        return self.message

    def offer(self, action: Action) -> Offer | None:
        if self.primary is not None and self.primary[0] is action:
            return self.primary[1]
        return self.offers.get(action)

    def can(self, action: Action) -> bool:
        offer = self.offer(action)
        return offer is not None and offer.enabled


def welcome(message: Msg | None = None) -> View:
    """Welcome, between patients: nothing personal, one action."""
    return View(
        kind=ScreenKind.WELCOME,
        screen_id="welcome",
        title=Msg("welcome.title"),
        paragraphs=(Msg("welcome.intro"),),
        primary=(Action.START, Offer(Msg("welcome.start"))),
        message=message,
    )
