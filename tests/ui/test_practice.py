"""Practice mode through the real widgets: a newcomer walks the sample patient's briefing to a signed
PDF that says PRACTICE on every page, and can walk it again at once."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from kiosk.cli import main
from kiosk.config import CONFIG_ENV, DATA_DIR_ENV, load_config
from kiosk.i18n import words_for
from kiosk.practice import SAMPLE, set_up, write_settings
from kiosk.session import ScreenKind
from kiosk.station import Station
from kiosk.store.models import BriefingRow, Document
from kiosk.ui.window import KioskWindow
from tests.pdfsig import pdfsig
from tests.session.fakes import FakeClock
from tests.ui.conftest import NAME
from tests.ui.drive import acknowledge, begin, forward, kind, next_, sign_here, tap, walk_to


@pytest.fixture
def station(tmp_path: Path, clock: FakeClock, monkeypatch: pytest.MonkeyPatch) -> Iterator[Station]:
    """The station `kiosk practice` opens: its own folder, set up from nothing."""
    folder = tmp_path / "data-practice"
    path = write_settings(folder)
    monkeypatch.setenv(CONFIG_ENV, str(path))
    monkeypatch.setenv(DATA_DIR_ENV, str(folder))
    set_up(path, clock.now())
    with Station.open(load_config(), clock) as station:
        yield station


def test_a_newcomer_walks_the_sample_briefing_to_a_practice_pdf_and_again(
    qtbot: QtBot, window: KioskWindow, station: Station, capsys: pytest.CaptureFixture[str]
) -> None:
    words = words_for("en")
    banner = window.practice
    assert station.practice and banner is not None and banner.isVisible()
    born = words.date(SAMPLE.date_of_birth)
    # Welcome: who the sample patient is, and how staff open staff mode with the practice account.
    assert all(part in banner.text() for part in ("PRACTICE", SAMPLE.name, born, SAMPLE.pin))

    begin(qtbot, window, SAMPLE.date_of_birth.strftime("%m%d%Y"))  # the birth date it shows
    b = window.briefing
    assert b is not None and b.patient is not None and b.patient.name == SAMPLE.name
    assert banner.isVisible() and "PRACTICE" in banner.text() and born in banner.text()
    walk_to(qtbot, window, ScreenKind.SIGN)
    sign_here(qtbot, window)
    with qtbot.waitSignal(window.pdf_finished, timeout=30_000):
        next_(qtbot, window)
    assert kind(window) is ScreenKind.DONE

    with station.store.reading() as session:
        row = session.get(BriefingRow, b.briefing_id)
        assert row is not None and row.kiosk_id == "practice"
        document = session.scalars(
            select(Document).where(Document.briefing_id == b.briefing_id)
        ).one()
    path = station.config.documents_dir / Path(document.path).name
    text = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = [page for page in text.split("\f") if page.strip()]
    assert len(pages) > 1 and all("PRACTICE ·" in page for page in pages)  # every page's footer
    assert words("practice.pdf-notice").split(".")[0] in " ".join(pages[0].split())
    report = pdfsig(path)
    assert report.valid and report.whole_document, report.text
    capsys.readouterr()
    assert main(["verify", str(path)]) == 0, capsys.readouterr()

    # Done, then Welcome: Start gives the sample patient a new briefing at once.
    tap(qtbot, window.done.finish)
    assert kind(window) is ScreenKind.WELCOME
    tap(qtbot, window.welcome.start_button)
    again = window.briefing
    assert kind(window) is ScreenKind.IDENTITY and again is not None
    assert again.briefing_id != b.briefing_id and again.patient is not None
    assert again.patient.name == SAMPLE.name


def test_the_practice_banner_does_not_stand_in_the_staff_corner(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """The banner lies across the top of the window, above the top bar's corner square: the
    screen's own corner, on the banner's edge, opens staff sign-in as the banner says."""
    banner = window.practice
    assert banner is not None
    top_left = banner.mapTo(window, banner.rect().topLeft())
    for point in (QPoint(1, 1), top_left + QPoint(4, 4)):
        assert window.childAt(point) is window.screen_corner
    window.screen_corner.hold_ms = 50  # where it is (the three seconds: test_privacy_and_lock)
    with qtbot.waitSignal(window.screen_corner.held, timeout=5000):
        qtbot.mousePress(window.screen_corner, Qt.MouseButton.LeftButton, pos=QPoint(1, 1))


def test_larger_text_a_risk_all_on_screen_needs_no_scroll(
    qtbot: QtBot, window: KioskWindow, station: Station
) -> None:
    """Larger text at 1280x800 under the PRACTICE banner: "Nerve injury" is on screen whole, its
    room a pixel short of it (rounding). A reviewer found "I understand this risk" disabled and
    "more below" said until the text was scrolled by that pixel."""
    from kiosk.ui.pages.scroll import Reading

    tap(qtbot, window.top.larger_button)
    begin(qtbot, window, "03141951")
    b = window.briefing
    assert b is not None
    while b.current.id != "risk-nerve-injury":
        forward(qtbot, window)
    qtbot.waitUntil(lambda: window.reading.isVisible())
    area = next(r for r in window.reading.findChildren(Reading) if r.isVisible())
    bar = area.verticalScrollBar()
    assert bar.value() == 0
    rows = [area.content.itemAt(n) for n in range(area.content.count())]
    shown = [
        w for i in rows if i is not None and (w := i.widget()) is not None and not w.isHidden()
    ]
    text = shown[-1]
    assert text.isVisible() and text.height() > 0
    # All of it in the room but a pixel: the last line whole, as tests.ui.seen counts it.
    bottom = text.mapTo(area.viewport(), text.rect().bottomLeft()).y()
    assert bottom <= area.viewport().height() + 1
    qtbot.waitUntil(lambda: window.model is not None and window.model.view.read_to_end)
    assert not window.bottom.message.text()
    acknowledge(qtbot, window)
    assert b.current.id in b.acknowledgements


def test_the_practice_banner_stays_in_sight_over_the_language_list(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """The language list covered the whole window, PRACTICE too: a newcomer trying languages
    lost the sample patient's name and birth date the banner holds."""
    begin(qtbot, window, "03141951")
    banner = window.practice
    assert banner is not None and banner.isVisible()
    tap(qtbot, window.top.language_button)
    chooser = window.language_chooser
    qtbot.waitUntil(chooser.isVisible)
    assert banner.isVisible()
    assert chooser.geometry().top() >= banner.geometry().bottom() + 1
    assert chooser.geometry().bottom() == window.rect().bottom()
    assert window.childAt(banner.geometry().center()) is banner


