"""How long staff mode stays open without a touch, when it warns first, and whether it closed for
that: plain Python, so the rule is tested without Qt."""

from __future__ import annotations

import math
from collections.abc import Callable

WARN_SECONDS = 30.0
"""How long before closing staff mode asks “Are you still there?” (the patient's own answer time)."""


class StaffSession:
    """Staff mode closes by itself after `idle_seconds` without a touch (the same time a patient
    gets before “Are you still there?”), so a kiosk left in staff mode does not stay open. The last
    `warn_seconds` of it (at most half of it) staff are warned, with the seconds left; a touch starts
    the time again. Once it closed for that, `closed_idle` says so until a staff member opens it
    again (the next sign-in tells them why their work is gone)."""

    def __init__(
        self,
        idle_seconds: float,
        monotonic: Callable[[], float],
        warn_seconds: float = WARN_SECONDS,
    ) -> None:
        self._idle = idle_seconds
        self._warn = max(0.0, min(warn_seconds, idle_seconds / 2))
        self._monotonic = monotonic
        self._since: float | None = None
        self.staff: str | None = None
        self.closed_idle = False
        """Staff mode last closed because nobody touched it (until the next staff member opens it)."""

    @property
    def idle_seconds(self) -> float:
        return self._idle

    @property
    def open(self) -> bool:
        return self._since is not None

    def opened(self, staff: str) -> None:
        self.staff = staff
        self._since = self._monotonic()
        self.closed_idle = False

    def touched(self) -> None:
        if self._since is not None:
            self._since = self._monotonic()

    def seconds_left(self) -> float | None:
        """Seconds until staff mode closes for want of a touch (None: it is not open)."""
        if self._since is None:
            return None
        return max(0.0, self._idle - (self._monotonic() - self._since))

    def warning(self) -> int | None:
        """The whole seconds left to say while staff are warned, else None (not open, not yet in
        the warning's time, or already timed out)."""
        left = self.seconds_left()
        if left is None or left <= 0 or left > self._warn:
            return None
        return math.ceil(left)

    def timed_out(self) -> bool:
        left = self.seconds_left()
        return left is not None and left <= 0

    def closed(self, *, idle: bool = False) -> None:
        """Staff mode closed: by staff, or (`idle`) because nobody touched it."""
        self.staff = None
        self._since = None
        self.closed_idle = idle
