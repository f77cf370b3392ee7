"""An account disabled while its staff member is signed in acts no more: a reviewer disabled a
coordinator with `kiosk staff disable` and went on preparing briefings in the desk they had left
open. Each action and look under that name is refused with one sentence, nothing is stored or
written, and enabling the account again lets the same session go on."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from kiosk.records.dashboard import Figures, Version
from kiosk.services.console import ConsoleDesk, StaffError
from kiosk.services.dashboard import DeskDashboard
from kiosk.services.documents import DeskDocuments
from kiosk.services.exporting import Exporting, ExportRequest
from kiosk.services.preparing import Preparing
from kiosk.services.staff import SignedOut, StaffDesk
from kiosk.store.briefings import ANY_KIOSK
from kiosk.store.models import AuditEntry, BriefingRow
from kiosk.store.staff import add_staff, disable_staff, enable_staff, is_disabled
from tests.services.conftest import desk_on
from tests.session.fakes import FakeClock
from tests.shared import open_station

NOW = datetime(2026, 12, 3, 15, tzinfo=UTC)
DOB = date(1951, 3, 14)
SAM = "Sam Carter"


@pytest.fixture
def desk(capsys: pytest.CaptureFixture[str]) -> Iterator[ConsoleDesk]:
    with desk_on(capsys, 0) as opened:
        yield opened


def _counts(desk: ConsoleDesk) -> tuple[int, int]:
    with desk.store.reading() as s:
        briefings = s.execute(select(func.count()).select_from(BriefingRow)).scalar_one()
        by_sam = s.execute(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.actor == SAM)
        ).scalar_one()
    return briefings, by_sam


def _refused(act: Callable[[], object]) -> None:
    with pytest.raises(SignedOut) as refused:
        act()
    assert isinstance(refused.value, StaffError)
    assert refused.value.text.id == "staff.signed-out-disabled"


def test_an_account_is_disabled_from_its_disabling_until_enabled_again(desk: ConsoleDesk) -> None:
    assert not desk.disabled(SAM)
    disable_staff(desk.store, SAM, NOW, "kiosk staff disable")
    assert desk.disabled(SAM) and is_disabled(desk.store, " sam  carter ")
    enable_staff(desk.store, SAM, NOW, "kiosk staff enable")
    assert not desk.disabled(SAM)
    assert not desk.disabled("Nobody Here")  # no account by that name: none disabled


def test_nothing_is_done_at_the_desk_under_a_disabled_account(
    desk: ConsoleDesk, tmp_path: Path
) -> None:
    preparing = Preparing(desk)
    form_id = next(iter(desk.forms))
    first = preparing.prepare(SAM, ANY_KIOSK, form_id, "Ana Ruiz", DOB, "")
    disable_staff(desk.store, SAM, NOW, "kiosk staff disable")
    before = _counts(desk)
    day = NOW.date()
    (tmp_path / "out").mkdir()
    figures = Figures(Version(form_id, "1.0.0", "0" * 64, 1), [], 0, 0, 0, 0, [], 0.0, [], [], [])
    _refused(lambda: preparing.prepare(SAM, ANY_KIOSK, form_id, "Luis Gómez", DOB, ""))
    _refused(lambda: desk.briefing(SAM, first))
    _refused(lambda: desk.withdraw(SAM, first, "not-wanted"))
    _refused(lambda: desk.answer(SAM, 1, "Told by phone."))
    _refused(lambda: desk.tell_surgeon(SAM, 1))
    request = ExportRequest("csv", day - timedelta(days=1), day, tmp_path / "out" / "all.csv")
    _refused(lambda: Exporting(desk).run(SAM, request, lambda d, t: None, threading.Event()))
    _refused(lambda: DeskDashboard(desk).save_csv(SAM, figures, "flagged", tmp_path / "f.csv"))
    _refused(lambda: DeskDocuments(desk).save_copy(SAM, first, tmp_path / "copy.pdf"))
    _refused(lambda: list(DeskDocuments(desk).pages_at(SAM, first, 150)))
    assert _counts(desk) == before  # no briefing, no audit row under the disabled name
    assert list((tmp_path / "out").iterdir()) == [] and not (tmp_path / "f.csv").exists()

    enable_staff(desk.store, SAM, NOW, "kiosk staff enable")  # the same session goes on
    desk.withdraw(SAM, first, "not-wanted")
    assert _counts(desk)[1] == before[1] + 1


def test_nothing_is_done_in_staff_mode_under_a_disabled_account(tmp_path: Path) -> None:
    station = open_station(tmp_path, FakeClock(NOW))
    try:
        add_staff(station.store, SAM, "2468", NOW)
        staff = StaffDesk(station)
        form_id = next(iter(station.forms))
        first = staff.prepare(SAM, form_id, "Ana Ruiz", DOB, None)
        disable_staff(station.store, SAM, NOW, "kiosk staff disable")
        _refused(lambda: staff.prepare(SAM, form_id, "Luis Gómez", DOB, None))
        _refused(lambda: staff.withdraw(SAM, first, "not-wanted"))
        _refused(lambda: staff.answer(SAM, 1, "Told by phone."))
        _refused(lambda: staff.copy_pdf(SAM, first))
        _refused(lambda: staff.make_pdf(SAM, first))
        _refused(lambda: staff.print_pdf(SAM, first))
        with station.store.reading() as s:
            assert s.execute(select(func.count()).select_from(BriefingRow)).scalar_one() == 1
    finally:
        station.close()
