"""One kiosk to a data folder: a second kiosk started on the folder of one that runs is refused in
one sentence, before it touches anything (it took the first one's patient's briefing, under way on
its screen, for one a crash left open, and closed it as abandoned)."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from kiosk.config import load_config
from kiosk.content import load_form
from kiosk.running import LOCK_NAME, Running
from kiosk.session import Briefing
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.store.database import StoreError
from kiosk.store.models import BriefingRow
from tests.conftest import MILD
from tests.session.fakes import FakeClock
from tests.shared import open_station


def test_a_folder_is_held_by_one_kiosk_at_a_time(tmp_path: Path) -> None:
    first = Running(tmp_path)
    with pytest.raises(StoreError) as refused:
        Running(tmp_path)
    said = str(refused.value)
    assert str(tmp_path) in said and f"process {os.getpid()}" in said and "\n" not in said
    assert (tmp_path / LOCK_NAME).stat().st_mode & 0o077 == 0  # the kiosk's user's alone
    first.release()
    Running(tmp_path).release()  # free again once the first has gone


def test_a_second_kiosk_on_the_same_folder_leaves_the_first_ones_briefing_alone(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    station = open_station(tmp_path, clock)
    try:
        prepare_briefing(
            station.store, load_form(MILD), name="Ana Ruiz", date_of_birth=date(1950, 5, 6),
            mrn=None, staff="Sam Carter", now=clock.now(),
        )  # fmt: skip
        b = station.next_briefing()
        assert isinstance(b, Briefing)
        b.go_next()  # under way on the first kiosk's screen
        with pytest.raises(StoreError, match="already running on the data folder"):
            Station.open(load_config(), clock)
        with station.store.reading() as session:
            status = session.scalar(
                select(BriefingRow.status).where(BriefingRow.id == b.briefing_id)
            )
        assert status == "in_progress"
    finally:
        station.close()
    Station.open(load_config(), clock).close()  # once the first kiosk closed, a kiosk may start


def test_a_folder_that_takes_no_locks_still_runs_one_kiosk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A network share without locking answers "no locks" (ENOLCK), not "held by another": the
    kiosk runs as before rather than refuse a folder it always ran on."""
    import errno

    import kiosk.running

    def no_locks(fd: int, how: int) -> None:
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(kiosk.running.fcntl, "flock", no_locks)
    Running(tmp_path).release()


def test_a_second_kiosk_on_the_same_sqlite_file_from_its_own_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reviewer gave a second kiosk a data folder of its own and the first one's SQLite file
    (database_url): it closed the first one's patient's briefing, under way, as abandoned, and
    every acknowledgement after it failed to save."""
    clock = FakeClock()
    station = open_station(tmp_path, clock)
    try:
        prepare_briefing(
            station.store, load_form(MILD), name="Ana Ruiz", date_of_birth=date(1950, 5, 6),
            mrn=None, staff="Sam Carter", now=clock.now(),
        )  # fmt: skip
        b = station.next_briefing()
        assert isinstance(b, Briefing)
        b.go_next()
        shared = f"sqlite:///{station.config.data_dir / 'kiosk.db'}"
        second = tmp_path / "second"
        with pytest.raises(StoreError) as refused:
            Running(second, Path(shared.removeprefix("sqlite:///"))).release()
        said = str(refused.value)
        assert "kiosk.db" in said and "PostgreSQL" in said and "\n" not in said
        # The second kiosk as a clinic would start it: its own folder, the first one's database.
        config = load_config()
        monkeypatch.setenv("KIOSK_DATA_DIR", str(second))
        config.values["database_url"] = shared
        with pytest.raises(StoreError, match="already running on the database"):
            Station.open(config, clock)
        with station.store.reading() as session:
            status = session.scalar(
                select(BriefingRow.status).where(BriefingRow.id == b.briefing_id)
            )
        assert status == "in_progress"
        assert not (second / LOCK_NAME).exists() or _free(second / LOCK_NAME)
    finally:
        station.close()


def _free(lock: Path) -> bool:
    """Nobody holds the lock file (the refused kiosk let go of its own folder's too)."""
    import fcntl

    fd = os.open(lock, os.O_RDWR)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False
    finally:
        os.close(fd)
