"""What a briefing reports as it happens, and the small interface that receives it (the store)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Protocol

from kiosk.session.signature import Signature


class AbandonReason(StrEnum):
    INACTIVITY = "inactivity"
    STAFF = "staff"
    SOMEONE_ELSE = "someone-else"
    """Walk-up, asked again after Welcome: whoever came said it was not them."""
    IDENTITY = "identity"
    """Left on "ask a staff member" after too many wrong birth dates, until the idle time ended it."""


@dataclass(frozen=True, kw_only=True)
class Event:
    briefing_id: str
    at: datetime
    """When it happened (UTC, timezone-aware)."""


@dataclass(frozen=True, kw_only=True)
class Shown(Event):
    """Something the patient did on a screen: the language that screen was in, and the content hash
    of the procedure in that language (a switch of language mid-briefing stays visible)."""

    language: str
    content_sha256: str


@dataclass(frozen=True, kw_only=True)
class BriefingStarted(Shown):
    """Started in `language` (its content hash in `content_sha256`) on the procedure version whose
    source-language content hash is `procedure_sha256` (what a prepared briefing was made for).
    `witness_planned`: a witness signs after the patient (a walk-up's plan is stored with it)."""

    form_id: str
    form_version: str
    procedure_sha256: str
    witness_planned: bool = False


@dataclass(frozen=True, kw_only=True)
class LanguageChanged(Shown):
    """The patient chose another language mid-briefing, on `screen_id`; what follows is in it."""

    screen_id: str


@dataclass(frozen=True, kw_only=True)
class IdentityConfirmed(Event):
    """The patient proved who they are (prepared briefing) or told us (walk-up: name and birth date)."""

    name: str | None = None
    date_of_birth: date | None = None


@dataclass(frozen=True, kw_only=True)
class IdentityRejected(Event):
    attempt: int
    locked_out: bool
    """True on the last allowed try: the patient is asked to fetch a staff member."""


@dataclass(frozen=True, kw_only=True)
class IdentityDisputed(Event):
    """“This is not me” on a prepared briefing: whoever is at the kiosk is someone else (staff find
    the patient's own briefing; a wrong-patient event, kept with the briefing's record)."""


@dataclass(frozen=True, kw_only=True)
class RiskAcknowledged(Shown):
    risk_id: str
    shown_at: datetime
    """When the risk screen was first shown in this briefing."""
    read_to_end_at: datetime
    """When the risk's whole text had been on screen (scrolled to its end, or it fitted)."""
    seconds_on_screen: float
    """Time spent on the risk screen, all visits added up, until the acknowledgement."""


@dataclass(frozen=True, kw_only=True)
class QuestionFlagged(Shown):
    screen_id: str


@dataclass(frozen=True, kw_only=True)
class QuestionAnswered(Shown):
    question_id: str
    choice_id: str
    correct: bool
    attempt: int
    revisit_screen_id: str | None
    """The screen the patient is sent back to after a wrong first answer."""


@dataclass(frozen=True)
class ScreenTime:
    screen_id: str
    visits: int
    seconds: float


@dataclass(frozen=True)
class ScreenShown:
    """A screen shown in one language: that screen's own hash there, and the procedure's."""

    screen_id: str
    language: str
    screen_sha256: str
    content_sha256: str


@dataclass(frozen=True, kw_only=True)
class Signed(Shown):
    signature: Signature
    screen_times: tuple[ScreenTime, ...]
    screens_shown: tuple[ScreenShown, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Listened(Shown):
    """The patient listened to `screen_id` read aloud, from `started_at` until `at`; `language` and
    `content_sha256` are those of the words heard (kiosk.session.listening decides what is kept)."""

    number: int
    """Which listening of the briefing this was (1, 2, …): its key in the record."""
    screen_id: str
    started_at: datetime
    completed: bool
    """True: it played to its end; False: Listen was tapped again, or the screen left."""
    sentences: int
    """How many sentences the screen's audio has."""
    heard: int
    """How many of them began playing."""
    voice: str
    """The engine and voice the audio was rendered with ("espeak-ng 1.51 en-us")."""
    audio_sha256: str
    """SHA-256 of the screen's clips' SHA-256s, in order, as the manifest vouches for them."""
    automatic: bool
    """True: read as the screen opened (the patient's choice on Welcome); False: Listen tapped."""


@dataclass(frozen=True, kw_only=True)
class Abandoned(Event):
    reason: AbandonReason
    screens_shown: tuple[ScreenShown, ...] = ()


class EventSink(Protocol):
    """Receives each event the moment it happens; raising refuses it and the briefing does not change."""

    def record(self, event: Event) -> None: ...
