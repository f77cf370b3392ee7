"""Staff mode's idle rule without Qt: it warns for its last seconds (a touch starts the time again),
closes at the idle time, and remembers that it closed for that until someone opens it again."""

from __future__ import annotations

from kiosk.session.staffing import StaffSession
from tests.session.fakes import FakeClock


def test_staff_are_warned_before_staff_mode_closes_and_a_touch_starts_again() -> None:
    clock = FakeClock()
    session = StaffSession(90, clock.monotonic, 30)
    assert session.warning() is None and not session.open
    session.opened("Sam Carter")
    clock.advance(59)
    assert session.warning() is None  # 31 s left: not yet
    clock.advance(1)
    assert session.warning() == 30 and not session.timed_out()
    clock.advance(19.5)
    assert session.warning() == 11  # whole seconds, rounded up
    session.touched()
    assert session.warning() is None and session.seconds_left() == 90
    clock.advance(89)
    assert session.warning() == 1 and not session.timed_out()
    clock.advance(1)
    assert session.timed_out() and session.warning() is None


def test_the_warning_is_at_most_half_the_idle_time() -> None:
    clock = FakeClock()
    session = StaffSession(20, clock.monotonic, 30)
    session.opened("Sam Carter")
    clock.advance(9)
    assert session.warning() is None
    clock.advance(1)
    assert session.warning() == 10


def test_closing_for_want_of_a_touch_is_remembered_until_staff_open_it_again() -> None:
    clock = FakeClock()
    session = StaffSession(90, clock.monotonic)
    session.opened("Sam Carter")
    clock.advance(90)
    assert session.timed_out()
    session.closed(idle=True)
    assert session.closed_idle and not session.open and session.staff is None
    session.opened("Dana Okafor")
    assert not session.closed_idle
    session.closed()  # staff closed it themselves: nothing to tell the next one
    assert not session.closed_idle
