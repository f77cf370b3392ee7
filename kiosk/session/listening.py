"""What the patient listened to, screen by screen: the session decides what is kept and records it
through the briefing like every other step (stored first, with its audit row); the screen only
reports that Listen started, moved on a sentence, and finished or was stopped.

Kept: a listening on a screen of a briefing under way (identity to signing). Not kept: Welcome's
(no briefing yet) and the done screen's (the briefing is signed and its record closed).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from kiosk.session.events import Listened
from kiosk.session.kinds import Status
from kiosk.session.state import FlowError

if TYPE_CHECKING:
    from kiosk.session.flow import Briefing
    from kiosk.speech.listening import Clip

log = logging.getLogger(__name__)

LOUD = 1.0
"""The audio's volume as the system's own (the player's full volume follows the system's)."""
QUIET = 0.4
"""The quieter of the two volumes the patient can choose beside Listen."""


def audio_sha256(clips: Sequence[Clip]) -> str:
    """One SHA-256 for a screen's audio: of its clips' SHA-256s, in order, one per line."""
    return hashlib.sha256("\n".join(c.sha256 for c in clips).encode()).hexdigest()


@dataclass(frozen=True)
class _Open:
    """A listening under way: the briefing, screen, language and audio it is of, since when."""

    briefing_id: str
    screen_id: str
    language: str
    content_sha256: str
    started_at: datetime
    sentences: int
    voice: str
    audio_sha256: str
    automatic: bool


class Listens:
    """The record of listening for the screen model: one row per Listen, when it ends."""

    def __init__(
        self,
        briefing: Callable[[], Briefing | None],
        now: Callable[[], datetime],
        not_saved: Callable[[BaseException], bool],
    ) -> None:
        self._briefing = briefing
        self._now = now
        self._not_saved = not_saved
        self._open: _Open | None = None
        self._heard = 0
        self._numbered: tuple[str, int] = ("", 0)
        """The briefing whose listenings are being numbered, and how many it has had."""
        self.quiet = False
        """The patient chose the quieter volume (for their session only)."""

    @property
    def volume(self) -> float:
        """The volume to play at, of the system's (1.0)."""
        return QUIET if self.quiet else LOUD

    def set_quiet(self, quiet: bool) -> None:
        """The patient's choice beside Listen: quieter, or as loud as the system."""
        self.quiet = quiet

    def end_session(self) -> None:
        """The patient is gone: a listening under way is recorded (if it still can be), and the
        next patient starts at the system's volume."""
        self.interrupted()
        self.quiet = False

    @property
    def listening(self) -> bool:
        return self._open is not None

    def started(self, screen_id: str, clips: Sequence[Clip], voice: str, automatic: bool) -> None:
        """The screen began reading `screen_id` aloud from `clips` (rendered with `voice`)."""
        self.interrupted()
        b = self._briefing()
        if b is None or b.status is not Status.IN_PROGRESS or not clips:
            return
        if b.current.id != screen_id:
            return  # the screen on show is not the one read: nothing true to record
        self._open = _Open(
            b.briefing_id,
            screen_id,
            b.form.language,
            b.form.content_sha256,
            self._now(),
            len(clips),
            voice,
            audio_sha256(clips),
            automatic,
        )
        self._heard = 1

    def sentence(self, index: int) -> None:
        """Sentence `index` (0 first) began playing."""
        if self._open is not None:
            self._heard = max(self._heard, min(index + 1, self._open.sentences))

    def ended(self, completed: bool) -> None:
        """The audio played to its end (`completed`), or was stopped: the listening is recorded."""
        opened, self._open = self._open, None
        b = self._briefing()
        if opened is None or b is None or b.briefing_id != opened.briefing_id:
            return
        if b.status is not Status.IN_PROGRESS:
            return
        briefing, count = self._numbered
        number = count + 1 if briefing == opened.briefing_id else 1
        self._numbered = (opened.briefing_id, number)
        event = Listened(
            briefing_id=opened.briefing_id,
            at=self._now(),
            language=opened.language,
            content_sha256=opened.content_sha256,
            number=number,
            screen_id=opened.screen_id,
            started_at=opened.started_at,
            completed=completed,
            sentences=opened.sentences,
            heard=self._heard if not completed else opened.sentences,
            voice=opened.voice,
            audio_sha256=opened.audio_sha256,
            automatic=opened.automatic,
        )
        try:
            b.listened(event)
        except FlowError as exc:
            log.warning("a listening was not recorded: %s", exc)
        except Exception as exc:
            if not self._not_saved(exc):
                raise
            # Nothing for the patient to do again: the audio was heard; the log says it was lost.
            log.error("a listening could not be stored: %s", type(exc).__name__)

    def interrupted(self) -> None:
        """The briefing is about to end or be signed: a listening still under way is recorded as
        stopped now, while the briefing can still take it."""
        if self._open is not None:
            self.ended(False)