def test_the_practice_banner_names_the_patient_staff_prepared(
    qtbot: QtBot, window: KioskWindow, prepared: str
) -> None:
    """Staff prepared a briefing for another patient in practice mode: the banner named the sample
    patient over "Hello, <that patient>", and a trainee typed the sample's birth date."""
    banner = window.practice
    assert banner is not None
    tap(qtbot, window.welcome.start_button)
    assert kind(window) is ScreenKind.IDENTITY
    assert NAME in banner.text() and SAMPLE.name not in banner.text()


def test_staff_mode_keeps_the_practice_account_in_the_banner(
    qtbot: QtBot, window: KioskWindow
) -> None:
    """Open, staff mode showed Welcome's banner, which tells how to open staff mode."""
    banner = window.practice
    assert banner is not None
    welcome = banner.text()
    window.open_staff()
    assert window.staff_mode.is_open
    staff = window.staff_mode.words("practice.banner-staff", staff=SAMPLE.staff, pin=SAMPLE.pin)
    assert banner.text() == staff
    window.staff_mode.close()
    assert banner.text() == welcome  # the patient's screen, as it was


def test_a_walk_up_patient_is_not_shown_the_sample_patient(qtbot: QtBot) -> None:
    """A reviewer in practice mode's walk-up typed "José Muñoz" under "PRACTICE · Alex Sample,
    born March 14, 1951": a walk-up patient types who they are, any name does."""
    from types import SimpleNamespace
    from typing import cast

    from kiosk.i18n import words_for
    from kiosk.session import Briefing
    from kiosk.ui.widgets.practice import PracticeBanner

    banner = PracticeBanner(SAMPLE)
    qtbot.addWidget(banner)
    words = words_for("en")
    walk_up = cast(Briefing, SimpleNamespace(patient=None))
    banner.draw(words, welcome=False, of=walk_up)
    assert banner.text() == words("practice.banner-walk-up")
    assert SAMPLE.name not in banner.text()
    banner.draw(words, welcome=True, of=None)  # Welcome still tells how to try the sample
    assert SAMPLE.name in banner.text()


def test_welcome_in_walk_up_mode_names_no_sample_patient(qtbot: QtBot) -> None:
    """A reviewer in walk-up mode read "Sample patient: Alex Sample, born March 14, 1951" on
    Welcome, though no briefing waits for the sample then: any name and birth date do."""
    from kiosk.i18n import words_for
    from kiosk.ui.widgets.practice import PracticeBanner

    banner = PracticeBanner(SAMPLE, lambda: True)
    qtbot.addWidget(banner)
    words = words_for("en")
    banner.draw(words, welcome=True, of=None)
    assert banner.text() == words(
        "practice.banner-walk-up-welcome", staff=SAMPLE.staff, pin=SAMPLE.pin
    )
    assert SAMPLE.name not in banner.text() and SAMPLE.pin in banner.text()
