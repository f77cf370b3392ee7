"""A patient's tap against the store: stored, refused, not saved, or held up and tried again.

Every step of a briefing is stored before the screen changes. When another program holds the
database (a backup tool, a database browser, another kiosk's long write), the tap waits only a
moment for it (the store's short wait for patient events), then is held here and tried again a few
times a second by the page's timer, while the screen stays live and says it is saving. It changes
the screen once the store took it; after SAVING_SECONDS the patient is told it was not saved and
may tap again. Other taps that would store something wait their turn (they are refused, saying
it is saving), so the order of what the patient did is the order it is stored in.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.i18n import Msg, msg
from kiosk.session.state import FlowError

log = logging.getLogger(__name__)

SAVING_SECONDS = 10.0
"""How long a tap the store could not take yet is tried again before the patient is told it was
not saved (the store's own busy timeout, so a held-up tap gives up no sooner than before)."""


@dataclass(frozen=True)
class Tried:
    """What became of an intent: stored, or the sentence for the message line (None: say nothing)."""

    stored: bool
    message: Msg | None = None
    then: Callable[[], object] | None = None
    """(A retry that was stored) what follows the intent, now that it is stored."""


@dataclass(frozen=True)
class Pending:
    intent: Callable[[], object]
    then: Callable[[], object] | None
    since: float


SAVING = msg("problem.saving")
NOT_SAVED = msg("problem.not-saved")


class Attempts:
    """Runs the patient's intents; holds the one the database held up."""

    def __init__(
        self,
        *,
        not_saved: Callable[[BaseException], bool],
        busy: Callable[[BaseException], bool],
        monotonic: Callable[[], float],
        seconds: float = SAVING_SECONDS,
    ) -> None:
        """`not_saved(exc)` tells a store failure (the patient may tap again) from a bug;
        `busy(exc)` a failure the same intent may be tried again for."""
        self._not_saved = not_saved
        self._busy = busy
        self._monotonic = monotonic
        self._seconds = seconds
        self.pending: Pending | None = None

    def attempt(
        self,
        intent: Callable[[], object],
        then: Callable[[], object] | None = None,
        *,
        hold: bool = True,
    ) -> Tried:
        """Run `intent` (the caller runs `then` if it was stored). Held up by another writer, it is
        kept for `retry` when `hold`, else it was not saved. While one is held, nothing else runs."""
        if self.pending is not None:
            return Tried(False, SAVING)
        try:
            intent()
        except Exception as exc:
            if hold and self._busy(exc):
                log.warning("a tap waits for the database (another program holds it)")
                self.pending = Pending(intent, then, self._monotonic())
                return Tried(False, SAVING)
            return Tried(False, self._failed(exc))
        return Tried(True)

    def retry(self) -> Tried | None:
        """Try the held intent again: None while it is still held up (nothing changes on screen)."""
        pending = self.pending
        if pending is None:
            return None
        try:
            pending.intent()
        except Exception as exc:
            if self._busy(exc) and self._monotonic() - pending.since < self._seconds:
                return None
            self.pending = None
            return Tried(False, self._failed(exc))
        self.pending = None
        log.info("the tap that waited for the database is stored")
        return Tried(True, then=pending.then)

    def drop(self) -> None:
        """The patient is gone: a held tap is not tried again (nothing of it was stored)."""
        self.pending = None

    def _failed(self, exc: Exception) -> Msg | None:
        """A refusal's sentence, or a failed save's; a bug is raised."""
        if isinstance(exc, FlowError):
            if exc.message_id is None:
                log.warning("an intent was refused: %s", exc)
            return msg(exc.message_id) if exc.message_id else None
        if not self._not_saved(exc):
            raise exc
        # The exception's text can carry SQL parameters (names): log its kind only.
        log.error("an event could not be stored: %s", type(exc).__name__)
        return NOT_SAVED
