"""How long staff mode stays open without a touch: plain Python, so the rule is tested without Qt."""

from __future__ import annotations

from collections.abc import Callable


class StaffSession:
    """Staff mode closes by itself after `idle_seconds` without a touch (the same time a patient
    gets before “Are you still there?”), so a kiosk left in staff mode does not stay open."""

    def __init__(self, idle_seconds: float, monotonic: Callable[[], float]) -> None:
        self._idle = idle_seconds
        self._monotonic = monotonic
        self._since: float | None = None
        self.staff: str | None = None

    @property
    def open(self) -> bool:
        return self._since is not None

    def opened(self, staff: str) -> None:
        self.staff = staff
        self._since = self._monotonic()

    def touched(self) -> None:
        if self._since is not None:
            self._since = self._monotonic()

    def timed_out(self) -> bool:
        return self._since is not None and self._monotonic() - self._since >= self._idle

    def closed(self) -> None:
        self.staff = None
        self._since = None
