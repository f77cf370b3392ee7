"""How often and how long each screen of a briefing was shown, and when it was first shown."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from kiosk.session.clock import Clock
from kiosk.session.events import ScreenTime


class ScreenTimes:
    """The visits, seconds and first showing of every screen, kept as the patient moves.

    The briefing says when a screen is arrived at and left; the screen being shown counts its
    current visit too."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._entered = 0.0
        """When the screen being shown was arrived at (monotonic seconds); set by `arrive`."""
        self._first_shown: dict[str, datetime] = {}
        self._visits: dict[str, int] = {}
        self._seconds: dict[str, float] = {}

    def arrive(self, screen_id: str) -> None:
        self._entered = self._clock.monotonic()
        self._visits[screen_id] = self._visits.get(screen_id, 0) + 1
        self._first_shown.setdefault(screen_id, self._clock.now())

    def leave(self, screen_id: str) -> None:
        spent = self._clock.monotonic() - self._entered
        self._seconds[screen_id] = self._seconds.get(screen_id, 0.0) + spent

    def first_shown(self, screen_id: str) -> datetime:
        return self._first_shown[screen_id]

    def seconds_on(self, screen_id: str, *, showing: bool) -> float:
        """Total seconds the screen has been shown; `showing`: it is on screen now, this visit counts."""
        extra = self._clock.monotonic() - self._entered if showing else 0.0
        return self._seconds.get(screen_id, 0.0) + extra

    def shown(self, order: Sequence[str], current: str) -> tuple[ScreenTime, ...]:
        """Visits and seconds for every screen shown so far, in the path's `order`."""
        order = list(order)
        return tuple(
            ScreenTime(
                sid, self._visits[sid], round(self.seconds_on(sid, showing=sid == current), 3)
            )
            for sid in sorted(self._visits, key=order.index)
        )
