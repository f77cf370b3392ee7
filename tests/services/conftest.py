"""The desk's services on a kiosk's records, as the tests of this folder open them."""

from __future__ import annotations

import random
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

import pytest

from kiosk.cli import main
from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.demo import StepClock, one_briefing
from kiosk.services.console import ConsoleDesk
from kiosk.store import open_store
from kiosk.store.staff import add_staff
from tests.conftest import MILD
from tests.session.fakes import FakeClock

NOW = datetime(2026, 12, 3, 15, tzinfo=UTC)
STAFF = "Sam Carter"


@contextmanager
def desk_on(
    capsys: pytest.CaptureFixture[str], briefings: int, staff: bool = True
) -> Iterator[ConsoleDesk]:
    """`kiosk init`, then `briefings` briefings signed at kiosk front-desk (PDFs pending, an hour
    apart before NOW) and, with `staff`, STAFF's account (PIN 2468); the desk opened on them."""
    assert main(["init"]) == 0
    capsys.readouterr()
    config = load_config()
    store = open_store(config.database_url, "front-desk")
    if staff:
        add_staff(store, STAFF, "2468", NOW)
    rng = random.Random(3)
    for n in range(briefings):
        one_briefing(store, load_form(MILD), rng, StepClock(NOW - timedelta(hours=n + 1), rng))
    store.close()
    opened = ConsoleDesk.open(config, FakeClock(NOW))
    try:
        yield opened
    finally:
        opened.close()
