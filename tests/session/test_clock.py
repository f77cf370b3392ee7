"""The real clock gives UTC wall time and a monotonic count."""

from datetime import UTC

from kiosk.session import SystemClock


def test_system_clock() -> None:
    clock = SystemClock()
    assert clock.now().tzinfo is UTC
    first = clock.monotonic()
    assert clock.monotonic() >= first
