"""The real kiosk window on a real store, with a clock the test moves and staff sign-in replaced."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSize
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.cli import main
from kiosk.config import DATA_DIR_ENV, load_config
from kiosk.content import load_form
from kiosk.station import Station
from kiosk.store.briefings import prepare_briefing
from kiosk.ui.collector import GuiCollector
from tests.conftest import MILD, Templates, _migrate, set_config
from tests.session.fakes import FakeClock

NAME = "Zoë Ångström-Öberg"
DOB = date(1951, 3, 14)


class FakeInteraction:
    """Staff sign-in answered by the test: the name to return (None: cancelled), and who was asked."""

    def __init__(self, answer: str | None = "Sam Carter") -> None:
        self.answer = answer
        self.asked: list[str] = []
        self.patients: list[object] = []
        """What the patient read over each sign-in (None: no patient spoken to)."""

    def staff_sign_in(self, parent: object, reason: str, patient: object = None) -> str | None:
        self.asked.append(reason)
        self.patients.append(patient)
        return self.answer


@pytest.fixture(autouse=True)
def gui_collector(qapp: QApplication) -> Iterator[GuiCollector]:
    """Cyclic garbage collected on the GUI thread only during each test, as in the kiosk and the
    console (a PDF job on the worker thread once freed a widget left in a cycle there, and the
    worker crashed); Python's own collection again after it, for the tests without Qt that the
    same worker runs next. The widgets a test before this one left to be deleted (pytest-qt
    closes a test's widgets and deletes them later, at an event loop's turn that may not come)
    are deleted first: another test's field, typed in, looked like this test's leftovers."""
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    collector = GuiCollector(qapp)
    yield collector
    collector.stop(everything=False)  # (every generation after every test would cost minutes)


@pytest.fixture
def settings() -> dict[str, object]:
    """Settings of the kiosk under test, changed from what `kiosk init` writes."""
    return {}


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(datetime.now(UTC))


@pytest.fixture
def station(
    tmp_path: Path,
    clock: FakeClock,
    settings: dict[str, object],
    capsys: pytest.CaptureFixture[str],
    db_templates: Templates,
) -> Iterator[Station]:
    """A kiosk set up by `kiosk init` (its settings changed by `settings`), opened. The database
    `init` would migrate is a copy of one migrated once per worker (Alembic's scripts, loaded at
    each migration, were a quarter of every window test's setting up); `init` does the rest."""
    data_dir = Path(os.environ[DATA_DIR_ENV])
    if not {"data_dir", "database_url"} & settings.keys() and not data_dir.exists():
        data_dir.mkdir(mode=0o700, parents=True)
        shutil.copyfile(db_templates.sqlite("migrated", _migrate)[0], data_dir / "kiosk.db")
        (data_dir / "kiosk.db").chmod(0o600)
    assert main(["init"]) == 0
    capsys.readouterr()
    set_config(tmp_path / "config" / "kiosk.toml", **settings)
    with Station.open(load_config(), clock) as station:
        yield station


@pytest.fixture
def prepared(station: Station, clock: FakeClock) -> str:
    """A briefing for NAME prepared on this kiosk; the next patient to touch Start gets it."""
    return prepare_briefing(
        station.store,
        load_form(MILD),
        name=NAME,
        date_of_birth=DOB,
        mrn="MRN-0042",
        staff="Sam Carter",
        now=clock.now(),
    )


@pytest.fixture
def interaction() -> FakeInteraction:
    return FakeInteraction()


@pytest.fixture
def practice_banner() -> bool:
    """Whether the window shows practice mode's PRACTICE banner across its top (a layout test
    parametrizes it: the banner takes a line of every screen's room)."""
    return False


def _no_staff_mode(window: QWidget) -> None:
    window.open_staff = lambda: None  # type: ignore[attr-defined]


@pytest.fixture
def window(  # type: ignore[no-untyped-def]
    qtbot: QtBot,
    station: Station,
    interaction: FakeInteraction,
    practice_banner: bool,
    monkeypatch: pytest.MonkeyPatch,
):
    from kiosk.practice import SAMPLE
    from kiosk.ui.window import KioskWindow

    if practice_banner:  # the banner as `kiosk practice` shows it, on this test's briefings
        monkeypatch.setattr(Station, "sample", property(lambda station: SAMPLE))
    w = KioskWindow(station, interaction)  # type: ignore[arg-type]
    # pytest-qt closes its widgets before this fixture's teardown, and only staff may close the
    # kiosk: the close is refused as on a kiosk, but staff mode, which the refusal opens, is not
    # (0.3 s of every window test). Letting that close through instead crashed a worker twice
    # this session, deleting the window below.
    qtbot.addWidget(w, before_close_func=_no_staff_mode)
    w.show_at(QSize(1280, 800))
    qtbot.waitExposed(w)
    yield w
    w.jobs.wait(20_000)
    w.allow_close = True
    w.close()
    w.deleteLater()
    QCoreApplication.sendPostedEvents(
        None, QEvent.Type.DeferredDelete
    )  # no window outlives its test
