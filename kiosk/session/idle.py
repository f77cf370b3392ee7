"""Inactivity: how long since the patient last touched the kiosk, against the idle times."""

from __future__ import annotations

from kiosk.session.clock import Clock
from kiosk.session.kinds import IdleState
from kiosk.session.state import IdleTimes


class Inactivity:
    """The time of the patient's last touch, and what it means under given idle times."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self._last_touch = clock.monotonic()

    def touch(self) -> None:
        self._last_touch = self._clock.monotonic()

    def seconds_left(self, times: IdleTimes) -> float:
        """Seconds until the briefing ends for inactivity (none left once it should have)."""
        idle = self._clock.monotonic() - self._last_touch
        return max(0.0, times.warning_after + times.end_after_warning - idle)

    def state(self, times: IdleTimes) -> IdleState:
        """ACTIVE, WARNING after the first idle time, ENDED after the second."""
        idle = self._clock.monotonic() - self._last_touch
        if idle >= times.warning_after + times.end_after_warning:
            return IdleState.ENDED
        if idle >= times.warning_after:
            return IdleState.WARNING
        return IdleState.ACTIVE
