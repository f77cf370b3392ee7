"""A briefing prepared for the next free kiosk: every kiosk offers it, the first to start it takes
it (the record then names that kiosk), and the others no longer offer it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime

import pytest

from kiosk.records import desk
from kiosk.session import Briefing, Patient, ScreenKind
from kiosk.store import Recorder, RecordError, Store
from kiosk.store.briefings import ANY_KIOSK, next_prepared, prepare_briefing
from kiosk.store.models import BriefingRow
from tests.records.conftest import FORM, walk_to
from tests.session.fakes import FakeClock

NOW = datetime(2026, 11, 23, 9, tzinfo=UTC)
DOB = date(1950, 5, 6)


def _start(store: Store, briefing_id: str) -> Briefing:
    b = Briefing(
        FORM, briefing_id, Recorder(store), FakeClock(NOW), patient=Patient("Ana Ruiz", DOB, None)
    )
    walk_to(b, ScreenKind.RISK)
    return b


def test_the_first_kiosk_to_start_it_takes_it(store: Store) -> None:
    desk_store = dataclasses.replace(store, kiosk_id="front-desk")
    first, second = (dataclasses.replace(store, kiosk_id=k) for k in ("kiosk-1", "kiosk-2"))
    briefing_id = prepare_briefing(
        desk_store, FORM, name="Ana Ruiz", date_of_birth=DOB, mrn=None, staff="Sam Carter",
        now=NOW, kiosk_id=ANY_KIOSK,
    )  # fmt: skip
    since = datetime(2026, 11, 1, tzinfo=UTC)
    for kiosk in (first, second):
        waiting = next_prepared(kiosk, since)
        assert waiting is not None and waiting.briefing_id == briefing_id
    with store.reading() as session:
        assert ANY_KIOSK not in desk.known_kiosks(session)  # never a kiosk to prepare for
    _start(second, briefing_id)
    with store.reading() as session:
        row = session.get(BriefingRow, briefing_id)
        assert row is not None and (row.kiosk_id, row.status) == ("kiosk-2", "in_progress")
    assert next_prepared(first, since) is None
    with pytest.raises(RecordError, match="not prepared"):  # the other kiosk, a moment late
        _start(first, briefing_id)
